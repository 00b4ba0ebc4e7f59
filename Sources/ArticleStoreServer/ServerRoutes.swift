import Hummingbird

/// Routes a ``SyncServer`` serves beside the sync API on the same listener,
/// such as the web view (`ArticleStoreWeb`).
@available(macOS 14, iOS 17, tvOS 17, *)
public protocol ServerRoutes: Sendable {
    /// Every fixed route as `METHOD /path`, so that a known path asked with
    /// another method is answered 405 with `Allow`.
    var routes: [String] { get }
    /// Adds the routes, and any middleware they need, to `router`.
    func add(to router: Router<BasicRequestContext>)
}
