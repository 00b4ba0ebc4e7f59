import GRDB

/// Site furniture: paragraphs that close (or, when short, open) many stored contents, such
/// as a newsletter footer or an "Advertisement" line.
///
/// Two different short articles can share a sentence and a long site footer
/// that dozens of other articles carry too; counted in full, the footer makes
/// them look like one story. A site's furniture is the same paragraph in
/// every article it is added to, so the store counts, in `near_edge`, how
/// many contents begin or end with each paragraph (by the hash of its words).
/// When a candidate is verified, an edge paragraph of either text that
/// ``documents`` or more contents carry is left out of both sides of the
/// containment. Counting only the first and last paragraphs keeps the cost
/// at two small upserts per content; a whole-text document frequency would
/// cost one per shingle.
enum Boilerplate {
    /// A paragraph that this many contents begin or end with is furniture.
    static let documents = 10
    /// Furniture is part of a text, never the whole: when less than this
    /// share of the shorter text's shingles is left, the plain containment stands.
    static let leastRemainder = 0.1

    /// The byte ranges of the paragraphs of `body` that may be furniture:
    /// the last, and the first when it is short (at most
    /// ``longestOpening`` words). A text opens with its story, which many
    /// copies of a wire story share; furniture that opens a text is a line
    /// such as "Advertisement". A text of one paragraph has none.
    static func edges(_ body: ArraySlice<UInt8>) -> [Range<Int>] {
        var paragraphs: [Range<Int>] = []
        var start: Int?
        var lineStart = body.startIndex
        var lastContent = body.startIndex
        for index in body.indices where body[index] == UInt8(ascii: "\n") || index == body.endIndex - 1 {
            let end = body[index] == UInt8(ascii: "\n") ? index : index + 1
            let blank = body[lineStart..<end].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            if blank {
                if let open = start { paragraphs.append(open..<lastContent) }
                start = nil
            } else {
                if start == nil { start = lineStart }
                lastContent = end
            }
            lineStart = index + 1
        }
        if let open = start { paragraphs.append(open..<lastContent) }
        guard paragraphs.count >= 2, let first = paragraphs.first, let last = paragraphs.last else { return [] }
        let shortOpening = NearText.wordHashes(body[first], limit: longestOpening + 1).count <= longestOpening
        return shortOpening ? [first, last] : [last]
    }

    /// The most words a first paragraph may have and still be furniture.
    static let longestOpening = 30

    /// The hash of a paragraph's words (case, punctuation and markup ignored), or nil when it has none.
    static func hash(_ paragraph: ArraySlice<UInt8>) -> Int64? {
        let words = NearText.wordHashes(paragraph)
        guard !words.isEmpty else { return nil }
        var hash: UInt64 = 0x5851_F42D_4C95_7F2D
        for word in words {
            hash = (hash ^ word) &* 0xff51_afd7_ed55_8ccd
            hash ^= hash >> 29
        }
        return Int64(bitPattern: hash)
    }

    /// Edge paragraphs counted but not yet written: a writer adds a batch's
    /// counts in one pass in key order (``flush(_:)``) rather than one random
    /// upsert per content, and its lookups add what is waiting here.
    final class Counts {
        private var pending: [Int64: Int] = [:]

        /// Counts the edge paragraphs of a content being indexed.
        func add(_ body: ArraySlice<UInt8>) {
            for range in Boilerplate.edges(body) {
                if let hash = Boilerplate.hash(body[range]) { pending[hash, default: 0] += 1 }
            }
        }

        func waiting(_ hash: Int64) -> Int { pending[hash] ?? 0 }

        /// Writes the waiting counts to `near_edge`.
        func flush(_ db: Database) throws {
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO near_edge (hash, count) VALUES (?, ?)
                    ON CONFLICT (hash) DO UPDATE SET count = count + excluded.count
                    """)
            for (hash, count) in pending.sorted(by: { $0.key < $1.key }) {
                try statement.execute(arguments: [hash, count])
            }
            pending.removeAll(keepingCapacity: true)
        }
    }

    /// The shingles of `body` without its furniture paragraphs, or nil when it has none.
    static func withoutFurniture(_ body: ArraySlice<UInt8>, _ db: Database, waiting: Counts?) throws -> ShingleSet? {
        var furniture: [Range<Int>] = []
        for range in edges(body) {
            guard let hash = hash(body[range]) else { continue }
            let stored = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT count FROM near_edge WHERE hash = ?"), arguments: [hash])
            guard (stored ?? 0) + (waiting?.waiting(hash) ?? 0) >= documents else { continue }
            furniture.append(range)
        }
        guard !furniture.isEmpty else { return nil }
        var kept: [UInt8] = []
        var position = body.startIndex
        for range in furniture.sorted(by: { $0.lowerBound < $1.lowerBound }) where range.lowerBound >= position {
            kept += body[position..<range.lowerBound]
            kept += [UInt8(ascii: "\n"), UInt8(ascii: "\n")]
            position = range.upperBound
        }
        kept += body[position...]
        return NearSignature.shingleSet(of: kept[...])
    }

    /// The containment of the shorter text in the other with furniture left
    /// out; `plain` when neither has any, or when too little would be left.
    static func containment(
        _ mine: (body: ArraySlice<UInt8>, set: ShingleSet, bare: ShingleSet?),
        _ other: (body: ArraySlice<UInt8>, set: ShingleSet), plain: Double, _ db: Database, waiting: Counts?
    ) throws -> Double {
        let otherBare = try withoutFurniture(other.body, db, waiting: waiting)
        guard mine.bare != nil || otherBare != nil else { return plain }
        let left = mine.bare ?? mine.set
        let right = otherBare ?? other.set
        let smallest = min(mine.set.count, other.set.count)
        guard Double(min(left.count, right.count)) >= leastRemainder * Double(smallest) else { return plain }
        return ShingleSet.containment(left, right)
    }
}
