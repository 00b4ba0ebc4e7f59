import ArticleStore
import Foundation
import Testing

/// Human output stays one line per item whatever the names hold, and JSON
/// dates are whole timestamps.
extension CLITests {
    @Test func keysWithControlCharactersPrintEscapedOnOneLine() async throws {
        try await withTemporaryDirectory { dir in
            let input = dir.appendingPathComponent("in")
            try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
            try Data("A title\n\nSome text.\n".utf8).write(to: input.appendingPathComponent("two\nlines\u{1B}[31m.txt"))
            let imported = try await CLI.run(["import", input.path], in: dir)
            #expect(imported.status == 0, "\(imported.stderr)")
            let listed = try await CLI.run(["list"], in: dir)
            #expect(listed.status == 0)
            let lines = listed.stdout.split(separator: "\n", omittingEmptySubsequences: true)
            #expect(lines.count == 1)
            #expect(lines.first?.contains("two\\nlines\\u{1b}[31m.txt") == true)
            #expect(!listed.stdout.contains("\u{1B}"))
        }
    }

    @Test func tokenListGivesCreatedAsAnRFC3339Timestamp() async throws {
        try await withTemporaryDirectory { dir in
            #expect(try await CLI.run(["init"], in: dir).status == 0)
            let before = Date().addingTimeInterval(-1)
            #expect(try await CLI.run(["token", "create", "--scope", "read"], in: dir).status == 0)
            let listed = try await CLI.run(["token", "list", "--json"], in: dir)
            #expect(listed.status == 0, "\(listed.stderr)")
            let tokens = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]
            let created = try #require(tokens?.first?["created"] as? String)
            let parsed = try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(created)
            #expect(parsed >= before && parsed <= Date().addingTimeInterval(1), "\(created)")
        }
    }
}
