/// What putting one article did.
public struct PutResult: Hashable, Sendable, Codable {
    /// What happened to the article. New outcomes may be added.
    public struct Outcome: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The key was new: a new article with its first version.
        public static let created = Outcome(rawValue: "created")
        /// The key existed with other content: a new version on top of the head.
        public static let newVersion = Outcome(rawValue: "new-version")
        /// A head of the key already has these exact bytes: nothing was written.
        public static let unchanged = Outcome(rawValue: "unchanged")
        public var description: String { rawValue }
    }

    /// The article key.
    public let key: String
    public let outcome: Outcome
    /// The version written, or for `.unchanged` the head that already has the content.
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
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The very same bytes.
        public static let exact = Kind(rawValue: "exact")
        /// The same normalised fingerprint: equal up to Unicode normalisation,
        /// line endings, whitespace runs and quote style.
        public static let normalized = Kind(rawValue: "normalized")
        public var description: String { rawValue }
    }

    public let kind: Kind
    /// The key of the article that already holds the content.
    public let key: String
    /// That article's number.
    public let number: Int
    /// The content it holds.
    public let content: ObjectID
}
