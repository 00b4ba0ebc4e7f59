import ArticleStore
import PostgresNIO

/// Answers a round of range-based reconciliation (Schema/sync.md) from the
/// database: counts, fingerprints and splits are computed by PostgreSQL
/// over the primary key, which carries each ID's four words, so no server
/// loads the hub's IDs. The decisions are the shared `Reconciler`'s: the
/// hub looks up what they need first, in at most two rounds of queries.
struct HubRanges {
    let hub: PostgresHub

    func answer(_ message: [Reconciler.Item]) async throws -> (
        items: [Reconciler.Item], need: Set<ObjectID>, have: Set<ObjectID>
    ) {
        let ranges = Reconciler.ranges(of: message)
        var lookup = Prefetched()
        // Round 1: the summary of every range the asker fingerprinted.
        let fingerprinted = zip(message, ranges).compactMap { item, range -> (IDRange, RangeFingerprint)? in
            if case .fingerprint(let theirs) = item.mode { return (range, theirs) }
            return nil
        }
        let summaries = try await summaries(fingerprinted.map(\.0))
        for ((range, _), summary) in zip(fingerprinted, summaries) { lookup.summaries[range] = summary }
        // Round 2: the IDs of ranges listed or small and different; the
        // parts of large ones that differ.
        var listed: [IDRange] = zip(message, ranges).compactMap { item, range in
            if case .ids = item.mode { return range }
            return nil
        }
        var split: [(IDRange, Int)] = []
        for ((range, theirs), summary) in zip(fingerprinted, summaries) where summary.fingerprint != theirs {
            if summary.count <= Reconciler.leafSize {
                listed.append(range)
            } else {
                split.append((range, summary.count))
            }
        }
        for (range, ids) in zip(listed, try await ids(listed)) { lookup.ids[range] = ids }
        for (range, count) in split { lookup.parts[range] = try await parts(range, count: count) }
        return try Reconciler.reply(to: message, from: lookup)
    }

    /// The bounds of a range as bytea values: the lower one inclusive
    /// (empty: from the start), the upper exclusive (33 bytes of 0xFF: to
    /// the end, since every ID is 32 bytes).
    static func bounds(_ range: IDRange) -> (ByteBuffer, ByteBuffer) {
        func value(_ bound: Reconciler.Bound?) -> ByteBuffer {
            switch bound {
            case nil: ByteBuffer()
            case .id(let id): ByteBuffer(bytes: id.bytes)
            case .end: ByteBuffer(bytes: [UInt8](repeating: 0xFF, count: 33))
            }
        }
        return (value(range.lower), value(range.upper))
    }

    /// The 256-bit sum of the IDs in a group, modulo 2²⁵⁶, as decimal text:
    /// each word's sum made unsigned (2⁶⁴ for each negative word), shifted
    /// to its place.
    static let sum = """
        mod(
            (coalesce(sum(o.l0), 0) + 18446744073709551616 * count(o.l0) FILTER (WHERE o.l0 < 0))
                * 6277101735386680763835789423207666416102355444464034512896
            + (coalesce(sum(o.l1), 0) + 18446744073709551616 * count(o.l1) FILTER (WHERE o.l1 < 0))
                * 340282366920938463463374607431768211456
            + (coalesce(sum(o.l2), 0) + 18446744073709551616 * count(o.l2) FILTER (WHERE o.l2 < 0))
                * 18446744073709551616
            + (coalesce(sum(o.l3), 0) + 18446744073709551616 * count(o.l3) FILTER (WHERE o.l3 < 0)),
            115792089237316195423570985008687907853269984665640564039457584007913129639936)::text
        """

    static func summary(count: Int64, sum: String) throws -> RangeSummary {
        guard let total = Sum256(decimal: sum) else {
            throw StoreError(.database, "PostgreSQL returned \(sum.prefix(40)) as a sum of IDs")
        }
        return RangeSummary(count: Int(count), fingerprint: RangeFingerprint(count: UInt64(count), sum: total))
    }

    func summaries(_ ranges: [IDRange]) async throws -> [RangeSummary] {
        guard !ranges.isEmpty else { return [] }
        let (lows, highs) = Self.columns(ranges)
        let rows = try await hub.run(
            PostgresQuery(
                unsafeSQL: """
                    SELECT r.i, count(o.id), \(Self.sum)
                    FROM unnest($1::bytea[], $2::bytea[]) WITH ORDINALITY AS r(lo, hi, i)
                    LEFT JOIN hub_object o ON o.id >= r.lo AND o.id < r.hi
                    GROUP BY r.i ORDER BY r.i
                    """, binds: Self.binds(lows, highs)))
        var summaries: [RangeSummary] = []
        for row in rows {
            let (_, count, sum) = try row.decode((Int64, Int64, String).self)
            summaries.append(try Self.summary(count: count, sum: sum))
        }
        return summaries
    }

