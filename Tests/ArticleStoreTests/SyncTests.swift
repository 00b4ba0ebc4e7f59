import ArticleStoreHTTP
import ArticleStoreServer
import Foundation
import GRDB
import Testing

@testable import ArticleStore

/// The transports every scenario runs against.
enum Transport: String, CaseIterable, Sendable {
    case memory, directory, http

    /// Runs `body` with a remote for `hub`: the store itself; a folder next
    /// to it that `hub` is first synced into; or a real server for `hub` on
    /// 127.0.0.1, on a free port, stopped afterwards.
    func withRemote<T>(
        for hub: ArticleStore, in dir: URL, _ body: (any Remote) async throws -> T
    ) async throws -> T {
        switch self {
        case .memory: return try await body(InMemoryRemote(hub))
        case .directory:
            let folder = DirectoryRemote(url: dir.appendingPathComponent("folder-\(UUID().uuidString)"))
            _ = try await hub.push(to: folder)
            return try await body(folder)
        case .http:
            let server = try await SyncServer(store: hub, host: "127.0.0.1", port: 0, logger: nil).start()
            do {
                let token = try await hub.createToken(scope: .write, label: "test")
                let result = try await body(
                    HTTPRemote(url: URL(string: "http://127.0.0.1:\(server.port)")!, token: token))
                await server.stop()
                return result
            } catch {
                await server.stop()
                throw error
            }
        }
    }
}

func put(_ store: ArticleStore, _ key: String, seed: Int) async throws {
    _ = try await store.put(Data(Articles.text(seed: seed).utf8), key: key)
}

/// Every object ID a store holds.
func objectSet(_ store: ArticleStore) async throws -> Set<ObjectID> {
    Set(try await store.read(ArticleStore.objectIDs))
}

