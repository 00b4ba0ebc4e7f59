import ArticleStore
import Foundation

/// One feed of a batch: what its fetch did, or why it failed.
public struct FeedFetchResult: Sendable, Codable {
    /// The URL as it was asked for.
    public var url: String
    /// The fetch, when it did not fail.
    public var fetch: FeedFetch?
    /// Why it failed, when it did.
    public var error: String?
}

extension FeedFetcher {
    /// Fetches and imports many feeds at once: at most `concurrency` fetches
    /// in flight, and at most `perHost` to any one host. A feed that fails
    /// is reported and does not stop the others. Results come back in the
    /// order of `urls`; `progress` is called as each feed finishes.
    public func importFeeds(
        _ urls: [String], into store: ArticleStore, namespace: String? = nil, concurrency: Int = 8, perHost: Int = 2,
        progress: (@Sendable (_ done: Int, _ result: FeedFetchResult) -> Void)? = nil
    ) async -> [FeedFetchResult] {
        let hosts = HostSlots(perHost: max(1, perHost))
        var results = [FeedFetchResult?](repeating: nil, count: urls.count)
        await withTaskGroup(of: (Int, FeedFetchResult).self) { group in
            var next = 0
            var done = 0
            func start() {
                guard next < urls.count else { return }
                let index = next
                next += 1
                group.addTask {
                    let url = urls[index]
                    let host = URL(string: url)?.host?.lowercased() ?? ""
                    await hosts.acquire(host)
                    var result = FeedFetchResult(url: url)
                    do {
                        result.fetch = try await importFeed(url, into: store, namespace: namespace)
                    } catch {
                        result.error = "\(error)"
                    }
                    await hosts.release(host)
                    return (index, result)
                }
            }
            for _ in 0..<max(1, concurrency) { start() }
            for await (index, result) in group {
                results[index] = result
                done += 1
                progress?(done, result)
                start()
            }
        }
        return results.map { $0! }
    }
}

/// A counting semaphore per host.
private actor HostSlots {
    let perHost: Int
    var busy: [String: Int] = [:]
    var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    init(perHost: Int) { self.perHost = perHost }

    func acquire(_ host: String) async {
        if busy[host, default: 0] < perHost {
            busy[host, default: 0] += 1
            return
        }
        await withCheckedContinuation { waiting[host, default: []].append($0) }
    }

    func release(_ host: String) {
        if var queue = waiting[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[host] = queue
            next.resume()  // the slot passes to the waiter
        } else {
            busy[host, default: 1] -= 1
        }
    }
}
