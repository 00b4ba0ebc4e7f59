import Foundation
import Testing

@testable import ArticleStore

@Suite("Sync: range-based reconciliation")
struct ReconciliationTests {
    static func ids(_ range: Range<Int>, salt: String = "") -> [ObjectID] {
        range.map { ObjectID.hashing(Data("\(salt)\($0)".utf8)) }
    }

    /// Runs the exchange to the end, every message through its wire
    /// encoding; returns both sides, the round trips used and the bytes of
    /// the encoded messages.
    static func reconcile(_ a: [ObjectID], _ b: [ObjectID]) throws -> (Reconciler, Reconciler, Int, Int) {
        var bytes = 0
        func sent(_ items: [Reconciler.Item]) throws -> [Reconciler.Item] {
            let encoded = SyncRequest(.ranges(items)).encoded
            bytes += encoded.count
            let decoded = try Self.items(encoded)
            #expect(decoded == items)
            return decoded ?? []
        }
        var initiator = Reconciler(ids: a)
        var responder = Reconciler(ids: b)
        var message = try sent(initiator.start())
        var roundTrips = 0
        while true {
            roundTrips += 1
            let reply = try sent(responder.respond(to: message))
            if reply.isEmpty { break }
            message = try sent(initiator.respond(to: reply))
            if message.isEmpty { break }
        }
        return (initiator, responder, roundTrips, bytes)
    }

    /// The items of an encoded `ranges` request, nil for another message.
    static func items(_ encoded: [UInt8]) throws -> [Reconciler.Item]? {
        guard case .ranges(let items) = try SyncRequest(decoding: encoded).message else { return nil }
        return items
    }

    static func check(_ a: [ObjectID], _ b: [ObjectID]) throws -> Int {
        let (initiator, responder, roundTrips, _) = try reconcile(a, b)
        let onlyA = Set(a).subtracting(b)
        let onlyB = Set(b).subtracting(a)
        // Counts, not sets, so that a failure stays readable.
        let wrongForA = initiator.need.union(responder.have).symmetricDifference(onlyB).count
        let wrongForB = initiator.have.union(responder.need).symmetricDifference(onlyA).count
        #expect(wrongForA == 0)
        #expect(wrongForB == 0)
        #expect(initiator.need.isDisjoint(with: a) && responder.need.isDisjoint(with: b))
        return roundTrips
    }

    @Test func findsExactlyTheDifferences() throws {
        let shared = Self.ids(0..<3000)
        #expect(try Self.check(shared, shared) == 1)
        #expect(try Self.check(shared + Self.ids(0..<7, salt: "a"), shared + Self.ids(0..<11, salt: "b")) <= 4)
        #expect(try Self.check([], Self.ids(0..<100)) <= 2)
        #expect(try Self.check(Self.ids(0..<40), []) <= 2)
        #expect(try Self.check([], []) == 1)
        #expect(try Self.check(Self.ids(0..<500, salt: "x"), Self.ids(0..<500, salt: "y")) <= 4)
    }

    /// Differences in one narrow part of the ID space: the ranges before it
    /// are settled in the first round, and the ID list that answers the
    /// differing part must still be read against its own range, not from
    /// the start of the ID space.
    @Test func differencesInOneRangeLeaveTheOthersSettled() throws {
        let shared = Self.ids(0..<5000).sorted()
        var b = shared
        // Inside the first sixteenth of the seventh of 16 parts (313 IDs each).
        b.removeSubrange(1880..<1885)
        b.append(ObjectID.hashing(Data("extra".utf8)))
        #expect(try Self.check(shared, b) <= 4)
        #expect(try Self.check(Array(shared.dropFirst(4000)), Array(shared.dropLast(200))) <= 4)
    }

