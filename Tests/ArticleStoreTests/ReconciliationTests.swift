import Foundation
import Testing

@testable import ArticleStore

@Suite("Sync: range-based reconciliation")
struct ReconciliationTests {
    static func ids(_ range: Range<Int>, salt: String = "") -> [ObjectID] {
        range.map { ObjectID.hashing(Data("\(salt)\($0)".utf8)) }
    }

    /// Runs the exchange to the end; returns both sides and the round trips used.
    static func reconcile(_ a: [ObjectID], _ b: [ObjectID]) -> (Reconciler, Reconciler, Int) {
        var initiator = Reconciler(ids: a)
        var responder = Reconciler(ids: b)
        var message = initiator.start()
        var roundTrips = 0
        while true {
            roundTrips += 1
            let reply = responder.respond(to: message)
            if reply.isEmpty { break }
            message = initiator.respond(to: reply)
            if message.isEmpty { break }
        }
        return (initiator, responder, roundTrips)
    }

    static func check(_ a: [ObjectID], _ b: [ObjectID]) -> Int {
        let (initiator, responder, roundTrips) = reconcile(a, b)
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

    @Test func findsExactlyTheDifferences() {
        let shared = Self.ids(0..<3000)
        #expect(Self.check(shared, shared) == 1)
        #expect(Self.check(shared + Self.ids(0..<7, salt: "a"), shared + Self.ids(0..<11, salt: "b")) <= 4)
        #expect(Self.check([], Self.ids(0..<100)) <= 2)
        #expect(Self.check(Self.ids(0..<40), []) <= 2)
        #expect(Self.check([], []) == 1)
        #expect(Self.check(Self.ids(0..<500, salt: "x"), Self.ids(0..<500, salt: "y")) <= 4)
    }

    /// Differences in one narrow part of the ID space: the ranges before it
    /// are settled in the first round, and the ID list that answers the
    /// differing part must still be read against its own range, not from
    /// the start of the ID space.
    @Test func differencesInOneRangeLeaveTheOthersSettled() {
        let shared = Self.ids(0..<5000).sorted()
        var b = shared
        // Inside the first sixteenth of the seventh of 16 parts (313 IDs each).
        b.removeSubrange(1880..<1885)
        b.append(ObjectID.hashing(Data("extra".utf8)))
        #expect(Self.check(shared, b) <= 4)
        #expect(Self.check(Array(shared.dropFirst(4000)), Array(shared.dropLast(200))) <= 4)
    }

    /// About the size of a real 100k-article store (a content and a version
    /// record per article), where settled ranges appear in the third round.
    @Test func storeSizedSetsSettleExactly() {
        let shared = Self.ids(0..<220_000)
        let a = shared + Self.ids(0..<2000, salt: "only a ")
        let b = shared + Self.ids(0..<2000, salt: "only b ")
        #expect(Self.check(a, b) <= 4)
    }

    @Test func twoLargeStoresSharing99PercentNeedAtMostFourRoundTrips() {
        let shared = Self.ids(0..<99_000)
        let a = shared + Self.ids(0..<1000, salt: "only a ")
        let b = shared + Self.ids(0..<1000, salt: "only b ")
        #expect(Self.check(a, b) <= 4)
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
