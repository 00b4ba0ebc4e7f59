import Foundation
import GRDB

/// Writes a feed's items inside one transaction, turning items whose exact
/// text another article holds into duplicate reports instead of articles.
struct FeedWriter {
    let db: Database
    let writer: VersionWriter
    let objects: ObjectRows

    init(db: Database, codec: ObjectCodec) {
        self.db = db
        self.writer = VersionWriter(db: db, codec: codec, imported: Date())
        self.objects = ObjectRows(db: db, codec: codec)
    }

    /// Writes the search index changes; call it once, before the transaction ends.
    func finish() throws {
        try writer.finish()
    }

    func put(_ article: PreparedArticle, item: Int, into report: inout FeedReport) throws {
        if let holder = try exactHolder(of: article) {
            report.duplicates.append(.init(item: item, key: article.key, of: holder))
            return
        }
        let result = try writer.put(article)
        switch result.outcome {
        case .created: report.new.append(result.key)
        case .newVersion: report.updated.append(result.key)
        default: report.unchanged += 1
        }
        if let link = result.duplicate, result.outcome != .unchanged {
            switch link.kind {
            case .normalized: report.normalizedDuplicates.append(.init(item: item, key: result.key, of: link))
            case .near: report.nearDuplicates.append(.init(item: item, key: result.key, of: link))
            default: break
            }
        }
    }

    /// For an item whose key is not in the store yet: the article that
    /// already holds its exact text, if any.
    private func exactHolder(of article: PreparedArticle) throws -> DuplicateLink? {
        guard let object = try objects.rowID(of: article.content),
            try Bool.fetchOne(db, sql: "SELECT 1 FROM article WHERE key = ?", arguments: [article.key]) == nil,
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT article.key, article.number FROM version JOIN article ON article.id = version.article
                    WHERE version.content = ? ORDER BY version.is_head DESC, article.id LIMIT 1
                    """, arguments: [object])
        else { return nil }
        return DuplicateLink(kind: .exact, key: row["key"], number: row["number"], content: article.content)
    }
}
