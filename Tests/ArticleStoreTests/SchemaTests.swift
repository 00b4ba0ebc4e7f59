import Foundation
import GRDB
import Testing

@testable import ArticleStore

@Suite("Schema")
struct SchemaTests {
    /// The statements in `Schema/store.sql`, comments and blank lines dropped.
    func documented() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("Schema/store.sql"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("--") }
        return lines.joined(separator: "\n").components(separatedBy: ";\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    @Test func storeSQLMatchesTheMigrations() async throws {
        try await withStore { store, _ in
            let actual = try await store.pool.read { db in
                try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid")
            }
            #expect(try documented() == actual)
        }
    }
}
