import Crypto

/// The fingerprint of a set of object IDs for range-based reconciliation
/// (Schema/sync.md): the first 16 bytes of SHA-256 of the count (8 bytes,
/// big-endian) followed by the sum of the IDs modulo 2²⁵⁶ (32 bytes,
/// big-endian). The sum does not depend on order.
package struct RangeFingerprint: Hashable, Sendable {
    package let bytes: [UInt8]

    /// A fingerprint as received: 16 bytes.
    package init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    package init<C: Collection>(_ ids: C) where C.Element == ObjectID {
        var sum = Sum256()
        for id in ids { sum.add(id.bytes) }
        self.init(count: UInt64(ids.count), sum: sum)
    }

    /// The fingerprint of `count` IDs whose sum is `sum`.
    package init(count: UInt64, sum: Sum256) {
        var input = [UInt8]()
        input.reserveCapacity(40)
        for shift in stride(from: 56, through: 0, by: -8) {
            input.append(UInt8(truncatingIfNeeded: count >> UInt64(shift)))
        }
        input += sum.bigEndianBytes
        bytes = Array(SHA256.hash(data: input).prefix(16))
    }
}

/// A 256-bit unsigned sum that wraps around.
package struct Sum256: Sendable {
    /// Least significant limb first.
    private var limbs: [UInt64] = [0, 0, 0, 0]

    package init() {}

    /// The value written in decimal digits, modulo 2²⁵⁶; nil when `decimal`
    /// holds anything but digits.
    package init?(decimal: String) {
        guard !decimal.isEmpty else { return nil }
        for character in decimal.utf8 {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(character) else { return nil }
            // limbs = limbs × 10 + digit, wrapping at 2²⁵⁶.
            var carry = UInt64(character - UInt8(ascii: "0"))
            for limb in 0..<4 {
                let (high, low) = limbs[limb].multipliedFullWidth(by: 10)
                let (sum, overflow) = low.addingReportingOverflow(carry)
                limbs[limb] = sum
                carry = high + (overflow ? 1 : 0)
            }
        }
    }

    package mutating func add(_ bigEndian: [UInt8]) {
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

    package var bigEndianBytes: [UInt8] {
        limbs.reversed().flatMap { limb in
            stride(from: 56, through: 0, by: -8).map { UInt8(truncatingIfNeeded: limb >> UInt64($0)) }
        }
    }
}
