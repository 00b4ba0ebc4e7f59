/// One side of range-based set reconciliation (Schema/sync.md): a pure
/// state machine over messages, with no I/O. Each side holds its object IDs
/// sorted; they exchange messages until every range is settled, and each
/// side ends knowing which IDs it lacks and which the other lacks.
package struct Reconciler: Sendable {
    /// The end of a range (exclusive): a 32-byte value compared like IDs,
    /// usually not an ID either side holds (see ``bound(above:upTo:)``), or
    /// the end of the ID space.
    package enum Bound: Hashable, Sendable, Comparable {
        case id(ObjectID)
        case end

        package static func < (lhs: Bound, rhs: Bound) -> Bool {
            switch (lhs, rhs) {
            case (.id(let a), .id(let b)): a < b
            case (.id, .end): true
            default: false
            }
        }
    }

    /// What a message says about the range ending at `upper`; each range
    /// starts where the previous item's ended (the first at the lowest ID).
    package struct Item: Hashable, Sendable {
        package enum Mode: Hashable, Sendable {
            /// Both sides hold the same IDs here.
            case skip
            /// The sender's fingerprint of its IDs in the range.
            case fingerprint(RangeFingerprint)
            /// All the sender's IDs in the range.
            case ids([ObjectID])
        }
        package var upper: Bound
        package var mode: Mode

        package init(upper: Bound, mode: Mode) {
            self.upper = upper
            self.mode = mode
        }
    }

    /// Ranges with at most this many IDs are answered with the IDs.
    package static let leafSize = 32
    /// A differing range is split into this many parts.
    package static let fanout = 16

    private let ids: [ObjectID]
    /// IDs this side lacks, learned so far.
    package private(set) var need: Set<ObjectID> = []
    /// IDs the other side lacks, learned so far.
    package private(set) var have: Set<ObjectID> = []

    package init(ids: [ObjectID]) {
        self.ids = ids.sorted()
    }

    /// The first message: fingerprints of the whole ID space in parts.
    package func start() -> [Item] {
        split(0..<ids.count, upper: .end)
    }

    /// Answers a message. An empty answer means every range is settled.
    /// The answer covers the whole ID space like the message: a settled
    /// range is sent back as `skip`, and neighbouring skips merge into one.
    package mutating func respond(to message: [Item]) -> [Item] {
        let answer = Self.reply(to: message, from: self)
        need.formUnion(answer.need)
        have.formUnion(answer.have)
        return answer.items
    }

    /// The ranges a message's items cover, in order: each starts where the
    /// previous one ended (the first at the lowest ID). A range whose upper
    /// bound is below the previous one's is empty.
    package static func ranges(of message: [Item]) -> [IDRange] {
        var lower: Bound?
        return message.map { item in
            defer { lower = max(lower ?? item.upper, item.upper) }
            return IDRange(lower: lower, upper: item.upper)
        }
    }

    /// The responder's side of one round, over any sorted ID set: the
    /// reply, the IDs the asker listed that `lookup` lacks (`need`), and
    /// the IDs `lookup` holds in ranges the asker listed that the asker
    /// lacks (`have`). The store answers from its IDs in memory; a hub on a
    /// database answers from what it looked up in its index.
    package static func reply<Lookup: RangeLookup>(
        to message: [Item], from lookup: Lookup
    ) throws(Lookup.Failure) -> (items: [Item], need: Set<ObjectID>, have: Set<ObjectID>) {
        var reply: [Item] = []
        var need = Set<ObjectID>()
        var have = Set<ObjectID>()
        func settle(_ upper: Bound) {
            if reply.last?.mode == .skip {
                reply[reply.count - 1].upper = upper
            } else {
                reply.append(Item(upper: upper, mode: .skip))
            }
        }
        for (item, range) in zip(message, ranges(of: message)) {
            switch item.mode {
            case .skip:
                settle(item.upper)
            case .fingerprint(let theirs):
                let mine = try lookup.summary(of: range)
                if mine.fingerprint == theirs {
                    settle(item.upper)
                } else if mine.count <= leafSize {
                    reply.append(Item(upper: item.upper, mode: .ids(try lookup.ids(in: range))))
                } else {
                    reply += try lookup.parts(of: range)
                }
            case .ids(let theirs):
                let ours = Set(try lookup.ids(in: range))
                let other = Set(theirs)
                need.formUnion(other.subtracting(ours))
                have.formUnion(ours.subtracting(other))
                settle(item.upper)
            }
        }
        return (reply.allSatisfy { $0.mode == .skip } ? [] : reply, need, have)
    }

    /// A stateless remote's answer to one round: its reply, with what it
    /// learned from the asker's ID lists.
    static func answer(_ items: [Item], from ids: [ObjectID]) -> SyncResponse {
        let answer = reply(to: items, from: Reconciler(ids: ids))
        return SyncResponse(.ranges(items: answer.items, have: Array(answer.have), need: Array(answer.need)))
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
    package static func bound(above lower: ObjectID, upTo upper: ObjectID) -> ObjectID {
        guard let first = upper.bytes.indices.first(where: { lower.bytes[$0] != upper.bytes[$0] }) else { return upper }
        return ObjectID(bytes: Array(upper.bytes[...first]) + Array(repeating: 0, count: 31 - first))!
    }

    /// The indexes of the IDs in `range`.
    private func indexes(_ range: IDRange) -> Range<Int> {
        let lower = range.lower.map(index(of:)) ?? 0
        return lower..<max(lower, index(of: range.upper))
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

/// Part of the ID space: the IDs at or above `lower` (from the lowest ID
/// when nil) and below `upper`.
package struct IDRange: Hashable, Sendable {
    package var lower: Reconciler.Bound?
    package var upper: Reconciler.Bound

    package init(lower: Reconciler.Bound?, upper: Reconciler.Bound) {
        self.lower = lower
        self.upper = upper
    }
}

/// How many IDs a range holds, and their fingerprint.
package struct RangeSummary: Hashable, Sendable {
    package var count: Int
    package var fingerprint: RangeFingerprint

    package init(count: Int, fingerprint: RangeFingerprint) {
        self.count = count
        self.fingerprint = fingerprint
    }
}

/// What a responder looks up in its sorted ID set to answer a round of
/// reconciliation (``Reconciler/reply(to:from:)``).
package protocol RangeLookup {
    associatedtype Failure: Error
    /// The number and fingerprint of the IDs in `range`.
    func summary(of range: IDRange) throws(Failure) -> RangeSummary
    /// The IDs in `range`, sorted.
    func ids(in range: IDRange) throws(Failure) -> [ObjectID]
    /// A range of more than ``Reconciler/leafSize`` IDs cut into
    /// ``Reconciler/fanout`` parts of equal count, each with its
    /// fingerprint; the last part ends at the range's upper bound, the
    /// others at ``Reconciler/bound(above:upTo:)`` of their neighbours.
    func parts(of range: IDRange) throws(Failure) -> [Reconciler.Item]
}

extension Reconciler: RangeLookup {
    package typealias Failure = Never

    package func summary(of range: IDRange) -> RangeSummary {
        let slice = ids[indexes(range)]
        return RangeSummary(count: slice.count, fingerprint: RangeFingerprint(slice))
    }

    package func ids(in range: IDRange) -> [ObjectID] { Array(ids[indexes(range)]) }

    package func parts(of range: IDRange) -> [Item] { split(indexes(range), upper: range.upper) }
}
