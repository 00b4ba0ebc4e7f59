import ArticleStore
import ArticleStoreHTTP
import ArticleStoreServer
import ArticleStoreWeb
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// A running server over a temporary store holding three articles, with a
/// token of each scope, and a directory for more stores.
struct Served {
    let directory: URL
    let store: ArticleStore
    let server: RunningServer
    let readToken: String
    let writeToken: String
    let log: LogLines

    var url: URL { URL(string: "http://127.0.0.1:\(server.port)")! }

    func remote(token: String?) -> HTTPRemote { HTTPRemote(url: url, token: token) }

    /// A new empty store beside the served one.
    func emptyStore(_ name: String) throws -> ArticleStore {
        try ArticleStore(at: directory.appendingPathComponent(name))
    }

    /// Sends a request without `HTTPRemote`; returns the status and the body.
    func send(
        _ method: HTTPMethod, _ path: String, body: [UInt8]? = nil, token: String? = nil, chunked: Bool = false
    ) async throws -> (status: Int, body: [UInt8]) {
        var request = HTTPClientRequest(url: url.absoluteString + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body { request.body = .bytes(body, length: chunked ? .unknown : .known(Int64(body.count))) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        return (Int(response.status.code), Array(buffer: try await response.body.collect(upTo: 1 << 24)))
    }
}

/// The `{"code": ..., "message": ...}` of an error response.
struct ErrorJSON: Decodable {
    var code: String
    var message: String

    init(_ bytes: [UInt8]) throws { self = try JSONDecoder().decode(Self.self, from: Data(bytes)) }
}

/// Runs `body` with a fresh server, and stops the server afterwards.
func withServer<T>(
    limits: ServerLimits = ServerLimits(), _ body: (Served) async throws -> T
) async throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("artstore-http-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }

    let store = try ArticleStore(at: directory.appendingPathComponent("served"))
    for (key, topic) in [("a", "harbour"), ("b", "election"), ("c", "orchard")] {
        _ = try await store.put(Data("Title \(key)\n\nBody text here about the \(topic).\n".utf8), key: key)
    }
    let log = LogLines()
    let logger = Logger(label: "test-server") { _ in CapturingLogHandler(lines: log) }
    let server = try await SyncServer(
        store: store, host: "127.0.0.1", port: 0, limits: limits, logger: logger,
        extraRoutes: [WebView(store: store)]
    ).start()
    let served = Served(
        directory: directory, store: store, server: server,
        readToken: try await store.createToken(scope: .read, label: "reader"),
        writeToken: try await store.createToken(scope: .write, label: "writer"), log: log)
    do {
        let result = try await body(served)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// Log messages, kept for checking.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    var all: [String] { lock.withLock { stored } }

    func append(_ line: String) { lock.withLock { stored.append(line) } }
}

/// A log handler that keeps each message, with its metadata, in a ``LogLines``.
struct CapturingLogHandler: LogHandler {
    let lines: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.append("\(event.level) \(event.message) \(metadata.merging(event.metadata ?? [:]) { $1 })")
    }
}

/// A remote that passes requests on and keeps a copy of each.
final class RecordingRemote: Remote, @unchecked Sendable {
    let base: any Remote
    private let lock = NSLock()
    private var stored: [SyncRequest] = []

    init(_ base: any Remote) { self.base = base }

    var location: String { base.location }
    var requests: [SyncRequest] { lock.withLock { stored } }

    func exchange(_ request: SyncRequest) async throws -> SyncResponse {
        lock.withLock { stored.append(request) }
        return try await base.exchange(request)
    }
}
