import ArticleStore
import Foundation
import PostgresNIO

extension PostgresHub {
    /// Answers a sync request as a SQLite store would (Schema/sync.md),
    /// from the database. The caller has checked the token's scope.
    public func respond(to request: SyncRequest) async throws -> SyncResponse {
        switch request.message {
        case .changes(let since, let limit):
            return try await changes(since: since.map(Self.seq(fromCheckpoint:)) ?? 0, limit: limit)
        case .ranges(let items):
            let answer = try await HubRanges(hub: self).answer(items)
            return SyncResponse(.ranges(items: answer.items, have: Array(answer.have), need: Array(answer.need)))
        case .missing(let ids):
            let held = try await held(ids)
            return SyncResponse(.missing(remoteID: id, ids: ids.filter { !held.contains($0) }))
        case .fetch(let ids):
            guard ids.count <= ArticleStore.fetchLimit else {
                throw StoreError(
                    .invalidArgument, "at most \(ArticleStore.fetchLimit) objects per request, not \(ids.count)")
            }
            return SyncResponse(.pack(Pack.encode(try await entries(ids))))
        case .push(let pack, let checkpoint):
            let result = try await push(try Pack.decode(pack, sizeLimit: sizeLimit, what: "pushed pack"))
            let caughtUp = checkpoint.flatMap(Self.seq(fromCheckpoint:)) == result.before
            return SyncResponse(
                .done(applied: result.added, checkpoint: caughtUp ? ArticleStore.checkpoint(result.after) : nil))
        case .snapshot:
            // A hub offers no database file to copy: clones fetch objects (Schema/hub.md).
            return SyncResponse(.snapshot(.none))
        }
    }

    /// The scope of `token`, or nil when the hub did not issue it.
    public func scope(ofToken token: String) async throws -> TokenScope? {
        let hash = ByteBuffer(data: TokenInfo.hash(of: token))
        let rows = try await run("SELECT scope FROM hub_token WHERE hash = \(hash)")
        for row in rows { return TokenScope(rawValue: try row.decode(String.self)) }
        return nil
    }

    /// A checkpoint of a hub is its last seq, as a store's is.
    static func seq(fromCheckpoint bytes: [UInt8]) -> Int64 { ArticleStore.seq(fromCheckpoint: bytes) ?? 0 }

    /// IDs after `since` in the change log, oldest first. The counter and
    /// the log are read in one statement, so in one snapshot: every seq up
    /// to the counter is committed and visible (Schema/sync.md).
    func changes(since: Int64, limit: Int) async throws -> SyncResponse {
        let rows = try await run(
            """
            SELECT c.value, l.seq, l.id FROM hub_counter c
            LEFT JOIN LATERAL (
                SELECT seq, id FROM hub_change WHERE seq > \(since) ORDER BY seq LIMIT \(max(0, limit))
            ) l ON true
            WHERE c.name = 'seq'
            """)
        var last: Int64 = 0
        var ids: [(seq: Int64, id: ObjectID)] = []
        for row in rows {
            let (value, seq, id) = try row.decode((Int64, Int64?, ByteBuffer?).self)
            last = value
            if let seq, let id { ids.append((seq, try Self.objectID(id))) }
        }
        guard limit > 0, since < last else {
            return SyncResponse(.changes(remoteID: id, ids: [], checkpoint: ArticleStore.checkpoint(last), more: false))
        }
        let end = ids.last?.seq ?? last
        return SyncResponse(
            .changes(remoteID: id, ids: ids.map(\.id), checkpoint: ArticleStore.checkpoint(end), more: end < last))
    }

    /// The IDs among `ids` that the hub holds.
    func held(_ ids: [ObjectID]) async throws -> Set<ObjectID> {
        let rows = try await run("SELECT id FROM hub_object WHERE id = ANY(\(ids.map(Self.buffer)))")
        var held = Set<ObjectID>()
        for row in rows { held.insert(try Self.objectID(try row.decode(ByteBuffer.self))) }
        return held
    }

    /// Pack entries of the objects among `ids` that the hub holds: contents
    /// first, then version records with parents before children.
    func entries(_ ids: [ObjectID]) async throws -> [PackEntry] {
        let rows = try await run("SELECT id, kind, payload FROM hub_object WHERE id = ANY(\(ids.map(Self.buffer)))")
        var contents: [PackEntry] = []
        var versions: [PackEntry] = []
        for row in rows {
            let (id, kind, payload) = try row.decode((ByteBuffer, Int16, ByteBuffer).self)
            let entry = PackEntry(
                kind: kind == 1 ? .content : .version, id: try Self.objectID(id), payload: Array(buffer: payload))
            if entry.kind == .content { contents.append(entry) } else { versions.append(entry) }
        }
        return contents + PackEntry.parentsFirst(versions)
    }

    static func buffer(_ id: ObjectID) -> ByteBuffer { ByteBuffer(bytes: id.bytes) }

    static func objectID(_ buffer: ByteBuffer) throws -> ObjectID {
        guard let id = ObjectID(bytes: Array(buffer: buffer)) else {
            throw StoreError(.corrupt, "an object ID in the hub is \(buffer.readableBytes) bytes, not 32")
        }
        return id
    }
}
