/// Somewhere a store syncs with: another store behind HTTP, a folder, or a
/// store in the same process. A remote answers ``SyncRequest``s; the store's
/// `pull`, `push`, `sync` and `clone` drive the conversation (Schema/sync.md).
///
/// Implementations must be safe to call from several tasks.
public protocol Remote: Sendable {
    /// Where the remote is, as a user would name it (a URL or a path). The
    /// store keeps its checkpoints for the remote under this name. It must
    /// never contain a secret such as a token.
    var location: String { get }

    /// Sends one request and returns the remote's answer: one round trip.
    func exchange(_ request: SyncRequest) async throws -> SyncResponse
}

/// Another store in the same process, reached without I/O. Messages are
/// still encoded and decoded, so tests exercise what travels on the wire.
public struct InMemoryRemote: Remote {
    /// The store that answers.
    public let store: ArticleStore
    /// When false, pushes are refused as a `read` token's would be.
    public let writable: Bool

    /// A remote that is `store`; pushes are refused unless `writable`.
    public init(_ store: ArticleStore, writable: Bool = true) {
        self.store = store
        self.writable = writable
    }

    /// The store's path.
    public var location: String { store.url.path }

    /// Answers `request` as the store would over HTTP.
    public func exchange(_ request: SyncRequest) async throws -> SyncResponse {
        let request = try SyncRequest(decoding: request.encoded)
        if request.writes, !writable {
            throw StoreError(.forbidden, "this remote is read-only", subject: location)
        }
        let response = try await store.respond(to: request)
        return try SyncResponse(decoding: response.encoded)
    }
}
