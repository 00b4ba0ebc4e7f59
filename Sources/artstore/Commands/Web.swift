import ArgumentParser
import ArticleStore
import Foundation

#if canImport(ArticleStoreServer)
    import ArticleStoreServer
    import ArticleStoreWeb
#endif

struct Web: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Browse the store in a web browser: serves it on this machine and prints a one-time login link.",
        discussion: """
            Listens on 127.0.0.1 on a free port unless --listen says otherwise. The link signs one browser in
            (read-only) and then stops working; sign in again with a token from `artstore token create`.
            """)
    @OptionGroup var options: StoreOptions
    @Option(help: "HOST:PORT to listen on (port 0: a free one).") var listen = "127.0.0.1:0"
    @Flag(help: "Open the login link in the default browser.") var open = false

    func run() async throws {
        try await reporting {
            let address = try ListenAddress(listen)
            let store = try options.open()
            #if canImport(ArticleStoreServer)
                let sessions = SessionStore()
                let code = await sessions.oneTimeCode(scope: .read)
                let host = address.host
                let server = SyncServer(
                    store: store, host: host, port: address.port, logger: nil,
                    extraRoutes: [WebView(store: store, sessions: sessions)])
                let open = open
                try await server.run { port in
                    let shown = host.contains(":") ? "[\(host)]" : host
                    let link = "http://\(shown):\(port)/login?code=\(code)"
                    // Written at once, not buffered: whoever reads the link waits for it.
                    FileHandle.standardOutput.write(Data((link + "\n").utf8))
                    Terminal.note("serving \(store.url.path) at http://\(shown):\(port)/ (Ctrl-C stops)")
                    if open { Self.openInBrowser(link) }
                }
            #else
                throw StoreError(.invalidArgument, "this build has no HTTP server", subject: store.url.path)
            #endif
        }
    }

    /// Hands `link` to `$BROWSER`, or the desktop's opener (`open` on macOS, `xdg-open` elsewhere).
    static func openInBrowser(_ link: String) {
        #if os(macOS)
            let opener = "open"
        #else
            let opener = "xdg-open"
        #endif
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [ProcessInfo.processInfo.environment["BROWSER"] ?? opener, link]
        do {
            try process.run()
        } catch {
            Terminal.note("cannot open a browser (\(error)); open the link above by hand")
        }
    }
}
