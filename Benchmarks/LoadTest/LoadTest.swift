// artstore-load: many clients syncing with one `artstore serve` at once
// (scripts/load.sh runs it). Each client keeps its own store and loops over
// a mix of clones, pulls, pushes of new articles and no-op syncs until the
// time is up, timing each operation and sorting failures by kind. Then
// every client reruns what failed, until it succeeds or a retry budget runs
// out, and the driver checks that every article a push reported as
// accepted is on the server.
//
//   artstore-load URL TOKEN-FILE WORK-DIR [--clients 64] [--seconds 60] [--json]
import ArticleStore
import ArticleStoreHTTP
import AsyncHTTPClient
import Foundation

struct Options {
    var url: URL
    var token: String
    var work: URL
    var clients = 64
    var seconds = 60.0
    var json = false

    init(_ arguments: [String]) throws {
        var positional: [String] = []
        var index = 1
        var clients = 64
        var seconds = 60.0
        var json = false
        while index < arguments.count {
            switch arguments[index] {
            case "--clients":
                index += 1
                clients = Int(arguments[index]) ?? clients
            case "--seconds":
                index += 1
                seconds = Double(arguments[index]) ?? seconds
            case "--json": json = true
            default: positional.append(arguments[index])
            }
            index += 1
        }
        guard positional.count == 3, let url = URL(string: positional[0]) else {
            throw StoreError(
                .invalidArgument, "usage: artstore-load URL TOKEN-FILE WORK-DIR [--clients N] [--seconds S]")
        }
        self.url = url
        self.token = try String(contentsOfFile: positional[1], encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        self.work = URL(fileURLWithPath: positional[2])
        self.clients = clients
        self.seconds = seconds
        self.json = json
    }
}

enum Operation: String, CaseIterable, Codable {
    case clone, pull, push, noop
}

/// What one client saw.
struct Outcome: Sendable {
    var latencies: [Operation: [Double]] = [:]
    var errors: [String: Int] = [:]
    var requests = 0
    /// Keys and contents of articles whose push the server acknowledged.
    var acknowledged: [(key: String, content: ObjectID)] = []
    var unfinished = 0
}

/// The kind of a failure, for counting: the error code and the first words.
func kind(of error: any Error) -> String {
    guard let error = error as? StoreError else { return "other: \(type(of: error))" }
    let words = error.message.split(separator: " ").prefix(4).joined(separator: " ")
    return "\(error.code): \(words)"
}

func runClient(_ number: Int, options: Options, client: HTTPClient, until deadline: ContinuousClock.Instant)
    async -> Outcome
{
    var outcome = Outcome()
    var random = SystemRandomNumberGenerator()
    let folder = options.work.appendingPathComponent("client-\(number)")
    var store: ArticleStore?
    var pushed = 0
    var failedPush: (key: String, content: ObjectID)?
    var remote = HTTPRemote(url: options.url, token: options.token, client: client)
    remote.busyRetries = 0  // count 503s as what they are; the rerun below retries
    func article() -> (String, Data) {
        pushed += 1
        let key = "load/\(number)/\(pushed)"
        let text =
            "Load article \(number).\(pushed)\n\nWritten at \(Date().timeIntervalSince1970) by client \(number).\n"
        return (key, Data(text.utf8))
    }
    while ContinuousClock.now < deadline {
        // A push not yet acknowledged is retried before a clone replaces the store holding it.
        let mix: [Operation] = [.clone, .pull, .pull, .push, .push, .push, .noop, .noop]
        let operation: Operation =
            store == nil ? .clone : failedPush != nil ? .push : mix.randomElement(using: &random)!
        let start = ContinuousClock.now
        do {
            switch operation {
            case .clone:
                let target = folder.appendingPathComponent("store-\(UUID().uuidString)")
                let (cloned, report) = try await ArticleStore.clone(from: remote, into: target)
                outcome.requests += report.roundTrips
                store = cloned
            case .pull:
                outcome.requests += try await store!.pull(from: remote).roundTrips
            case .push:
                if failedPush == nil {
                    let (key, bytes) = article()
                    _ = try await store!.put(bytes, key: key)
                    failedPush = (key, ObjectID.hashing(bytes))
                }
                outcome.requests += try await store!.push(to: remote).roundTrips
                outcome.acknowledged.append(failedPush!)
                failedPush = nil
            case .noop:
                outcome.requests += try await store!.sync(with: remote).roundTrips
            }
            outcome.latencies[operation, default: []].append((ContinuousClock.now - start).seconds)
        } catch {
            outcome.errors["\(operation.rawValue): \(kind(of: error))", default: 0] += 1
        }
    }
    // Rerun what failed: the push whose answer never came.
    if let failed = failedPush, let store {
        var tries = 0
        while tries < 30 {
            tries += 1
            do {
                _ = try await store.push(to: remote)
                outcome.acknowledged.append(failed)
                failedPush = nil
                break
            } catch {
                try? await Task.sleep(for: .seconds(1))
            }
        }
        if failedPush != nil { outcome.unfinished += 1 }
    }
    return outcome
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.down)))]
}

