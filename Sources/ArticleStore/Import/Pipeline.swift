import Foundation

enum Pipeline {
    /// Runs `produce` for items 0..<count and `consume` on each result in
    /// order, producing item N+1 on another thread while item N is consumed.
    /// The first error stops the pipeline and is rethrown.
    static func run<T: Sendable>(
        _ count: Int, produce: @escaping @Sendable (Int) throws -> T, consume: (T) throws -> Void
    ) throws {
        guard count > 0 else { return }
        var current = Result { try produce(0) }
        for index in 0..<count {
            let next = Slot<T>()
            let group = DispatchGroup()
            if index + 1 < count {
                DispatchQueue.global(qos: .userInitiated).async(group: group) {
                    next.value = Result { try produce(index + 1) }
                }
            }
            defer { group.wait() }
            try consume(try current.get())
            group.wait()
            if let value = next.value { current = value }
        }
    }

    private final class Slot<T: Sendable>: @unchecked Sendable {
        var value: Result<T, any Error>?
    }
}
