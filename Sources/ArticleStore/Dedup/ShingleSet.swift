/// The distinct shingle hashes of a text, in an open-addressing hash table.
///
/// Verifying a candidate compares two such sets. Shingle hashes are already
/// uniformly distributed, so the table needs no hashing of its own beyond a
/// multiply to pick the slot; building it costs a fraction of sorting the
/// shingles, which is what the comparison did before.
struct ShingleSet: Sendable {
    /// Slots; `empty` marks a free one. A real 0 is kept in `hasZero`.
    private var slots: [UInt64]
    private var hasZero = false
    private let shift: UInt64
    /// The number of distinct shingles.
    private(set) var count = 0

    private static let empty: UInt64 = 0

    init(_ shingles: [UInt64]) {
        var bits = 4
        while 1 << bits < 2 * shingles.count { bits += 1 }
        slots = Array(repeating: Self.empty, count: 1 << bits)
        shift = UInt64(64 - bits)
        for shingle in shingles { insert(shingle) }
    }

    func contains(_ shingle: UInt64) -> Bool {
        if shingle == Self.empty { return hasZero }
        let mask = slots.count - 1
        var slot = self.slot(shingle)
        while true {
            let stored = slots[slot]
            if stored == shingle { return true }
            if stored == Self.empty { return false }
            slot = (slot + 1) & mask
        }
    }

    /// Calls `body` with each distinct shingle, in no particular order.
    func forEach(_ body: (UInt64) -> Void) {
        if hasZero { body(Self.empty) }
        for stored in slots where stored != Self.empty { body(stored) }
    }

    private mutating func insert(_ shingle: UInt64) {
        if shingle == Self.empty {
            if !hasZero { count += 1 }
            hasZero = true
            return
        }
        let mask = slots.count - 1
        var slot = self.slot(shingle)
        while true {
            let stored = slots[slot]
            if stored == shingle { return }
            if stored == Self.empty {
                slots[slot] = shingle
                count += 1
                return
            }
            slot = (slot + 1) & mask
        }
    }

    private func slot(_ shingle: UInt64) -> Int {
        Int(truncatingIfNeeded: (shingle &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The share of the smaller set's shingles that the other also has:
    /// 1 when one text is contained in the other, 0 when either is empty.
    static func containment(_ a: ShingleSet, _ b: ShingleSet) -> Double {
        guard a.count > 0, b.count > 0 else { return 0 }
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        var common = 0
        small.forEach { if large.contains($0) { common += 1 } }
        return Double(common) / Double(small.count)
    }
}
