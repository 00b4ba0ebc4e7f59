import Crypto
import Foundation
import GRDB

/// Part of a snapshot: a copy of a store's database file that a new store
/// can start from (Schema/sync.md, "Snapshot clone").
package struct SnapshotPart: Sendable, Equatable {
    /// The store the snapshot is of.
    var remoteID: String
    /// The snapshot's ID; empty when the remote offers no snapshots.
    var id: [UInt8]
    /// The remote's checkpoint at the snapshot: a pull from there fetches
    /// whatever the remote gained since.
    var checkpoint: [UInt8]
    /// The length and SHA-256 of the whole file.
    var size: Int
    var sha256: [UInt8]
    /// Where this part starts, its length, and its bytes as a zstd frame.
    var offset: Int
    var length: Int
    var bytes: [UInt8]

    /// The most bytes one part carries.
    static let partSize = 16 << 20

    package static let none = SnapshotPart(
        remoteID: "", id: [], checkpoint: [], size: 0, sha256: [], offset: 0, length: 0, bytes: [])
}

/// The snapshots a store keeps to answer snapshot requests: the newest and
/// the one before, so that a clone still downloading the older one can finish.
final class SnapshotShelf: @unchecked Sendable {
    struct Snapshot {
        var id: [UInt8]
        var path: String
        var seq: Int64
        var remoteID: String
        var size: Int
        var sha256: [UInt8]
    }

    private let lock = NSLock()
    private var kept: [Snapshot] = []

    /// The snapshot with `id`, or else the newest, made now when the store
    /// has changed since.
    func snapshot(id: [UInt8]?, of store: ArticleStore) throws -> Snapshot {
        try lock.withLock {
            if let id, let found = kept.first(where: { $0.id == id }) { return found }
            let seq = try store.pool.read { db in try ArticleStore.lastSeq(db) }
            if let newest = kept.last, newest.seq == seq { return newest }
            let made = try Self.make(store)
            kept = Array((kept + [made]).suffix(2))
            // Older snapshots, also those of an earlier server process, go.
            let folder = URL(fileURLWithPath: made.path).deletingLastPathComponent()
            let keep = Set(kept.map { URL(fileURLWithPath: $0.path).lastPathComponent })
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            where !keep.contains(name) {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
            return made
        }
    }

    /// Copies the store's database in one read transaction, erases what
    /// describes the store's own access, remotes and feeds (tokens, remotes,
    /// sync state and feed state), then rebuilds the copy with `VACUUM INTO`.
    /// A backup copies pages as they are, with the bytes of rows deleted
    /// before (in free pages and in the free space of live pages); the
    /// rebuilt file holds only live rows, so a snapshot never carries
    /// deleted data of any table.
    private static func make(_ store: ArticleStore) throws -> Snapshot {
        let folder = store.url.appendingPathComponent("snapshots")
        let id = (0..<16).map { _ in UInt8.random(in: 0...255) }
        let path = folder.appendingPathComponent(Hex.encode(Data(id)) + ".sqlite").path
        let copyPath = path + ".copy"
        let temporary = path + ".partial"
        defer { try? FileManager.default.removeItem(atPath: copyPath) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let copy = try DatabaseQueue(path: copyPath)
            let (seq, remoteID) = try store.pool.read { db in
                let state = (try ArticleStore.lastSeq(db), try ArticleStore.storeID(db))
                try copy.writeWithoutTransaction { try db.backup(to: $0) }
                return state
            }
            try copy.writeWithoutTransaction { db in
                for table in ["token", "remote", "sync_state", "feed_state", "operation_log", "file_stat"] {
                    try db.execute(sql: "DELETE FROM \(table)")
                }
                try db.execute(sql: "VACUUM INTO ?", arguments: [temporary])
            }
            try copy.close()
            let (size, sha256) = try fileHash(temporary)
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
            store.configuration.logger.info(
                "made a snapshot for clones", metadata: ["bytes": "\(size)", "seq": "\(seq)"])
            return Snapshot(id: id, path: path, seq: seq, remoteID: remoteID, size: size, sha256: sha256)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw store.databaseError(error, "cannot make a snapshot of the store")
        }
    }

    /// The part of `snapshot` from `offset`, compressed.
    static func part(of snapshot: Snapshot, from offset: Int) throws -> SnapshotPart {
        guard offset >= 0, offset <= snapshot.size else {
            throw StoreError(.invalidArgument, "offset \(offset) is past the snapshot's \(snapshot.size) bytes")
        }
        let length = min(SnapshotPart.partSize, snapshot.size - offset)
        guard let file = FileHandle(forReadingAtPath: snapshot.path) else {
            throw StoreError(.io, "cannot read the snapshot", subject: snapshot.path)
        }
        defer { try? file.close() }
        try file.seek(toOffset: UInt64(offset))
        let raw = [UInt8](try file.read(upToCount: length) ?? Data())
        guard raw.count == length else { throw StoreError(.io, "the snapshot is short", subject: snapshot.path) }
        // Level 1: a 113k-article store's 188 MB copy compresses to 156 MB
        // in 0.45 s; level 3 gives 147 MB in 0.72 s (zstd -1/-3), on a path
        // where the client waits for each part.
        guard let frame = Zstd.compress(raw, level: 1) else {
            throw StoreError(.io, "zstd could not compress the snapshot")
        }
        return SnapshotPart(
            remoteID: snapshot.remoteID, id: snapshot.id, checkpoint: ArticleStore.checkpoint(snapshot.seq),
            size: snapshot.size, sha256: snapshot.sha256, offset: offset, length: length, bytes: frame)
    }
}

/// The length and SHA-256 of a file, read a part at a time.
func fileHash(_ path: String) throws -> (Int, [UInt8]) {
    guard let file = FileHandle(forReadingAtPath: path) else {
        throw StoreError(.io, "cannot read the file", subject: path)
    }
    defer { try? file.close() }
    var hash = SHA256()
    var size = 0
    while let chunk = try file.read(upToCount: 1 << 22), !chunk.isEmpty {
        hash.update(data: chunk)
        size += chunk.count
    }
    return (size, Array(hash.finalize()))
}
