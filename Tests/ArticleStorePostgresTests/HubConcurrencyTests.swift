import ArticleStore
import ArticleStoreHTTP
import Foundation
import Testing

@testable import ArticleStorePostgres

extension HubTests {
    @Suite("concurrency and reconciliation")
    struct Concurrency {
        /// Two servers on one database; 8 clients push new articles and 4 pull,
        /// all at once through servers picked at random, for several rounds.
        /// Every push lands once, no pull skips anything, and at the end every
        /// client and the hub hold the same union, verified.
        @Test func pushersAndPullersThroughTwoServers() async throws {
            try await HubServers.with(count: 2) { hub in
                let pushers = try (0..<8).map { try hub.store("pusher-\($0)") }
                let pullers = try (0..<4).map { try hub.store("puller-\($0)") }
                for round in 0..<3 {
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for (index, store) in pushers.enumerated() {
                            group.addTask {
                                try await store.addArticles("p\(index)-r\(round)", count: 6)
                                // A shared text too: pushed by all, stored once.
                                _ = try await store.put(
                                    Data("Wire story \(round)\n\nThe same text from every pusher.\n".utf8),
                                    key: "wire-\(round)")
                                _ = try await store.push(to: hub.anyRemote())
                            }
                        }
                        for store in pullers {
                            group.addTask {
                                for _ in 0..<3 { _ = try await store.pull(from: hub.anyRemote()) }
                            }
                        }
                        try await group.waitForAll()
                    }
                }
                for store in pushers + pullers { _ = try await store.sync(with: hub.anyRemote()) }
                var union = Set<ObjectID>()
                for store in pushers { union.formUnion(try await store.allIDs()) }
                let held = try await hub.hubIDs()
                #expect(held == union)
                // Each object once in the change log.
                let changes = try await hub.hubs[1].changes(since: 0, limit: 100_000)
                guard case .changes(_, let logged, _, _) = changes.message else { throw StoreError(.remote, "no log") }
                #expect(logged.count == Set(logged).count && Set(logged) == union)
                for store in pushers + pullers {
                    _ = try await store.pull(from: hub.anyRemote())
                    #expect(try await store.allIDs() == union)
                    #expect(try await store.verify().problems.isEmpty)
                }
            }
        }

        /// The hub's reconciliation answers, computed in SQL, equal the
        /// store's answers from the same IDs in memory, round after round.
        @Test func reconciliationAnswersMatchTheStores() async throws {
            try await HubServers.with { hub in
                var generator = SystemRandomNumberGenerator()
                func ids(_ count: Int) -> [ObjectID] {
                    (0..<count).map { _ in
                        ObjectID.hashing((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
                    }
                }
                let shared = ids(3000)
                let hubOnly = ids(120)
                let clientOnly = ids(90)
                // Objects straight into the table: the answers depend on IDs only.
                let entries = (shared + hubOnly).map { PackEntry(kind: .version, id: $0, payload: [1]) }
                for start in stride(from: 0, to: entries.count, by: 1000) {
                    let batch = Array(entries[start..<min(start + 1000, entries.count)])
                    let columns = HubColumns(batch)
                    try await HubSQL.run(
                        hub.hubs[0].client, hub.database,
                        """
                        INSERT INTO hub_object (id, kind, payload, l0, l1, l2, l3)
                        SELECT * FROM unnest(\(columns.ids)::bytea[], \(columns.kinds)::int2[], \(columns.payloads)::bytea[],
                            \(columns.l0)::int8[], \(columns.l1)::int8[], \(columns.l2)::int8[], \(columns.l3)::int8[])
                        """)
                }
                let inMemory = Reconciler(ids: shared + hubOnly)
                var client = Reconciler(ids: shared + clientOnly)
                var message = client.start()
                var rounds = 0
                var need = Set<ObjectID>()
                var have = Set<ObjectID>()
                while !message.isEmpty && rounds < 10 {
                    rounds += 1
                    let fromHub = try await HubRanges(hub: hub.hubs[0]).answer(message)
                    let expected = Reconciler.reply(to: message, from: inMemory)
                    #expect(fromHub.items == expected.items)
                    #expect(fromHub.need == expected.need && fromHub.have == expected.have)
                    need.formUnion(fromHub.need)
                    have.formUnion(fromHub.have)
                    if fromHub.items.isEmpty { break }
                    message = client.respond(to: fromHub.items)
                }
                #expect(have.union(client.need) == Set(hubOnly))
                #expect(need.union(client.have) == Set(clientOnly))
                // Hostile rounds: bounds out of order, empty ranges, a range past the end.
                let sorted = shared.sorted()
                let odd: [Reconciler.Item] = [
                    .init(
                        upper: .id(sorted[2000]),
                        mode: .fingerprint(RangeFingerprint(bytes: Array(repeating: 0, count: 16)))),
                    .init(upper: .id(sorted[10]), mode: .ids([sorted[5]])),
                    .init(upper: .id(sorted[2001]), mode: .ids([])),
                    .init(upper: .end, mode: .skip),
                ]
                let fromHub = try await HubRanges(hub: hub.hubs[0]).answer(odd)
                let expected = Reconciler.reply(to: odd, from: inMemory)
                #expect(
                    fromHub.items == expected.items && fromHub.need == expected.need && fromHub.have == expected.have)
            }
        }
    }
}
