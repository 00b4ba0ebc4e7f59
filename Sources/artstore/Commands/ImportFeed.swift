import ArgumentParser
import ArticleStore
import ArticleStoreHTTP
import Foundation

struct ImportFeed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-feed",
        abstract: "Import the items of RSS, RDF, Atom (1.0 and 0.3) and JSON Feed files or URLs.",
        discussion: """
            An item's key is its GUID or id, else its link without tracking parameters, else its
            title and date. A feed without a title is named after its URL or file, and an item
            without a title takes its first sentence (both with a warning).

            URLs are fetched concurrently (--concurrency in all, --per-host to one host), with
            If-None-Match/If-Modified-Since from the state the store recorded, gzip or deflate,
            at most 5 redirects, and the download stopped at --size-limit. A permanent redirect
            is recorded, so later fetches go to the new address. A server answering 429 or 503
            with Retry-After is not fetched again before then. --opml adds the feeds of a
            subscription list.

            A malformed feed is refused whole, with the line:column at fault, and the other feeds
            are still imported. Exits 1 if any feed or item failed.
            """)

    @OptionGroup var options: StoreOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Prefix every key with NS/ to keep unrelated feeds apart.")
    var namespace: String?

    @Option(help: "Refuse feeds larger than this many bytes (a download stops there).")
    var sizeLimit = 16 << 20

    @Option(help: "Also fetch every feed of this OPML subscription list.")
    var opml: String?

    @Option(help: "Feeds fetched at once, in all.")
    var concurrency = 8

    @Option(help: "Feeds fetched at once from one host.")
    var perHost = 2

    @Argument(help: "Feed files or http(s) URLs.")
    var feeds: [String] = []

    func validate() throws {
        guard !feeds.isEmpty || opml != nil else { throw ValidationError("name feeds, or an OPML list with --opml") }
        guard concurrency > 0, perHost > 0 else { throw ValidationError("--concurrency and --per-host are at least 1") }
    }

    /// One feed's outcome, for the summary and `--json`.
    struct Result: Encodable {
        var feed: String
        var notModified = false
        /// The fetch of a URL: redirects, moves, Retry-After.
        var fetch: FeedFetch?
        var error: String?
        var report: FeedReport?
    }

    /// Counts over every feed.
    struct Total: Encodable {
        var feeds = 0
        var imported = 0
        var notModified = 0
        var deferred = 0
        var failed = 0
        var newArticles = 0
        var updatedArticles = 0
        var failedItems = 0
    }

    func run() async throws {
        try await reporting {
            let created = !ArticleStore.exists(at: options.url)
            var configuration = ArticleStore.Configuration()
            configuration.sizeLimit = sizeLimit
            let store = try ArticleStore(at: options.url, configuration: configuration)
            if created { Terminal.note("Created store at \(options.url.path)") }
            var names = feeds
            if let opml {
                let data: Data
                do {
                    data = try Data(contentsOf: URL(fileURLWithPath: opml))
                } catch {
                    throw StoreError(.io, "cannot read the subscription list", subject: opml, underlying: error)
                }
                names += try OPML.subscriptions(in: data, source: opml).map(\.url).filter { !names.contains($0) }
            }
            var results = [Result?](repeating: nil, count: names.count)
            for (index, name) in names.enumerated() where !Self.isURL(name) {
                results[index] = await importFile(name, into: store)
            }
            let urls = names.enumerated().filter { Self.isURL($0.element) }
            var fetcherConfiguration = FeedFetcher.Configuration()
            fetcherConfiguration.sizeLimit = sizeLimit
            let bar = ProgressBar("fetching")
            let fetched = await FeedFetcher(configuration: fetcherConfiguration).importFeeds(
                urls.map(\.element), into: store, namespace: namespace, concurrency: concurrency, perHost: perHost
            ) { done, _ in
                bar.callback?(StoreProgress(done: done, total: urls.count))
            }
            if !urls.isEmpty { bar.finish() }
            for ((index, _), outcome) in zip(urls, fetched) {
                results[index] = Result(
                    feed: outcome.url, notModified: outcome.fetch?.status == .notModified, fetch: outcome.fetch,
                    error: outcome.error, report: outcome.fetch?.report)
            }
            let all = results.map { $0! }
            let total = Self.total(all)
            if output.json {
                try Terminal.printJSON(Output(feeds: all, total: total))
            } else {
                all.forEach(printSummary)
                if all.count > 1 { printTotal(total) }
            }
            if total.failed > 0 || total.failedItems > 0 { throw ExitCode(1) }
        }
    }

    struct Output: Encodable {
        var feeds: [Result]
        var total: Total
    }

    static func isURL(_ name: String) -> Bool {
        guard let url = URL(string: name) else { return false }
        return ["http", "https"].contains(url.scheme?.lowercased() ?? "")
    }

    private func importFile(_ path: String, into store: ArticleStore) async -> Result {
        var result = Result(feed: path)
        do {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw StoreError(.io, "cannot read the feed", subject: path, underlying: error)
            }
            result.report = try await store.importFeed(data, source: path, namespace: namespace)
        } catch {
            result.error = "\(error)"
        }
        return result
    }

    static func total(_ results: [Result]) -> Total {
        var total = Total(feeds: results.count)
        for result in results {
            if result.error != nil {
                total.failed += 1
            } else if let report = result.report {
                total.imported += 1
                total.newArticles += report.new.count
                total.updatedArticles += report.updated.count
                total.failedItems += report.failures.count
            } else if result.fetch?.status == .deferred {
                total.deferred += 1
            } else {
                total.notModified += 1
            }
        }
        return total
    }

    private func printSummary(_ result: Result) {
        if let error = result.error {
            Terminal.line("\(result.feed): FAILED: \(error)")
            return
        }
        if let fetch = result.fetch {
            if let moved = fetch.movedTo { Terminal.line("\(result.feed): moved for good to \(moved)") }
            switch fetch.status {
            case .notModified:
                Terminal.line("\(result.feed): not modified since the last fetch")
                return
            case .deferred:
                let until = fetch.retryAfter.map(Terminal.iso) ?? "later"
                Terminal.line("\(result.feed): not fetched: the server asked to wait until \(until)")
                return
            case .imported: break
            }
        }
        guard let report = result.report else { return }
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

    private func printTotal(_ total: Total) {
        print(
            "\(total.feeds) feeds: \(total.imported) imported, \(total.notModified) not modified, "
                + "\(total.deferred) deferred, \(total.failed) failed; \(total.newArticles) new and "
                + "\(total.updatedArticles) updated articles, \(total.failedItems) items refused")
    }
}
