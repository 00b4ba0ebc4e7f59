import Foundation

/// Collects samples of new content until there are enough to train the
/// store's zstd dictionary. Articles are small, and one by one they compress
/// poorly; with a dictionary learned from a few thousand of them, each
/// compresses about as well as the corpus does as one stream.
final class DictionaryTrainer: @unchecked Sendable {
    /// How many samples a dictionary is trained from.
    let samplesNeeded: Int
    /// The dictionary size, in bytes.
    static let capacity = 256 << 10
    private let lock = NSLock()
    private var samples: [[UInt8]] = []

    init(samplesNeeded: Int) {
        self.samplesNeeded = samplesNeeded
    }

    /// Adds samples; returns a trained dictionary once enough have been
    /// seen, and then forgets them.
    func offer(_ new: [[UInt8]]) -> [UInt8]? {
        let ready: [[UInt8]]? = lock.withLock {
            samples += new.prefix(max(0, samplesNeeded - samples.count))
            guard samples.count >= samplesNeeded else { return nil }
            defer { samples = [] }
            return samples
        }
        return ready.flatMap { ZstdDictionary.train(samples: $0, capacity: Self.capacity) }
    }
}