extension Duration {
    var seconds: Double {
        let (whole, atto) = components
        return Double(whole) + Double(atto) / 1e18
    }
}

@main
struct LoadTest {
    static func main() async {
        do {
            let options = try Options(CommandLine.arguments)
            try FileManager.default.createDirectory(at: options.work, withIntermediateDirectories: true)
            // The shared client: one made here must be shut down on every path out.
            let client = HTTPClient.shared
            let started = ContinuousClock.now
            let deadline = started + .milliseconds(Int64(options.seconds * 1000))
            let outcomes = await withTaskGroup(of: Outcome.self) { group in
                for number in 0..<options.clients {
                    group.addTask { await runClient(number, options: options, client: client, until: deadline) }
                }
                var all: [Outcome] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            let elapsed = (ContinuousClock.now - started).seconds

            // Every acknowledged article must be on the server: pull into a new store and look.
            // The server may be restarting (scripts/load.sh --kill-every): try for a while.
            let checker = try ArticleStore(at: options.work.appendingPathComponent("checker-\(UUID().uuidString)"))
            var pulled = false
            for _ in 0..<30 where !pulled {
                do {
                    _ = try await checker.pull(from: HTTPRemote(url: options.url, token: options.token, client: client))
                    pulled = true
                } catch {
                    try await Task.sleep(for: .seconds(1))
                }
            }
            if !pulled {
                throw StoreError(.remote, "cannot pull from the server to check it", subject: "\(options.url)")
            }
            var lost: [String] = []
            for outcome in outcomes {
                for (key, content) in outcome.acknowledged {
                    let log = (try? await checker.log(key: key)) ?? []
                    if !log.contains(where: { $0.content == content }) { lost.append(key) }
                }
            }

            var operations: [String: [String: Double]] = [:]
            for operation in Operation.allCases {
                let times = outcomes.flatMap { $0.latencies[operation] ?? [] }.sorted()
                operations[operation.rawValue] = [
                    "count": Double(times.count), "p50_ms": percentile(times, 0.5) * 1000,
                    "p99_ms": percentile(times, 0.99) * 1000,
                ]
            }
            let errors = outcomes.reduce(into: [String: Int]()) { sum, outcome in
                sum.merge(outcome.errors, uniquingKeysWith: +)
            }
            let requests = outcomes.map(\.requests).reduce(0, +)
            let acknowledged = outcomes.map(\.acknowledged.count).reduce(0, +)
            let unfinished = outcomes.map(\.unfinished).reduce(0, +)
            let summary: [String: Any] = [
                "clients": options.clients, "seconds": elapsed, "requests": requests,
                "requests_per_second": Double(requests) / elapsed, "operations": operations, "errors": errors,
                "acknowledged_pushes": acknowledged, "lost": lost.count, "unfinished": unfinished,
            ]
            if options.json {
                let data = try JSONSerialization.data(withJSONObject: summary, options: [.prettyPrinted, .sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            } else {
                print(
                    "\(options.clients) clients, \(String(format: "%.1f", elapsed)) s: \(requests) requests, "
                        + String(format: "%.1f requests/s", Double(requests) / elapsed))
                for operation in Operation.allCases {
                    let row = operations[operation.rawValue]!
                    let name = operation.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)
                    print(
                        "  \(name)"
                            + String(
                                format: " %6.0f ops  p50 %8.1f ms  p99 %8.1f ms", row["count"]!, row["p50_ms"]!,
                                row["p99_ms"]!))
                }
                print("  errors: \(errors.isEmpty ? "none" : "")")
                for (kind, count) in errors.sorted(by: { $0.key < $1.key }) { print("    \(count)  \(kind)") }
                print(
                    "  acknowledged pushes: \(acknowledged); lost: \(lost.count); unfinished after reruns: \(unfinished)"
                )
            }
            exit(lost.isEmpty && unfinished == 0 ? 0 : 1)
        } catch {
            FileHandle.standardError.write(Data("artstore-load: \(error)\n".utf8))
            exit(2)
        }
    }
}
