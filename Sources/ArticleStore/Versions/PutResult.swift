/// What putting one article did.
public struct PutResult: Hashable, Sendable, Codable {
    /// What happened to the article. New outcomes may be added.
    public struct Outcome: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The outcome's name.
        public let rawValue: String
        /// The outcome named `rawValue`.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The key was new: a new article with its first version.
        public static let created = Outcome(rawValue: "created")
        /// The key existed with other content: a new version on top of the head.
        public static let newVersion = Outcome(rawValue: "new-version")
        /// A head of the key already has these exact bytes: nothing was written.
        public static let unchanged = Outcome(rawValue: "unchanged")
        /// The text is a near-duplicate of another article's and the policy
        /// was ``NearDuplicatePolicy/skip``: nothing was written, and
        /// ``PutResult/duplicate`` names the story it repeats.
        public static let skipped = Outcome(rawValue: "skipped-near-duplicate")
        /// The outcome's name, such as `new-version`.
        public var description: String { rawValue }
    }

    /// The article key.
    public let key: String
    /// What the put did.
    public let outcome: Outcome
    /// The version written; for `.unchanged` the head that already has the
    /// content; for `.skipped` the version of the story it repeats.
    public let version: ObjectID
    /// The content ID.
    public let content: ObjectID
    /// The article number.
    public let number: Int
    /// Set when the content repeats, exactly or after normalisation, another article's content.
    public let duplicate: DuplicateLink?
    /// Set when a new version shares almost no words with the version it
    /// replaces: probably two different articles under one key.
    public let probableKeyCollision: Bool
}

/// A link from new content to an article that already holds the same story.
public struct DuplicateLink: Hashable, Sendable, Codable {
    /// How the two contents match. New kinds may be added.
    public struct Kind: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The kind's name.
        public let rawValue: String
        /// The kind named `rawValue`.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The very same bytes.
        public static let exact = Kind(rawValue: "exact")
        /// The same normalised fingerprint: equal up to Unicode normalisation,
        /// line endings, whitespace runs and quote style.
        public static let normalized = Kind(rawValue: "normalized")
        /// The same story: one text contains most of the other (see ``DuplicateLink/score``).
        public static let near = Kind(rawValue: "near")
        /// The kind's name, such as `near`.
        public var description: String { rawValue }
    }

    /// How the texts are the same: exactly, after normalisation, or as the same story.
    public let kind: Kind
    /// The key of the article that already holds the content.
    public let key: String
    /// That article's number.
    public let number: Int
    /// The content it holds.
    public let content: ObjectID
    /// A version of that article with this content, when known.
    public var version: ObjectID? = nil
    /// How much of the shorter text the other contains, from 0 to 1; 1 for
    /// exact and normalised duplicates.
    public var score: Double = 1

    func with(score: Double) -> DuplicateLink {
        var copy = self
        copy.score = score
        return copy
    }
}
