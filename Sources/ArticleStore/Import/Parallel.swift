import Foundation

enum Parallel {
    /// Maps `items` on all cores, keeping order.
    static func map<T, R>(_ items: [T], _ transform: (T) -> R) -> [R] {
        if items.count < 2 { return items.map(transform) }
        return [R](unsafeUninitializedCapacity: items.count) { buffer, initialized in
            let base = buffer.baseAddress!
            withoutActuallyEscaping(transform) { transform in
                let box = UnsafeSendable(value: (base, transform, items))
                DispatchQueue.concurrentPerform(iterations: items.count) { index in
                    let (base, transform, items) = box.value
                    (base + index).initialize(to: transform(items[index]))
                }
            }
            initialized = items.count
        }
    }
}

/// Carries a value across a concurrency boundary the compiler cannot check;
/// used only where each task touches its own slot.
struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
}
