import ArticleStore
import Foundation
import Testing

@testable import ArticleStorePostgres

extension HubTests {
    /// The Swift blocks of the module's DocC catalogue, run here as written.
    @Suite("documentation")
    struct Documentation {
        static let catalogue = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(
                "Sources/ArticleStorePostgres/ArticleStorePostgres.docc/ArticleStorePostgres.md")

        @Test func everyBlockIsInThisFileAndRuns() async throws {
            let here = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
                .components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            var blocks: [[String]] = []
            var current: [String]?
            for line in try String(contentsOf: Self.catalogue, encoding: .utf8).components(separatedBy: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if current == nil, trimmed == "```swift" {
                    current = []
                } else if let block = current, trimmed == "```" {
                    blocks.append(block)
                    current = nil
                } else if !trimmed.isEmpty {
                    current?.append(trimmed)
                }
            }
            #expect(blocks.count == 1)
            for block in blocks {
                var found = false
                for start in here.indices where start + block.count <= here.count {
                    let lines: [String] = Array(here[start..<(start + block.count)])
                    if lines == block { found = true }
                }
                #expect(found, "a block starting \(block.first ?? "") is not run here")
            }

            try await TestDatabase.withHub { database in
                let directory = FileManager.default.temporaryDirectory.appendingPathComponent("docs-\(UUID())")
                defer { try? FileManager.default.removeItem(at: directory) }
                let store = try ArticleStore(at: directory)
                try await store.addArticles("doc", count: 3)
                let url =
                    "postgres://\(database.user)@\(database.host):\(database.port)/\(database.database)?sslmode=disable"
                let (hub, token) = try await openHub(url: url, seededFrom: store)
                #expect(try await hub.scope(ofToken: token) == .write)
                #expect(try await hub.tokens().map(\.label) == ["crawler"])
                await hub.close()
            }
        }

        func openHub(url: String, seededFrom store: ArticleStore) async throws -> (PostgresHub, String) {
            let database = try HubDatabase(url: url)
            try await PostgresHub.initialize(database)
            let hub = try await PostgresHub.open(database, connections: 16)
            let report = try await hub.load(from: store)
            print("copied \(report.added) of \(report.read) objects")
            let token = try await hub.createToken(scope: .write, label: "crawler")
            return (hub, token)
        }
    }
}
