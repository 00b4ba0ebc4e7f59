import ArticleStore
import Foundation
import PostgresNIO

extension PostgresHub {
    /// What ``load(from:batchSize:progress:)`` did.
    public struct LoadReport: Sendable, Codable {
        /// Objects read from the store.
        public var read = 0
        /// Objects the hub did not hold before.
        public var added = 0
    }

    /// Copies every object of `store` the hub lacks into the hub, in the
    /// store's change-log order, so that contents and parents come first.
    /// Each batch is one transaction: rows go in with `COPY`, then into the
    /// hub's tables, so an interrupted load keeps the batches done and a
    /// rerun adds the rest.
    ///
    /// - Parameters:
    ///   - store: The store to copy.
    ///   - batchSize: Objects per transaction.
    ///   - progress: Called after each batch with the objects read so far,
    ///     out of the store's change log.
    public func load(
        from store: ArticleStore, batchSize: Int = 20_000, progress: (@Sendable (StoreProgress) -> Void)? = nil
    ) async throws -> LoadReport {
        var report = LoadReport()
        var after: Int64 = 0
        let total = Int(try await store.lastChange())
        while true {
            let batch = try await store.changeLog(after: after, limit: max(1, batchSize))
            guard let last = batch.last else { break }
            after = last.seq
            let entries = try await store.entries(batch.map(\.id))
            report.read += entries.count
            report.added += try await copy(entries)
            progress?(StoreProgress(done: report.read, total: total))
        }
        return report
    }

    /// Adds `entries` (in order) in one transaction through a temporary
    /// table filled by `COPY`; returns how many were new.
    private func copy(_ entries: [PackEntry]) async throws -> Int {
        try await transaction(limited: false) { [logger] connection in
            try await connection.query(
                """
                CREATE TEMPORARY TABLE hub_load (
                    ord bigint, id bytea, kind smallint, payload bytea, l0 bigint, l1 bigint, l2 bigint, l3 bigint
                ) ON COMMIT DROP
                """, logger: logger)
            try await connection.copyFrom(table: "hub_load", logger: logger) { writer in
                var buffer = ByteBuffer()
                for (position, entry) in entries.enumerated() {
                    let words = HubColumns.words(entry.id)
                    buffer.writeString(
                        "\(position)\t\\\\x\(Hex.encode(entry.id.bytes))\t\(entry.kind.rawValue)\t\\\\x\(Hex.encode(entry.payload))\t\(words[0])\t\(words[1])\t\(words[2])\t\(words[3])\n"
                    )
                    if buffer.readableBytes > 1 << 20 {
                        try await writer.write(buffer)
                        buffer.clear()
                    }
                }
                if buffer.readableBytes > 0 { try await writer.write(buffer) }
            }
            try await connection.query(
                """
                CREATE TEMPORARY TABLE hub_load_new ON COMMIT DROP AS
                WITH added AS (
                    INSERT INTO hub_object (id, kind, payload, l0, l1, l2, l3)
                    SELECT id, kind, payload, l0, l1, l2, l3 FROM hub_load ORDER BY id
                    ON CONFLICT (id) DO NOTHING RETURNING id
                )
                SELECT l.ord, l.id FROM hub_load l JOIN added a ON a.id = l.id
                """, logger: logger)
            // As in a push: the counter's row lock, from here to the commit, orders commits by seq.
            let rows = try await connection.query(
                """
                WITH n AS (SELECT count(DISTINCT id) AS n FROM hub_load_new)
                UPDATE hub_counter SET value = value + n.n FROM n WHERE name = 'seq' RETURNING value - n.n, n.n
                """, logger: logger)
            var before: Int64 = 0
            var added: Int64 = 0
            for try await (low, count) in rows.decode((Int64, Int64).self) { (before, added) = (low, count) }
            try await connection.query(
                """
                INSERT INTO hub_change (seq, id)
                SELECT \(before) + row_number() OVER (ORDER BY first), id
                FROM (SELECT id, min(ord) AS first FROM hub_load_new GROUP BY id) n
                """, logger: logger)
            return Int(added)
        }
    }
}
