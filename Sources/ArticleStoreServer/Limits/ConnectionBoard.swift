import NIOConcurrencyHelpers
import NIOCore

/// The connections of one server and what each is doing, shared by their
/// ``ConnectionGuard``s across event loops.
final class ConnectionBoard: Sendable {
    private struct Entry {
        let channel: any Channel
        /// When it began waiting for a request head; nil while it is busy.
        var waitingSince: NIODeadline?
    }

    private struct State {
        var next = 0
        var entries: [Int: Entry] = [:]
        var busy = 0
    }

    let limits: ServerLimits
    private let state = NIOLockedValueBox(State())

    init(limits: ServerLimits) { self.limits = limits }

    /// Counts a new connection. At the cap it closes the connection that
    /// has waited longest for a request head; when none is waiting, the new
    /// one is not admitted (nil) and is to be answered 503.
    func opened(_ channel: any Channel) -> Int? {
        let (id, evicted): (Int?, (any Channel)?) = state.withLockedValue { state in
            var evicted: (any Channel)?
            if state.entries.count >= limits.maxConnections {
                // A linear scan, only at the cap: at most maxConnections entries.
                guard
                    let oldest = state.entries.filter({ $0.value.waitingSince != nil })
                        .min(by: { $0.value.waitingSince! < $1.value.waitingSince! })
                else { return (nil, nil) }
                state.entries[oldest.key] = nil
                evicted = oldest.value.channel
            }
            let id = state.next
            state.next += 1
            state.entries[id] = Entry(channel: channel, waitingSince: .now())
            return (id, evicted)
        }
        evicted?.close(promise: nil)
        return id
    }

    /// Marks a connection busy with a request; false when the server is
    /// already handling ``ServerLimits/maxRequests`` requests.
    func started(_ id: Int) -> Bool {
        state.withLockedValue { state in
            guard state.entries[id]?.waitingSince != nil else { return true }
            guard state.busy < limits.maxRequests else { return false }
            state.entries[id]?.waitingSince = nil
            state.busy += 1
            return true
        }
    }

    /// Marks a connection waiting for its next request head.
    func finished(_ id: Int) {
        state.withLockedValue { state in
            guard let entry = state.entries[id], entry.waitingSince == nil else { return }
            state.entries[id]?.waitingSince = .now()
            state.busy -= 1
        }
    }

    func closed(_ id: Int) {
        state.withLockedValue { state in
            guard let entry = state.entries.removeValue(forKey: id) else { return }
            if entry.waitingSince == nil { state.busy -= 1 }
        }
    }

    /// Open connections and those busy with a request.
    var counts: (open: Int, busy: Int) { state.withLockedValue { ($0.entries.count, $0.busy) } }
}
