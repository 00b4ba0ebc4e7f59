import Foundation
import GRDB

extension ArticleStore {
    /// This store's identity: 32 hex digits chosen when it was created.
    public func storeID() async throws -> String {
        try await read { db in try Self.storeID(db) }
    }

    static func storeID(_ db: Database) throws -> String {
        try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE name = 'id'") ?? ""
    }

    static func lastSeq(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT max(seq) FROM change") ?? 0
    }

    /// Answers a sync request as a remote: what `artstore serve` and
    /// ``InMemoryRemote`` do with each request. The caller checks access.
    public func respond(to request: SyncRequest) async throws -> SyncResponse {
        switch request.message {
        case .changes(let since, let limit):
            return try await read { db in try Self.changes(db, since: since, limit: limit) }
        case .ranges(let items):
            return Reconciler.answer(items, from: try await read(Self.objectIDs))
        case .missing(let ids):
            return try await read { db in
                SyncResponse(.missing(remoteID: try Self.storeID(db), ids: try ids.filter { try !Self.holds(db, $0) }))
            }
        case .fetch(let ids):
            guard ids.count <= Self.fetchLimit else {
                throw StoreError(.invalidArgument, "at most \(Self.fetchLimit) objects per request, not \(ids.count)")
            }
            return SyncResponse(.pack(Pack.encode(try await entries(ids))))
        case .push(let pack, let checkpoint):
            let entries = try Pack.decode(pack, sizeLimit: configuration.sizeLimit)
            let result = try await apply(entries)
            let caughtUp = checkpoint.flatMap(Self.seq(fromCheckpoint:)) == result.seqBefore
            return SyncResponse(
                .done(applied: result.objects, checkpoint: caughtUp ? Self.checkpoint(result.seqAfter) : nil))
        case .snapshot(let id, let offset):
            return try await offload { [self] in
                let snapshot = try snapshots.snapshot(id: id, of: self)
                // A new snapshot, in place of one that is gone, starts at 0.
                let from = snapshot.id == id ? offset : 0
                return SyncResponse(.snapshot(try SnapshotShelf.part(of: snapshot, from: from)))
            }
        }
    }

    /// Objects a remote may ask for in one request.
    package static let fetchLimit = 10_000

    private static func changes(_ db: Database, since: [UInt8]?, limit: Int) throws -> SyncResponse {
        let remoteID = try storeID(db)
        let last = try lastSeq(db)
        let start = since.flatMap(seq(fromCheckpoint:)) ?? 0
        guard limit > 0, start < last else {
            return SyncResponse(.changes(remoteID: remoteID, ids: [], checkpoint: checkpoint(last), more: false))
        }
        let rows = try Row.fetchAll(
            db, sql: "SELECT seq, hash FROM change WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [start, limit])
        let end: Int64 = rows.last?["seq"] ?? last
        return SyncResponse(
            .changes(
                remoteID: remoteID, ids: rows.map { VersionRows.id($0["hash"]) }, checkpoint: checkpoint(end),
                more: end < last))
    }

    package static func checkpoint(_ seq: Int64) -> [UInt8] {
        var writer = WireWriter()
        writer.varint(UInt64(seq))
        return writer.bytes
    }

    package static func seq(fromCheckpoint bytes: [UInt8]) -> Int64? {
        var reader = WireReader(bytes, what: "checkpoint")
        guard let value = try? reader.varint(), reader.atEnd, value <= UInt64(Int64.max) else { return nil }
        return Int64(value)
    }

    /// Every object ID the store holds, in the order it gained them.
    static func objectIDs(_ db: Database) throws -> [ObjectID] {
        try Data.fetchAll(db, sql: "SELECT hash FROM change").map(VersionRows.id)
    }

    /// True when the store holds the object: a content, a version or a pending version record.
    static func holds(_ db: Database, _ id: ObjectID) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT EXISTS (SELECT 1 FROM object WHERE hash = ?1) OR EXISTS (SELECT 1 FROM version WHERE hash = ?1)
                        OR EXISTS (SELECT 1 FROM pending_version WHERE hash = ?1)
                    """), arguments: [id.data]) ?? false
    }

    /// The change log's last seq: how many objects the store has gained.
    package func lastChange() async throws -> Int64 {
        try await read(Self.lastSeq)
    }

    /// Up to `limit` entries of the change log after `seq`, oldest first:
    /// every object the store holds, in an order where contents and
    /// parents come first.
    package func changeLog(after seq: Int64, limit: Int) async throws -> [(seq: Int64, id: ObjectID)] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT seq, hash FROM change WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [seq, limit]
            ).map { ($0["seq"], VersionRows.id($0["hash"])) }
        }
    }

    /// Pack entries for the objects among `ids` that the store holds:
    /// contents first, then version records, parents before children.
    package func entries(_ ids: [ObjectID]) async throws -> [PackEntry] {
        try await read { [codec] db in
            let objects = ObjectRows(db: db, codec: codec)
            var contents: [PackEntry] = []
            var versions: [(generation: Int, entry: PackEntry)] = []
            for id in ids {
                if let row = try objects.rowID(of: id) {
                    contents.append(PackEntry(kind: .content, id: id, payload: try objects.bytes(rowID: row)))
                } else if let row = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT id, generation FROM version WHERE hash = ?"), arguments: [id.data])
                {
                    let record = try VersionRecord.load(db, rowID: row["id"])
                    versions.append(
                        (row["generation"], PackEntry(kind: .version, id: id, payload: record.canonicalBytes)))
                } else if let record = try Data.fetchOne(
                    db.cachedStatement(sql: "SELECT record FROM pending_version WHERE hash = ?"), arguments: [id.data])
                {
                    versions.append((Int.max, PackEntry(kind: .version, id: id, payload: [UInt8](record))))
                }
            }
            return contents + versions.sorted { $0.generation < $1.generation }.map(\.entry)
        }
    }
}
