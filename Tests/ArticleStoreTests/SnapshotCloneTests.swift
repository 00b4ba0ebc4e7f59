import Crypto
import Foundation
import GRDB
import Testing

@testable import ArticleStore

@Suite("Sync: clones from a snapshot")
struct SnapshotCloneTests {
    /// A hub with edits, a conflict, a token, a remote and a feed state.
    static func hub(_ dir: URL) async throws -> ArticleStore {
        let hub = try ArticleStore(at: dir.appendingPathComponent("hub"))
        for i in 0..<20 { try await put(hub, "a\(i)", seed: i) }
        _ = try await hub.put(Data("Edited\n\nThe aardvark returned.\n".utf8), key: "a1")
        let other = try ArticleStore(at: dir.appendingPathComponent("other"))
        _ = try await other.pull(from: InMemoryRemote(hub))
        _ = try await other.put(Data("Theirs\n\nA bison left.\n".utf8), key: "a2")
        _ = try await hub.put(Data("Ours\n\nA camel stayed.\n".utf8), key: "a2")
        _ = try await hub.pull(from: InMemoryRemote(other))
        _ = try await hub.createToken(scope: .read, label: "secret")
        try await hub.addRemote(RemoteInfo(name: "backup", location: "/mnt/private/backup", tokenFile: nil))
        return hub
    }

    @Test(arguments: [Transport.memory, .http])
    func snapshotCloneEqualsObjectClone(_ transport: Transport) async throws {
        try await withTemporaryDirectory { dir in
            let hub = try await Self.hub(dir)
            try await transport.withRemote(for: hub, in: dir) { remote in
                let (fast, report) = try await ArticleStore.clone(from: remote, into: dir.appendingPathComponent("s"))
                let (slow, slowReport) = try await ArticleStore.clone(
                    from: remote, into: dir.appendingPathComponent("o"), snapshot: false)
                #expect(report.snapshot && !slowReport.snapshot)
                #expect(report.received == slowReport.received && report.versions == slowReport.versions)
                #expect(report.conflicts == ["a2"])
                #expect(try await objectSet(fast) == objectSet(hub))
                #expect(try await headState(fast) == headState(slow))
                #expect(try await fast.search("aardvark").map(\.key) == ["a1"])
                #expect(try await fast.verify().problems.isEmpty)
                // Its own identity, none of the hub's tokens or remotes, and
                // a change log that lists every object.
                #expect(try await fast.storeID() != hub.storeID())
                #expect(try await fast.remotes().isEmpty)
                // The hub's log of its own syncs stays with the hub.
                #expect(try await hub.recentOperations().map(\.kind) == [.pull])
                #expect(try await fast.recentOperations().isEmpty)
                #expect(try await slow.recentOperations().map(\.kind) == [.pull])
                let (tokens, changes, objects) = try await fast.read { db in
                    (
                        try Int.fetchOne(db, sql: "SELECT count(*) FROM token"),
                        try Int.fetchOne(db, sql: "SELECT count(DISTINCT hash) FROM change"),
                        try Int.fetchOne(
                            db, sql: "SELECT (SELECT count(*) FROM object) + (SELECT count(*) FROM version)")
                    )
                }
                #expect(tokens == 0 && changes == objects)
                // The checkpoint makes the next pull incremental.
                try await put(hub, "new", seed: 77)
                let pulled = try await fast.pull(from: remote)
                #expect(pulled.received == 2 && pulled.roundTrips <= 2 && !pulled.reconciled)
                // And a third store can clone the clone.
                let (third, _) = try await ArticleStore.clone(
                    from: InMemoryRemote(fast), into: dir.appendingPathComponent("t"))
                #expect(try await objectSet(third) == objectSet(hub))
                #expect(try await third.snapshotFiles().isEmpty)
            }
        }
    }