    func ids(_ ranges: [IDRange]) async throws -> [[ObjectID]] {
        guard !ranges.isEmpty else { return [] }
        let (lows, highs) = Self.columns(ranges)
        let rows = try await hub.run(
            PostgresQuery(
                unsafeSQL: """
                    SELECT r.i, o.id
                    FROM unnest($1::bytea[], $2::bytea[]) WITH ORDINALITY AS r(lo, hi, i)
                    JOIN hub_object o ON o.id >= r.lo AND o.id < r.hi
                    ORDER BY r.i, o.id
                    """, binds: Self.binds(lows, highs)))
        var lists = [[ObjectID]](repeating: [], count: ranges.count)
        for row in rows {
            let (index, id) = try row.decode((Int64, ByteBuffer).self)
            lists[Int(index) - 1].append(try PostgresHub.objectID(id))
        }
        return lists
    }

    /// A range of `count` IDs cut into `Reconciler.fanout` parts of equal
    /// count, by one scan of the range in ID order.
    func parts(_ range: IDRange, count: Int) async throws -> [Reconciler.Item] {
        let step = Int64((count + Reconciler.fanout - 1) / Reconciler.fanout)
        let (low, high) = Self.bounds(range)
        let rows = try await hub.run(
            PostgresQuery(
                unsafeSQL: """
                    SELECT o.part, count(o.id), \(Self.sum),
                        (array_agg(o.id) FILTER (WHERE (o.rank - 1) % $3 = 0))[1],
                        (array_agg(o.id) FILTER (WHERE o.rank % $3 = 0))[1]
                    FROM (
                        SELECT id, l0, l1, l2, l3, row_number() OVER (ORDER BY id) AS rank,
                            (row_number() OVER (ORDER BY id) - 1) / $3 AS part
                        FROM hub_object WHERE id >= $1 AND id < $2
                    ) o
                    GROUP BY o.part ORDER BY o.part
                    """, binds: Self.binds(low, high, step)))
        // Each part's first and last ID: the last is absent from a short final part.
        var parts: [(summary: RangeSummary, first: ObjectID, last: ObjectID?)] = []
        for row in rows {
            let (_, count, sum, first, last) = try row.decode((Int64, Int64, String, ByteBuffer, ByteBuffer?).self)
            parts.append(
                (
                    try Self.summary(count: count, sum: sum), try PostgresHub.objectID(first),
                    try last.map(PostgresHub.objectID)
                ))
        }
        return try parts.indices.map { index in
            var upper = range.upper
            if index < parts.count - 1 {
                guard let last = parts[index].last else {
                    throw StoreError(.database, "a part of a range has no last ID")
                }
                upper = .id(Reconciler.bound(above: last, upTo: parts[index + 1].first))
            }
            return Reconciler.Item(upper: upper, mode: .fingerprint(parts[index].summary.fingerprint))
        }
    }

    static func columns(_ ranges: [IDRange]) -> ([ByteBuffer], [ByteBuffer]) {
        let pairs = ranges.map(bounds)
        return (pairs.map(\.0), pairs.map(\.1))
    }

    static func binds(_ values: any PostgresNonThrowingEncodable...) -> PostgresBindings {
        var binds = PostgresBindings()
        for value in values { binds.append(value) }
        return binds
    }
}

/// What `HubRanges` looked up, for the shared `Reconciler` to decide on.
struct Prefetched: RangeLookup {
    var summaries: [IDRange: RangeSummary] = [:]
    var ids: [IDRange: [ObjectID]] = [:]
    var parts: [IDRange: [Reconciler.Item]] = [:]

    func summary(of range: IDRange) throws(StoreError) -> RangeSummary {
        guard let summary = summaries[range] else { throw Self.missing("summary") }
        return summary
    }

    func ids(in range: IDRange) throws(StoreError) -> [ObjectID] {
        guard let ids = ids[range] else { throw Self.missing("IDs") }
        return ids
    }

    func parts(of range: IDRange) throws(StoreError) -> [Reconciler.Item] {
        guard let parts = parts[range] else { throw Self.missing("parts") }
        return parts
    }

    static func missing(_ what: String) -> StoreError {
        StoreError(.database, "reconciliation asked for the \(what) of a range the hub did not look up")
    }
}