/// Each article's heads and winner.
func headState(_ store: ArticleStore) async throws -> [String: [String]] {
    try await store.read { db in
        var heads: [String: [String]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT article.key, hex(version.hash) AS hash, version.id = article.head AS winner FROM version
                JOIN article ON article.id = version.article WHERE version.is_head ORDER BY version.hash
                """)
        {
            heads[row["key"], default: []].append((row["winner"] ? "*" : "") + (row["hash"] as String))
        }
        return heads
    }
}

@Suite("Sync: pull, push, clone over each transport")
struct SyncTests {
    @Test(arguments: Transport.allCases)
    func cloneThenIncrementalPullAndPush(_ transport: Transport) async throws {
        try await withStore { hub, dir in
            for i in 0..<30 { try await put(hub, "a\(i)", seed: i) }
            try await transport.withRemote(for: hub, in: dir) { remote in
                let (clone, cloned) = try await ArticleStore.clone(from: remote, into: dir.appendingPathComponent("c"))
                #expect(cloned.received == 60)
                #expect(try await clone.articles().count == 30)
                #expect(try await objectSet(clone) == objectSet(hub))

                // A no-op sync is one round trip and small.
                let noop = try await clone.sync(with: remote)
                #expect(noop.roundTrips == 1)
                #expect(noop.bytes < 2048)
                #expect(noop.received == 0 && noop.sent == 0)

                // An edit on the clone travels back; a new article travels out.
                _ = try await clone.put(Data("Edited title\n\nNew words here.\n".utf8), key: "a3")
                let pushed = try await clone.push(to: remote)
                #expect(pushed.sent == 2)
                #expect(pushed.roundTrips <= 2)
                if transport == .directory { _ = try await hub.pull(from: remote) }
                #expect(try await hub.article(key: "a3").title == "Edited title")

                try await put(hub, "b", seed: 99)
                if transport == .directory { _ = try await hub.push(to: remote) }
                let pulled = try await clone.pull(from: remote)
                #expect(pulled.received == 2)
                #expect(pulled.roundTrips <= 2)
                #expect(try await clone.article(key: "b").number == hub.article(key: "b").number)
                #expect(try await clone.verify().problems.isEmpty)
            }
        }
    }

    /// Two versions of one article arriving in one batch: only the winner
    /// is searchable, and the index matches the store.
    @Test func searchIndexFollowsTheWinnerOfOneBatch() async throws {
        try await withStore { hub, dir in
            _ = try await hub.put(Data("First take\n\nA zebra crossed the road.\n".utf8), key: "x")
            _ = try await hub.put(Data("Second take\n\nA yak crossed the road.\n".utf8), key: "x")
            let (clone, _) = try await ArticleStore.clone(
                from: InMemoryRemote(hub), into: dir.appendingPathComponent("c"))
            #expect(try await clone.search("zebra").isEmpty)
            #expect(try await clone.search("yak").map(\.key) == ["x"])
            #expect(try await clone.verify().problems.isEmpty)
        }
    }

    @Test(arguments: Transport.allCases)
    func unrelatedStoresReconcile(_ transport: Transport) async throws {
        try await withStore { hub, dir in
            let other = try ArticleStore(at: dir.appendingPathComponent("other"))
            for i in 0..<80 {
                try await put(hub, "shared\(i)", seed: i)
                try await put(other, "shared\(i)", seed: i)
            }
            for i in 0..<5 { try await put(hub, "hub\(i)", seed: 1000 + i) }
            for i in 0..<7 { try await put(other, "other\(i)", seed: 2000 + i) }
            let lacking = try await objectSet(hub).subtracting(objectSet(other)).count
            // Shared articles put in different milliseconds have different version records.
            #expect(lacking >= 5 * 2)
            try await transport.withRemote(for: hub, in: dir) { remote in
                let report = try await other.sync(with: remote)
                #expect(report.reconciled)
                #expect(report.received == lacking)
                if transport == .directory { _ = try await hub.pull(from: remote) }
                #expect(try await objectSet(hub) == objectSet(other))
                #expect(try await headState(hub) == headState(other))
            }
        }
    }

    @Test(arguments: Transport.allCases)
    func concurrentEditsConflictThenResolve(_ transport: Transport) async throws {
        try await withStore { hub, dir in
            try await put(hub, "story", seed: 1)
            try await transport.withRemote(for: hub, in: dir) { remote in
                let (clone, _) = try await ArticleStore.clone(from: remote, into: dir.appendingPathComponent("c"))
                try await put(hub, "story", seed: 2)
                try await put(clone, "story", seed: 3)
                if transport == .directory { _ = try await hub.push(to: remote) }
                let report = try await clone.sync(with: remote)
                #expect(report.conflicts == ["story"])
                if transport == .directory { _ = try await hub.pull(from: remote) }
                #expect(try await hub.conflicts().map(\.key) == ["story"])
                #expect(try await headState(hub) == headState(clone))

                let loser = try await clone.conflicts()[0].heads[1]
                let merge = try await clone.resolve(key: "story", take: loser.id)
                #expect(merge.parents.count == 2)
                #expect(try await clone.conflicts().isEmpty)
                #expect(try await clone.article(key: "story").head == merge.id)
                _ = try await clone.sync(with: remote)
                if transport == .directory { _ = try await hub.pull(from: remote) }
                #expect(try await hub.conflicts().isEmpty)
                #expect(try await hub.article(key: "story").head == merge.id)
                #expect(try await hub.verify().problems.isEmpty)
            }
        }
    }

    @Test(arguments: Transport.allCases)
    func interruptedPullResumesWithWhatIsMissing(_ transport: Transport) async throws {
        try await withStore { hub, dir in
            for i in 0..<50 { try await put(hub, "a\(i)", seed: i) }
            try await transport.withRemote(for: hub, in: dir) { inner in
                let remote = Interrupting(inner: inner, fetchesAllowed: 1)
                var small = ArticleStore.Configuration()
                small.syncBatchSize = 20
                let target = try ArticleStore(at: dir.appendingPathComponent("t"), configuration: small)
                try await put(target, "mine", seed: 500)
                await #expect(throws: StoreError.self) {
                    _ = try await target.pull(from: remote)
                }
                // The batch that arrived is applied; the store is valid.
                let partial = try await objectSet(target).count
                #expect(partial == 2 + 20)
                #expect(try await target.verify().problems.isEmpty)
                let resumed = try await target.pull(from: remote.inner)
                #expect(resumed.received == 100 + 2 - partial)
                #expect(try await target.articles().count == 51)
            }
        }
    }

    @Test(arguments: Transport.allCases)
    func corruptPackIsRejectedWhole(_ transport: Transport) async throws {
        try await withStore { hub, dir in
            for i in 0..<10 { try await put(hub, "a\(i)", seed: i) }
            try await transport.withRemote(for: hub, in: dir) { inner in
                let remote = Corrupting(inner: inner)
                let target = try ArticleStore(at: dir.appendingPathComponent("t"))
                try await put(target, "mine", seed: 500)
                let before = try await objectSet(target)
                await #expect(throws: StoreError.self) { _ = try await target.pull(from: remote) }
                #expect(try await objectSet(target) == before)
            }
        }
    }

    @Test func readOnlyRemoteRefusesPush() async throws {
        try await withStore { hub, dir in
            let other = try ArticleStore(at: dir.appendingPathComponent("o"))
            try await put(other, "x", seed: 1)
            let error = await #expect(throws: StoreError.self) {
                _ = try await other.push(to: InMemoryRemote(hub, writable: false))
            }
            #expect(error?.code == .forbidden)
            #expect(try await hub.articles().isEmpty)
        }
    }

    /// Random puts on three replicas, then syncs in random pairs until quiet:
    /// all three end with the same objects, heads and winners.
    @Test func threeReplicasConverge() async throws {
        try await withTemporaryDirectory { dir in
            var random = SeededRandom(seed: 42)
            for round in 0..<8 {
                let replicas = try (0..<3).map {
                    try ArticleStore(at: dir.appendingPathComponent("r\(round)-\($0)"))
                }
                for step in 0..<12 {
                    let replica = replicas[random.next(3)]
                    try await put(replica, "k\(random.next(4))", seed: round * 100 + step)
                    if random.next(3) == 0 {
                        let (a, b) = (random.next(3), random.next(3))
                        if a != b { _ = try await replicas[a].sync(with: InMemoryRemote(replicas[b])) }
                    }
                }
                var quiet = 0
                while quiet < 6 {
                    let (a, b) = (random.next(3), random.next(3))
                    guard a != b else { continue }
                    let report = try await replicas[a].sync(with: InMemoryRemote(replicas[b]))
                    quiet = report.received + report.sent == 0 ? quiet + 1 : 0
                }
                for pair in [(0, 1), (1, 2)] {
                    _ = try await replicas[pair.0].sync(with: InMemoryRemote(replicas[pair.1]))
                }
                let sets = try await (0..<3).asyncMap { try await objectSet(replicas[$0]) }
                let heads = try await (0..<3).asyncMap { try await headState(replicas[$0]) }
                #expect(sets[0] == sets[1] && sets[1] == sets[2], "round \(round)")
                #expect(heads[0] == heads[1] && heads[1] == heads[2], "round \(round)")
                for replica in replicas { #expect(try await replica.verify().problems.isEmpty) }
            }
        }
    }
}

/// Fails every fetch after the first `fetchesAllowed`, like a dropped connection.
final class Interrupting: Remote, @unchecked Sendable {
    let inner: any Remote
    private var fetchesAllowed: Int
    private let lock = NSLock()

    init(inner: any Remote, fetchesAllowed: Int) {
        self.inner = inner
        self.fetchesAllowed = fetchesAllowed
    }

    var location: String { inner.location }

    func exchange(_ request: SyncRequest) async throws -> SyncResponse {
        if request.endpoint == "objects" {
            let allowed = lock.withLock {
                fetchesAllowed -= 1
                return fetchesAllowed >= 0
            }
            if !allowed { throw StoreError(.remote, "connection dropped") }
        }
        return try await inner.exchange(request)
    }
}

/// Flips one byte in every pack it passes on.
struct Corrupting: Remote {
    let inner: any Remote
    var location: String { inner.location }

    func exchange(_ request: SyncRequest) async throws -> SyncResponse {
        let response = try await inner.exchange(request)
        guard case .pack(var pack) = response.message else { return response }
        pack[pack.count / 2] ^= 0x40
        return SyncResponse(.pack(pack))
    }
}

extension Range where Bound == Int {
    func asyncMap<T>(_ transform: (Int) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for index in self { out.append(try await transform(index)) }
        return out
    }
}