    /// A snapshot whose bytes were changed (by a remote that also fixed the
    /// SHA-256) fails the checks, and nothing is left behind.
    @Test(arguments: [
        "UPDATE version SET title = 'Forged' WHERE id = 3",
        "UPDATE object SET hash = (SELECT hash FROM object WHERE id = 1) || x'00' WHERE id = 2",
        "DELETE FROM version_parent",
    ])
    func forgedSnapshotIsRejected(_ forgery: String) async throws {
        try await withTemporaryDirectory { dir in
            let hub = try await Self.hub(dir)
            let remote = SnapshotRewriting(inner: InMemoryRemote(hub)) { db in try db.execute(sql: forgery) }
            let target = dir.appendingPathComponent("c")
            let error = await #expect(throws: StoreError.self) {
                _ = try await ArticleStore.clone(from: remote, into: target)
            }
            #expect(error?.message.contains("fails verification") == true, "\(error?.message ?? "")")
            #expect(!FileManager.default.fileExists(atPath: target.path))
        }
    }

    /// A snapshot of another schema is not used: the clone fetches objects.
    @Test func otherSchemaClonesObjectByObject() async throws {
        try await withTemporaryDirectory { dir in
            let hub = try await Self.hub(dir)
            let remote = SnapshotRewriting(inner: InMemoryRemote(hub)) { db in
                try db.execute(sql: "CREATE TABLE future (x)")
            }
            let (clone, report) = try await ArticleStore.clone(from: remote, into: dir.appendingPathComponent("c"))
            #expect(!report.snapshot)
            #expect(try await objectSet(clone) == objectSet(hub))
            #expect(try await clone.snapshotFiles().isEmpty)
        }
    }

    /// A download cut off after two parts resumes at its length.
    @Test func interruptedDownloadResumes() async throws {
        try await withTemporaryDirectory { dir in
            let hub = try await Self.hub(dir)
            let target = dir.appendingPathComponent("c")
            let cut = SnapshotRewriting(inner: InMemoryRemote(hub), partsAllowed: 2) { _ in }
            await #expect(throws: StoreError.self) { _ = try await ArticleStore.clone(from: cut, into: target) }
            #expect(!ArticleStore.exists(at: target))
            let resumed = SnapshotRewriting(inner: InMemoryRemote(hub)) { _ in }
            let (clone, report) = try await ArticleStore.clone(from: resumed, into: target)
            #expect(resumed.offsetsAsked.first == 2 * SnapshotRewriting.partSize)
            #expect(report.snapshot)
            #expect(try await objectSet(clone) == objectSet(hub))
            #expect(try await clone.verify().problems.isEmpty)
        }
    }

    /// The server makes a new snapshot only when its store changed.
    @Test func snapshotsAreReusedUntilTheStoreChanges() async throws {
        try await withTemporaryDirectory { dir in
            let hub = try await Self.hub(dir)
            func snapshotID() async throws -> [UInt8] {
                let response = try await hub.respond(to: SyncRequest(.snapshot(id: nil, offset: 0)))
                guard case .snapshot(let part) = response.message else { throw StoreError(.corrupt, "no snapshot") }
                return part.id
            }
            let first = try await snapshotID()
            #expect(try await snapshotID() == first)
            try await put(hub, "new", seed: 5)
            let second = try await snapshotID()
            #expect(second != first)
            // The one before stays, for a download in progress; no more.
            try await put(hub, "newer", seed: 6)
            _ = try await snapshotID()
            let files = try FileManager.default.contentsOfDirectory(
                atPath: hub.url.appendingPathComponent("snapshots").path)
            #expect(files.count == 2 && files.contains(Hex.encode(Data(second)) + ".sqlite"))
        }
    }

    /// Deleted rows of any table, and the hub's own tokens and remotes,
    /// must not travel in a snapshot's bytes, free pages included.
    @Test func snapshotsCarryNoDeletedData() async throws {
        try await withTemporaryDirectory { dir in
            let hub = try await Self.hub(dir)
            // As in SQLite builds whose deletes leave the bytes in place
            // (Debian's defaults to secure delete, which hides the leak).
            try await hub.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA secure_delete = OFF") }
            var secrets: [(String, [UInt8])] = []
            for i in 0..<150 {
                let token = try await hub.createToken(scope: i % 2 == 0 ? .read : .write, label: "revoked \(i)")
                let hash = Array(SHA256.hash(data: Data(token.utf8)))
                secrets.append(("token \(i) hash", hash))
                secrets.append(("token \(i) hash in hex", Array(Hex.encode(Data(hash)).utf8)))
                secrets.append(("token \(i)", Array(token.utf8)))
            }
            for info in try await hub.tokens() where info.label?.hasPrefix("revoked") == true {
                #expect(try await hub.revokeToken(id: info.id) >= 1)
            }
            for i in 0..<20 {
                let url = "https://erased-\(i).private.example/hub"
                try await hub.addRemote(RemoteInfo(name: "gone\(i)", location: url, tokenFile: "/secret/token-\(i)"))
                secrets.append(("remote \(i)", Array(url.utf8)))
                secrets.append(("remote \(i) token file", Array("/secret/token-\(i)".utf8)))
            }
            for i in 0..<20 { try await hub.removeRemote(named: "gone\(i)") }
            // A row of a table that snapshots keep, deleted in place.
            try await hub.pool.write { db in
                try db.execute(sql: "INSERT INTO store_info (name, value) VALUES ('scratch', 'deleted-marker-5e1f')")
                try db.execute(sql: "DELETE FROM store_info WHERE name = 'scratch'")
            }
            secrets.append(("deleted store_info row", Array("deleted-marker-5e1f".utf8)))
            secrets.append(("live remote", Array("/mnt/private/backup".utf8)))

            let snapshot = try hub.snapshots.snapshot(id: nil, of: hub)
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: snapshot.path)))
            let (clone, _) = try await ArticleStore.clone(
                from: InMemoryRemote(hub), into: dir.appendingPathComponent("c"))
            let cloned = [UInt8](try Data(contentsOf: clone.url.appendingPathComponent(ArticleStore.databaseName)))
            #expect(secrets.filter { holds(bytes, $0.1) }.map(\.0) == [], "in the snapshot")
            #expect(secrets.filter { holds(cloned, $0.1) }.map(\.0) == [], "in the clone")
            let queue = try DatabaseQueue(path: snapshot.path)
            #expect(try await queue.read { try Int.fetchOne($0, sql: "PRAGMA freelist_count") } == 0)
            #expect(try await queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM token") } == 0)
        }
    }
}

