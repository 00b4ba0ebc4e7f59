import ArgumentParser
import ArticleStore
import Foundation

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import article files and directories (recursively).",
        discussion: """
            A file named NNN_<16 hex>.txt gets the key and number NNN; other files are keyed by
            their path relative to the directory given. Exits 1 if any file failed.
            """)

    @OptionGroup var options: StoreOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Prefix every key with NS/ to keep unrelated batches apart.")
    var namespace: String?

    @Option(help: "Encoding of the input files: utf-8, latin1 or windows-1252.")
    var encoding = "utf-8"

    @Option(help: "Reject files larger than this many bytes.")
    var sizeLimit = 16 << 20

    @Option(help: "What to do with near-duplicates of stored stories: keep, link, skip or off.")
    var nearDuplicates = "link"

    @Option(help: "Files read per batch, and about the articles written per transaction.")
    var batchSize = ArticleStore.Configuration().batchSize

    @Flag(help: "Read and hash every file, even those whose size, times and inode say they are unchanged.")
    var rehash = false

    @Argument(help: "Files and directories to import.")
    var paths: [String]

    func run() async throws {
        guard let textEncoding = TextEncoding(named: encoding) else {
            throw ValidationError("unknown encoding '\(encoding)'; use utf-8, latin1 or windows-1252")
        }
        guard let policy = NearDuplicatePolicy(named: nearDuplicates) else {
            throw ValidationError("unknown near-duplicate policy '\(nearDuplicates)'; use keep, link, skip or off")
        }
        try await reporting {
            let created = !ArticleStore.exists(at: options.url)
            var configuration = ArticleStore.Configuration()
            configuration.sizeLimit = sizeLimit
            configuration.batchSize = batchSize
            let store = try ArticleStore(at: options.url, configuration: configuration)
            if created { Terminal.note("Created store at \(options.url.path)") }
            let bar = ProgressBar("importing")
            var importOptions = ImportOptions(namespace: namespace, encoding: textEncoding, nearDuplicates: policy)
            importOptions.rehash = rehash
            let report = try await store.importFiles(
                paths.map { URL(fileURLWithPath: $0) }, options: importOptions, progress: bar.callback)
            bar.finish()
            if output.json { try Terminal.printJSON(report) } else { printSummary(report) }
            if !report.failures.isEmpty { throw ExitCode(1) }
        }
    }

    private func printSummary(_ report: ImportReport) {
        print("Imported \(report.files) files in \(String(format: "%.2f", report.elapsed)) s")
        let rows: [(String, Int)] = [
            ("new articles", report.newArticles), ("new versions", report.newVersions),
            ("unchanged", report.unchanged), ("  of which not read", report.statCached),
            ("exact duplicates", report.exactDuplicates.count),
            ("normalised duplicates", report.normalizedDuplicates.count),
            ("near-duplicates", report.nearDuplicates.count), ("skipped near-duplicates", report.skipped),
            ("probable key collisions", report.probableKeyCollisions.count), ("failures", report.failures.count),
        ]
        for (name, count) in rows { print("  \(name.padding(toLength: 24, withPad: " ", startingAt: 0))\(count)") }
        let shown = 20
        func list<T>(_ title: String, _ items: [T], _ line: (T) -> String) {
            guard !items.isEmpty else { return }
            print("\(title):")
            for item in items.prefix(shown) { Terminal.line("  \(line(item))") }
            if items.count > shown { print("  … and \(items.count - shown) more (use --json for all)") }
        }
        list("Failures", report.failures) { "\($0.file): \($0.reason)" }
        list("Exact duplicates", report.exactDuplicates) { "\($0.file) repeats \($0.of.key) (\($0.of.content.short))" }
        list("Normalised duplicates", report.normalizedDuplicates) {
            "\($0.file) matches \($0.of.key) (\($0.of.content.short)) after normalisation"
        }
        list("Near-duplicates", report.nearDuplicates) {
            "\($0.file) tells the story of \($0.of.key) (\($0.of.content.short), \(Int($0.of.score * 100))% contained)"
        }
        list("Probable key collisions (new version shares almost no words with the old)", report.probableKeyCollisions)
        { $0 }
    }
}
