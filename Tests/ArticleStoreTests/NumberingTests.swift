import Foundation
import GRDB
import Testing

@testable import ArticleStore

@Suite("Article numbers")
struct NumberingTests {
    /// What an export must carry: each article's key, number and head text.
    struct Shape: Hashable {
        let key: String
        let number: Int
        let content: ObjectID
    }

    static func shapes(_ store: ArticleStore) async throws -> Set<Shape> {
        Set(try await store.articles().map { Shape(key: $0.key, number: $0.number, content: $0.content) })
    }

    /// Checks the rules every store keeps: numbers unique, a numbered key
    /// holds its own number, and verify finds nothing.
    static func expectNumbersHold(_ store: ArticleStore, _ context: String) async throws {
        let articles = try await store.articles()
        let numbers = articles.map(\.number)
        #expect(Set(numbers).count == numbers.count, "\(context): numbers repeat: \(numbers.sorted())")
        for article in articles {
            if let owned = ArticleNumbers.owned(by: article.key) {
                #expect(article.number == owned, "\(context): \(article.key) holds \(article.number)")
            }
        }
        let report = try await store.verify()
        #expect(report.isHealthy, "\(context): \(report.problems)")
    }

    static func histories(_ store: ArticleStore) async throws -> [String: [ObjectID]] {
        var result: [String: [ObjectID]] = [:]
        for article in try await store.articles() {
            result[article.key] = try await store.log(key: article.key).map(\.content)
        }
        return result
    }

    @Test func numberedAndPathKeyedFilesNeverShareANumber() async throws {
        try await withTemporaryDirectory { dir in
            let input = dir.appendingPathComponent("in")
            let zero = Articles.text(seed: 30)
            let two = Articles.text(seed: 32)
            try Articles.write(zero, Articles.exportName(0, zero), in: input)
            try Articles.write(two, Articles.exportName(2, two), in: input)
            try Articles.write(Data([0xEF, 0xBB, 0xBF]) + Data(Articles.text(seed: 36).utf8), "006_bom.txt", in: input)
            let long = "A long line\n\n" + String(repeating: "word ", count: 40_000) + "\n"
            try Articles.write(long, "007_huge_line.txt", in: input)
            try Articles.write(Articles.text(seed: 41), "011_x.txt", in: input)

            let store = try ArticleStore(at: dir.appendingPathComponent("s1"))
            #expect(try await store.importFiles([input]).newArticles == 5)
            try await Self.expectNumbersHold(store, "first store")
            let numbers = try await store.articles().map(\.number)
            #expect(numbers.contains(0) && numbers.contains(2))

            let out = dir.appendingPathComponent("out")
            #expect(try await store.export(to: out).files == 5)
            let names = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".txt") }
            #expect(names.count == 5)
            #expect(Set(names.map { $0.prefix { $0 != "_" } }).count == 5, "\(names)")