/// Whether `haystack` holds the bytes of `needle` anywhere (memchr for
/// the first byte, then memcmp: a plain scan is too slow in debug builds).
func holds(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard let first = needle.first else { return true }
    return haystack.withUnsafeBytes { hay in
        needle.withUnsafeBytes { pin in
            var offset = 0
            while hay.count - offset >= pin.count,
                let found = memchr(hay.baseAddress! + offset, Int32(first), hay.count - offset - pin.count + 1)
            {
                if memcmp(found, pin.baseAddress!, pin.count) == 0 { return true }
                offset = hay.baseAddress!.distance(to: UnsafeRawPointer(found)) + 1
            }
            return false
        }
    }
}

extension ArticleStore {
    /// Files a snapshot clone leaves while it downloads.
    func snapshotFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasPrefix("snapshot") }
    }
}

/// Serves its inner remote's snapshot, changed by `rewrite`, in small parts,
/// and fails after `partsAllowed` of them, like a dropped connection.
final class SnapshotRewriting: Remote, @unchecked Sendable {
    static let partSize = 64 << 10
    let inner: any Remote
    let rewrite: @Sendable (Database) throws -> Void
    private let lock = NSLock()
    private var partsAllowed: Int
    private var copy: (part: SnapshotPart, bytes: [UInt8])?
    private(set) var offsetsAsked: [Int] = []

    init(inner: any Remote, partsAllowed: Int = .max, rewrite: @escaping @Sendable (Database) throws -> Void) {
        self.inner = inner
        self.partsAllowed = partsAllowed
        self.rewrite = rewrite
    }

    var location: String { inner.location }

    func exchange(_ request: SyncRequest) async throws -> SyncResponse {
        guard case .snapshot(_, let offset) = request.message else { return try await inner.exchange(request) }
        let (part, bytes) = try await snapshot()
        let allowed = lock.withLock {
            offsetsAsked.append(offset)
            partsAllowed -= 1
            return partsAllowed >= 0
        }
        if !allowed { throw StoreError(.remote, "connection dropped") }
        let length = min(Self.partSize, bytes.count - offset)
        var answer = part
        (answer.offset, answer.length) = (offset, length)
        answer.bytes = Zstd.compress(Array(bytes[offset..<offset + length]), level: 1)!
        return SyncResponse(.snapshot(answer))
    }

    /// The inner remote's whole snapshot, rewritten, with its new length and SHA-256.
    private func snapshot() async throws -> (SnapshotPart, [UInt8]) {
        if let copy = lock.withLock({ copy }) { return copy }
        var bytes: [UInt8] = []
        var first: SnapshotPart?
        repeat {
            let response = try await inner.exchange(SyncRequest(.snapshot(id: first?.id, offset: bytes.count)))
            guard case .snapshot(let part) = response.message else { throw StoreError(.corrupt, "no snapshot") }
            first = first ?? part
            bytes += Zstd.decompress(part.bytes, size: part.length)!
        } while bytes.count < first!.size
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let queue = try DatabaseQueue(path: path)
        try await queue.write(rewrite)
        try queue.close()
        bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var part = first!
        (part.size, part.sha256) = (bytes.count, Array(SHA256.hash(data: bytes)))
        lock.withLock { copy = (part, bytes) }
        return (part, bytes)
    }
}
