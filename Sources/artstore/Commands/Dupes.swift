import ArgumentParser
import ArticleStore
import Foundation

struct Dupes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List clusters of articles that tell the same story (exact, normalised and near-duplicates).")

    @OptionGroup var options: StoreOptions
    @OptionGroup var output: OutputOptions

    @Option(
        name: .customLong("of"), parsing: .upToNextOption,
        help: ArgumentHelp(
            "Instead, list the stored stories that these article files repeat (nothing is imported).",
            discussion: "A directory stands for the .txt files in it and its subdirectories, sorted by path."))
    var files: [String] = []

    struct FileMatches: Encodable {
        let file: String
        let matches: [DuplicateLink]
    }

    func run() async throws {
        try await reporting {
            if !files.isEmpty { return try await matchFiles() }
            let clusters = try await options.open().duplicateClusters()
            if output.json { return try Terminal.printJSON(clusters) }
            for (index, cluster) in clusters.enumerated() {
                print("cluster \(index + 1): \(cluster.members.count) articles")
                for member in cluster.members {
                    let number = String(member.number).leftPadded(to: 3, with: "0")
                    Terminal.line(
                        "  \(number)  \(member.id)  \(member.key)" + (member.origin.map { "  (\($0))" } ?? ""))
                }
            }
            if clusters.isEmpty { Terminal.note("no duplicates") }
        }
    }

    /// `paths` with each directory replaced by the non-hidden `.txt` files
    /// under it, sorted by path.
    private static func expand(_ paths: [String]) throws -> [String] {
        try paths.flatMap { path -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue
            else { return [path] }
            guard let walker = FileManager.default.enumerator(atPath: path) else {
                throw StoreError(.io, "cannot read directory", subject: path)
            }
            let found = walker.compactMap { $0 as? String }.filter { relative in
                relative.hasSuffix(".txt") && !relative.split(separator: "/").contains { $0.hasPrefix(".") }
            }
            return found.sorted().map { (path as NSString).appendingPathComponent($0) }
        }
    }

    private func matchFiles() async throws {
        let store = try options.open()
        let files = try Self.expand(self.files)
        var texts: [Data] = []
        for file in files {
            do {
                texts.append(try Data(contentsOf: URL(fileURLWithPath: file)))
            } catch {
                throw StoreError(.io, "cannot read", subject: file, underlying: error)
            }
        }
        let clock = ContinuousClock.now
        let results = try await store.nearDuplicates(ofTexts: texts)
        let elapsed = ContinuousClock.now - clock
        if output.json {
            return try Terminal.printJSON(zip(files, results).map { FileMatches(file: $0, matches: $1) })
        }
        for (file, matches) in zip(files, results) {
            let found = matches.map { "\($0.key) (\(Int($0.score * 100))%)" }.joined(separator: ", ")
            Terminal.line("\(file): \(found.isEmpty ? "no stored story" : found)")
        }
        let seconds = elapsed.seconds
        Terminal.note(
            String(
                format: "compared %d texts in %.2f s (%.0f texts/s, signatures and lookups on one thread)",
                texts.count, seconds, Double(texts.count) / max(seconds, 1e-9)))
    }
}
