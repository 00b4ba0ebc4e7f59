/// What answers sync requests as a remote: an ``ArticleStore``, or a hub
/// that keeps its objects in another database. `SyncServer` serves any of
/// them the same way, so a client cannot tell them apart.
public protocol SyncResponder: Sendable {
    /// The responder's answer to `request`. The caller has checked that
    /// the request's token allows it (``SyncRequest/writes``).
    func respond(to request: SyncRequest) async throws -> SyncResponse
    /// The scope of `token`, or nil when the responder did not issue it.
    func scope(ofToken token: String) async throws -> TokenScope?
}

extension ArticleStore: SyncResponder {}
