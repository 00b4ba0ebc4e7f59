import Foundation
import GRDB

/// Articles and versions stored on one day (UTC).
public struct DayActivity: Hashable, Sendable, Codable {
    /// Midnight UTC that starts the day.
    public let day: Date
    /// Articles whose first version was stored that day.
    public let articles: Int
    /// Versions stored that day, first versions included.
    public let versions: Int
}

/// A feed the store has fetched, and what it holds from it.
public struct FeedSummary: Hashable, Sendable, Codable {
    /// Its HTTP caching state, moves and requested waits.
    public let state: FeedState
    /// Versions stored from the feed.
    public let versions: Int
    /// Articles with at least one version from the feed.
    public let articles: Int
}

extension ArticleStore {
    /// One page of articles, in the query's order and with its filters.
    /// Throws `.invalidArgument` for a cursor this store did not make.
    public func articles(_ query: ArticleListQuery) async throws -> ArticleListPage {
        guard (1...500).contains(query.limit) else {
            throw StoreError(.invalidArgument, "a page holds 1 to 500 articles", subject: "\(query.limit)")
        }
        let after = try query.after.map { try ListCursor(decoding: $0, for: query.sort) }
        let before = try query.before.map { try ListCursor(decoding: $0, for: query.sort) }
        return try await read { db in try ArticleListing.page(query, after: after, before: before, in: db) }
    }

    /// Articles and versions stored per day over the `days` days that end
    /// with `until`'s day, oldest first, days without any included.
    public func activity(days: Int, until: Date = Date()) async throws -> [DayActivity] {
        let dayLength: Int64 = 86_400_000
        let last = VersionRecord.milliseconds(until) / dayLength
        let first = last - Int64(max(1, days)) + 1
        let counted = try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT imported / ? AS day, count(*) AS versions, sum(generation = 1) AS articles
                    FROM version INDEXED BY version_imported WHERE imported >= ? AND imported < ?
                    GROUP BY day
                    """, arguments: [dayLength, first * dayLength, (last + 1) * dayLength]
            ).reduce(into: [Int64: (Int, Int)]()) { $0[$1["day"]] = ($1["articles"], $1["versions"]) }
        }
        return (first...last).map { day in
            let (articles, versions) = counted[day] ?? (0, 0)
            return DayActivity(day: VersionRecord.date(day * dayLength), articles: articles, versions: versions)
        }
    }

    /// The versions stored here most recently, newest first.
    public func recentVersions(limit: Int = 20) async throws -> [ArticleVersion] {
        try await read { db in
            try VersionRows(db: db).versions(
                where: "version.id IN (SELECT id FROM version ORDER BY id DESC LIMIT ?)", [max(0, limit)],
                order: "ORDER BY version.id DESC")
        }
    }

    /// The versions of the article `key` whose text differs from a parent's
    /// only in whitespace, quotes or Unicode normalisation: their content
    /// has the parent's normalised fingerprint.
    public func trivialVersions(key: String) async throws -> Set<ObjectID> {
        try await read { db in
            guard let stored = try VersionRows(db: db).resolveKey(key) else {
                throw StoreError(.notFound, "no article with this key", subject: key)
            }
            let hashes = try Data.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT child.hash FROM article
                    JOIN version child ON child.article = article.id
                    JOIN version_parent link ON link.version = child.id
                    JOIN version parent ON parent.id = link.parent
                    JOIN object a ON a.id = child.content JOIN object b ON b.id = parent.content
                    WHERE article.key = ? AND a.fingerprint = b.fingerprint
                    """, arguments: [stored])
            return Set(hashes.map(VersionRows.id))
        }
    }

    /// Every feed fetched over HTTP, with what the store holds from it, by URL.
    public func feeds() async throws -> [FeedSummary] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(FeedState.columns),
                           (SELECT count(*) FROM version WHERE origin = feed_state.url) AS versions,
                           (SELECT count(DISTINCT article) FROM version WHERE origin = feed_state.url) AS articles
                    FROM feed_state ORDER BY url
                    """
            ).map { row in
                FeedSummary(
                    state: FeedState(row: row),
                    versions: row["versions"], articles: row["articles"])
            }
        }
    }
}

extension ArticleStore {
    /// The number of the last change recorded: it grows with every object
    /// or version stored, so a reader can tell cheaply whether what it
    /// computed from the store is still current.
    public func changeSequence() async throws -> Int64 {
        try await read { db in try Int64.fetchOne(db, sql: "SELECT max(seq) FROM change") ?? 0 }
    }
}
