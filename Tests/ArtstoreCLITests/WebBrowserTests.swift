import Foundation
import Testing

/// The web view in a real browser: headless Chromium, driven by
/// scripts/browser_check.py through chromedriver, against a real
/// `artstore serve` over a store of a few hundred generated articles with
/// edits, a conflict and near-duplicates.
@Suite struct WebBrowserTests {
    static let python = "/usr/bin/python3"
    static let chromedriver = "/usr/bin/chromedriver"
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Under CI the browser must be there: a missing one fails the test.
    static var browserPresent: Bool {
        FileManager.default.isExecutableFile(atPath: chromedriver)
            && FileManager.default.isExecutableFile(atPath: python)
    }
    static var required: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Where the screenshots go: `$ARTSTORE_SCREENSHOTS`, or `.ci/artifacts/screenshots`.
    static var screenshots: String {
        ProcessInfo.processInfo.environment["ARTSTORE_SCREENSHOTS"]
            ?? root.appendingPathComponent(".ci/artifacts/screenshots").path
    }

    static let story = [
        "Zeppelin returns to the harbour",
        "",
        "A zeppelin moored above the harbour on Monday after a storm kept it away for a week.",
        "",
        "The crew said the harbour master had cleared the landing field before noon.",
        "",
        "Traders on the quay sold bread and fish to the crowd that gathered to watch.",
    ]

    static func write(_ lines: [String], to url: URL) throws {
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
    }

    @Test(.enabled(if: browserPresent || required))
    func aReaderSearchesOpensAnArticleAndReadsItsDiff() async throws {
        #expect(Self.browserPresent, "chromium-driver and python3-selenium are needed (apt-get install)")
        try await withTemporaryDirectory { dir in
            let input = dir.appendingPathComponent("in")
            try writeArticles(300, into: input)
            let names = try FileManager.default.contentsOfDirectory(atPath: input.path).sorted()
            try Self.write(Self.story, to: input.appendingPathComponent("500_story.txt"))
            // A near-duplicate: the same wire story under a new headline.
            let wire = try String(contentsOf: input.appendingPathComponent(names[10]), encoding: .utf8)
            try Data(("Breaking: " + wire).utf8).write(to: input.appendingPathComponent("501_wire.txt"))
            try await SyncCLITests.ok(["import", "--store", "a", "in"], in: dir)

            // Two edits of the story; the second changes two paragraphs.
            var story = Self.story
            story[4] = "The crew said the harbour master had cleared the landing field before dawn."
            try Self.write(story, to: input.appendingPathComponent("500_story.txt"))
            try await SyncCLITests.ok(["import", "--store", "a", "in"], in: dir)
            story[2] = story[2].replacingOccurrences(of: "storm", with: "gale")
            story[6] = story[6].replacingOccurrences(of: "bread", with: "cider")
            try Self.write(story, to: input.appendingPathComponent("500_story.txt"))
            // Edits of twenty more articles.
            for name in names.prefix(20) {
                let url = input.appendingPathComponent(name)
                let text = try String(contentsOf: url, encoding: .utf8)
                try Data((text + "\nA correction was appended.\n").utf8).write(to: url)
            }
            try await SyncCLITests.ok(["import", "--store", "a", "in"], in: dir)

            // A conflict: one article edited on two stores that then sync.
            try await SyncCLITests.ok(["remote", "add", "usb", "folder", "--store", "a"], in: dir)
            try await SyncCLITests.ok(["push", "usb", "--store", "a"], in: dir)
            try await SyncCLITests.ok(["clone", "folder", "b"], in: dir)
            for (store, words) in [("a", "Edited on a"), ("b", "Edited on b")] {
                let edits = dir.appendingPathComponent("edits-\(store)")
                try FileManager.default.createDirectory(at: edits, withIntermediateDirectories: true)
                try Data("\(words)\n\nThe same article, edited apart.\n".utf8)
                    .write(to: edits.appendingPathComponent(names[40]))
                try await SyncCLITests.ok(["import", "--store", store, edits.path], in: dir)
            }
            try await SyncCLITests.ok(["push", "usb", "--store", "a"], in: dir)
            try await SyncCLITests.ok(["sync", "--store", "b"], in: dir)
            #expect(try await SyncCLITests.ok(["conflicts", "--store", "b"], in: dir).contains("Edited on"))

            let token = try await SyncCLITests.ok(["token", "create", "--store", "b", "--scope", "read"], in: dir)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let port = SyncCLITests.freePort()
            let server = try CLI.start(["serve", "--store", "b", "--listen", "127.0.0.1:\(port)"], in: dir)
            defer {
                server.terminate()
                server.waitUntilExit()
            }
            try SyncCLITests.waitForListener(port: port)

            let check = Process()
            check.executableURL = URL(fileURLWithPath: Self.python)
            check.arguments = [
                Self.root.appendingPathComponent("scripts/browser_check.py").path, "--base", "http://127.0.0.1:\(port)",
                "--token", token, "--word", "zeppelin", "--versions", "3", "--deleted", "storm", "--inserted", "gale",
                "--screenshots", Self.screenshots,
            ]
            let output = Pipe()
            check.standardOutput = output
            check.standardError = output
            try check.run()
            let reader = output.fileHandleForReading
            let transcript = try await offPool {
                let transcript = String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)
                check.waitUntilExit()
                return transcript
            }
            #expect(check.terminationStatus == 0, "\(transcript)")
            #expect(transcript.contains("ok   no console errors"), "\(transcript)")
        }
    }
}
