import ArticleStore
import Foundation
import PostgresNIO

extension PostgresHub {
    /// What one push added: how many objects were new, and the counter
    /// before and after (equal when nothing was new).
    struct PushResult {
        var added: Int
        var before: Int64
        var after: Int64
    }

    /// Adds received pack entries in one transaction, after checking them
    /// as a store does: contents must be valid articles, version records
    /// canonical. Nothing is added from a push that fails.
    ///
    /// Objects are inserted in ID order, so that two pushes of the same
    /// objects cannot deadlock; an object already held is skipped, and one
    /// being inserted by another push waits for that push. Only then is
    /// the counter row updated: its lock is held from there to the commit,
    /// which orders commits by seq (Schema/sync.md).
    func push(_ entries: [PackEntry]) async throws -> PushResult {
        for entry in entries { try entry.check(sizeLimit: sizeLimit) }
        var first: [ObjectID: Int] = [:]
        for (position, entry) in entries.enumerated() where first[entry.id] == nil { first[entry.id] = position }
        let unique = first.sorted { $0.key < $1.key }.map { entries[$0.value] }
        let columns = HubColumns(unique)
        return try await transaction { [logger] connection in
            var added = Set<ObjectID>()
            if !unique.isEmpty {
                let rows = try await connection.query(
                    """
                    INSERT INTO hub_object (id, kind, payload, l0, l1, l2, l3)
                    SELECT * FROM unnest(\(columns.ids)::bytea[], \(columns.kinds)::int2[], \(columns.payloads)::bytea[],
                        \(columns.l0)::int8[], \(columns.l1)::int8[], \(columns.l2)::int8[], \(columns.l3)::int8[])
                    ON CONFLICT (id) DO NOTHING RETURNING id
                    """, logger: logger)
                for try await id in rows.decode(ByteBuffer.self) { added.insert(try Self.objectID(id)) }
            }
            // In the pack's order: contents, then parents before children.
            let new = entries.filter { added.remove($0.id) != nil }.map(\.id)
            let counter = try await connection.query(
                new.isEmpty
                    ? "SELECT value, value FROM hub_counter WHERE name = 'seq'"
                    : "UPDATE hub_counter SET value = value + \(Int64(new.count)) WHERE name = 'seq' RETURNING value - \(Int64(new.count)), value",
                logger: logger)
            var before: Int64 = 0
            var after: Int64 = 0
            for try await (low, high) in counter.decode((Int64, Int64).self) { (before, after) = (low, high) }
            if !new.isEmpty {
                let seqs = (1...Int64(new.count)).map { before + $0 }
                try await connection.query(
                    "INSERT INTO hub_change (seq, id) SELECT * FROM unnest(\(seqs)::int8[], \(new.map(Self.buffer))::bytea[])",
                    logger: logger)
            }
            return PushResult(added: new.count, before: before, after: after)
        }
    }
}

/// Entries as the column arrays of one `unnest` insert.
struct HubColumns {
    var ids: [ByteBuffer] = []
    var kinds: [Int16] = []
    var payloads: [ByteBuffer] = []
    var l0: [Int64] = []
    var l1: [Int64] = []
    var l2: [Int64] = []
    var l3: [Int64] = []

    init(_ entries: [PackEntry]) {
        for entry in entries {
            ids.append(PostgresHub.buffer(entry.id))
            kinds.append(Int16(entry.kind.rawValue))
            payloads.append(ByteBuffer(bytes: entry.payload))
            let words = Self.words(entry.id)
            l0.append(words[0])
            l1.append(words[1])
            l2.append(words[2])
            l3.append(words[3])
        }
    }

    /// The ID's four 8-byte words, big-endian, as signed integers.
    static func words(_ id: ObjectID) -> [Int64] {
        (0..<4).map { word in
            Int64(bitPattern: id.bytes[(word * 8)..<(word * 8 + 8)].reduce(0) { $0 << 8 | UInt64($1) })
        }
    }
}
