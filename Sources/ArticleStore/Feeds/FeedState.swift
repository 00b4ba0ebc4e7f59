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

    public init(url: String, etag: String? = nil, lastModified: String? = nil, fetched: Date = Date()) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.fetched = fetched
    }

    /// Inserts or replaces this state's row in `feed_state`.
    func save(_ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO feed_state (url, etag, last_modified, fetched) VALUES (?, ?, ?, ?)
                ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                  fetched = excluded.fetched
                """, arguments: [url, etag, lastModified, VersionRecord.milliseconds(fetched)])
    }
}

extension ArticleStore {
    /// The caching state recorded for the feed at `url`, or nil if it was never fetched.
    public func feedState(for url: String) async throws -> FeedState? {
        try await offload { [self] in
            do {
                return try pool.read { db in
                    try Row.fetchOne(
                        db, sql: "SELECT url, etag, last_modified, fetched FROM feed_state WHERE url = ?",
                        arguments: [url]
                    ).map {
                        FeedState(
                            url: $0["url"], etag: $0["etag"], lastModified: $0["last_modified"],
                            fetched: VersionRecord.date($0["fetched"]))
                    }
                }
            } catch {
                throw databaseError(error, "cannot read the state of feed \(url)")
            }
        }
    }

    /// Records `state`, replacing what was recorded for its URL. Use it when a
    /// fetch finds the feed unchanged (HTTP 304); after a fetch that returns
    /// the feed, pass the state to ``importFeed(_:source:namespace:state:)``
    /// instead, so that it is recorded only if the import succeeds.
    public func recordFeedState(_ state: FeedState) async throws {
        try await offload { [self] in try write { db in try state.save(db) } }
    }
}
