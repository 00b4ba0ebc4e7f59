import ArticleStore
import ArticleStoreHTTP
import ArticleStoreServer
import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Testing

/// Feeds served by a real HTTP server on 127.0.0.1, one path per case.
struct FeedCases: ServerRoutes {
    let hits = Hits()

    /// Requests per path, and the last request's headers.
    final class Hits: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        private var headers: [String: [String: String]] = [:]
        func record(_ path: String, _ request: Request) {
            lock.withLock {
                counts[path, default: 0] += 1
                var seen: [String: String] = [:]
                for field in request.headers { seen[field.name.canonicalName.lowercased()] = field.value }
                headers[path] = seen
            }
        }
        func count(_ path: String) -> Int { lock.withLock { counts[path, default: 0] } }
        func header(_ path: String, _ name: String) -> String? { lock.withLock { headers[path]?[name.lowercased()] } }
    }

    static func rss(_ title: String, guid: String, charset: String? = nil) -> String {
        let declaration = charset.map { "<?xml version=\"1.0\" encoding=\"\($0)\"?>\n" } ?? ""
        return declaration
            + "<rss version=\"2.0\"><channel><title>\(title)</title>\n<item><guid>\(guid)</guid><title>Item of \(title)"
            + "</title><description>Text of \(title).</description></item>\n</channel></rss>\n"
    }

    static let gzipped = Data(
        base64Encoded:
            "H4sIAAAAAAACA02OQQ6CMBBF9z1Fwx4qrlwMw8Ij6AVIO0AT2mKnGOX0Nqjo7ufn/bwP7cNN8k6RbfBNUVeHQpLXwVg/NMWS+vJUtCggMv+oY6YQ9Nh5TxNCsmkiPAc3R2ImA+rdCLCJHMKwWINrWYPa0oe/3BailYzkFOLzuwFDrKOdUxbhdbQse8qM7hzJYbVzqXdNBeofBrXZBKj9mMqvUbwA3rjhi+MAAAA="
    )!
    static let deflated = Data(
        base64Encoded:
            "eJxNjk0OgjAUhPc9RdM9VFy5eJSFR9ALYPuAJv3RvmKU09ugorvJ5Jt8A93DO37HRDaGVjT1TnAMOhobxlbMeagOolMMEtGP2hdKgZ76ENApyDY7VMforwmJ0IB8NwxsRq9gnK1RS9WAXNOHP91mxAUNpxzT87sBg6STveYiUufJEh+wMLr3yBdnL5XeNDXIfxjkamMgt2OyvFbsBbftT0k="
    )!

    var routes: [String] { [] }

    func add(to router: Router<BasicRequestContext>) {
        let hits = hits
        @Sendable func respond(
            _ status: HTTPResponse.Status, _ fields: [(HTTPField.Name, String)] = [],
            _ body: ResponseBody = ResponseBody()
        ) -> Response {
            var headers = HTTPFields()
            for (name, value) in fields { headers[name] = value }
            return Response(status: status, headers: headers, body: body)
        }
        @Sendable func bytes(_ data: Data) -> ResponseBody { ResponseBody(byteBuffer: ByteBuffer(bytes: data)) }
        router.get("/feeds/:case") { request, context -> Response in
            let name = context.parameters.get("case") ?? ""
            hits.record(name, request)
            let rss: HTTPField.Name = .contentType
            switch name {
            case "plain":
                return respond(.ok, [(rss, "application/rss+xml")], bytes(Data(Self.rss("Plain", guid: "p-1").utf8)))
            case "charset":
                // Shift_JIS, named only in the header; the declaration is absent.
                let body = Self.rss("天気予報", guid: "c-1").data(using: .shiftJIS)!
                return respond(.ok, [(rss, "application/rss+xml; charset=\"Shift_JIS\"")], bytes(body))
            case "gzip":
                return respond(.ok, [(rss, "application/rss+xml"), (.contentEncoding, "gzip")], bytes(Self.gzipped))
            case "deflate":
                return respond(
                    .ok, [(rss, "application/rss+xml"), (.contentEncoding, "deflate")], bytes(Self.deflated))
            case let hop where hop.hasPrefix("hop"):
                // hopN redirects to hop(N-1) (302, then 307); hop0 is the feed.
                let left = Int(hop.dropFirst(3)) ?? 0
                guard left > 0 else {
                    return respond(.ok, [(rss, "application/rss+xml")], bytes(Data(Self.rss("Hops", guid: "h-1").utf8)))
                }
                return respond(left % 2 == 0 ? .found : .temporaryRedirect, [(.location, "/feeds/hop\(left - 1)")])
            case "old":
                return respond(.movedPermanently, [(.location, "/feeds/moved-here")])
            case "moved-here":
                if request.headers[.ifNoneMatch] == "\"m1\"" { return respond(.notModified, [(.eTag, "\"m1\"")]) }
                return respond(
                    .ok, [(rss, "application/rss+xml"), (.eTag, "\"m1\"")],
                    bytes(Data(Self.rss("Moved", guid: "m-1").utf8)))
            case "busy":
                return respond(.tooManyRequests, [(.retryAfter, "120")])
            case "down":
                return respond(.serviceUnavailable, [(.retryAfter, "Wed, 21 Oct 2099 07:28:00 GMT")])
            case "endless":
                return respond(
                    .ok, [(rss, "application/rss+xml")],
                    ResponseBody { writer in
                        let chunk = ByteBuffer(repeating: UInt8(ascii: " "), count: 64 << 10)
                        while true { try await writer.write(chunk) }
                    })
            case "slow":
                // A byte every 100 ms: never idle long enough for the read timeout.
                return respond(
                    .ok, [(rss, "application/rss+xml")],
                    ResponseBody { writer in
                        while true {
                            try await writer.write(ByteBuffer(string: " "))
                            try await Task.sleep(for: .milliseconds(100))
                        }
                    })
            case "stalled":
                return respond(
                    .ok, [(rss, "application/rss+xml")],
                    ResponseBody { writer in
                        try await writer.write(ByteBuffer(string: "<rss"))
                        try await Task.sleep(for: .seconds(5))
                    })
            default:
                return respond(.notFound)
            }
        }
    }
}

