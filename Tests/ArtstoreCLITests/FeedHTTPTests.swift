import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A one-file HTTP server on 127.0.0.1 that honours If-None-Match, stopped
/// when the test ends.
final class TinyFeedServer: @unchecked Sendable {
    let port: UInt16
    private let socketFD: Int32
    private let body: Data
    private let lock = NSLock()
    private var requests: [String] = []

    /// The request heads received so far.
    var received: [String] { lock.withLock { requests } }

    init(body: Data) throws {
        self.body = body
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, listen(fd, 8) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        socketFD = fd
        port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread { [self] in serve() }
    }

    func stop() {
        shutdown(socketFD, Int32(SHUT_RDWR))
        close(socketFD)
    }

    private func serve() {
        while true {
            let client = accept(socketFD, nil, nil)
            guard client >= 0 else { return }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = read(client, &buffer, buffer.count)
            let head = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
            lock.withLock { requests.append(head) }
            let response: Data
            if head.lowercased().contains("if-none-match: \"v1\"") {
                response = Data("HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nConnection: close\r\n\r\n".utf8)
            } else {
                response =
                    Data(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nETag: \"v1\"\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
                            .utf8) + body
            }
            response.withUnsafeBytes { _ = write(client, $0.baseAddress, $0.count) }
            close(client)
        }
    }
}

@Suite("artstore import-feed over HTTP")
struct FeedHTTPTests {
    @Test func secondFetchIsConditionalAndChangesNothing() async throws {
        let feed = try Data(contentsOf: FeedAndDupesCLITests.feeds.appendingPathComponent("rss2.xml"))
        let server = try TinyFeedServer(body: feed)
        defer { server.stop() }
        try await withTemporaryDirectory { dir in
            let url = "http://127.0.0.1:\(server.port)/news.xml"
            let first = try await CLI.run(["import-feed", "--json", url], in: dir)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("\"notModified\" : false"))
            let second = try await CLI.run(["import-feed", "--json", url], in: dir)
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.stdout.contains("\"notModified\" : true"))
            #expect(server.received.count == 2)
            #expect(server.received.last?.lowercased().contains("if-none-match: \"v1\"") == true)
            #expect(server.received.last?.contains("User-Agent: ArticleStore/") == true)
        }
    }

    @Test func anOPMLListIsFetchedAndAFailingFeedStopsNothing() async throws {
        let feed = try Data(contentsOf: FeedAndDupesCLITests.feeds.appendingPathComponent("rss2.xml"))
        let server = try TinyFeedServer(body: feed)
        defer { server.stop() }
        try await withTemporaryDirectory { dir in
            // A port nothing listens on: bound, then closed.
            let closed = try TinyFeedServer(body: Data())
            closed.stop()
            let opml = """
                <?xml version="1.0"?>
                <opml version="2.0"><head><title>Subscriptions</title></head><body>
                <outline text="News"><outline text="Good" type="rss" xmlUrl="http://127.0.0.1:\(server.port)/news.xml"/>
                <outline text="Gone" type="rss" xmlUrl="http://127.0.0.1:\(closed.port)/gone.xml"/></outline>
                <outline text="Good again" type="rss" xmlUrl="http://127.0.0.1:\(server.port)/news.xml"/>
                </body></opml>
                """
            try Data(opml.utf8).write(to: dir.appendingPathComponent("list.opml"))
            let run = try await CLI.run(["import-feed", "--json", "--opml", "list.opml"], in: dir)
            #expect(run.status == 1, "one feed failed")
            let output = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            let total = output?["total"] as? [String: Int]
            #expect(total?["feeds"] == 2 && total?["imported"] == 1 && total?["failed"] == 1, "\(run.stdout)")
            #expect((total?["newArticles"] ?? 0) > 0)
            let human = try await CLI.run(["import-feed", "--opml", "list.opml"], in: dir)
            #expect(human.stdout.contains("not modified since the last fetch"))
            #expect(
                human.stdout.contains("2 feeds: 0 imported, 1 not modified, 0 deferred, 1 failed"), "\(human.stdout)")
            #expect(human.stdout.contains("gone.xml: FAILED"))
        }
    }
}
