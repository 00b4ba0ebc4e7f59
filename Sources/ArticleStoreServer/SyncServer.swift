import ArticleStore
import Hummingbird
import HummingbirdCore
import Logging

/// Serves one `ArticleStore`, or any other `SyncResponder` such as a hub
/// on PostgreSQL, to other stores over HTTP, so that they can pull from it,
/// push to it and clone it (Schema/sync.md, Schema/openapi.yaml).
///
/// ```swift
/// let server = SyncServer(store: store, host: "127.0.0.1", port: 8080, logger: nil)
/// try await server.run()
/// ```
@available(macOS 14, iOS 17, tvOS 17, *)
public struct SyncServer: Sendable {
    /// The media type of sync request and response bodies.
    public static let mediaType = "application/x-artstore"

    /// What answers the sync requests: the served store, or a hub.
    public let responder: any SyncResponder
    /// The address to listen on, such as `127.0.0.1` or `0.0.0.0`.
    public let host: String
    /// The port to listen on; 0 lets the system pick a free one (see ``start()``).
    public let port: Int
    /// Timeouts and caps that keep slow or hostile clients from holding the server.
    public let limits: ServerLimits
    /// The largest request body accepted, in bytes; larger ones get 413.
    public var bodyLimit: Int { limits.bodyLimit }
    /// Where the server logs one line per request. Tokens are never logged.
    public let logger: Logger
    /// Routes served beside the sync API, such as the web view.
    public let extraRoutes: [any ServerRoutes]

    /// A server for `store`, not yet listening.
    ///
    /// - Parameters:
    ///   - store: The store to serve.
    ///   - host: The address to listen on, such as `127.0.0.1` or `0.0.0.0`.
    ///   - port: The port to listen on; 0 lets the system pick a free one.
    ///   - limits: Timeouts, connection and request caps, and the body limit.
    ///   - logger: Where to log; the store's logger when nil.
    ///   - extraRoutes: Routes to serve beside the sync API, such as the web view.
    public init(
        store: ArticleStore, host: String, port: Int, limits: ServerLimits = ServerLimits(), logger: Logger?,
        extraRoutes: [any ServerRoutes] = []
    ) {
        self.init(
            responder: store, host: host, port: port, limits: limits, logger: logger ?? store.configuration.logger,
            extraRoutes: extraRoutes)
    }

    /// A server for any `SyncResponder`, not yet listening.
    ///
    /// - Parameters:
    ///   - responder: What answers the sync requests and checks tokens.
    ///   - host: The address to listen on, such as `127.0.0.1` or `0.0.0.0`.
    ///   - port: The port to listen on; 0 lets the system pick a free one.
    ///   - limits: Timeouts, connection and request caps, and the body limit.
    ///   - logger: Where to log.
    ///   - extraRoutes: Routes to serve beside the sync API.
    public init(
        responder: any SyncResponder, host: String, port: Int, limits: ServerLimits = ServerLimits(), logger: Logger,
        extraRoutes: [any ServerRoutes] = []
    ) {
        self.responder = responder
        self.host = host
        self.port = port
        self.limits = limits
        self.logger = logger
        self.extraRoutes = extraRoutes
    }

    /// A server for `store` with the default limits but for the body limit.
    public init(store: ArticleStore, host: String, port: Int, bodyLimit: Int, logger: Logger?) {
        self.init(store: store, host: host, port: port, limits: ServerLimits(bodyLimit: bodyLimit), logger: logger)
    }

    /// Serves until the process receives SIGINT or SIGTERM, then lets the
    /// requests in progress finish and returns.
    public func run() async throws {
        try await application().runService()
    }

    /// Like ``run()``, calling `onListening` with the port once the server
    /// accepts connections (the system's choice when ``port`` is 0).
    public func run(onListening: @escaping @Sendable (Int) async -> Void) async throws {
        try await application(onRunning: onListening).runService()
    }

    /// The Hummingbird application; `onRunning` gets the port it listens on.
    func application(
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> Application<RouterResponder<BasicRequestContext>> {
        let port = port
        let board = ConnectionBoard(limits: limits)
        let logger = logger
        return Application(
            router: router(),
            server: .http1(
                configuration: HTTP1Channel.Configuration(
                    additionalChannelHandlers: [ConnectionGuard(board: board, logger: logger)])),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }
}