@Suite("Feeds fetched over HTTP")
struct FeedFetcherTests {
    /// A fetcher with its own client, a server with every case, and a store. The
    /// timeouts are generous, so that a loaded machine passes, but for the
    /// tests of timeouts, which give short ones.
    static func withFetcher(
        timeout: Duration = .seconds(60), readTimeout: Duration = .seconds(20),
        _ configure: (inout FeedFetcher.Configuration) -> Void = { _ in },
        _ body: (FeedFetcher, ArticleStore, String, FeedCases.Hits) async throws -> Void
    ) async throws {
        let cases = FeedCases()
        var configuration = FeedFetcher.Configuration()
        configuration.timeout = timeout
        configure(&configuration)
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: FeedFetcher.clientConfiguration(connectTimeout: .seconds(10), readTimeout: readTimeout))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("feed-fetch-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let hub = try ArticleStore(at: directory.appendingPathComponent("hub"))
        let server = try await SyncServer(
            store: hub, host: "127.0.0.1", port: 0, limits: ServerLimits(), logger: nil, extraRoutes: [cases]
        ).start()
        let store = try ArticleStore(at: directory.appendingPathComponent("store"))
        do {
            try await body(
                FeedFetcher(configuration: configuration, client: client), store,
                "http://127.0.0.1:\(server.port)/feeds",
                cases.hits)
        } catch {
            await server.stop()
            try await client.shutdown()
            throw error
        }
        await server.stop()
        try await client.shutdown()
    }

