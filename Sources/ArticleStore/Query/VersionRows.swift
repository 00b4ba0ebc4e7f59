import Foundation
import GRDB

/// Reads versions and articles back into their public types.
struct VersionRows {
    let db: Database

    static let columns = """
        version.id AS rowid, version.hash, article.key, version.number, object.hash AS content, version.title,
        version.source, version.url, version.author, version.published, version.imported, version.origin,
        version.encoding, version.title_derived, object.size, version.generation,
        version.is_head AS isHead
        """
    static let from = """
        FROM version JOIN article ON article.id = version.article JOIN object ON object.id = version.content
        """

    func versions(where condition: String, _ arguments: StatementArguments, order: String = "") throws
        -> [ArticleVersion]
    {
        let rows = try Row.fetchAll(
            db, sql: "SELECT \(Self.columns) \(Self.from) WHERE \(condition) \(order)", arguments: arguments)
        return try rows.map { row in
            let parents = try Data.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT version.hash FROM version_parent JOIN version ON version.id = version_parent.parent
                        WHERE version_parent.version = ? ORDER BY version.hash
                        """), arguments: [row["rowid"]])
            return ArticleVersion(
                id: Self.id(row["hash"]), key: row["key"], number: row["number"], content: Self.id(row["content"]),
                parents: parents.map(Self.id), title: row["title"], titleDerived: (row["title_derived"] as Int?) == 1,
                source: row["source"], url: row["url"],
                author: row["author"], published: (row["published"] as Int64?).map(VersionRecord.date),
                imported: VersionRecord.date(row["imported"]), origin: row["origin"], encoding: row["encoding"],
                size: row["size"], generation: row["generation"], isHead: row["isHead"])
        }
    }

    func summaries(where condition: String = "1", _ arguments: StatementArguments = [], limit: Int? = nil) throws
        -> [ArticleSummary]
    {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT article.key, article.number, version.hash, object.hash AS content, version.title, object.size,
                       (SELECT count(*) FROM version v WHERE v.article = article.id) AS versions,
                       (SELECT count(*) FROM version v WHERE v.article = article.id AND v.is_head) AS heads
                FROM article JOIN version ON version.id = article.head JOIN object ON object.id = version.content
                WHERE \(condition) ORDER BY article.number, article.key \(limit.map { "LIMIT \($0)" } ?? "")
                """, arguments: arguments)
        return rows.map { row in
            ArticleSummary(
                key: row["key"], number: row["number"], head: Self.id(row["hash"]), content: Self.id(row["content"]),
                title: row["title"], size: row["size"], versions: row["versions"], heads: row["heads"])
        }
    }

    /// The stored key for `key`: itself when it exists; for all-digit input,
    /// also the zero-padded form that numbered files get.
    func resolveKey(_ key: String) throws -> String? {
        var candidates = [key]
        if let number = Int(key), key.allSatisfy(\.isNumber) { candidates.append(FileKeys.key(forNumber: number)) }
        for candidate in candidates
        where try Bool.fetchOne(db, sql: "SELECT 1 FROM article WHERE key = ?", arguments: [candidate]) == true {
            return candidate
        }
        return nil
    }

    static func id(_ data: Data) -> ObjectID { ObjectID(bytes: [UInt8](data))! }
}
