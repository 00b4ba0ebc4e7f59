import Foundation
import GRDB
import Testing

@testable import ArticleStore

@Suite("Verify")
struct VerifyTests {
    /// Fills a store, then runs `damage` on its raw database.
    func damaged(_ damage: @escaping @Sendable (Database) throws -> Void) async throws -> VerifyReport {
        try await withStore { store, _ in
            for seed in 0..<5 { _ = try await store.put(Data(Articles.text(seed: seed).utf8), key: "k\(seed)") }
            #expect(try await store.verify().isHealthy)
            try await store.pool.write { try damage($0) }
            return try await store.verify()
        }
    }

    @Test func catchesAFlippedByteInAStoredObject() async throws {
        let report = try await damaged { db in
            let row = try Row.fetchOne(db, sql: "SELECT id, hash, data FROM object ORDER BY id LIMIT 1 OFFSET 2")!
            var data: Data = row["data"]
            data[data.count / 2] ^= 0x01
            try db.execute(sql: "UPDATE object SET data = ? WHERE id = ?", arguments: [data, row["id"]])
        }
        let objects = report.problems.filter { $0.subject.hasPrefix("object ") }
        #expect(objects.count == 1, "\(report.problems)")
        // The search index is built from the same bytes, so it no longer matches either.
        #expect(report.problems.allSatisfy { $0.subject.hasPrefix("object ") || $0.subject == "search index" })
    }

    @Test func catchesAFlippedByteInRawStorage() async throws {
        let report = try await damaged { db in
            let row = try Row.fetchOne(db, sql: "SELECT id, size FROM object LIMIT 1")!
            var data = Data(Articles.text(seed: 0).utf8)
            data[10] ^= 0x20
            try db.execute(sql: "UPDATE object SET codec = 0, data = ? WHERE id = ?", arguments: [data, row["id"]])
        }
        #expect(report.problems.map(\.message).contains { $0.hasPrefix("stored bytes hash to") })
    }

    @Test func catchesEditedVersionRecords() async throws {
        let report = try await damaged { db in
            try db.execute(sql: "UPDATE version SET title = 'forged' WHERE id = 1")
        }
        #expect(
            report.problems.contains {
                $0.subject.hasPrefix("version ") && $0.message.hasPrefix("its record hashes to")
            })
    }

    @Test func catchesHeadsThatDisagreeWithVersions() async throws {
        let report = try await damaged { db in
            try db.execute(sql: "UPDATE version SET is_head = 0 WHERE article = 2")
        }
        #expect(report.problems.contains { $0.subject == "article k1" })
    }

    @Test func catchesAStaleSearchIndex() async throws {
        let report = try await damaged { db in
            try db.execute(
                sql:
                    "INSERT INTO search (search, rowid, title, body) VALUES ('delete', 3, (SELECT title FROM search_source WHERE article_id = 3), (SELECT body FROM search_source WHERE article_id = 3))"
            )
        }
        #expect(report.problems.contains { $0.subject == "search index" })
    }

    @Test func catchesReferencesToMissingRows() async throws {
        let report = try await damaged { db in
            try db.execute(sql: "INSERT INTO near_anchor (anchor, object) VALUES (7, 9999), (8, 9999), (9, 9998)")
            try db.execute(sql: "UPDATE version SET article = 777 WHERE id = 2")
        }
        let anchors = report.problems.filter { $0.subject == "table near_anchor" }.map(\.message)
        #expect(
            anchors == [
                "1 row points to object row 9998, which is missing",
                "2 rows point to object row 9999, which is missing",
            ])
        #expect(
            report.problems.contains {
                $0.description == "table version: 1 row points to article row 777, which is missing"
            })
    }
}
