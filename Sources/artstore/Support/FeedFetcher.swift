import ArticleStore
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Fetches feeds over HTTP(S) with conditional requests, from the ETag and
/// Last-Modified the store recorded at the previous fetch.
enum FeedFetcher {
    enum Outcome {
        /// The feed, and the caching state to record if its import succeeds.
        case fetched(Data, FeedState)
        /// The server answered 304: nothing changed since the last fetch.
        case notModified
    }

    static func fetch(_ url: URL, store: ArticleStore, sizeLimit: Int) async throws -> Outcome {
        let address = url.absoluteString
        var request = URLRequest(url: url, timeoutInterval: 60)
        let previous = try await store.feedState(for: address)
        if let etag = previous?.etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let modified = previous?.lastModified {
            request.setValue(modified, forHTTPHeaderField: "If-Modified-Since")
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw StoreError(.io, "cannot fetch the feed", subject: address, underlying: error)
        }
        guard let http = response as? HTTPURLResponse else {
            throw StoreError(.io, "not an HTTP response", subject: address)
        }
        if http.statusCode == 304, let previous {
            try await store.recordFeedState(
                FeedState(url: address, etag: previous.etag, lastModified: previous.lastModified))
            return .notModified
        }
        guard (200..<300).contains(http.statusCode) else {
            throw StoreError(.io, "the server answered HTTP \(http.statusCode)", subject: address)
        }
        guard data.count <= sizeLimit else {
            throw StoreError(
                .invalidFeed, "feed is \(data.count) bytes, over the size limit of \(sizeLimit) bytes",
                subject: address)
        }
        let state = FeedState(
            url: address, etag: http.value(forHTTPHeaderField: "ETag"),
            lastModified: http.value(forHTTPHeaderField: "Last-Modified"))
        return .fetched(data, state)
    }
}
