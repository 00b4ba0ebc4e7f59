import GRDB

/// The anchors an import added to the near-duplicate index in its current and
/// previous write transactions.
///
/// An import looks up each batch's anchors before writing it, in a read
/// snapshot taken while the batch before is still being written (see
/// ``ArticleStore/importFiles(_:options:progress:)``). The writer joins those
/// postings with this log to get what it would read from the index itself.
/// The log checks that this holds: when the snapshot is older than the log
/// reaches back, or another writer added contents between two batches, the
/// writer is told to read the index itself.
final class RecentAnchors {
    /// Every content with a larger row ID was added by the transactions logged.
    private var floor: Int64?
    /// The largest content row ID when the last logged transaction ended.
    private var last: Int64?
    /// The largest content row ID when the current transaction began.
    private var start: Int64 = 0
    private var previous: [Int64: [Int64]] = [:]
    private var current: [Int64: [Int64]] = [:]

    /// Starts logging a write transaction.
    func begin(_ db: Database) throws {
        start = try Self.largestContent(db)
        if last != start {
            // First transaction, or another writer's contents are not logged.
            (floor, previous) = (start, [:])
        }
    }

    /// Whether postings read in a snapshot whose largest content row ID was
    /// `snapshot` can be completed from the log, in the transaction begun last.
    func holds(_ snapshot: Int64?) -> Bool {
        guard let snapshot, let floor else { return false }
        return snapshot >= floor
    }

    /// Records the anchors a content was indexed under.
    func record(_ object: Int64, anchors: [Int64]) {
        for anchor in anchors { current[anchor, default: []].append(object) }
    }

    /// Ends the transaction begun last; call it before the transaction commits.
    func end(_ db: Database) throws {
        (previous, current) = (current, [:])
        (floor, last) = (start, try Self.largestContent(db))
    }

    /// `snapshot`'s postings for `anchors`, with the contents logged since.
    func postings(_ snapshot: [Int64: [Int64]], for anchors: [Int64]) -> [Int64: [Int64]] {
        var result = snapshot
        for anchor in anchors {
            for logged in [previous[anchor], current[anchor]] {
                for object in logged ?? [] where result[anchor]?.contains(object) != true {
                    result[anchor, default: []].append(object)
                }
            }
        }
        return result
    }

    /// The largest content row ID in the store, or 0.
    static func largestContent(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM object")) ?? 0
    }
}
