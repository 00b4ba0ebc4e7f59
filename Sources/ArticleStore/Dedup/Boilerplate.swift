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
        // Only the two ends are read: from the start to the first blank
        // line, and back from the end to the last one.
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        var low = body.startIndex
        var high = body.endIndex
        while low < high, isSpace(body[low]) { low += 1 }
        while high > low, isSpace(body[high - 1]) { high -= 1 }
        guard low < high else { return [] }
        // The first paragraph ends at a line feed followed by a blank line.
        var firstEnd: Int?
        var index = low
        while index < high, firstEnd == nil {
            if body[index] == 0x0A {
                var next = index + 1
                while next < high, isBlank(body[next]) { next += 1 }
                if next < high, body[next] == 0x0A { firstEnd = index }
                index = next
            } else {
                index += 1
            }
        }
        guard var end = firstEnd else { return [] }
        while end > low, isBlank(body[end - 1]) { end -= 1 }
        // The last paragraph starts after a line feed preceded by a blank line.
        var lastStart = high
        index = high - 1
        while index > low {
            if body[index] == 0x0A {
                var previous = index - 1
                while previous > low, isBlank(body[previous]) { previous -= 1 }
                if body[previous] == 0x0A {
                    lastStart = index + 1
                    break
                }
                index = previous
            } else {
                index -= 1
            }
        }
        while lastStart < high, isSpace(body[lastStart]) { lastStart += 1 }
        let first = low..<end
        let last = lastStart..<high
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
        _ mine: (set: ShingleSet, bare: ShingleSet?),
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
