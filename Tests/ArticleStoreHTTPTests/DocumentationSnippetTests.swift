import ArticleStore
import ArticleStoreHTTP
import ArticleStoreServer
import Foundation
import Testing

/// Every Swift code block of README.md and the DocC catalogues, compiled and
/// run here as written: the first test checks that each block appears in this
/// file verbatim (indentation aside), the others run them.
@Suite("Documentation snippets")
struct DocumentationSnippetTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The ```swift blocks of a Markdown file, each as its trimmed, non-empty lines but imports.
    static func swiftBlocks(_ url: URL) throws -> [[String]] {
        var blocks: [[String]] = []
        var current: [String]?
        for line in try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```swift" {
                current = []
            } else if current != nil, trimmed == "```" {
                blocks.append(current!)
                current = nil
            } else if !trimmed.isEmpty, !trimmed.hasPrefix("import ") {
                // Imports are the file's own, at its top.
                current?.append(trimmed)
            }
        }
        return blocks
    }

    static func documents() throws -> [URL] {
        let catalogues = try FileManager.default.contentsOfDirectory(
            atPath: root.appendingPathComponent("Sources").path
        )
        // The PostgreSQL hub's blocks need a database: HubDocumentationTests runs them.
        .filter { $0 != "ArticleStorePostgres" }
        .flatMap { module -> [URL] in
            let folder = root.appendingPathComponent("Sources/\(module)/\(module).docc")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { $0.hasSuffix(".md") }.map { folder.appendingPathComponent($0) }
        }
        return [root.appendingPathComponent("README.md")] + catalogues
    }

    @Test func everyBlockIsInThisFile() throws {
        let here = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
            .components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var checked = 0
        for document in try Self.documents() {
            for block in try Self.swiftBlocks(document) {
                var found = false
                for start in here.indices where start + block.count <= here.count {
                    if Array(here[start..<(start + block.count)]) == block {
                        found = true
                        break
                    }
                }
                #expect(found, "\(document.lastPathComponent): a block starting \(block.first ?? "") is not run here")
                checked += 1
            }
        }
        #expect(checked >= 12, "the README and the catalogues have their blocks (\(checked) found)")
    }

    /// Runs `body` with a new store in a temporary directory.
    func withStore(_ body: (ArticleStore, URL) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("snippets-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(try ArticleStore(at: directory.appendingPathComponent("store")), directory)
    }

    @Test func readme() async throws {
        try await withStore { _, directory in
            // The README's example opens news.artstore in the current directory.
            let previous = FileManager.default.currentDirectoryPath
            FileManager.default.changeCurrentDirectoryPath(directory.path)
            defer { FileManager.default.changeCurrentDirectoryPath(previous) }
            let store = try ArticleStore(at: URL(fileURLWithPath: "news.artstore"))
            let text = "Budget passes\n\nParliament approved the spending plan on Tuesday.\n"
            let key = "https://example.com/budget"
            let first = try await store.put(Data(text.utf8), key: key)
            let edited = try await store.put(Data((text + "\nUpdate: the vote was 201 to 150.\n").utf8), key: key)
            print(first.outcome, edited.outcome)  // created new-version
            for version in try await store.log(key: key) { print(version.id.short, version.title) }
            let hits = try await store.search("spending plan")  // ranked, with snippets
            #expect("\(first.outcome) \(edited.outcome)" == "created new-version")
            #expect(hits.map(\.key) == ["https://example.com/budget"])
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("news.artstore").path))
        }
    }

    @Test func gettingStarted() async throws {
        try await withStore { _, directory in
            let store = try ArticleStore(at: directory.appendingPathComponent("news.artstore"))
            let text = "Budget passes\n\nParliament approved the spending plan on Tuesday.\n"
            let first = try await store.put(Data(text.utf8), key: "https://example.com/budget")
            let edited = try await store.put(
                Data((text + "\nUpdate: the vote was 201 to 150.\n").utf8), key: "https://example.com/budget")
            let history = try await store.log(key: "https://example.com/budget")
            let hits = try await store.search("spending plan")
            #expect("\(first.outcome) \(edited.outcome)" == "created new-version")
            #expect(history.map(\.id) == [edited.version, first.version])
            #expect(hits.first?.snippet.contains("[spending] [plan]") == true)
        }
    }

    @Test func importingAndVersions() async throws {
        try await withStore { store, directory in
            let folder = directory.appendingPathComponent("in")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("Harbour\n\nThe harbour opened.\n".utf8).write(
                to: folder.appendingPathComponent("001_0123456789abcdef.txt"))
            _ = try await store.importFiles([folder])
            try Data("Harbour\n\nThe harbour opened late.\n".utf8).write(
                to: folder.appendingPathComponent("001_0123456789abcdef.txt"))
            let report = try await store.importFiles([folder]) { progress in
                print("\(progress.done) of \(progress.total) files")
            }
            print(report.newArticles, report.newVersions, report.unchanged, report.failures.count)
            let versions = try await store.log(key: "001")
            let changes = try await store.diff(key: "001")
            for segment in changes.segments where segment.kind != .same { print(segment.kind.rawValue, segment.text) }
            #expect(report.newVersions == 1 && versions.count == 2)
            #expect(changes.segments.contains { $0.kind == .added && $0.text.contains("late") })
        }
    }

    @Test func nearDuplicates() async throws {
        try await withStore { store, _ in
            let body = (0..<50).map { "word\($0 % 13) item\($0)" }.joined(separator: " ") + "."
            _ = try await store.put(Data("Original\n\n\(body)\n".utf8), key: "original")
            _ = try await store.put(Data("New headline\n\nBy Staff, Reuters\n\n\(body)\n".utf8), key: "wire-story")
            let matches = try await store.nearDuplicates(of: "wire-story")
            for match in matches { print(match.key, match.score) }
            let clusters = try await store.duplicateClusters()
            #expect(matches.map(\.key) == ["original"])
            #expect(clusters.first?.members.map(\.key) == ["original", "wire-story"])
        }
    }

    @Test func feeds() async throws {
        try await withStore { store, _ in
            let feed = Data(
                """
                <rss version="2.0"><channel><title>Harbour News</title>
                <item><guid>hn-1</guid><title>Ferry resumes</title><description>Service restarts on Monday.</description></item>
                </channel></rss>
                """.utf8)
            let imported = try await store.importFeed(feed, source: "harbour.xml")
            print(imported.title, imported.new)
            #expect(imported.title == "Harbour News" && imported.new == ["hn-1"])
            // A refused connection fails at once: nothing listens on port 9 here.
            let urls = ["http://127.0.0.1:9/feed.xml"]
            let fetcher = FeedFetcher()
            let results = await fetcher.importFeeds(urls, into: store, concurrency: 8, perHost: 2)
            for result in results { print(result.url, result.fetch?.status.rawValue ?? result.error ?? "") }
            #expect(results.count == 1 && results[0].error != nil)
        }
    }

    @Test func syncAndRemotes() async throws {
        try await withStore { store, directory in
            _ = try await store.put(Data("Title\n\nBody.\n".utf8), key: "a")
            let share = directory.appendingPathComponent("share")
            let copyLocation = directory.appendingPathComponent("copy")
            let folder = DirectoryRemote(url: share)
            let pushed = try await store.push(to: folder)
            let (mirror, cloned) = try await ArticleStore.clone(from: folder, into: copyLocation)
            print(pushed.sent, cloned.received)
            #expect(pushed.sent == 2 && cloned.received == 2)
            // Both edit the article: after a sync each has two heads.
            _ = try await store.put(Data("Title\n\nOurs.\n".utf8), key: "a")
            _ = try await mirror.put(Data("Title\n\nTheirs.\n".utf8), key: "a")
            _ = try await mirror.sync(with: folder)
            _ = try await store.pull(from: folder)
            #expect(try await store.conflicts().map(\.key) == ["a"])
            for conflict in try await store.conflicts() {
                _ = try await store.resolve(key: conflict.key)
            }
            #expect(try await store.conflicts().isEmpty)
        }
    }

    @Test func servingAHub() async throws {
        try await withStore { store, directory in
            let hub = try ArticleStore(at: directory.appendingPathComponent("hub"))
            _ = try await store.put(Data("Title\n\nBody.\n".utf8), key: "a")
            let writeToken = try await hub.createToken(scope: .write, label: "crawler")
            let server = try await SyncServer(
                store: hub, host: "127.0.0.1", port: 0, limits: ServerLimits(), logger: nil
            ).start()
            let remote = HTTPRemote(url: URL(string: "http://127.0.0.1:\(server.port)")!, token: writeToken)
            let report = try await store.sync(with: remote)
            await server.stop()
            #expect(report.sent == 2)
            #expect(try await hub.stats().articles == 1)
        }
    }

    @Test func errorHandling() async throws {
        try await withStore { store, _ in
            do {
                _ = try await store.put(Data(), key: "empty")
            } catch let error as StoreError where error.code == .invalidArticle {
                print("refused: \(error.message) (\(error.subject ?? ""))")
            }
            let error = await #expect(throws: StoreError.self) { try await store.put(Data(), key: "empty") }
            #expect(error?.code == .invalidArticle && error?.subject == "empty")
        }
    }
}
