/// A word-level difference between two texts.
public struct WordDiff: Hashable, Sendable, Codable {
    /// A run of text that is in both texts, only the old one, or only the new one.
    public struct Segment: Hashable, Sendable, Codable {
        /// Which side a segment belongs to. New kinds may be added.
        public struct Kind: RawRepresentable, Hashable, Sendable, Codable {
            /// The kind's name.
            public let rawValue: String
            /// The kind named `rawValue`.
            public init(rawValue: String) { self.rawValue = rawValue }
            /// Words both versions have.
            public static let same = Kind(rawValue: "same")
            /// Words only the older version has.
            public static let removed = Kind(rawValue: "removed")
            /// Words only the newer version has.
            public static let added = Kind(rawValue: "added")
        }
        /// Whether the words are kept, removed or added.
        public let kind: Kind
        /// The words, with the whitespace between them.
        public let text: String
    }

    /// The older version.
    public let from: ObjectID
    /// The newer version.
    public let to: ObjectID
    /// The texts' words in order, as runs of the same kind.
    public let segments: [Segment]

    /// True when the texts are equal.
    public var isEmpty: Bool { segments.allSatisfy { $0.kind == .same } }

    /// Segments for turning `old` into `new`. Words, runs of whitespace and
    /// single punctuation marks are the units compared.
    static func segments(from old: String, to new: String) -> [Segment] {
        let before = tokens(old)
        let after = tokens(new)
        let changes = after.difference(from: before)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in changes {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var segments: [Segment] = []
        func emit(_ kind: Segment.Kind, _ text: Substring) {
            if let last = segments.last, last.kind == kind {
                segments[segments.count - 1] = Segment(kind: kind, text: last.text + text)
            } else {
                segments.append(Segment(kind: kind, text: String(text)))
            }
        }
        var i = 0
        var j = 0
        while i < before.count || j < after.count {
            if i < before.count, removed.contains(i) {
                emit(.removed, before[i]); i += 1
            } else if j < after.count, inserted.contains(j) {
                emit(.added, after[j]); j += 1
            } else {
                emit(.same, after[j]); i += 1; j += 1
            }
        }
        return segments
    }

    static func tokens(_ text: String) -> [Substring] {
        var tokens: [Substring] = []
        var start = text.startIndex
        var index = start
        func kind(_ c: Character) -> Int { c.isWhitespace ? 0 : (c.isLetter || c.isNumber ? 1 : 2) }
        while index < text.endIndex {
            let current = kind(text[index])
            var next = text.index(after: index)
            if current != 2 {
                while next < text.endIndex, kind(text[next]) == current { next = text.index(after: next) }
            }
            tokens.append(text[start..<next])
            start = next
            index = next
        }
        return tokens
    }
}
