import ArticleStore
import Foundation
import Testing

/// The library example in README.md, run as written (in a temporary directory).
@Suite("README example")
struct ReadmeExampleTests {
    @Test func runsAsDocumented() async throws {
        try await withTemporaryDirectory { dir in
            let store = try ArticleStore(at: dir.appendingPathComponent("news.artstore"))
            let text = "Budget passes\n\nParliament approved the spending plan on Tuesday.\n"
            let first = try await store.put(Data(text.utf8), key: "https://example.com/budget")
            let edited = try await store.put(
                Data((text + "\nUpdate: the vote was 201 to 150.\n").utf8), key: "https://example.com/budget")
            #expect("\(first.outcome) \(edited.outcome)" == "created new-version")
            let log = try await store.log(key: "https://example.com/budget")
            #expect(log.map(\.id) == [edited.version, first.version])
            #expect(log.allSatisfy { $0.title == "Budget passes" })
            let hits = try await store.search("spending plan")
            #expect(hits.map(\.key) == ["https://example.com/budget"])
            #expect(hits[0].snippet.contains("[spending] [plan]"))
        }
    }
}
