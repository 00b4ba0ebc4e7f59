/// A request from a syncing store to a remote (Schema/sync.md). Requests
/// are values; ``encoded`` and ``init(decoding:)`` give their bytes on the
/// wire, so any transport can carry them.
public struct SyncRequest: Sendable {
    package enum Message: Sendable {
        /// Object IDs the remote added after `since` (nil: none yet), at most `limit`.
        case changes(since: [UInt8]?, limit: Int)
        /// A round of range-based reconciliation.
        case ranges([Reconciler.Item])
        /// Which of these IDs the remote lacks.
        case missing([ObjectID])
        /// The objects with these IDs, as a pack.
        case fetch([ObjectID])
        /// Objects to add, as a pack; `checkpoint` is the pusher's checkpoint of this remote.
        case push(pack: [UInt8], checkpoint: [UInt8]?)
        /// Bytes of a copy of the remote's whole store from `offset`: of
        /// snapshot `id`, or of a new one when `id` is nil or gone.
        case snapshot(id: [UInt8]?, offset: Int)
    }
    package let message: Message

    package init(_ message: Message) { self.message = message }

    /// The type byte of each message (Schema/sync.md).
    enum Tag: UInt8 {
        case changes = 0x02
        case fetch = 0x04
        case push = 0x05
        case ranges = 0x06
        case missing = 0x09
        case snapshot = 0x0B
    }

    /// The last path component of the HTTP endpoint for this request.
    public var endpoint: String {
        switch message {
        case .changes: "changes"
        case .ranges: "ranges"
        case .missing: "missing"
        case .fetch: "objects"
        case .push: "push"
        case .snapshot: "snapshot"
        }
    }

    /// True when answering the request adds to the remote (needs `write` scope).
    public var writes: Bool {
        if case .push = message { return true }
        return false
    }

    /// The pack a push carries (Schema/pack.md); nil for other requests.
    public var pack: [UInt8]? {
        if case .push(let pack, _) = message { return pack }
        return nil
    }

    /// The request's bytes on the wire.
    public var encoded: [UInt8] {
        var out = WireWriter()
        switch message {
        case .changes(let since, let limit):
            out.byte(Tag.changes.rawValue)
            out.optionalData(since)
            out.count(limit)
        case .ranges(let items):
            out.byte(Tag.ranges.rawValue)
            out.items(items)
        case .missing(let ids):
            out.byte(Tag.missing.rawValue)
            out.ids(ids)
        case .fetch(let ids):
            out.byte(Tag.fetch.rawValue)
            out.ids(ids)
        case .push(let pack, let checkpoint):
            out.byte(Tag.push.rawValue)
            out.optionalData(checkpoint)
            out.data(pack)
        case .snapshot(let id, let offset):
            out.byte(Tag.snapshot.rawValue)
            out.optionalData(id)
            out.count(offset)
        }
        return out.bytes
    }

    /// Parses a request; throws ``StoreError/Code/invalidMessage`` naming the
    /// byte at fault for anything malformed or unknown.
    public init(decoding bytes: [UInt8]) throws {
        var reader = WireReader(bytes, what: "sync request")
        let type = try reader.byte()
        switch Tag(rawValue: type) {
        case .changes:
            let since = try reader.optionalData()
            message = .changes(since: since, limit: Int(clamping: try reader.varint()))
        case .ranges: message = .ranges(try reader.items())
        case .missing: message = .missing(try reader.ids())
        case .fetch: message = .fetch(try reader.ids())
        case .push:
            let checkpoint = try reader.optionalData()
            message = .push(pack: try reader.data(), checkpoint: checkpoint)
        case .snapshot:
            let id = try reader.optionalData()
            message = .snapshot(id: id, offset: Int(clamping: try reader.varint()))
        case nil: throw reader.failure("unknown message type \(type)", at: 0)
        }
        try reader.expectEnd()
    }
}

/// A remote's answer to a ``SyncRequest``.
public struct SyncResponse: Sendable {
    package enum Message: Sendable {
        /// The remote's identity, IDs in the order it added them, a
        /// checkpoint to ask from next time, and whether more follow.
        case changes(remoteID: String, ids: [ObjectID], checkpoint: [UInt8], more: Bool)
        /// The responder's reply to a reconciliation round, with what it
        /// learned: IDs it holds that the asker lacks (`have`), and IDs the
        /// asker listed that it lacks (`need`).
        case ranges(items: [Reconciler.Item], have: [ObjectID], need: [ObjectID])
        /// The remote's identity and the IDs asked about that it lacks.
        case missing(remoteID: String, ids: [ObjectID])
        /// The objects asked for that the remote holds.
        case pack([UInt8])
        /// The push was applied. `checkpoint` is the pusher's new checkpoint
        /// when nothing else reached the remote since the one it sent.
        case done(applied: Int, checkpoint: [UInt8]?)
        /// Part of a snapshot of the remote's store; no snapshot when its ID is empty.
        case snapshot(SnapshotPart)
    }
    package let message: Message

    package init(_ message: Message) { self.message = message }

