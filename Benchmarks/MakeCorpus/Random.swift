import Foundation

// Deterministic pseudo-random numbers: SplitMix64 (Steele, Lea & Flood 2014).
// Every article gets its own generator seeded from (seed, ordinal), so output
// does not depend on thread scheduling and is byte-identical across runs.

struct SplitMix64 {
    private(set) var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A generator for item `index` of stream `seed` (independent streams).
    init(seed: UInt64, index: UInt64, salt: UInt64 = 0) {
        var s = SplitMix64(seed: seed ^ 0x5DEE_CE66_D1CE_4E5B)
        let a = s.next()
        var t = SplitMix64(seed: a ^ (index &* 0x9E37_79B9_7F4A_7C15) ^ (salt &* 0xD6E8_FEB8_6659_FD93))
        state = t.next()
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    @inline(__always)
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform integer in 0..<n (n > 0).
    @inline(__always)
    mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(n).multipliedFullWidth(by: next())).high)
    }

    /// Uniform integer in lo...hi.
    @inline(__always)
    mutating func int(_ lo: Int, _ hi: Int) -> Int { lo + below(hi - lo + 1) }

    @inline(__always)
    mutating func chance(_ p: Double) -> Bool { uniform() < p }

    /// Standard normal deviate (Box–Muller).
    mutating func normal() -> Double {
        let u1 = max(uniform(), 1e-300)
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Zipf–Mandelbrot sampler over ranks 0..<n: P(r) ∝ 1 / (r + offset)^s, via a
/// cumulative table and binary search. offset > 0 flattens the head.
struct Zipf: Sendable {
    let cdf: [Double]

    init(count n: Int, exponent s: Double, offset: Double = 0) {
        precondition(n > 0)
        var acc = 0.0
        var c = [Double]()
        c.reserveCapacity(n)
        for r in 1...n {
            acc += 1.0 / pow(Double(r) + offset, s)
            c.append(acc)
        }
        cdf = c.map { $0 / acc }
    }

    @inline(__always)
    func sample(_ rng: inout SplitMix64) -> Int {
        let u = rng.uniform()
        var lo = 0, hi = cdf.count - 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if cdf[mid] < u { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
