import ArticleStore
import AsyncHTTPClient
import Foundation
import NIOCore

/// Fetches feeds over HTTP(S) the way a well-behaved feed reader does, and
/// imports them into a store.
///
/// - Conditional requests from the state the store recorded
///   (`If-None-Match`, `If-Modified-Since`).
/// - The body is streamed and the download stops at
///   ``Configuration/sizeLimit``; gzip and deflate bodies are decompressed.
/// - The `charset` of `Content-Type` outranks the XML declaration (RFC 7303).
/// - At most ``Configuration/maxRedirects`` redirects. A permanent one (301 or
///   308) is recorded: later fetches of the old URL go to the new one,
///   with its caching state.
/// - `Retry-After` on 429 and 503 is recorded, and the feed is not fetched
///   again before then.
/// - A `User-Agent` naming ArticleStore and its version; connect and read
///   timeouts on the client, and a limit on the whole fetch.
///
/// ```swift
/// let fetch = try await FeedFetcher().importFeed("https://example.org/feed.xml", into: store)
/// print(fetch.status, fetch.report?.new.count ?? 0)
/// ```
public struct FeedFetcher: Sendable {
    /// Limits and manners of a fetcher.
    public struct Configuration: Sendable {
        /// The largest feed accepted, in bytes after decompression. The
        /// download stops there. Default 16 MiB.
        public var sizeLimit = 16 << 20
        /// How long one fetch may take, redirects and body included. Default 60 s.
        public var timeout: Duration = .seconds(60)
        /// The most redirects followed for one fetch. Default 5.
        public var maxRedirects = 5
        /// The longest `Retry-After` honoured; a longer one is cut to this. Default 7 days.
        public var longestRetryAfter: Duration = .seconds(7 * 86_400)
        /// Sent as `User-Agent`.
        public var userAgent = "ArticleStore/\(ArticleStore.version) (news archive; feed fetcher)"

        /// The defaults.
        public init() {}
    }

