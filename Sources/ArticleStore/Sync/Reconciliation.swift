/// One side of range-based set reconciliation (Schema/sync.md): a pure
/// state machine over messages, with no I/O. Each side holds its object IDs
/// sorted; they exchange messages until every range is settled, and each
/// side ends knowing which IDs it lacks and which the other lacks.
struct Reconciler {
    /// The end of a range (exclusive): a 32-byte value compared like IDs,
    /// usually not an ID either side holds (see ``bound(above:upTo:)``), or
    /// the end of the ID space.
    enum Bound: Hashable, Sendable, Comparable {
        case id(ObjectID)
        case end

        static func < (lhs: Bound, rhs: Bound) -> Bool {
            switch (lhs, rhs) {
            case (.id(let a), .id(let b)): a < b
            case (.id, .end): true
            default: false
            }
        }
    }

    /// What a message says about the range ending at `upper`; each range
    /// starts where the previous item's ended (the first at the lowest ID).
    struct Item: Hashable, Sendable {
        enum Mode: Hashable, Sendable {
            /// Both sides hold the same IDs here.
            case skip
            /// The sender's fingerprint of its IDs in the range.
            case fingerprint(RangeFingerprint)
            /// All the sender's IDs in the range.
            case ids([ObjectID])
        }
        var upper: Bound
        var mode: Mode
    }

    /// Ranges with at most this many IDs are answered with the IDs.
    static let leafSize = 32
    /// A differing range is split into this many parts.
    static let fanout = 16

    private let ids: [ObjectID]
    /// IDs this side lacks, learned so far.
    private(set) var need: Set<ObjectID> = []
    /// IDs the other side lacks, learned so far.
    private(set) var have: Set<ObjectID> = []

    init(ids: [ObjectID]) {
        self.ids = ids.sorted()
    }

    /// The first message: fingerprints of the whole ID space in parts.
    func start() -> [Item] {
        split(0..<ids.count, upper: .end)
    }

    /// Answers a message. An empty answer means every range is settled.
    /// The answer covers the whole ID space like the message: a settled
    /// range is sent back as `skip`, and neighbouring skips merge into one.
    mutating func respond(to message: [Item]) -> [Item] {
        var reply: [Item] = []
        func settle(_ upper: Bound) {
            if reply.last?.mode == .skip {
                reply[reply.count - 1].upper = upper
            } else {
                reply.append(Item(upper: upper, mode: .skip))
            }
        }
        var lower = 0
        for item in message {
            let upperIndex = index(of: item.upper)
            let mine = lower..<max(lower, upperIndex)
            defer { lower = max(lower, upperIndex) }
            switch item.mode {
            case .skip:
                settle(item.upper)
            case .fingerprint(let theirs):
                if RangeFingerprint(ids[mine]) == theirs {
                    settle(item.upper)
                } else if mine.count <= Self.leafSize {
                    reply.append(Item(upper: item.upper, mode: .ids(Array(ids[mine]))))
                } else {
                    reply += split(mine, upper: item.upper)
                }
            case .ids(let theirs):
                let ours = Set(ids[mine])
                let other = Set(theirs)
                need.formUnion(other.subtracting(ours))
                have.formUnion(ours.subtracting(other))
                settle(item.upper)
            }
        }
        return reply.allSatisfy { $0.mode == .skip } ? [] : reply
    }

    /// A stateless remote's answer to one round: its reply, with what it
    /// learned from the asker's ID lists.
    static func answer(_ items: [Item], from ids: [ObjectID]) -> SyncResponse {
        var responder = Reconciler(ids: ids)
        let reply = responder.respond(to: items)
        return SyncResponse(.ranges(items: reply, have: Array(responder.have), need: Array(responder.need)))
    }

    /// Fingerprints of `range` cut into parts of equal size; the last part
    /// ends at `upper`.
    private func split(_ range: Range<Int>, upper: Bound) -> [Item] {
        guard range.count > Self.leafSize else {
            return [Item(upper: upper, mode: .ids(Array(ids[range])))]
        }
        let step = (range.count + Self.fanout - 1) / Self.fanout
        return stride(from: range.lowerBound, to: range.upperBound, by: step).map { start in
            let end = min(start + step, range.upperBound)
            let bound: Bound = end == range.upperBound ? upper : .id(Self.bound(above: ids[end - 1], upTo: ids[end]))
            return Item(upper: bound, mode: .fingerprint(RangeFingerprint(ids[start..<end])))
        }
    }

    /// A bound between neighbouring IDs (`lower` < bound ≤ `upper`) with as
    /// many trailing zero bytes as possible: the bytes of `upper` up to the
    /// first one that differs from `lower`, then zeros. It splits the IDs as
    /// `upper` itself does, and travels in a few bytes.
    static func bound(above lower: ObjectID, upTo upper: ObjectID) -> ObjectID {
        guard let first = upper.bytes.indices.first(where: { lower.bytes[$0] != upper.bytes[$0] }) else { return upper }
        return ObjectID(bytes: Array(upper.bytes[...first]) + Array(repeating: 0, count: 31 - first))!
    }

    /// The index of the first ID at or above `bound`.
    private func index(of bound: Bound) -> Int {
        guard case .id(let id) = bound else { return ids.count }
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
