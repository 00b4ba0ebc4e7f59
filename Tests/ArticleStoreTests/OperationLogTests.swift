import Foundation
import GRDB
import Testing

@testable import ArticleStore

/// The log of the imports and syncs a store ran (table `operation_log`).
@Suite struct OperationLogTests {
    @Test func importsFeedsAndSyncsAreLoggedNewestFirst() async throws {
        try await withStore { store, input in
            _ = try Articles.write(Articles.text(seed: 1), "001_a.txt", in: input)
            _ = try Articles.write(Articles.text(seed: 2), "002_b.txt", in: input)
            _ = try Articles.write(Data([0xFF, 0xFE, 0x00]), "003_c.txt", in: input)
            let imported = try await store.importFiles([input])
            #expect(imported.newArticles == 2 && imported.failures.count == 1)
            _ = try Articles.write(Articles.text(seed: 3, title: "Edited"), "001_a.txt", in: input)
            _ = try await store.importFiles([input])
            let feed = """
                <rss version="2.0"><channel><title>Wire</title>
                <item><guid>w1</guid><title>One</title><description>First item text.</description></item>
                </channel></rss>
                """
            _ = try await store.importFeed(Data(feed.utf8), source: "https://example.org/wire.xml")
            let folder = input.deletingLastPathComponent().appendingPathComponent("share")
            let pushed = try await store.push(to: DirectoryRemote(url: folder))

            let log = try await store.recentOperations()
            #expect(log.map(\.kind) == [.push, .feed, .import, .import])
            #expect(log[0].target == folder.path && log[0].sent == pushed.sent && log[0].sent > 0)
            #expect(log[0].received == 0)
            #expect(log[1].target == "https://example.org/wire.xml" && log[1].articles == 1)
            #expect(log[2].articles == 0 && log[2].versions == 1 && log[2].failures == 1)
            #expect(log[3].articles == 2 && log[3].versions == 0 && log[3].failures == 1)
            #expect(log[3].target == input.path)
            #expect(log.allSatisfy { abs($0.finished.timeIntervalSinceNow) < 600 && $0.elapsed >= 0 })
            #expect(try await store.recentOperations(limit: 2).map(\.kind) == [.push, .feed])

            // A second store pulls: its log has the pull, the first store's does not change.
            let other = try ArticleStore(at: folder.deletingLastPathComponent().appendingPathComponent("other"))
            let pulled = try await other.pull(from: DirectoryRemote(url: folder))
            let otherLog = try await other.recentOperations()
            #expect(otherLog.map(\.kind) == [.pull])
            #expect(otherLog[0].received == pulled.received && otherLog[0].versions == pulled.versions)
            #expect(try await store.recentOperations().count == 4)
        }
    }

    @Test func theLogKeepsOnlyTheNewest() async throws {
        try await withStore { store, _ in
            try await store.update { db in
                for index in 0..<(StoreOperation.kept + 25) {
                    try StoreOperation(kind: .sync, target: "remote \(index)", elapsed: 0).save(db)
                }
            }
            let log = try await store.recentOperations(limit: 1_000)
            #expect(log.count == StoreOperation.kept)
            #expect(log.first?.target == "remote \(StoreOperation.kept + 24)")
            #expect(log.last?.target == "remote 25")
        }
    }
}