            let copy = try ArticleStore(at: dir.appendingPathComponent("s2"))
            #expect(try await copy.importFiles([out]).newArticles == 5)
            #expect(try await Self.shapes(copy) == (try await Self.shapes(store)))
        }
    }

    @Test func aNumberedFileMovesAPathKeyedArticleOffItsNumber() async throws {
        try await withStore { store, input in
            _ = try await store.put(Data(Articles.text(seed: 50).utf8), key: "notes/a.txt")
            _ = try await store.put(Data(Articles.text(seed: 51).utf8), key: "notes/b.txt")
            let text = Articles.text(seed: 52)
            try Articles.write(text, Articles.exportName(1, text), in: input)
            _ = try await store.importFiles([input])
            try await Self.expectNumbersHold(store, "after the numbered file")
            #expect(try await store.article(key: "001").number == 1)
            #expect(try await store.article(key: "notes/b.txt").number == 2)
        }
    }

    @Test func exportKeepsKeysAndHistoriesThroughAnEmptyStore() async throws {
        try await withTemporaryDirectory { dir in
            let store = try ArticleStore(at: dir.appendingPathComponent("s1"))
            for (index, key) in ["005", "wire/story.txt", "feed:example/item-9", "012"].enumerated() {
                for edit in 1...3 {
                    let text = Articles.text(seed: 60 + index, paragraphs: edit)
                    _ = try await store.put(Data(text.utf8), key: key)
                    try await Task.sleep(for: .milliseconds(5))
                }
            }
            let heads = dir.appendingPathComponent("heads")
            #expect(try await store.export(to: heads).files == 4)
            let fromHeads = try ArticleStore(at: dir.appendingPathComponent("s2"))
            _ = try await fromHeads.importFiles([heads])
            #expect(try await Self.shapes(fromHeads) == (try await Self.shapes(store)))

            let all = dir.appendingPathComponent("all")
            #expect(try await store.export(to: all, options: ExportOptions(allVersions: true)).files == 12)
            let fromAll = try ArticleStore(at: dir.appendingPathComponent("s3"))
            _ = try await fromAll.importFiles([all])
            #expect(try await Self.shapes(fromAll) == (try await Self.shapes(store)))
            #expect(try await Self.histories(fromAll) == (try await Self.histories(store)))
        }
    }

    @Test func aBrokenKeyListFailsItsFolderAndNamesIt() async throws {
        try await withStore { store, input in
            try Articles.write(Articles.text(seed: 70), "loose.txt", in: input)
            try Articles.write(
                "{\"format\":\"artstore-export-keys\",\"version\":1,\"keys\":[]}", "artstore-keys.json", in: input)
            let report = try await store.importFiles([input])
            #expect(report.newArticles == 0)
            let failed = report.failures.map { ($0.file as NSString).lastPathComponent }
            #expect(failed.sorted() == ["artstore-keys.json", "loose.txt"])
            #expect(report.failures.allSatisfy { $0.reason.contains("key") })
            #expect(try await store.articles().isEmpty)
        }
    }

    @Test func exportKeepsTheWidthOfTheNamesImported() async throws {
        try await withTemporaryDirectory { dir in
            let input = dir.appendingPathComponent("in")
            let texts = (0..<3).map { Articles.text(seed: 80 + $0) }
            let names = [
                "000123_" + ObjectID.hashing(Data(texts[0].utf8)).short + ".txt",
                "004567_" + ObjectID.hashing(Data(texts[1].utf8)).short + ".txt",
                "000009_" + ObjectID.hashing(Data(texts[2].utf8)).short + ".txt",
            ]
            for (text, name) in zip(texts, names) { try Articles.write(text, name, in: input) }
            let store = try ArticleStore(at: dir.appendingPathComponent("s"))
            _ = try await store.importFiles([input])
            let out = dir.appendingPathComponent("out")
            _ = try await store.export(to: out)
            let written = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
            #expect(written == names.sorted())
        }
    }

    @Test func storesWrittenBeforeNumbersWereUniqueAreRenumberedOnOpen() async throws {
        try await withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("s")
            do {
                let store = try ArticleStore(at: url)
                for key in ["000", "a.txt", "b.txt", "002"] {
                    _ = try await store.put(
                        Data(Articles.text(seed: 90 + key.count + Int(key.utf8.first!)).utf8), key: key)
                }
                // Undo what the migration did, giving the numbers an old store had.
                try await store.pool.write { db in
                    try db.execute(sql: "DROP INDEX article_number")
                    try db.execute(sql: "UPDATE article SET number = 0 WHERE key IN ('000', 'a.txt')")
                    try db.execute(sql: "UPDATE article SET number = 2 WHERE key IN ('002', 'b.txt')")
                    try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v4-unique-numbers'")
                }
            }
            let reopened = try ArticleStore(at: url)
            try await Self.expectNumbersHold(reopened, "reopened")
            #expect(try await reopened.article(key: "000").number == 0)
            #expect(try await reopened.article(key: "002").number == 2)
        }
    }

    /// Random mixes of numbered and path-keyed files, imported in random
    /// order into two stores that sync both ways and then export.
    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func randomMixesStayUniqueAcrossSyncingStores(seed: UInt64) async throws {
        var random = SeededRandom(seed: seed)
        try await withTemporaryDirectory { dir in
            let stores = try ["a", "b"].map { try ArticleStore(at: dir.appendingPathComponent($0)) }
            for round in 0..<3 {
                for (index, store) in stores.enumerated() {
                    let input = dir.appendingPathComponent("in-\(round)-\(index)")
                    for file in 0..<Int.random(in: 3...8, using: &random) {
                        let text = Articles.text(seed: Int.random(in: 0..<60, using: &random), paragraphs: 1 + file % 3)
                        let name =
                            Bool.random(using: &random)
                            ? Articles.exportName(Int.random(in: 0..<12, using: &random), text)
                            : "story-\(Int.random(in: 0..<10, using: &random)).txt"
                        try Articles.write(text, name, in: input)
                    }
                    _ = try await store.importFiles([input])
                    try await Self.expectNumbersHold(store, "seed \(seed) round \(round) store \(index)")
                }
                _ = try await stores[0].pull(from: InMemoryRemote(stores[1]))
                _ = try await stores[1].pull(from: InMemoryRemote(stores[0]))
                for (index, store) in stores.enumerated() {
                    try await Self.expectNumbersHold(store, "seed \(seed) round \(round) synced \(index)")
                }
                let first = Set(try await stores[0].articles().map(\.key))
                #expect(first == Set(try await stores[1].articles().map(\.key)))
            }
            for (index, store) in stores.enumerated() {
                let out = dir.appendingPathComponent("out-\(index)")
                _ = try await store.export(to: out)
                let copy = try ArticleStore(at: dir.appendingPathComponent("copy-\(index)"))
                _ = try await copy.importFiles([out])
                #expect(try await Self.shapes(copy) == (try await Self.shapes(store)), "seed \(seed) store \(index)")
            }
        }
    }
}
