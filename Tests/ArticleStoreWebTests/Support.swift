import ArticleStore
import ArticleStoreServer
import ArticleStoreWeb
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A response as a test reads it.
struct Page {
    let status: Int
    let headers: HTTPHeaders
    let text: String

    var location: String? { headers.first(name: "Location") }
}

/// A real server on 127.0.0.1 over a temporary store, with the web view.
struct WebServed {
    let directory: URL
    let store: ArticleStore
    let sessions: SessionStore
    let server: RunningServer
    let token: String

    var base: String { "http://127.0.0.1:\(server.port)" }

    /// An HTTP client that does not follow redirects, so tests see them.
    static let client = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))

    func get(_ path: String, cookie: String? = nil, token: String? = nil, headers: [(String, String)] = []) async throws
        -> Page
    {
        try await send(.GET, path, cookie: cookie, token: token, headers: headers)
    }

    func send(
        _ method: HTTPMethod, _ path: String, body: String? = nil, cookie: String? = nil, token: String? = nil,
        headers: [(String, String)] = []
    ) async throws -> Page {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let cookie { request.headers.add(name: "Cookie", value: "artstore_session=\(cookie)") }
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await Self.client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 1 << 24)
        return Page(status: Int(response.status.code), headers: response.headers, text: String(buffer: bytes))
    }

    /// Signs in with the read token through the login form; returns the session cookie.
    func signIn() async throws -> String {
        let page = try await send(
            .POST, "/login", body: "token=\(token)&next=%2F", headers: [("Origin", base)])
        guard page.status == 303, let cookie = Self.sessionCookie(page) else {
            throw StoreError(.unauthorized, "sign-in failed with \(page.status)")
        }
        return cookie
    }

    /// The session cookie's value in a response's `Set-Cookie`.
    static func sessionCookie(_ page: Page) -> String? {
        page.headers["Set-Cookie"].lazy.compactMap { header -> String? in
            guard header.hasPrefix("artstore_session=") else { return nil }
            let value = header.dropFirst("artstore_session=".count).prefix { $0 != ";" }
            return value.isEmpty ? nil : String(value)
        }.first
    }
}

/// Runs `body` with a server over a store that `fill` prepares.
func withWebServer<T>(
    fill: (ArticleStore) async throws -> Void, _ body: (WebServed) async throws -> T
) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("artstore-web-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try ArticleStore(at: directory.appendingPathComponent("store"))
    try await fill(store)
    let sessions = SessionStore()
    let server = try await SyncServer(
        store: store, host: "127.0.0.1", port: 0, logger: nil,
        extraRoutes: [WebView(store: store, sessions: sessions)]
    ).start()
    let served = WebServed(
        directory: directory, store: store, sessions: sessions, server: server,
        token: try await store.createToken(scope: .read))
    do {
        let result = try await body(served)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// Deterministic paragraphs of plain words.
func paragraphs(seed: Int, count: Int) -> [String] {
    let words =
        "the council said on monday that the harbour bridge would reopen after repairs while traders warned that prices for fish and bread had risen since the storm"
        .split(separator: " ")
    var state = UInt64(seed) &* 6364136223846793005 &+ 1442695040888963407
    return (0..<count).map { _ in
        (0..<18).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return String(words[Int(state >> 33) % words.count])
        }.joined(separator: " ") + "."
    }
}

func article(_ title: String, _ paragraphs: [String]) -> Data {
    Data((title + "\n\n" + paragraphs.joined(separator: "\n\n") + "\n").utf8)
}
