import Foundation
import GRDB

/// An import or sync this store ran, as its operation log keeps it
/// (table `operation_log`, the last ``StoreOperation/kept`` of them).
public struct StoreOperation: Hashable, Sendable, Codable {
    /// What ran.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// ``ArticleStore/importFiles(_:options:progress:)``.
        case `import`
        /// ``ArticleStore/importFeed(_:source:namespace:state:charset:)``.
        case feed
        /// ``ArticleStore/pull(from:progress:)``, and clones that fetch object by object.
        case pull
        /// ``ArticleStore/push(to:progress:)``.
        case push
        /// ``ArticleStore/sync(with:progress:)``.
        case sync
    }

    /// How many operations the log keeps; older ones are dropped.
    public static let kept = 200

    /// What ran.
    public let kind: Kind
    /// The paths imported (space-separated), the feed's source, or the remote's location.
    public let target: String
    /// When it finished.
    public let finished: Date
    /// Wall-clock seconds it took.
    public let elapsed: Double
    /// Imports: articles stored for the first time.
    public let articles: Int
    /// Imports: new versions of stored articles. Syncs: versions among the objects received.
    public let versions: Int
    /// Syncs: objects received.
    public let received: Int
    /// Syncs: objects sent.
    public let sent: Int
    /// Imports: files or items refused. Syncs: objects the remote could not give.
    public let failures: Int

    init(
        kind: Kind, target: String, finished: Date = Date(), elapsed: Double, articles: Int = 0, versions: Int = 0,
        received: Int = 0, sent: Int = 0, failures: Int = 0
    ) {
        self.kind = kind
        self.target = target
        self.finished = finished
        self.elapsed = elapsed
        self.articles = articles
        self.versions = versions
        self.received = received
        self.sent = sent
        self.failures = failures
    }

    init(_ report: ImportReport, paths: [URL]) {
        self.init(
            kind: .import, target: paths.map(\.path).joined(separator: " "), elapsed: report.elapsed,
            articles: report.newArticles, versions: report.newVersions, failures: report.failures.count)
    }

    init(_ report: FeedReport, elapsed: Double) {
        self.init(
            kind: .feed, target: report.source, elapsed: elapsed, articles: report.new.count,
            versions: report.updated.count, failures: report.failures.count)
    }

    init(_ report: SyncReport, kind: Kind) {
        self.init(
            kind: kind, target: report.remote, elapsed: report.elapsed, versions: report.versions,
            received: report.received, sent: report.sent, failures: report.unavailable)
    }

    /// Adds the operation to the log and drops what falls past ``kept``.
    func save(_ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO operation_log
                  (kind, target, finished, elapsed_ms, articles, versions, received, sent, failures)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                kind.rawValue, target, VersionRecord.milliseconds(finished), Int64((elapsed * 1000).rounded()),
                articles, versions, received, sent, failures,
            ])
        try db.execute(
            sql: "DELETE FROM operation_log WHERE id <= ?", arguments: [db.lastInsertedRowID - Int64(Self.kept)])
    }

    init(row: Row) {
        self.init(
            kind: Kind(rawValue: row["kind"]) ?? .import, target: row["target"],
            finished: VersionRecord.date(row["finished"]), elapsed: Double(row["elapsed_ms"] as Int64) / 1000,
            articles: row["articles"], versions: row["versions"], received: row["received"], sent: row["sent"],
            failures: row["failures"])
    }
}

extension ArticleStore {
    /// The imports and syncs this store ran, newest first (at most `limit`).
    /// A store answering others (``respond(to:)``) logs nothing of theirs.
    public func recentOperations(limit: Int = 20) async throws -> [StoreOperation] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM operation_log ORDER BY id DESC LIMIT ?", arguments: [max(0, limit)]
            ).map(StoreOperation.init(row:))
        }
    }
}
