/// What near-duplicate detection keeps of an article's text.
///
/// The body (the text after the title line, so a new headline does not
/// matter) is reduced to words: HTML tags are dropped, entities decoded,
/// ASCII letters lowercased, and everything that is not a letter or digit
/// separates words, so line wrapping, quote style and punctuation do not
/// matter. Overlapping runs of four words ("shingles") are hashed.
///
/// - `anchors` are a sample of the shingles of the article's lead (its
///   first 100 words), chosen by hash value. Copies of a story keep its lead
///   even when they are cut short, gain a byline or dateline, or end with a
///   footer, so copies share anchors; the store indexes them to find
///   candidates without comparing all pairs. Only the lead is hashed for them.
/// - ``shingleSet`` holds all the body's shingles, to verify a candidate
///   exactly (by containment). It is computed only when there is one.
struct NearSignature: Sendable, Equatable {
    /// The text after the title line.
    var body: ArraySlice<UInt8>
    var anchors: [Int64]
    /// How many anchors were chosen by value (the rest fill up short leads).
    var sampled: Int

    static let shingleWords = 4
    static let leadWords = 100
    /// One lead shingle in this many (by hash value) is an anchor.
    static let sampling: UInt64 = 10
    static let minimumAnchors = 4
    static let maximumAnchors = 12

    init(body: ArraySlice<UInt8>) {
        self.body = body
        let lead = Self.shingles(NearText.wordHashes(body, limit: Self.leadWords))
        // Sampling by value keeps the same anchors in any text that shares the
        // words, whatever its length; very short leads get their smallest
        // shingles as well, so that they have a few anchors. Only the few
        // sampled shingles are sorted, and the whole lead only when it is short.
        var chosen = Self.sortedUnique(lead.filter { $0 % Self.sampling == 0 })
        sampled = chosen.count
        if chosen.count < Self.minimumAnchors {
            for shingle in Self.sortedUnique(lead) where chosen.count < Self.minimumAnchors {
                if !chosen.contains(shingle) { chosen.append(shingle) }
            }
        }
        anchors = chosen.prefix(Self.maximumAnchors).map { Int64(bitPattern: $0) }
    }

    /// The distinct shingles of the whole body, to verify a candidate with
    /// ``ShingleSet/containment(_:_:)``.
    var shingleSet: ShingleSet { Self.shingleSet(of: body) }

    /// The distinct shingles of a body.
    static func shingleSet(of body: ArraySlice<UInt8>) -> ShingleSet {
        ShingleSet(shingles(NearText.wordHashes(body)))
    }

    /// The hashes of each run of `shingleWords` words; a shorter text is one shingle.
    private static func shingles(_ words: [UInt64]) -> [UInt64] {
        guard words.count >= shingleWords else { return words.isEmpty ? [] : [combine(words[...])] }
        var all: [UInt64] = []
        all.reserveCapacity(words.count - shingleWords + 1)
        for start in 0...(words.count - shingleWords) {
            all.append(combine(words[start..<start + shingleWords]))
        }
        return all
    }

    private static func sortedUnique(_ values: [UInt64]) -> [UInt64] {
        var sorted = values
        sorted.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(sorted.count)
        for value in sorted where value != unique.last { unique.append(value) }
        return unique
    }

    private static func combine(_ words: ArraySlice<UInt64>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
        for word in words {
            hash = (hash ^ word) &* 0xff51_afd7_ed55_8ccd
            hash ^= hash >> 32
        }
        return hash
    }
}
