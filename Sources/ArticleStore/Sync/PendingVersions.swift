import Foundation
import GRDB

/// Received version records become versions once their content and parents
/// are present; until then they wait in `pending_version`.
struct PendingVersions {
    let db: Database
    let writer: VersionWriter
    /// Texts of contents received with the records, so the search index
    /// need not read them back.
    var texts: [ObjectID: ArticleText] = [:]

    /// Makes the record a version if its content and parents are present.
    /// Returns false, changing nothing, when one is missing.
    func publish(_ record: VersionRecord, id: ObjectID) throws -> Bool {
        guard let content = try writer.objects.rowID(of: record.content),
            let parents = try parentRows(record.parents)
        else { return false }
        let article: Int64
        let previous: Int64?
        if let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, head FROM article WHERE key = ?"), arguments: [record.key])
        {
            article = row["id"]
            previous = row["head"]
        } else {
            try db.cachedStatement(sql: "INSERT INTO article (key, number) VALUES (?, ?)")
                .execute(arguments: [record.key, try writer.numbers.assign(key: record.key, asking: record.number)])
            article = db.lastInsertedRowID
            previous = nil
        }
        let row = try writer.insertVersion(record, id: id, article: article, content: content, parents: parents)
        try writer.updateWinner(
            article: article, previous: previous, fresh: texts[record.content].map { (row, $0, nil) })
        return true
    }

    /// Publishes every waiting record that is complete, parents first.
    /// Returns how many were published.
    func publishWaiting() throws -> Int {
        var published = 0
        while true {
            var progress = false
            for row in try Row.fetchAll(db, sql: "SELECT id, hash, record FROM pending_version ORDER BY id") {
                let id = VersionRows.id(row["hash"])
                let record = try VersionRecord(parsing: [UInt8](row["record"] as Data), id: id)
                guard try publish(record, id: id) else { continue }
                try db.cachedStatement(sql: "DELETE FROM pending_version WHERE id = ?").execute(arguments: [row["id"]])
                published += 1
                progress = true
            }
            if !progress { return published }
        }
    }

    /// Row IDs and generations of the parents, or nil when one is missing.
    private func parentRows(_ parents: [ObjectID]) throws -> [(row: Int64, generation: Int)]? {
        var rows: [(row: Int64, generation: Int)] = []
        for parent in parents {
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT id, generation FROM version WHERE hash = ?"),
                    arguments: [parent.data])
            else { return nil }
            rows.append((row["id"], row["generation"]))
        }
        return rows
    }
}
