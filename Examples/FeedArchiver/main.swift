// FeedArchiver: archives RSS, Atom and JSON feeds (files or http(s) URLs)
// into a store and prints a summary per feed. It uses only ArticleStore's
// public API; fetching is done here, with conditional requests whose state
// the store keeps.
//
//     swift run FeedArchiver STORE FEED...
import ArticleStore
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: FeedArchiver STORE FEED...\n".utf8))
    exit(64)
}

/// Fetches `address` unless the store's recorded ETag or Last-Modified says
/// it has not changed; returns nil in that case.
func fetch(_ address: URL, store: ArticleStore) async throws -> (Data, FeedState)? {
    var request = URLRequest(url: address)
    let previous = try await store.feedState(for: address.absoluteString)
    if let etag = previous?.etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
    if let modified = previous?.lastModified { request.setValue(modified, forHTTPHeaderField: "If-Modified-Since") }
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = response as? HTTPURLResponse
    var state = FeedState(url: address.absoluteString, etag: previous?.etag, lastModified: previous?.lastModified)
    if http?.statusCode == 304 {
        try await store.recordFeedState(state)
        return nil
    }
    guard let http, (200..<300).contains(http.statusCode) else {
        throw URLError(.badServerResponse)
    }
    state.etag = http.value(forHTTPHeaderField: "ETag")
    state.lastModified = http.value(forHTTPHeaderField: "Last-Modified")
    return (data, state)
}

var failed = false
do {
    let store = try ArticleStore(at: URL(fileURLWithPath: arguments[0]))
    for feed in arguments.dropFirst() {
        do {
            let report: FeedReport
            if let address = URL(string: feed), ["http", "https"].contains(address.scheme?.lowercased()) {
                guard let (data, state) = try await fetch(address, store: store) else {
                    print("\(feed): not modified since the last fetch")
                    continue
                }
                report = try await store.importFeed(data, source: feed, state: state)
            } else {
                report = try await store.importFeed(Data(contentsOf: URL(fileURLWithPath: feed)), source: feed)
            }
            let nearDuplicates = report.nearDuplicates.count
            print(
                "\(feed) (\(report.title), \(report.format)): \(report.items) items, \(report.new.count) new, "
                    + "\(report.updated.count) updated, \(report.duplicates.count) duplicate, "
                    + "\(nearDuplicates) near-duplicate, \(report.failures.count) failed")
            for duplicate in report.duplicates {
                print("  item \(duplicate.item) repeats \(duplicate.of.key)")
            }
            for failure in report.failures {
                print("  item \(failure.item) at \(failure.position): \(failure.reason)")
                failed = true
            }
        } catch {
            print("\(feed): failed: \(error)")
            failed = true
        }
    }
} catch {
    FileHandle.standardError.write(Data("FeedArchiver: \(error)\n".utf8))
    exit(1)
}
exit(failed ? 1 : 0)
