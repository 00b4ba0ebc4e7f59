import Foundation
import GRDB

/// Received version records wait in `pending_version` until their content
/// and parents are present; then they become versions like any other.
struct PendingVersions {
    let db: Database
    let writer: VersionWriter

    /// Publishes every pending version that is complete, parents first.
    /// Returns how many were published.
    func publish() throws -> Int {
        var published = 0
        while true {
            var progress = false
            for row in try Row.fetchAll(db, sql: "SELECT id, hash, record FROM pending_version ORDER BY id") {
                let id = VersionRows.id(row["hash"])
                let record = try VersionRecord(parsing: [UInt8](row["record"] as Data), id: id)
                guard let content = try writer.objects.rowID(of: record.content),
                    let parents = try parentRows(record.parents)
                else { continue }
                try makeVisible(record, id: id, content: content, parents: parents)
                try db.execute(sql: "DELETE FROM pending_version WHERE id = ?", arguments: [row["id"]])
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

    private func makeVisible(
        _ record: VersionRecord, id: ObjectID, content: Int64, parents: [(row: Int64, generation: Int)]
    ) throws {
        let article: Int64
        let previous: Int64?
        if let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, head FROM article WHERE key = ?"), arguments: [record.key])
        {
            article = row["id"]
            previous = row["head"]
        } else {
            try db.cachedStatement(sql: "INSERT INTO article (key, number) VALUES (?, ?)")
                .execute(arguments: [record.key, record.number])
            article = db.lastInsertedRowID
            previous = nil
        }
        _ = try writer.insertVersion(record, id: id, article: article, content: content, parents: parents)
        try writer.updateWinner(article: article, previous: previous)
    }
}
