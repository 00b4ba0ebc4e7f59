/// The rule that picks an article's winning head. Every replica applies it to
/// the same version records, so every replica picks the same winner:
/// the highest generation (longest chain from a root), then the latest import
/// time, then the greatest version ID in byte order.
struct HeadCandidate: Sendable {
    var rowID: Int64
    var generation: Int
    var imported: Int64
    var hash: [UInt8]

    static func winner(_ candidates: [HeadCandidate]) -> HeadCandidate? {
        candidates.max { a, b in
            if a.generation != b.generation { return a.generation < b.generation }
            if a.imported != b.imported { return a.imported < b.imported }
            return a.hash.lexicographicallyPrecedes(b.hash)
        }
    }
}
