import ArgumentParser
import ArticleStore
import Foundation

struct ImportFeed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-feed",
        abstract: "Import the items of RSS 2.0, RSS 1.0, Atom 1.0 and JSON Feed files or URLs.",
        discussion: """
            An item's key is its GUID or id, else its link without tracking parameters, else its
            title and date. URLs are fetched with If-None-Match/If-Modified-Since from the state the
            store recorded last time. A malformed feed is refused whole, with the line:column at fault,
            and the other feeds are still imported. Exits 1 if any feed or item failed.
            """)

    @OptionGroup var options: StoreOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Prefix every key with NS/ to keep unrelated feeds apart.")
    var namespace: String?

    @Option(help: "Refuse feeds larger than this many bytes.")
    var sizeLimit = 16 << 20

    @Argument(help: "Feed files or http(s) URLs.")
    var feeds: [String]

    /// One feed's outcome, for the summary and `--json`.
    struct Result: Encodable {
        var feed: String
        var notModified = false
        var error: String?
        var report: FeedReport?
    }

    func run() async throws {
        try await reporting {
            let created = !ArticleStore.exists(at: options.url)
            var configuration = ArticleStore.Configuration()
            configuration.sizeLimit = sizeLimit
            let store = try ArticleStore(at: options.url, configuration: configuration)
            if created { Terminal.note("Created store at \(options.url.path)") }
            var results: [Result] = []
            for feed in feeds {
                var result = Result(feed: feed)
                do {
                    result.report = try await importOne(feed, into: store)
                    result.notModified = result.report == nil
                } catch let error as StoreError {
                    result.error = error.description
                }
                if !output.json { printSummary(result) }
                results.append(result)
            }
            if output.json { try Terminal.printJSON(results) }
            if results.contains(where: { $0.error != nil || $0.report?.failures.isEmpty == false }) {
                throw ExitCode(1)
            }
        }
    }

    /// Imports one feed file or URL; nil when the server says it has not changed.
    private func importOne(_ feed: String, into store: ArticleStore) async throws -> FeedReport? {
        if let url = URL(string: feed), ["http", "https"].contains(url.scheme?.lowercased() ?? "") {
            switch try await FeedFetcher.fetch(url, store: store, sizeLimit: sizeLimit) {
            case .notModified: return nil
            case .fetched(let data, let state):
                return try await store.importFeed(data, source: feed, namespace: namespace, state: state)
            }
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: feed))
        } catch {
            throw StoreError(.io, "cannot read the feed", subject: feed, underlying: error)
        }
        return try await store.importFeed(data, source: feed, namespace: namespace)
    }

    private func printSummary(_ result: Result) {
        if let error = result.error {
            Terminal.line("\(result.feed): FAILED: \(error)")
            return
        }
        guard let report = result.report else {
            Terminal.line("\(result.feed): not modified since the last fetch")
            return
        }
        Terminal.line("\(result.feed): \(report.title) (\(report.format), \(report.items) items)")
        let rows: [(String, Int)] = [
            ("new", report.new.count), ("updated", report.updated.count), ("unchanged", report.unchanged),
            ("duplicate", report.duplicates.count), ("normalised duplicate", report.normalizedDuplicates.count),
            ("near-duplicate", report.nearDuplicates.count),
            ("repeated id", report.repeated.count), ("failures", report.failures.count),
        ]
        for (name, count) in rows { print("  \(name.padding(toLength: 22, withPad: " ", startingAt: 0))\(count)") }
        for duplicate in report.duplicates {
            Terminal.line("  item \(duplicate.item) (\(duplicate.key)) repeats \(duplicate.of.key)")
        }
        for repeated in report.repeated {
            Terminal.line("  item \(repeated.item) repeats the id of item \(repeated.firstItem): \(repeated.key)")
        }
        for failure in report.failures {
            Terminal.line("  item \(failure.item) at \(failure.position): \(failure.reason)")
        }
        for warning in report.warnings { Terminal.line("  warning: \(warning)") }
    }
}
