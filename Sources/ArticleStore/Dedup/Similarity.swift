/// Cheap text similarity, used to flag a "new version" that is really a
/// different article under the same key.
enum Similarity {
    /// Jaccard similarity of the sets of words in two texts, ignoring ASCII case.
    static func wordJaccard(_ a: [UInt8], _ b: [UInt8]) -> Double {
        let left = words(a)
        let right = words(b)
        let union = left.union(right).count
        return union == 0 ? 1 : Double(left.intersection(right).count) / Double(union)
    }

    /// The set of words in UTF-8 text, each as a 64-bit FNV-1a hash. A word
    /// is a run of ASCII letters and digits or non-ASCII bytes; ASCII letters
    /// are lowercased.
    static func words(_ bytes: [UInt8]) -> Set<UInt64> {
        var words = Set<UInt64>()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var inWord = false
        for byte in bytes {
            var folded = byte
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): folded = byte | 0x20
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...: break
            default:
                if inWord { words.insert(hash) }
                inWord = false
                hash = 0xcbf2_9ce4_8422_2325
                continue
            }
            inWord = true
            hash = (hash ^ UInt64(folded)) &* 0x100_0000_01b3
        }
        if inWord { words.insert(hash) }
        return words
    }

    /// Below this word Jaccard, a new version is flagged as a probable key collision.
    static let collisionThreshold = 0.1
}