    enum Tag: UInt8 {
        case changes = 0x03
        case pack = 0x05
        case ranges = 0x07
        case done = 0x08
        case missing = 0x0A
        case snapshot = 0x0C
    }

    /// The pack of objects this response carries (Schema/pack.md); nil
    /// for other responses.
    public var pack: [UInt8]? {
        if case .pack(let pack) = message { return pack }
        return nil
    }

    /// The response's bytes on the wire.
    public var encoded: [UInt8] {
        var out = WireWriter()
        switch message {
        case .changes(let remoteID, let ids, let checkpoint, let more):
            out.byte(Tag.changes.rawValue)
            out.string(remoteID)
            out.data(checkpoint)
            out.byte(more ? 1 : 0)
            out.ids(ids)
        case .ranges(let items, let have, let need):
            out.byte(Tag.ranges.rawValue)
            out.items(items)
            out.ids(have)
            out.ids(need)
        case .missing(let remoteID, let ids):
            out.byte(Tag.missing.rawValue)
            out.string(remoteID)
            out.ids(ids)
        case .pack(let pack):
            out.byte(Tag.pack.rawValue)
            out.data(pack)
        case .done(let applied, let checkpoint):
            out.byte(Tag.done.rawValue)
            out.count(applied)
            out.optionalData(checkpoint)
        case .snapshot(let part):
            out.byte(Tag.snapshot.rawValue)
            out.string(part.remoteID)
            out.data(part.id)
            out.data(part.checkpoint)
            out.count(part.size)
            out.data(part.sha256)
            out.count(part.offset)
            out.count(part.length)
            out.data(part.bytes)
        }
        return out.bytes
    }

    /// Parses a response; throws ``StoreError/Code/invalidMessage`` for
    /// anything malformed or unknown.
    public init(decoding bytes: [UInt8]) throws {
        var reader = WireReader(bytes, what: "sync response")
        let type = try reader.byte()
        switch Tag(rawValue: type) {
        case .changes:
            let remoteID = try reader.string()
            let checkpoint = try reader.data()
            let more = try reader.byte() != 0
            message = .changes(remoteID: remoteID, ids: try reader.ids(), checkpoint: checkpoint, more: more)
        case .ranges:
            message = .ranges(items: try reader.items(), have: try reader.ids(), need: try reader.ids())
        case .missing: message = .missing(remoteID: try reader.string(), ids: try reader.ids())
        case .pack: message = .pack(try reader.data())
        case .done:
            let applied = Int(clamping: try reader.varint())
            message = .done(applied: applied, checkpoint: try reader.optionalData())
        case .snapshot:
            message = .snapshot(
                SnapshotPart(
                    remoteID: try reader.string(), id: try reader.data(), checkpoint: try reader.data(),
                    size: Int(clamping: try reader.varint()), sha256: try reader.data(),
                    offset: Int(clamping: try reader.varint()), length: Int(clamping: try reader.varint()),
                    bytes: try reader.data()))
        case nil: throw reader.failure("unknown message type \(type)", at: 0)
        }
        try reader.expectEnd()
    }
}

extension WireWriter {
    /// Range items: the upper bound (0 = end of the ID space, 1 + ID, or
    /// 2 + length + the bytes before its trailing zeros), then the mode
    /// (0 skip, 1 + 16-byte fingerprint, 2 + ID list).
    mutating func items(_ items: [Reconciler.Item]) {
        count(items.count)
        for item in items {
            switch item.upper {
            case .end: byte(0)
            case .id(let id):
                let length = (id.bytes.lastIndex { $0 != 0 } ?? -1) + 1
                if length == id.bytes.count {
                    byte(1)
                    raw(id.bytes)
                } else {
                    byte(2)
                    byte(UInt8(length))
                    raw(id.bytes.prefix(length))
                }
            }
            switch item.mode {
            case .skip: byte(0)
            case .fingerprint(let fingerprint):
                byte(1)
                raw(fingerprint.bytes)
            case .ids(let list):
                byte(2)
                ids(list)
            }
        }
    }
}

extension WireReader {
    mutating func items() throws -> [Reconciler.Item] {
        let count = try count(itemSize: 2)
        return try (0..<count).map { _ in
            let boundAt = offset
            let upper: Reconciler.Bound
            switch try byte() {
            case 0: upper = .end
            case 1: upper = .id(try id())
            case 2:
                let length = Int(try byte())
                guard length < 32 else { throw failure("range bound of \(length) bytes", at: boundAt + 1) }
                upper = .id(ObjectID(bytes: Array(try raw(length)) + Array(repeating: 0, count: 32 - length))!)
            case let other: throw failure("unknown range bound \(other)", at: boundAt)
            }
            let modeAt = offset
            switch try byte() {
            case 0: return Reconciler.Item(upper: upper, mode: .skip)
            case 1:
                return Reconciler.Item(upper: upper, mode: .fingerprint(RangeFingerprint(bytes: Array(try raw(16)))))
            case 2: return Reconciler.Item(upper: upper, mode: .ids(try ids()))
            case let other: throw failure("unknown range mode \(other)", at: modeAt)
            }
        }
    }
}
