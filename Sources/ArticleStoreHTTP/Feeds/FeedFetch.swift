import ArticleStore
import Foundation

/// What fetching one feed did (``FeedFetcher/importFeed(_:into:namespace:)``).
public struct FeedFetch: Sendable, Codable {
    /// How the fetch ended.
    public enum Status: String, Sendable, Codable {
        /// The feed was fetched and imported: see ``report``.
        case imported
        /// The server answered 304: nothing changed since the last fetch.
        case notModified = "not-modified"
        /// Not fetched: the server asked to wait until ``FeedFetch/retryAfter``
        /// (HTTP 429 or 503 with `Retry-After`, now or at an earlier fetch).
        case deferred
    }

    /// The URL as it was asked for.
    public var url: String
    /// Where the feed was read from, when that is another address: a move
    /// recorded earlier, or redirects followed this time.
    public var fetchedFrom: String?
    /// Set when this fetch found the feed moved for good (301 or 308): the
    /// store now fetches it from here.
    public var movedTo: String?
    /// How the fetch ended.
    public var status: Status
    /// The time the server asked not to be fetched before.
    public var retryAfter: Date?
    /// The import, when the feed was fetched.
    public var report: FeedReport?
}
