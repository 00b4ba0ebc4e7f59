import Foundation
import Testing

@testable import ArticleStore

/// Keyset-paginated listings, activity per day, trivial versions.
@Suite struct BrowseTests {
    /// Walks a listing page by page forward, then back from the last page.
    static func walk(_ store: ArticleStore, _ query: ArticleListQuery) async throws -> (
        forward: [String], backward: [String]
    ) {
        var forward: [[String]] = []
        var query = query
        var page = try await store.articles(query)
        #expect(page.previous == nil)
        forward.append(page.articles.map(\.key))
        while let next = page.next {
            query.after = next
            query.before = nil
            page = try await store.articles(query)
            forward.append(page.articles.map(\.key))
            #expect(forward.count < 100)
        }
        var backward: [[String]] = [page.articles.map(\.key)]
        while let previous = page.previous {
            query.before = previous
            query.after = nil
            page = try await store.articles(query)
            backward.insert(page.articles.map(\.key), at: 0)
            #expect(backward.count < 100)
        }
        #expect(forward == backward, "going back gives the same pages")
        return (forward.flatMap { $0 }, backward.flatMap { $0 })
    }

    @Test func everySortWalksEveryArticleOnceInOrder() async throws {
        try await withStore { store, _ in
            var generator = SeededRandom(seed: 7)
            var titles: [String: String] = [:]
            for index in 0..<83 {
                let key = "k\(index)"
                // Some titles repeat, so ties need the row to break them.
                let title = "Story \(Int.random(in: 0..<30, using: &generator))"
                titles[key] = title
                _ = try await store.put(Data("\(title)\n\nBody \(index) text.\n".utf8), key: key)
            }
            // Edit some, in a random order: their last change moves to the end.
            var edited: [String] = []
            for index in (0..<83).shuffled(using: &generator).prefix(20) {
                let key = "k\(index)"
                _ = try await store.put(Data("\(titles[key]!)\n\nBody \(index) edited.\n".utf8), key: key)
                edited.append(key)
            }
            let all = try await store.articles()
            for limit in [1, 7, 50, 500] {
                let byNumber = try await Self.walk(store, ArticleListQuery(sort: .number, limit: limit))
                #expect(byNumber.forward == all.sorted { $0.number < $1.number }.map(\.key))
                let byTitle = try await Self.walk(store, ArticleListQuery(sort: .title, limit: limit))
                #expect(byTitle.forward.map { titles[$0]! } == byTitle.forward.map { titles[$0]! }.sorted())
                #expect(Set(byTitle.forward).count == 83 && byTitle.forward.count == 83)
                let byChange = try await Self.walk(store, ArticleListQuery(sort: .changed, limit: limit))
                #expect(Array(byChange.forward.prefix(20)) == edited.reversed())
                #expect(Set(byChange.forward).count == 83 && byChange.forward.count == 83)
                let several = try await Self.walk(store, ArticleListQuery(multipleVersions: true, limit: limit))
                #expect(Set(several.forward) == Set(edited))
            }
        }
    }

    @Test func filtersNarrowTheListing() async throws {
        try await withTemporaryDirectory { dir in
            let a = try ArticleStore(at: dir.appendingPathComponent("a"))
            let b = try ArticleStore(at: dir.appendingPathComponent("b"))
            let story = Articles.text(seed: 3, paragraphs: 6, title: "Wire story")
            _ = try await a.put(Data(story.utf8), key: "wire", metadata: ArticleMetadata(source: "Agency"))
            _ = try await a.put(
                Data(Articles.text(seed: 9).utf8), key: "other", metadata: ArticleMetadata(source: "Paper"))
            _ = try await b.pull(from: InMemoryRemote(a))
            _ = try await a.put(
                Data((story + "\nAn edit on a.\n").utf8), key: "wire", metadata: ArticleMetadata(source: "Agency"))
            _ = try await b.put(
                Data((story + "\nAn edit on b.\n").utf8), key: "wire", metadata: ArticleMetadata(source: "Agency"))
            _ = try await b.pull(from: InMemoryRemote(a))
            let rewritten = story.replacingOccurrences(of: "Wire story", with: "A new headline for the wire story")
            _ = try await b.put(Data(rewritten.utf8), key: "copy")

            #expect(try await b.articles(ArticleListQuery(conflicted: true)).articles.map(\.key) == ["wire"])
            #expect(try await b.articles(ArticleListQuery(source: "Paper")).articles.map(\.key) == ["other"])
            let near = try await b.articles(ArticleListQuery(nearDuplicateOf: "copy")).articles.map(\.key)
            #expect(near == ["wire"])
            await #expect(throws: StoreError.self) {
                try await b.articles(ArticleListQuery(nearDuplicateOf: "missing"))
            }
            await #expect(throws: StoreError.self) { try await b.articles(ArticleListQuery(after: "bm90IGEgY3Vyc29y")) }
            await #expect(throws: StoreError.self) { try await b.articles(ArticleListQuery(limit: 0)) }
            // A cursor of one sort is refused by another.
            let page = try await b.articles(ArticleListQuery(sort: .title, limit: 1))
            await #expect(throws: StoreError.self) {
                try await b.articles(ArticleListQuery(sort: .number, after: page.next))
            }
        }
    }

    @Test func activityCountsArticlesAndVersionsPerDay() async throws {
        try await withStore { store, _ in
            _ = try await store.put(Data("One\n\nFirst.\n".utf8), key: "one")
            _ = try await store.put(Data("One\n\nSecond.\n".utf8), key: "one")
            _ = try await store.put(Data("Two\n\nFirst.\n".utf8), key: "two")
            let days = try await store.activity(days: 7)
            #expect(days.count == 7)
            #expect(days.last?.articles == 2)
            #expect(days.last?.versions == 3)
            #expect(days.dropLast().allSatisfy { $0.versions == 0 })
            #expect(
                try await store.activity(days: 3, until: Date().addingTimeInterval(-86_400 * 10)).allSatisfy {
                    $0.versions == 0
                })
        }
    }

    @Test func trivialVersionsDifferOnlyInWhitespaceOrQuotes() async throws {
        try await withStore { store, _ in
            _ = try await store.put(Data("Title\n\nHe said \"yes\" to it.\n".utf8), key: "a")
            let curly = try await store.put(Data("Title\n\nHe  said “yes” to it.\n".utf8), key: "a")
            let real = try await store.put(Data("Title\n\nHe said \"no\" to it.\n".utf8), key: "a")
            let trivial = try await store.trivialVersions(key: "a")
            #expect(trivial.contains(curly.version))
            #expect(!trivial.contains(real.version))
            #expect(trivial.count == 1)
        }
    }
}
