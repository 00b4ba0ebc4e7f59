import Foundation
import GRDB

/// One search result.
public struct SearchHit: Hashable, Sendable, Codable {
    /// The article's key.
    public let key: String
    /// The article's number.
    public let number: Int
    /// The head's title.
    public let title: String
    /// The head version matched.
    public let version: ObjectID
    /// A passage of the body around the matches, matches wrapped in the
    /// highlight markers.
    public let snippet: String
    /// The bm25 score; lower is better.
    public let score: Double
    /// The head's source, if any.
    public let source: String?
    /// The head's publication date, or when it was stored when it has none.
    public let date: Date
}

/// Narrows a search to some articles: by their head's source and date (its
/// publication date, or when it was stored when it has none).
public struct SearchFilter: Hashable, Sendable, Codable {
    /// Only heads whose source (a feed's title, say) is this.
    public var source: String?
    /// Heads dated at or after this.
    public var since: Date?
    /// Heads dated before this.
    public var until: Date?

    /// A filter; nil fields do not narrow.
    public init(source: String? = nil, since: Date? = nil, until: Date? = nil) {
        self.source = source
        self.since = since
        self.until = until
    }
}

extension ArticleStore {
    /// Full-text search over the title and body of every article's winning
    /// head, best matches first (bm25, title weighted double).
    ///
    /// `query` uses SQLite FTS5 syntax: words, `AND`/`OR`/`NOT`, parentheses
    /// and `prefix*`. A `"quoted phrase"` matches its words in sequence,
    /// ignoring case and punctuation; it may be combined with other terms by
    /// AND, not by OR or NOT. Column filters and `NEAR` are not
    /// supported: the index keeps no word positions, which keeps it small.
    /// A malformed query throws `.searchSyntax`.
    ///
    /// bm25 needs each match's term counts, which a position-free index does
    /// not keep, so ranking re-reads the matching texts. To keep broad queries
    /// fast, only the `rankingWindow` most recently added matching articles
    /// (among those `filter` lets through) are ranked.
    ///
    /// `filter` narrows the matches; `offset` skips that many of the best,
    /// for the next page of results.
    public func search(
        _ query: String, filter: SearchFilter = SearchFilter(), limit: Int = 20, offset: Int = 0,
        highlight: (open: String, close: String) = ("[", "]"), rankingWindow: Int = 2000
    ) async throws -> [SearchHit] {
        let (open, close) = highlight
        let prepared = SearchQuery(query)
        if !prepared.phrases.isEmpty && prepared.hasOrOrNot {
            throw StoreError(
                .searchSyntax, "a quoted phrase can only be combined with other terms by AND", subject: query)
        }
        do {
            return try await offload { [self] in
                try pool.read { db in
                    // The filter narrows the matches first; the window is counted among
                    // the matches it lets through, so a filter reaches back past newer ones.
                    let narrowed = """
                        FROM search JOIN article ON article.id = search.rowid JOIN version ON version.id = article.head
                        WHERE search MATCH ? AND (? IS NULL OR version.source = ?)
                          AND coalesce(version.published, version.imported) >= ?
                          AND coalesce(version.published, version.imported) < ?
                        """
                    let narrowing: StatementArguments = [
                        prepared.match, filter.source, filter.source,
                        filter.since.map(VersionRecord.milliseconds) ?? Int64.min,
                        filter.until.map(VersionRecord.milliseconds) ?? Int64.max,
                    ]
                    // The window's matches and their scores in one pass, newest
                    // first, ranked here: a first query for the window's oldest
                    // rowid read the matches once more (3-23 ms on 100,000
                    // articles for a common word or a prefix).
                    let rows = try Row.fetchCursor(
                        db,
                        sql: """
                            SELECT search.rowid AS id, bm25(search, 2.0, 1.0) AS score,
                                   CASE WHEN ? THEN search.title || char(10) || search.body END AS text
                            \(narrowed)
                            ORDER BY search.rowid DESC LIMIT ?
                            """,
                        arguments: [!prepared.phrases.isEmpty] + narrowing + [max(1, rankingWindow)])
                    var ranked: [(id: Int64, score: Double, text: String?)] = []
                    while let row = try rows.next() { ranked.append((row["id"], row["score"], row["text"])) }
                    // Rank by score alone: bm25 re-reads each text, and a snippet
                    // costs as much again, so snippets wait for the page's hits.
                    ranked.sort { ($0.score, $1.id) < ($1.score, $0.id) }
                    var page: [(id: Int64, score: Double)] = []
                    var skipped = 0
                    for match in ranked where page.count < limit {
                        if let text = match.text, !prepared.phrasesOccur(in: text) { continue }
                        guard skipped >= offset else {
                            skipped += 1
                            continue
                        }
                        page.append((match.id, match.score))
                    }
                    // Snippets come from one scan of the index between the page's
                    // first and last rowid, made only for the page's rows. A query
                    // per hit sought each rowid in the term's document list again
                    // (0.7 ms a hit for a common word on 100k articles).
                    var snippets: [Int64: String] = [:]
                    if let low = page.map(\.id).min(), let high = page.map(\.id).max() {
                        // The IN list is in the result column, not the WHERE clause,
                        // so that it cannot turn the scan into one lookup per rowid.
                        let list = Array(repeating: "?", count: page.count).joined(separator: ", ")
                        let rows = try Row.fetchCursor(
                            db,
                            sql: """
                                SELECT rowid, CASE WHEN rowid IN (\(list)) THEN snippet(search, 1, ?, ?, '…', 16) END
                                FROM search WHERE search MATCH ? AND rowid >= ? AND rowid <= ?
                                """,
                            arguments: StatementArguments(
                                page.map(\.id)
                                    + ([open, close, prepared.match, low, high] as [any DatabaseValueConvertible])))
                        while let row = try rows.next() {
                            if let snippet = row[1] as String? { snippets[row[0]] = snippet }
                        }
                    }
                    let heads = try db.cachedStatement(
                        sql: """
                            SELECT article.key, article.number, version.title, version.hash, version.source,
                                   coalesce(version.published, version.imported) AS date
                            FROM article JOIN version ON version.id = article.head WHERE article.id = ?
                            """)
                    var hits: [SearchHit] = []
                    for (id, score) in page {
                        guard let row = try Row.fetchOne(heads, arguments: [id]), let snippet = snippets[id] else {
                            continue
                        }
                        hits.append(
                            SearchHit(
                                key: row["key"], number: row["number"], title: row["title"],
                                version: VersionRows.id(row["hash"]), snippet: snippet, score: score,
                                source: row["source"], date: VersionRecord.date(row["date"])))
                    }
                    return hits
                }
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
            throw StoreError(
                .searchSyntax, "cannot parse the query: \(error.message ?? "syntax error")", subject: query)
        } catch {
            throw databaseError(error, "search failed")
        }
    }
}
