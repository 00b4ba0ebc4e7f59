import ArticleStore
import ArticleStoreServer
import Foundation
import Hummingbird

/// The web view: pages for browsing, searching and comparing versions of a
/// store, each with a JSON twin under `/api/v1/`, served beside the sync API.
///
/// ```swift
/// let web = WebView(store: store)
/// let server = SyncServer(store: store, host: "127.0.0.1", port: 8080, logger: nil, extraRoutes: [web])
/// ```
///
/// Every page needs a session, which a browser gets by signing in with a
/// `read` or `write` token, or with a one-time code from
/// ``SessionStore/oneTimeCode(scope:validity:)``; the JSON twins also
/// accept `Authorization: Bearer TOKEN`. The pages never change the archive.
@available(macOS 14, iOS 17, tvOS 17, *)
public struct WebView: ServerRoutes {
    public let store: ArticleStore
    /// The sessions and one-time login codes of signed-in browsers.
    public let sessions: SessionStore

    public init(store: ArticleStore, sessions: SessionStore = SessionStore()) {
        self.store = store
        self.sessions = sessions
    }

    /// The pages by path, with the path of their JSON twin.
    static let pages: [(path: String, api: String)] = [
        ("/", "/api/v1/home"), ("/articles", "/api/v1/articles"), ("/search", "/api/v1/search"),
        ("/articles/{number}", "/api/v1/articles/{number}"), ("/versions/{id}", "/api/v1/versions/{id}"),
        ("/diff/{from}/{to}", "/api/v1/diff/{from}/{to}"), ("/duplicates", "/api/v1/duplicates"),
        ("/conflicts", "/api/v1/conflicts"), ("/feeds", "/api/v1/feeds"),
    ]

    /// The routes for programs, listed in Schema/openapi.yaml: the JSON
    /// twins and the Atom feeds.
    public static var apiRoutes: [String] {
        pages.map { "GET \($0.api)" } + ["GET /changes.atom", "GET /articles/{number}/changes.atom"]
    }

    public var routes: [String] {
        Self.apiRoutes + Self.pages.map { "GET \($0.path)" }
            + [
                "GET /login", "POST /login", "POST /logout", "GET /static/app.css", "GET /static/app.js",
                "GET /favicon.ico",
            ]
    }

    public func add(to router: Router<BasicRequestContext>) {
        let responder = WebResponder(store: store, sessions: sessions)
        let pages = Pages(store: store)
        pages.warmHome()
        let handlers: [String: @Sendable (Request, BasicRequestContext) async throws -> any WebPage] = [
            "/": pages.home, "/articles": pages.articles, "/search": pages.search,
            "/articles/{number}": pages.article, "/versions/{id}": pages.version, "/diff/{from}/{to}": pages.diff,
            "/duplicates": pages.duplicates, "/conflicts": pages.conflicts, "/feeds": pages.feeds,
        ]
        for (path, api) in Self.pages {
            guard let handler = handlers[path] else { continue }
            router.get(RouterPath(path)) { request, context in
                try await responder.page(request, context, json: false, handler)
            }
            router.get(RouterPath(api)) { request, context in
                try await responder.page(request, context, json: true, handler)
            }
        }
        let feeds = ChangeFeeds(store: store)
        router.get("/changes.atom") { request, context in
            try await responder.feed(request, context) { try await feeds.archive(request) }
        }
        router.get("/articles/{number}/changes.atom") { request, context in
            try await responder.feed(request, context) { try await feeds.article(request, context) }
        }
        let login = Login(store: store, sessions: sessions)
        router.get("/login") { request, context in try await login.form(request, context) }
        router.post("/login") { request, context in try await login.signIn(request, context) }
        router.post("/logout") { request, context in try await login.signOut(request, context) }
        router.get("/static/app.css") { _, _ in Assets.response(Assets.css, type: "text/css; charset=utf-8") }
        router.get("/static/app.js") { _, _ in
            Assets.response(Assets.script, type: "text/javascript; charset=utf-8")
        }
        router.get("/favicon.ico") { _, _ in Assets.response(Assets.icon, type: "image/svg+xml") }
    }
}
