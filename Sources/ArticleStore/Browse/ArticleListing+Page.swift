import Foundation
import GRDB

/// Where a page of a listing starts or ends: the sort value and the row that
/// breaks ties, as an opaque URL-safe string.
struct ListCursor: Hashable {
    let value: DatabaseValue
    let tie: Int64

    init(value: DatabaseValue, tie: Int64) {
        self.value = value
        self.tie = tie
    }

    /// Reads a cursor made by ``encoded`` for the same sort.
    init(decoding text: String, for sort: ArticleListQuery.Sort) throws {
        let invalid = StoreError(.invalidArgument, "not a cursor of this listing", subject: text)
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard text.count <= 2048, let data = Data(base64Encoded: base64),
            let decoded = String(data: data, encoding: .utf8)
        else { throw invalid }
        let parts = decoded.split(separator: "\u{1F}", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == sort.rawValue, let tie = Int64(parts[1]) else { throw invalid }
        switch sort {
        case .title: value = String(parts[2]).databaseValue
        case .number, .changed:
            guard let number = Int64(parts[2]) else { throw invalid }
            value = number.databaseValue
        }
        self.tie = tie
    }

    func encoded(for sort: ArticleListQuery.Sort) -> String {
        let text: String
        switch value.storage {
        case .int64(let number): text = String(number)
        case .string(let string): text = string
        default: text = ""
        }
        return Data("\(sort.rawValue)\u{1F}\(tie)\u{1F}\(text)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

extension ArticleListing {
    /// One page of `query`, read with keyset pagination over the index of
    /// its sort (article_number, article_head, version_head_title).
    static func page(_ query: ArticleListQuery, after: ListCursor?, before: ListCursor?, in db: Database) throws
        -> ArticleListPage
    {
        let (from, sortValue, tie, ascending): (String, String, String, Bool)
        switch query.sort {
        case .number:
            (from, sortValue, tie, ascending) = (
                "FROM article JOIN version ON version.id = article.head WHERE 1", "article.number", "article.id",
                true
            )
        case .changed:
            (from, sortValue, tie, ascending) = (
                "FROM article JOIN version ON version.id = article.head WHERE 1", "article.head", "article.head",
                false
            )
        case .title:
            (from, sortValue, tie, ascending) = (
                "FROM version INDEXED BY version_head_title JOIN article ON article.head = version.id WHERE version.is_head",
                "version.title", "version.id", true
            )
        }
        var conditions: [String] = []
        var arguments: [DatabaseValueConvertible?] = []
        if let source = query.source {
            conditions.append("version.source = ?")
            arguments.append(source)
        }
        if query.multipleVersions {
            conditions.append(
                "EXISTS (SELECT 1 FROM version other WHERE other.article = article.id AND other.id != article.head)")
        }
        if query.conflicted {
            conditions.append(
                "EXISTS (SELECT 1 FROM version other WHERE other.article = article.id AND other.is_head AND other.id != article.head)"
            )
        }
        if let key = query.nearDuplicateOf {
            guard let stored = try VersionRows(db: db).resolveKey(key),
                let content = try Int64.fetchOne(
                    db,
                    sql: "SELECT version.content FROM article JOIN version ON version.id = article.head WHERE key = ?",
                    arguments: [stored])
            else { throw StoreError(.notFound, "no article with this key", subject: key) }
            conditions.append(
                """
                article.key != ? AND version.content IN (
                  SELECT of_object FROM near_link WHERE object = ? UNION SELECT object FROM near_link WHERE of_object = ?
                  UNION SELECT id FROM object WHERE fingerprint = (SELECT fingerprint FROM object WHERE id = ?))
                """)
            arguments += [stored, content, content, content]
        }
        // Going back reads the rows before the cursor in reverse, then turns them round.
        let backwards = before != nil
        let forward = ascending != backwards
        if let cursor = before ?? after {
            conditions.append("(\(sortValue), \(tie)) \(forward ? ">" : "<") (?, ?)")
            arguments += [cursor.value, cursor.tie]
        }
        let direction = forward ? "ASC" : "DESC"
        let sql = """
            SELECT article.key, article.number, version.title, version.hash, version.source, version.imported,
                   \(sortValue) AS sortValue, \(tie) AS tie,
                   (SELECT count(*) FROM version v WHERE v.article = article.id) AS versions,
                   (SELECT count(*) FROM version v WHERE v.article = article.id AND v.is_head) AS heads
            \(from) \(conditions.map { "AND \($0)" }.joined(separator: " "))
            ORDER BY \(sortValue) \(direction), \(tie) \(direction) LIMIT ?
            """
        arguments.append(query.limit + 1)
        var rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
        let more = rows.count > query.limit
        rows = Array(rows.prefix(query.limit))
        if backwards { rows.reverse() }
        let cursors = rows.map { ListCursor(value: $0["sortValue"], tie: $0["tie"]).encoded(for: query.sort) }
        let articles = rows.map { row in
            ArticleListing(
                key: row["key"], number: row["number"], title: row["title"], head: VersionRows.id(row["hash"]),
                source: row["source"], changed: VersionRecord.date(row["imported"]), versions: row["versions"],
                heads: row["heads"])
        }
        let next = backwards ? cursors.last : (more ? cursors.last : nil)
        let previous = backwards ? (more ? cursors.first : nil) : (after == nil ? nil : cursors.first)
        return ArticleListPage(articles: articles, next: next, previous: previous)
    }
}
