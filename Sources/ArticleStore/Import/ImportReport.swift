/// What an import did, file by file where it matters.
public struct ImportReport: Sendable, Codable {
    /// A file that was not imported, and why.
    public struct Failure: Sendable, Codable, Hashable {
        /// The file, relative to the folder imported.
        public let file: String
        /// Why it was refused.
        public let reason: String
    }

    /// A file whose content repeats an article already in the store.
    public struct Duplicate: Sendable, Codable, Hashable {
        /// The file, relative to the folder imported.
        public let file: String
        /// The key the file would have had.
        public let key: String
        /// The article it repeats.
        public let of: DuplicateLink
    }

    /// Files looked at.
    public var files = 0
    /// Keys seen for the first time.
    public var newArticles = 0
    /// New versions of existing articles.
    public var newVersions = 0
    /// Files whose bytes are already a head of their key: nothing written.
    public var unchanged = 0
    /// Of the unchanged files, those not read at all: their size, times and
    /// inode matched what the store recorded when it last read them.
    public var statCached = 0
    /// Files whose exact bytes another article already holds (stored once).
    public var exactDuplicates: [Duplicate] = []
    /// Files equal to another article after normalisation.
    public var normalizedDuplicates: [Duplicate] = []
    /// Files that tell the same story as another article (see ``DuplicateLink/score``).
    public var nearDuplicates: [Duplicate] = []
    /// Near-duplicates not stored, under ``NearDuplicatePolicy/skip``.
    public var skipped = 0
    /// New versions sharing almost no words with the version they replace.
    public var probableKeyCollisions: [String] = []
    /// Files that were rejected.
    public var failures: [Failure] = []
    /// Wall-clock seconds.
    public var elapsed: Double = 0

    /// An empty report.
    public init() {}

    mutating func record(_ result: PutResult, file: String) {
        switch result.outcome {
        case .created: newArticles += 1
        case .newVersion: newVersions += 1
        case .skipped: skipped += 1
        default: unchanged += 1
        }
        if let link = result.duplicate {
            let entry = Duplicate(file: file, key: result.key, of: link)
            switch link.kind {
            case .exact: exactDuplicates.append(entry)
            case .normalized: normalizedDuplicates.append(entry)
            default: nearDuplicates.append(entry)
            }
        }
        if result.probableKeyCollision { probableKeyCollisions.append(file) }
    }
}

/// How far a long operation has got.
public struct StoreProgress: Sendable {
    /// Units done so far.
    public let done: Int
    /// Units in all.
    public let total: Int

    /// Progress of `done` out of `total`.
    public init(done: Int, total: Int) {
        self.done = done
        self.total = total
    }
}
