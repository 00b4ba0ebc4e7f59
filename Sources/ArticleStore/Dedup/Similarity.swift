/// Cheap text similarity, used to flag a "new version" that is really a
/// different article under the same key.
enum Similarity {
    /// Jaccard similarity of the sets of lowercased words in two texts.
    static func wordJaccard(_ a: [UInt8], _ b: [UInt8]) -> Double {
        let left = words(a)
        let right = words(b)
        let union = left.union(right).count
        return union == 0 ? 1 : Double(left.intersection(right).count) / Double(union)
    }

    static func words(_ bytes: [UInt8]) -> Set<Substring> {
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        return Set(text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }))
    }

    /// Below this word Jaccard, a new version is flagged as a probable key collision.
    static let collisionThreshold = 0.1
}
