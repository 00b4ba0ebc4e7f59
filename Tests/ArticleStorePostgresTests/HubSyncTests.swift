import ArticleStore
import ArticleStoreHTTP
import ArticleStoreServer
import AsyncHTTPClient
import Foundation
import PostgresNIO
import Testing

@testable import ArticleStorePostgres

/// The HTTP sync scenarios, run against a hub in a real PostgreSQL through
/// real servers on 127.0.0.1, with the same client code as for a store.
extension HubTests {
    @Suite("sync")
    struct Sync {
        @Test func cloneIncrementalPullPushNoOpAndConflict() async throws {
            try await HubServers.with { hub in
                let a = try hub.store("a")
                try await a.addArticles("a", count: 5)
                let pushed = try await a.push(to: hub.remote())
                #expect(pushed.sent == 10)
                #expect(try await hub.hubIDs() == a.allIDs())

                // A clone falls back to objects: the hub offers no snapshot.
                let (b, cloned) = try await ArticleStore.clone(
                    from: hub.remote(token: hub.readToken), into: hub.directory.appendingPathComponent("b"))
                #expect(cloned.received == 10 && !cloned.snapshot)
                #expect(try await b.allIDs() == a.allIDs())

                // A no-op sync is one round trip.
                let idle = try await b.sync(with: hub.remote())
                #expect(idle.received == 0 && idle.sent == 0 && idle.roundTrips == 1 && !idle.reconciled)

                // An edit travels by the change log, not by reconciliation.
                try await a.addArticles("a", count: 1, edit: " Edited.")
                _ = try await a.push(to: hub.remote())
                let pulled = try await b.pull(from: hub.remote())
                #expect(pulled.received == 2 && pulled.versions == 1 && !pulled.reconciled)

                // Two edits of one article from two clients: a conflict on both.
                _ = try await a.put(Data("Story a 1, by A\n\nA's text.\n".utf8), key: "a-1")
                _ = try await b.put(Data("Story a 1, by B\n\nB's text.\n".utf8), key: "a-1")
                _ = try await a.sync(with: hub.remote())
                let both = try await b.sync(with: hub.remote())
                #expect(both.conflicts == ["a-1"])
                _ = try await a.pull(from: hub.remote())
                #expect(try await a.conflicts().map(\.key) == ["a-1"])
                #expect(try await a.allIDs() == b.allIDs())
                #expect(try await hub.hubIDs() == a.allIDs())
                for store in [a, b] { #expect(try await store.verify().problems.isEmpty) }
            }
        }

        @Test func storesThatGrewApartReconcileThroughTheHub() async throws {
            try await HubServers.with { hub in
                let a = try hub.store("a")
                try await a.addArticles("shared", count: 300)
                try await a.addArticles("a", count: 40)
                _ = try await a.push(to: hub.remote())
                // Unrelated to the hub: the same shared texts, imported on their own, and some of its own.
                let c = try hub.store("c")
                try await c.addArticles("shared", count: 300)
                try await c.addArticles("c", count: 25)
                let report = try await c.sync(with: hub.remote())
                #expect(report.reconciled)
                let union = try await a.allIDs().union(c.allIDs())
                #expect(try await c.allIDs() == union)
                #expect(try await hub.hubIDs() == union)
                #expect(try await c.verify().problems.isEmpty)
            }
        }

        @Test func tokensScopesAndCorruptPacksAreRefused() async throws {
            try await HubServers.with { hub in
                let a = try hub.store("a")
                try await a.addArticles("a", count: 2)
                await #expect(throws: StoreError.self) { try await a.push(to: hub.remote(token: "ast_unknown")) }
                do {
                    _ = try await a.push(to: hub.remote(token: hub.readToken))
                    Issue.record("a read token pushed")
                } catch let error as StoreError {
                    #expect(error.code == .forbidden)
                }
                #expect(try await hub.hubIDs().isEmpty)

                // A pack whose bytes were damaged after its checksum: 400, nothing added.
                let all = try await a.entries(Array(a.allIDs()))
                let good = SyncRequest(.push(pack: Pack.encode(all), checkpoint: nil))
                var bytes = good.encoded
                bytes[bytes.count - 40] ^= 0xFF
                var request = HTTPClientRequest(url: hub.url(0).absoluteString + "/v1/push")
                request.method = .POST
                request.headers.add(name: "Authorization", value: "Bearer \(hub.writeToken)")
                request.body = .bytes(bytes)
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                #expect(response.status.code == 400)
                #expect(try await hub.hubIDs().isEmpty)

                // A content that is not an article is refused as a store refuses it.
                let junk = PackEntry(kind: .content, id: ObjectID.hashing([0, 1, 2]), payload: [0, 1, 2])
                await #expect(throws: StoreError.self) {
                    try await hub.hubs[0].respond(to: SyncRequest(.push(pack: Pack.encode([junk]), checkpoint: nil)))
                }
                #expect(try await hub.hubIDs().isEmpty)
            }
        }

        /// The counter's row lock orders commits: a push that starts while
        /// another holds the lock waits, and gets the later seqs, so a pull can
        /// never see a seq before an earlier one is committed.
        @Test func seqsFollowCommitOrder() async throws {
            try await HubServers.with { hub in
                let a = try hub.store("a")
                try await a.addArticles("a", count: 1)
                try await a.addArticles("b", count: 1)
                let entries = try await a.entries(Array(a.allIDs()))
                let first = entries.filter { $0.kind == .content }[0]
                let second = entries.filter { $0.kind == .content }[1]
                let client = PostgresClient(configuration: hub.database.configuration)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { await client.run() }
                    let other = try await client.withTransaction(logger: hub.hubs[0].logger) { connection in
                        // A writer between its counter update and its commit.
                        let logger = hub.hubs[0].logger
                        try await connection.query(
                            "UPDATE hub_counter SET value = value + 1 WHERE name = 'seq'", logger: logger)
                        try await connection.query(
                            "INSERT INTO hub_change (seq, id) VALUES (1, \(PostgresHub.buffer(first.id)))",
                            logger: logger)
                        try await connection.query(
                            """
                            INSERT INTO hub_object (id, kind, payload, l0, l1, l2, l3)
                            VALUES (\(PostgresHub.buffer(first.id)), 1, \(ByteBuffer(bytes: first.payload)), 0, 0, 0, 0)
                            """, logger: logger)
                        let other = Task { try await hub.hubs[1 % hub.hubs.count].push([second]) }
                        try await Task.sleep(for: .milliseconds(300))
                        // Uncommitted: a pull sees neither object.
                        let seen = try await hub.hubs[0].changes(since: 0, limit: 10)
                        guard case .changes(_, let ids, _, _) = seen.message else {
                            throw StoreError(.remote, "no changes")
                        }
                        #expect(ids.isEmpty)
                        return other
                    }
                    let result = try await other.value
                    #expect(result.before == 1 && result.after == 2)
                    group.cancelAll()
                }
                let after = try await hub.hubs[0].changes(since: 0, limit: 10)
                guard case .changes(_, let ids, _, _) = after.message else { throw StoreError(.remote, "no changes") }
                #expect(ids == [first.id, second.id])
            }
        }
    }
}
