import ArticleStore
import Foundation
import Testing

@Suite("artstore import-feed and dupes")
struct FeedAndDupesCLITests {
    static let feeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ArticleStoreTests/Fixtures/feeds")

    @Test func feedsImportOnceAndBrokenFeedsFail() async throws {
        try await withTemporaryDirectory { dir in
            let good = ["rss2.xml", "atom.xml", "rss1.rdf", "feed.json"].map {
                Self.feeds.appendingPathComponent($0).path
            }
            let first = try await CLI.run(["import-feed", "--json"] + good, in: dir)
            #expect(first.status == 0, "\(first.stderr)")
            let output = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any]
            let reports = output?["feeds"] as? [[String: Any]]
            #expect(reports?.count == 4)
            #expect((output?["total"] as? [String: Any])?["imported"] as? Int == 4)
            let again = try await CLI.run(["import-feed", "--json"] + good, in: dir)
            #expect(again.status == 0)
            let second =
                (try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])?["feeds"]
                as? [[String: Any]]
            #expect(second?.count == 4)
            for report in second ?? [] {
                let fields = (report["report"] as? [String: Any]) ?? report
                #expect((fields["new"] as? [Any])?.isEmpty == true, "\(report)")
            }

            let broken = try await CLI.run(
                ["import-feed", Self.feeds.appendingPathComponent("bad/broken.xml").path], in: dir)
            #expect(broken.status != 0)
            #expect(broken.stderr.contains("broken.xml") || broken.stdout.contains("broken.xml"))
        }
    }

    @Test func dupesListsClustersWithOrigins() async throws {
        try await withTemporaryDirectory { dir in
            let input = dir.appendingPathComponent("in")
            try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
            let body = (0..<60).map { "word\($0 % 17) item\($0)" }.joined(separator: " ") + "."
            try Data("First title\n\n\(body)\n".utf8).write(to: input.appendingPathComponent("a.txt"))
            try Data("Other title\n\nBy Staff, AP\n\n\(body)\n".utf8).write(to: input.appendingPathComponent("b.txt"))
            try Data("Unrelated\n\nSomething else entirely happened today.\n".utf8)
                .write(to: input.appendingPathComponent("c.txt"))
            let imported = try await CLI.run(["import", "in"], in: dir)
            #expect(imported.stdout.contains("near-duplicates         1"), "\(imported.stdout)")
            let dupes = try await CLI.run(["dupes", "--json"], in: dir)
            let clusters = try JSONDecoder().decode([DuplicateCluster].self, from: Data(dupes.stdout.utf8))
            #expect(clusters.count == 1)
            #expect(clusters.first?.members.map(\.origin) == ["a.txt", "b.txt"])
            #expect(clusters.first?.members.allSatisfy { $0.id.count == 16 } == true)

            // `--of` takes a directory as the .txt files under it, nested
            // ones too, sorted by path; hidden files are skipped.
            let probe = dir.appendingPathComponent("probe/nested")
            try FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
            try Data("Copy\n\n\(body)\n".utf8).write(to: probe.appendingPathComponent("copy.txt"))
            try Data("Hidden\n\n\(body)\n".utf8).write(to: probe.appendingPathComponent(".hidden.txt"))
            try Data("New\n\nNothing like it was stored before.\n".utf8)
                .write(to: dir.appendingPathComponent("probe/new.txt"))
            let of = try await CLI.run(["dupes", "--json", "--of", "probe"], in: dir)
            #expect(of.status == 0, "\(of.stderr)")
            let matches = try JSONSerialization.jsonObject(with: Data(of.stdout.utf8)) as? [[String: Any]] ?? []
            #expect(matches.map { $0["file"] as? String } == ["probe/nested/copy.txt", "probe/new.txt"])
            #expect(matches.map { ($0["matches"] as? [Any])?.count } == [2, 0])
        }
    }
}
