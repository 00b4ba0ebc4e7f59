// FeedArchiver: archives RSS, Atom and JSON feeds (files, http(s) URLs, or
// the feeds of an OPML subscription list) into a store and prints a summary
// per feed. It uses only the public API of ArticleStore and ArticleStoreHTTP,
// whose FeedFetcher fetches with conditional requests, redirects and
// Retry-After handled, several feeds at once.
//
//     swift run FeedArchiver STORE [--opml LIST.opml] FEED...
import ArticleStore
import ArticleStoreHTTP
import Foundation

var arguments = Array(CommandLine.arguments.dropFirst())
var opmlPath: String?
if let flag = arguments.firstIndex(of: "--opml"), flag + 1 < arguments.count {
    opmlPath = arguments[flag + 1]
    arguments.removeSubrange(flag...(flag + 1))
}
guard arguments.count >= 2 || (arguments.count == 1 && opmlPath != nil) else {
    FileHandle.standardError.write(Data("usage: FeedArchiver STORE [--opml LIST.opml] FEED...\n".utf8))
    exit(64)
}

func summary(_ feed: String, _ report: FeedReport) -> String {
    "\(feed) (\(report.title), \(report.format)): \(report.items) items, \(report.new.count) new, "
        + "\(report.updated.count) updated, \(report.duplicates.count) duplicate, "
        + "\(report.nearDuplicates.count) near-duplicate, \(report.failures.count) failed"
}

var failed = false
do {
    let store = try ArticleStore(at: URL(fileURLWithPath: arguments[0]))
    var feeds = Array(arguments.dropFirst())
    if let opmlPath {
        let list = try OPML.subscriptions(in: Data(contentsOf: URL(fileURLWithPath: opmlPath)), source: opmlPath)
        feeds += list.map(\.url)
    }
    let isURL = { (feed: String) in feed.hasPrefix("http://") || feed.hasPrefix("https://") }
    for feed in feeds where !isURL(feed) {
        do {
            let report = try await store.importFeed(Data(contentsOf: URL(fileURLWithPath: feed)), source: feed)
            print(summary(feed, report))
            for failure in report.failures { print("  item \(failure.item) at \(failure.position): \(failure.reason)") }
            failed = failed || !report.failures.isEmpty
        } catch {
            print("\(feed): failed: \(error)")
            failed = true
        }
    }
    for result in await FeedFetcher().importFeeds(feeds.filter(isURL), into: store) {
        if let error = result.error {
            print("\(result.url): failed: \(error)")
            failed = true
        } else if let fetch = result.fetch {
            switch fetch.status {
            case .notModified: print("\(result.url): not modified since the last fetch")
            case .deferred: print("\(result.url): the server asked to wait until \(fetch.retryAfter!)")
            case .imported:
                print(summary(result.url, fetch.report!))
                failed = failed || fetch.report?.failures.isEmpty == false
            }
        }
    }
} catch {
    FileHandle.standardError.write(Data("FeedArchiver: \(error)\n".utf8))
    exit(1)
}
exit(failed ? 1 : 0)
