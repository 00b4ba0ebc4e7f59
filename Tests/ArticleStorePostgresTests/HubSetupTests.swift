import ArticleStore
import Foundation
import Testing

@testable import ArticleStorePostgres

/// What needs no database: URLs, password files, the schema document.
@Suite("PostgreSQL hub: setup")
struct HubSetupTests {
    @Test func urlsNameTheirParts() throws {
        let plain = try HubDatabase(url: "postgres://alice@db.example:6543/archive?sslmode=require", environment: [:])
        #expect(plain.host == "db.example" && plain.port == 6543 && plain.user == "alice")
        #expect(plain.database == "archive" && plain.password == nil && plain.sslMode == "require")
        #expect(plain.description == "postgres://alice@db.example:6543/archive")
        let defaults = try HubDatabase(url: "postgresql://bob@localhost", environment: ["PGPASSWORD": "secret"])
        #expect(defaults.port == 5432 && defaults.database == "bob" && defaults.password == "secret")
        let inURL = try HubDatabase(url: "postgres://bob:p%40ss@localhost/x", environment: ["PGPASSWORD": "other"])
        #expect(inURL.password == "p@ss")
        for bad in ["http://a@b/c", "postgres://localhost/db", "postgres:///db", "postgres://a@b/c?sslmode=maybe"] {
            #expect(throws: StoreError.self, "\(bad)") { try HubDatabase(url: bad, environment: [:]) }
        }
        do {
            _ = try HubDatabase(url: "ftp://u:hunter2@h/d", environment: [:])
        } catch let error as StoreError {
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test func passwordFilesMatchLikePostgres() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("pgpass")
        try """
        # comment
        other:5432:*:alice:wrong
        db.example:*:archive:alice:with\\:colon
        *:*:*:*:fallback
        """.write(to: file, atomically: true, encoding: .utf8)
        let environment = ["PGPASSFILE": file.path]
        #expect(
            try HubDatabase(url: "postgres://alice@db.example/archive", environment: environment).password
                == "with:colon")
        #expect(try HubDatabase(url: "postgres://carol@elsewhere/x", environment: environment).password == "fallback")
    }

    @Test func schemaDocumentIsTheMigrations() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Schema/hub.sql")
        let document = try String(contentsOf: path, encoding: .utf8)
        #expect(document == HubSchema.document, "regenerate Schema/hub.sql from HubSchema.document")
        #expect(HubSchema.migrations.map(\.version) == Array(1...HubSchema.latest))
        #expect(HubSchema.migrations[0].statements.count == 6)
    }

    @Test func versionsComeAfterTheirParents() throws {
        func record(_ key: String, parents: [ObjectID]) -> PackEntry {
            let bytes = Array(
                ("artstore-version 1\nkey \(key)\ncontent \(ObjectID.hashing(Array(key.utf8)).hex)\n"
                    + parents.sorted().map { "parent \($0.hex)\n" }.joined()
                    + "number 1\ntitle T\nimported 1\nencoding utf-8\n").utf8)
            return PackEntry(kind: .version, id: ObjectID.hashing(bytes), payload: bytes)
        }
        let root = record("a", parents: [])
        let child = record("a", parents: [root.id])
        let grandchild = record("a", parents: [child.id])
        let other = record("b", parents: [])
        let merge = record("a", parents: [grandchild.id, other.id])
        let junk = PackEntry(kind: .version, id: ObjectID.hashing([9]), payload: [9])
        let ordered = PackEntry.parentsFirst([merge, junk, grandchild, other, child, root])
        #expect(ordered.map(\.id) == [other.id, root.id, child.id, grandchild.id, merge.id, junk.id])
    }
}