    /// The client fetchers use unless given another: redirects left to the
    /// fetcher, gzip and deflate decompressed, connect timeout 10 s, read
    /// timeout 30 s. It lives as long as the process.
    public static let sharedClient = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: clientConfiguration(connectTimeout: .seconds(10), readTimeout: .seconds(30)))

    /// The configuration of a client for ``init(configuration:client:)``:
    /// the fetcher follows redirects itself, bodies are decompressed (their
    /// size is bounded by ``Configuration/sizeLimit`` as they stream), and a
    /// refused connection fails at once.
    public static func clientConfiguration(connectTimeout: Duration, readTimeout: Duration)
        -> HTTPClient.Configuration
    {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: TimeAmount(connectTimeout), read: TimeAmount(readTimeout))
        configuration.decompression = .enabled(limit: .none)
        // A refused connection is a failed fetch at once, not retried until the connect timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    /// The fetcher's limits and manners.
    public var configuration: Configuration
    let client: HTTPClient

    /// A fetcher with `configuration`, sending its requests through `client`.
    public init(configuration: Configuration = Configuration(), client: HTTPClient = FeedFetcher.sharedClient) {
        self.configuration = configuration
        self.client = client
    }

    /// Fetches the feed at `url` unless the server asked to wait or says it
    /// has not changed, and imports it into `store` with
    /// `ArticleStore.importFeed(_:source:namespace:state:charset:)`.
    /// Its articles' origin is the feed's current URL (after a recorded move).
    ///
    /// Throws `StoreError.Code.io` when the server cannot be reached,
    /// answers an error, redirects too often or too slowly sends the feed,
    /// and `StoreError.Code.invalidFeed` for a feed over the size limit or
    /// one that does not parse. Nothing is imported then, but a permanent
    /// move found on the way is recorded.
    public func importFeed(_ url: String, into store: ArticleStore, namespace: String? = nil) async throws
        -> FeedFetch
    {
        guard let asked = URL(string: url), Self.isHTTP(asked) else {
            throw StoreError(.invalidArgument, "a feed to fetch is an http or https URL", subject: url)
        }
        var fetch = FeedFetch(url: url, status: .imported)
        // Moves recorded earlier, followed as far as redirects are.
        var current = url
        var state = try await store.feedState(for: url)
        for _ in 0..<configuration.maxRedirects {
            guard let moved = state?.movedTo else { break }
            current = moved
            state = try await store.feedState(for: moved)
        }
        if current != url { fetch.fetchedFrom = current }
        if let until = state?.retryAfter, until > Date() {
            fetch.status = .deferred
            fetch.retryAfter = until
            return fetch
        }

        let response = try await get(current, state: state)
        if let moved = response.permanent {
            for old in Set([url, current]) {
                var record = try await store.feedState(for: old) ?? FeedState(url: old)
                record.movedTo = moved
                try await store.recordFeedState(record)
            }
            current = moved
            fetch.movedTo = moved
        }
        if response.address != url { fetch.fetchedFrom = response.address }
        let now = Date()
        switch response.outcome {
        case .notModified:
            try await store.recordFeedState(
                FeedState(url: current, etag: state?.etag, lastModified: state?.lastModified, fetched: now))
            fetch.status = .notModified
        case .wait(let until):
            var record = state ?? FeedState(url: current)
            record.url = current
            record.fetched = now
            record.movedTo = nil
            record.retryAfter = until
            try await store.recordFeedState(record)
            fetch.status = .deferred
            fetch.retryAfter = until
        case .feed(let data, let etag, let lastModified, let charset):
            let fresh = FeedState(url: current, etag: etag, lastModified: lastModified, fetched: now)
            fetch.report = try await store.importFeed(
                data, source: current, namespace: namespace, state: fresh, charset: charset)
        }
        return fetch
    }

    /// What one fetch brought back, redirects followed.
    struct Response {
        enum Outcome {
            case notModified
            case wait(until: Date)
            case feed(Data, etag: String?, lastModified: String?, charset: String?)
        }
        /// The address that answered.
        var address: String
        /// Where an unbroken chain of permanent redirects from the start led.
        var permanent: String?
        var outcome: Outcome
    }

    /// GETs `start` with the conditional headers of `state`, following redirects.
    func get(_ start: String, state: FeedState?) async throws -> Response {
        let deadline = ContinuousClock.now + configuration.timeout
        var address = start
        var permanent: String?
        var onlyPermanent = true
        for hop in 0...configuration.maxRedirects {
            var request = HTTPClientRequest(url: address)
            request.headers.add(name: "User-Agent", value: configuration.userAgent)
            request.headers.add(name: "Accept", value: Self.accept)
            request.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
            if let etag = state?.etag { request.headers.add(name: "If-None-Match", value: etag) }
            if let modified = state?.lastModified { request.headers.add(name: "If-Modified-Since", value: modified) }
            let response: HTTPClientResponse
            do {
                let left = deadline - ContinuousClock.now
                response = try await client.execute(request, timeout: TimeAmount(max(left, .milliseconds(1))))
            } catch {
                throw StoreError(.io, "cannot fetch the feed: \(Self.describe(error))", subject: address)
            }
            let code = Int(response.status.code)
            switch code {
            case 301, 302, 303, 307, 308:
                guard let location = response.headers.first(name: "Location"),
                    let next = URL(string: location, relativeTo: URL(string: address))?.absoluteURL, Self.isHTTP(next)
                else {
                    throw StoreError(.io, "HTTP \(code) without a usable http(s) Location", subject: address)
                }
                guard hop < configuration.maxRedirects else {
                    throw StoreError(
                        .io, "more than \(configuration.maxRedirects) redirects (the last to \(next.absoluteString))",
                        subject: start)
                }
                onlyPermanent = onlyPermanent && (code == 301 || code == 308)
                if onlyPermanent { permanent = next.absoluteString }
                address = next.absoluteString
            case 304 where state != nil:
                return Response(address: address, permanent: permanent, outcome: .notModified)
            case 429, 503:
                guard let header = response.headers.first(name: "Retry-After"),
                    let until = HTTPHeaderValues.retryAfter(header, now: Date())
                else {
                    throw StoreError(
                        .io, "the server answered HTTP \(code) \(response.status.reasonPhrase)", subject: address)
                }
                let longest = Date().addingTimeInterval(Double(configuration.longestRetryAfter.components.seconds))
                return Response(address: address, permanent: permanent, outcome: .wait(until: min(until, longest)))
            case 200..<300:
                let data = try await body(of: response, from: address, deadline: deadline)
                let outcome = Response.Outcome.feed(
                    data, etag: response.headers.first(name: "ETag"),
                    lastModified: response.headers.first(name: "Last-Modified"),
                    charset: response.headers.first(name: "Content-Type").flatMap(HTTPHeaderValues.charset))
                return Response(address: address, permanent: permanent, outcome: outcome)
            default:
                throw StoreError(
                    .io, "the server answered HTTP \(code) \(response.status.reasonPhrase)", subject: address)
            }
        }
        throw StoreError(.io, "more than \(configuration.maxRedirects) redirects", subject: start)
    }

    /// The body, read as it streams in and abandoned past the size limit or the deadline.
    private func body(of response: HTTPClientResponse, from address: String, deadline: ContinuousClock.Instant)
        async throws -> Data
    {
        let limit = configuration.sizeLimit
        let tooLarge = StoreError(
            .invalidFeed, "the feed is over the size limit of \(limit) bytes; the download was stopped there",
            subject: address)
        if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > limit,
            response.headers.first(name: "Content-Encoding") == nil
        {
            throw tooLarge
        }
        var data = Data()
        do {
            for try await chunk in response.body {
                guard data.count + chunk.readableBytes <= limit else { throw tooLarge }
                data.append(contentsOf: chunk.readableBytesView)
                guard ContinuousClock.now < deadline else {
                    throw StoreError(
                        .io, "the feed did not arrive within \(configuration.timeout) (\(data.count) bytes so far)",
                        subject: address)
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(
                .io, "the download was cut off after \(data.count) bytes: \(Self.describe(error))", subject: address)
        }
        return data
    }

    static let accept =
        "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, "
        + "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"

    static func isHTTP(_ url: URL) -> Bool {
        ["http", "https"].contains(url.scheme?.lowercased() ?? "") && url.host != nil
    }

    /// AsyncHTTPClient's errors in a few words.
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            if error == .readTimeout { return "no data arrived within the read timeout" }
            if error == .connectTimeout { return "the connection was not made within the connect timeout" }
            if error == .deadlineExceeded { return "it took longer than the fetch may take" }
        }
        return "\(error)"
    }
}
