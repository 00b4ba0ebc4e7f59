import Foundation
import GRDB

/// One search result.
public struct SearchHit: Hashable, Sendable, Codable {
    public let key: String
    public let number: Int
    public let title: String
    /// The head version matched.
    public let version: ObjectID
    /// A passage of the body around the matches, matches wrapped in the
    /// highlight markers.
    public let snippet: String
    /// The bm25 score; lower is better.
    public let score: Double
}

extension ArticleStore {
    /// Full-text search over the title and body of every article's winning
    /// head, best matches first (bm25, title weighted double).
    ///
    /// `query` uses SQLite FTS5 syntax: words, `"phrases"`, `AND`/`OR`/`NOT`,
    /// `prefix*`, `title:word`. A malformed query throws `.searchSyntax`.
    public func search(
        _ query: String, limit: Int = 20, highlight: (open: String, close: String) = ("[", "]")
    ) async throws -> [SearchHit] {
        let (open, close) = highlight
        do {
            return try await offload { [self] in
                try pool.read { db in
                    try Row.fetchAll(db, sql: """
                        SELECT article.key, article.number, version.title, version.hash,
                               snippet(search, 1, ?, ?, '…', 16) AS snippet, bm25(search, 2.0, 1.0) AS score
                        FROM search JOIN article ON article.id = search.rowid
                        JOIN version ON version.id = article.head
                        WHERE search MATCH ? ORDER BY score LIMIT ?
                        """, arguments: [open, close, query, limit]
                    ).map { row in
                        SearchHit(
                            key: row["key"], number: row["number"], title: row["title"],
                            version: VersionRows.id(row["hash"]), snippet: row["snippet"], score: row["score"])
                    }
                }
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
            throw StoreError(.searchSyntax, "cannot parse the query: \(error.message ?? "syntax error")", subject: query)
        } catch {
            throw databaseError(error, "search failed")
        }
    }
}