    @Test func aFeedIsFetchedWithAUserAgentThenAskedForConditionally() async throws {
        try await Self.withFetcher { fetcher, store, base, hits in
            let fetch = try await fetcher.importFeed("\(base)/moved-here", into: store)
            #expect(fetch.status == .imported && fetch.report?.new == ["m-1"])
            #expect(
                hits.header("moved-here", "User-Agent")
                    == "ArticleStore/\(ArticleStore.version) (news archive; feed fetcher)")
            #expect(hits.header("moved-here", "Accept-Encoding") == "gzip, deflate")
            let again = try await fetcher.importFeed("\(base)/moved-here", into: store)
            #expect(again.status == .notModified && again.report == nil)
            #expect(hits.header("moved-here", "If-None-Match") == "\"m1\"")
        }
    }

    @Test func theContentTypeCharsetDecodesTheFeed() async throws {
        try await Self.withFetcher { fetcher, store, base, _ in
            let fetch = try await fetcher.importFeed("\(base)/charset", into: store)
            #expect(fetch.report?.title == "天気予報")
            #expect(try await store.log(key: "c-1").first?.title == "Item of 天気予報")
        }
    }

    @Test(arguments: ["gzip", "deflate"])
    func compressedBodiesAreDecompressed(encoding: String) async throws {
        try await Self.withFetcher { fetcher, store, base, _ in
            let fetch = try await fetcher.importFeed("\(base)/\(encoding)", into: store)
            #expect(fetch.report?.title == "Compressed" && fetch.report?.new == ["z-1"])
        }
    }

    @Test func fiveRedirectsAreFollowedAndASixthIsAnError() async throws {
        try await Self.withFetcher { fetcher, store, base, hits in
            let five = try await fetcher.importFeed("\(base)/hop5", into: store)
            #expect(five.report?.new == ["h-1"])
            #expect(five.fetchedFrom == "\(base)/hop0" && five.movedTo == nil)
            let error = await #expect(throws: StoreError.self) {
                try await fetcher.importFeed("\(base)/hop6", into: store)
            }
            #expect(error?.code == .io && error?.message.hasPrefix("more than 5 redirects") == true)
            #expect(hits.count("hop0") == 1, "the sixth redirect is not followed")
        }
    }

    @Test func aPermanentRedirectMovesTheFeedAndItsCachingState() async throws {
        try await Self.withFetcher { fetcher, store, base, hits in
            let first = try await fetcher.importFeed("\(base)/old", into: store)
            #expect(first.movedTo == "\(base)/moved-here" && first.report?.new == ["m-1"])
            #expect(try await store.feedState(for: "\(base)/old")?.movedTo == "\(base)/moved-here")
            #expect(try await store.feedState(for: "\(base)/moved-here")?.etag == "\"m1\"")
            // The next fetch goes straight to the new address, conditionally: 304.
            let second = try await fetcher.importFeed("\(base)/old", into: store)
            #expect(second.status == .notModified && second.fetchedFrom == "\(base)/moved-here")
            #expect(hits.count("old") == 1 && hits.count("moved-here") == 2)
            #expect(try await store.log(key: "m-1").first?.origin == "\(base)/moved-here")
        }
    }

    @Test func retryAfterIsRecordedAndHonoured() async throws {
        try await Self.withFetcher { fetcher, store, base, hits in
            let busy = try await fetcher.importFeed("\(base)/busy", into: store)
            #expect(busy.status == .deferred)
            let until = try #require(busy.retryAfter)
            #expect(until.timeIntervalSinceNow > 100 && until.timeIntervalSinceNow <= 120)
            #expect(try await store.feedState(for: "\(base)/busy")?.retryAfter != nil)
            let again = try await fetcher.importFeed("\(base)/busy", into: store)
            #expect(again.status == .deferred && hits.count("busy") == 1, "not fetched again before then")
            // An HTTP date far away is cut to the longest wait (7 days).
            let down = try await fetcher.importFeed("\(base)/down", into: store)
            let downUntil = try #require(down.retryAfter)
            #expect(downUntil.timeIntervalSinceNow > 6.9 * 86_400 && downUntil.timeIntervalSinceNow <= 7 * 86_400)
        }
    }

    @Test func anEndlessBodyStopsAtTheSizeLimit() async throws {
        try await Self.withFetcher({ $0.sizeLimit = 1 << 20 }) { fetcher, store, base, _ in
            // The body never ends: only the size limit can stop it before the minute-long fetch timeout.
            let error = await #expect(throws: StoreError.self) {
                try await fetcher.importFeed("\(base)/endless", into: store)
            }
            #expect(error?.code == .invalidFeed)
            #expect(error?.message.contains("over the size limit of 1048576 bytes") == true, "\(error?.message ?? "")")
        }
    }

    @Test func aSlowBodyIsCutAtTheFetchTimeout() async throws {
        // A byte every 100 ms is never idle for the read timeout; the whole fetch has 2 s.
        try await Self.withFetcher(timeout: .seconds(2)) { fetcher, store, base, _ in
            let slow = await #expect(throws: StoreError.self) {
                try await fetcher.importFeed("\(base)/slow", into: store)
            }
            #expect(slow?.code == .io, "\(slow?.message ?? "")")
            // Cut by the fetcher's own check between chunks, or by the client's deadline.
            let message = slow?.message ?? ""
            #expect(
                message.contains("did not arrive within") || message.contains("longer than the fetch may take"),
                "\(message)")
            let stats = try await store.stats()
            #expect(stats.articles == 0)
        }
    }

    @Test func aStalledBodyIsCutAtTheReadTimeout() async throws {
        // The server stops for 5 s after four bytes; the read timeout is 1 s.
        try await Self.withFetcher(readTimeout: .seconds(1)) { fetcher, store, base, _ in
            let stalled = await #expect(throws: StoreError.self) {
                try await fetcher.importFeed("\(base)/stalled", into: store)
            }
            #expect(stalled?.code == .io)
            #expect(stalled?.message.contains("read timeout") == true, "\(stalled?.message ?? "")")
        }
    }

    @Test func manyFeedsAreFetchedAtOnceAndOneFailureStopsNothing() async throws {
        try await Self.withFetcher { fetcher, store, base, _ in
            let urls = ["plain", "gzip", "missing", "charset", "busy"].map { "\(base)/\($0)" }
            let done = Counter()
            let results = await fetcher.importFeeds(urls, into: store, concurrency: 3, perHost: 2) { count, _ in
                done.set(count)
            }
            #expect(results.map(\.url) == urls)
            #expect(results[2].error?.contains("HTTP 404") == true)
            #expect(results[0].fetch?.report?.new == ["p-1"] && results[3].fetch?.report?.new == ["c-1"])
            #expect(results[4].fetch?.status == .deferred)
            #expect(done.value == 5)
        }
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = 0
    var value: Int { lock.withLock { stored } }
    func set(_ value: Int) { lock.withLock { stored = max(stored, value) } }
}
