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

    /// `items` cut into one run per core, in order: for work that needs a
    /// connection or a tokenizer of its own per thread.
    static func chunks<T>(_ items: [T]) -> [ArraySlice<T>] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let size = max(1, (items.count + cores - 1) / cores)
        return stride(from: 0, to: items.count, by: size).map { items[$0..<min(items.count, $0 + size)] }
    }
}

/// Carries a value across a concurrency boundary the compiler cannot check;
/// used only where each task touches its own slot.
struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
}
