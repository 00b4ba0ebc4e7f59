import Crypto

/// The fingerprint of a set of object IDs for range-based reconciliation
/// (Schema/sync.md): the first 16 bytes of SHA-256 of the count (8 bytes,
/// big-endian) followed by the sum of the IDs modulo 2²⁵⁶ (32 bytes,
/// big-endian). The sum does not depend on order.
struct RangeFingerprint: Hashable, Sendable {
    let bytes: [UInt8]

    /// A fingerprint as received: 16 bytes.
    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    init<C: Collection>(_ ids: C) where C.Element == ObjectID {
        var sum = Sum256()
        for id in ids { sum.add(id.bytes) }
        var input = [UInt8]()
        input.reserveCapacity(40)
        let count = UInt64(ids.count)
        for shift in stride(from: 56, through: 0, by: -8) {
            input.append(UInt8(truncatingIfNeeded: count >> UInt64(shift)))
        }
        input += sum.bigEndianBytes
        bytes = Array(SHA256.hash(data: input).prefix(16))
    }
}

/// A 256-bit unsigned sum that wraps around.
struct Sum256 {
    /// Least significant limb first.
    private var limbs: [UInt64] = [0, 0, 0, 0]

    mutating func add(_ bigEndian: [UInt8]) {
        var carry: UInt64 = 0
        for limb in 0..<4 {
            var value: UInt64 = 0
            for byte in bigEndian[(24 - limb * 8)..<(32 - limb * 8)] { value = value << 8 | UInt64(byte) }
            let (partial, overflow1) = limbs[limb].addingReportingOverflow(value)
            let (total, overflow2) = partial.addingReportingOverflow(carry)
            limbs[limb] = total
            carry = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
        }
    }

    var bigEndianBytes: [UInt8] {
        limbs.reversed().flatMap { limb in
            stride(from: 56, through: 0, by: -8).map { UInt8(truncatingIfNeeded: limb >> UInt64($0)) }
        }
    }
}
