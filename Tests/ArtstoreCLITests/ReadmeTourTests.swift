import Foundation
import Testing

/// The README's two-minute tour, run as written on a copy of the seeds.
@Suite("README tour")
struct ReadmeTourTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The ```sh block under "## A two-minute tour".
    static func tour() throws -> String {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "## A two-minute tour"))
        let start = try #require(readme.range(of: "```sh\n", range: section.upperBound..<readme.endIndex))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        return String(readme[start.upperBound..<end.lowerBound])
    }

    @Test func theTourRunsAsWritten() async throws {
        let script = try Self.tour()
        #expect(script.contains("artstore import seeds") && script.contains("artstore clone"))
        try await withTemporaryDirectory { dir in
            try FileManager.default.copyItem(
                at: Self.root.appendingPathComponent("seeds"), to: dir.appendingPathComponent("seeds"))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-euo", "pipefail", "-c", script]
            process.currentDirectoryURL = dir
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "ARTSTORE_PATH")
            environment["PATH"] = CLI.binary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "")
            process.environment = environment
            let output = dir.appendingPathComponent("tour.out")
            FileManager.default.createFile(atPath: output.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: output)
            process.standardError = process.standardOutput
            try process.run()
            try await offPool { process.waitUntilExit() }
            let printed = try String(contentsOf: output, encoding: .utf8)
            #expect(process.terminationStatus == 0, "\(printed)")
            #expect(printed.contains("Falls"), "the diff shows the new headline")
            let copy = try await CLI.run(["list", "--json", "--store", "copy"], in: dir)
            #expect(copy.status == 0 && copy.stdout.contains("Aleppo Falls to Syrian Forces"))
        }
    }
}
