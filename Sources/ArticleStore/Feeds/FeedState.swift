import Foundation
import GRDB

/// What the store remembers of a feed fetched over HTTP, so that the next
/// fetch can ask only for changes (`If-None-Match`, `If-Modified-Since`).
public struct FeedState: Hashable, Sendable, Codable {
    /// The feed's URL, as given to the fetcher.
    public var url: String
    /// The `ETag` the server sent, if any.
    public var etag: String?
    /// The `Last-Modified` the server sent, if any.
    public var lastModified: String?
    /// When the feed was last fetched (millisecond precision once stored).
    public var fetched: Date
    /// Where the feed moved for good (HTTP 301 or 308): later fetches of
    /// ``url`` go there, with the state recorded for that address.
    public var movedTo: String?
    /// The server asked not to be fetched before this time (HTTP 429 or 503
    /// with `Retry-After`).
    public var retryAfter: Date?

    /// A state for the feed at `url`.
    public init(
        url: String, etag: String? = nil, lastModified: String? = nil, fetched: Date = Date(), movedTo: String? = nil,
        retryAfter: Date? = nil
    ) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.fetched = fetched
        self.movedTo = movedTo
        self.retryAfter = retryAfter
    }

    init(row: Row) {
        self.init(
            url: row["url"], etag: row["etag"], lastModified: row["last_modified"],
            fetched: VersionRecord.date(row["fetched"]), movedTo: row["moved_to"],
            retryAfter: (row["retry_after"] as Int64?).map(VersionRecord.date))
    }

    static let columns = "url, etag, last_modified, fetched, moved_to, retry_after"

    /// Inserts or replaces this state's row in `feed_state`.
    func save(_ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO feed_state (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                  fetched = excluded.fetched, moved_to = excluded.moved_to, retry_after = excluded.retry_after
                """,
            arguments: [
                url, etag, lastModified, VersionRecord.milliseconds(fetched), movedTo,
                retryAfter.map(VersionRecord.milliseconds),
            ])
    }
}

extension ArticleStore {
    /// The caching state recorded for the feed at `url`, or nil if it was never fetched.
    public func feedState(for url: String) async throws -> FeedState? {
        try await offload { [self] in
            do {
                return try pool.read { db in
                    try Row.fetchOne(
                        db, sql: "SELECT \(FeedState.columns) FROM feed_state WHERE url = ?", arguments: [url]
                    ).map(FeedState.init(row:))
                }
            } catch {
                throw databaseError(error, "cannot read the state of feed \(url)")
            }
        }
    }

    /// Records `state`, replacing what was recorded for its URL. Use it when a
    /// fetch finds the feed unchanged (HTTP 304), moved, or the server asks
    /// to wait (`Retry-After`); after a fetch that returns
    /// the feed, pass the state to ``importFeed(_:source:namespace:state:charset:)``
    /// instead, so that it is recorded only if the import succeeds.
    public func recordFeedState(_ state: FeedState) async throws {
        try await offload { [self] in try write { db in try state.save(db) } }
    }
}