    /// About the size of a real 100k-article store (a content and a version
    /// record per article), where settled ranges appear in the third round.
    @Test func storeSizedSetsSettleExactly() throws {
        let shared = Self.ids(0..<220_000)
        let a = shared + Self.ids(0..<2000, salt: "only a ")
        let b = shared + Self.ids(0..<2000, salt: "only b ")
        #expect(try Self.check(a, b) <= 4)
    }

    @Test func twoLargeStoresSharing99PercentNeedAtMostFourRoundTrips() throws {
        let shared = Self.ids(0..<99_000)
        let a = shared + Self.ids(0..<1000, salt: "only a ")
        let b = shared + Self.ids(0..<1000, salt: "only b ")
        #expect(try Self.check(a, b) <= 4)
    }

    /// Bounds between neighbouring IDs split like the IDs themselves and
    /// travel as a short prefix; a whole 32-byte bound is still read, and a
    /// prefix form of 32 bytes or more is refused.
    @Test func boundsAreShortAndSplitLikeTheIDs() throws {
        let sorted = Self.ids(0..<20_000).sorted()
        let endOnly = SyncRequest(.ranges([Reconciler.Item(upper: .end, mode: .skip)])).encoded.count
        var lengths: [Int] = []
        for (lower, upper) in zip(sorted, sorted.dropFirst()) {
            let bound = Reconciler.bound(above: lower, upTo: upper)
            #expect(lower < bound && bound <= upper)
            let length = (bound.bytes.lastIndex { $0 != 0 } ?? -1) + 1
            lengths.append(length)
            let item = Reconciler.Item(upper: .id(bound), mode: .skip)
            let encoded = SyncRequest(.ranges([item])).encoded
            #expect(encoded.count == endOnly + 1 + length)
            #expect(try Self.items(encoded) == [item])
        }
        #expect(lengths.max()! <= 5)
        #expect(Double(lengths.reduce(0, +)) / Double(lengths.count) < 3)
        let whole = Reconciler.Item(upper: .id(sorted[0]), mode: .skip)
        #expect(try Self.items(SyncRequest(.ranges([whole])).encoded) == [whole])
        let empty: [UInt8] = Array(SyncRequest(.ranges([])).encoded.dropLast())
        let longest = empty + [1, 2, 31] + [UInt8](repeating: 1, count: 31) + [0]
        #expect(
            try Self.items(Array(longest))?.first?.upper
                == .id(ObjectID(bytes: [UInt8](repeating: 1, count: 31) + [0])!))
        let tooLong = empty + [1, 2, 32] + [UInt8](repeating: 1, count: 32) + [0]
        #expect(throws: StoreError.self) { try SyncRequest(decoding: Array(tooLong)) }
    }

    /// Short bounds keep the exchange smaller: for these sets it takes
    /// 1,503,088 bytes, and took 1,700,535 with whole IDs as bounds. Most of
    /// the rest are the ID lists of the last round.
    @Test func reconciliationBytesStaySmall() throws {
        let shared = Self.ids(0..<110_000)
        let a = shared + Self.ids(0..<1000, salt: "only a ")
        let b = shared + Self.ids(0..<1000, salt: "only b ")
        let (_, _, _, bytes) = try Self.reconcile(a, b)
        #expect(bytes < 1_600_000, "\(bytes) bytes")
    }

    @Test func fingerprintIgnoresOrderAndSeesEveryID() {
        let set = Self.ids(0..<50)
        #expect(RangeFingerprint(set) == RangeFingerprint(set.reversed()))
        #expect(RangeFingerprint(set) != RangeFingerprint(set.dropLast()))
        #expect(RangeFingerprint([ObjectID]()) != RangeFingerprint(Self.ids(0..<1)))
    }

    @Test func sumWrapsAt256Bits() {
        var sum = Sum256()
        sum.add([UInt8](repeating: 0xFF, count: 32))
        sum.add([UInt8](repeating: 0, count: 31) + [2])
        #expect(sum.bigEndianBytes == [UInt8](repeating: 0, count: 31) + [1])
    }
}
