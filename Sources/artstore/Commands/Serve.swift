import ArgumentParser
import ArticleStore
import ArticleStorePostgres
import Foundation
import Logging

#if canImport(ArticleStoreServer)
    import ArticleStoreServer
    import ArticleStoreWeb
#endif

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Serve the store over HTTP for pull, push and clone, and its web view at /. Requests need a token from `artstore token create`.",
        discussion: "Plain HTTP: put a TLS proxy in front for use beyond this machine (see the README).")
    @OptionGroup var options: StoreOptions
    @OptionGroup var hub: DatabaseOptions
    @Option(help: "HOST:PORT to listen on.") var listen = "127.0.0.1:8080"
    @Option(name: .customLong("body-limit"), help: "The largest request body accepted, in bytes (larger: 413).")
    var bodyLimit = ServerLimits().bodyLimit
    @Option(help: "Seconds a connection may take to send a whole request head, or stay idle between requests.")
    var headTimeout = 20.0
    @Option(help: "Seconds a request body may pause before the connection is closed.")
    var bodyTimeout = 30.0
    @Option(help: "Most open connections; beyond it the one waiting longest for a request head is closed.")
    var maxConnections = ServerLimits().maxConnections
    @Option(help: "Most requests handled at once; more are answered 503 with Retry-After.")
    var maxRequests = ServerLimits().maxRequests
    @Flag(help: "Serve only the sync API, without the web view.") var noWeb = false
    @Option(help: "With --database: the most connections this server opens to PostgreSQL.")
    var connections = 16
    @Option(help: "With --database: seconds a request waits for PostgreSQL before it is answered 503.")
    var databaseTimeout = 10.0

    func run() async throws {
        try await reporting {
            let address = try ListenAddress(listen)
            if hub.url != nil { return try await serveHub(address) }
            let store = try options.open()
            #if canImport(ArticleStoreServer)
                let server = SyncServer(
                    store: store, host: address.host, port: address.port, limits: try limits(), logger: nil,
                    extraRoutes: noWeb ? [] : [WebView(store: store)])
                if try await store.tokens().isEmpty {
                    Terminal.note("no tokens yet: every request will get 401; create one with `artstore token create`")
                }
                Terminal.note("serving \(store.url.path) on http://\(listen)")
                try await server.run()
            #else
                throw StoreError(.invalidArgument, "this build has no HTTP server", subject: store.url.path)
            #endif
        }
    }

    #if canImport(ArticleStoreServer)
        /// Serves a hub in PostgreSQL: the sync API only, since the web
        /// view reads a store's derived tables (Schema/hub.md).
        func serveHub(_ address: ListenAddress) async throws {
            guard connections > 0, databaseTimeout > 0 else {
                throw StoreError(.invalidArgument, "--connections and --database-timeout must be above 0")
            }
            guard
                let opened = try await hub.openHub(
                    connections: connections, timeout: .milliseconds(Int64(databaseTimeout * 1000)))
            else { return }
            let server = SyncServer(
                responder: opened, host: address.host, port: address.port, limits: try limits(),
                logger: Logger(label: "artstore.serve"))
            if try await opened.tokens().isEmpty {
                Terminal.note(
                    "no tokens yet: every request will get 401; create one with `artstore token create --database URL`")
            }
            Terminal.note("serving the hub in \(opened.database) on http://\(listen) (sync API only)")
            do {
                try await server.run()
            } catch {
                await opened.close()
                throw error
            }
            await opened.close()
        }

        func limits() throws -> ServerLimits {
            guard headTimeout > 0, bodyTimeout > 0, maxConnections > 0, maxRequests > 0, bodyLimit > 0 else {
                throw StoreError(.invalidArgument, "limits and timeouts must be above 0")
            }
            return ServerLimits(
                headTimeout: .milliseconds(Int64(headTimeout * 1000)),
                bodyTimeout: .milliseconds(Int64(bodyTimeout * 1000)), maxConnections: maxConnections,
                maxRequests: maxRequests, bodyLimit: bodyLimit)
        }
    #endif
}
