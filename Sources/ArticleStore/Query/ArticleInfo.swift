import Foundation

/// An article and its winning head.
public struct ArticleSummary: Hashable, Sendable, Codable {
    public let key: String
    /// The number export uses in file names.
    public let number: Int
    /// The winning head version.
    public let head: ObjectID
    /// The head's content.
    public let content: ObjectID
    public let title: String
    /// Size of the head's content in bytes.
    public let size: Int
    /// How many versions the article has.
    public let versions: Int
    /// How many heads it has; more than one means concurrent edits met in a sync.
    public let heads: Int

    /// True when the article has more than one head.
    public var isConflicted: Bool { heads > 1 }
}

/// One version of an article.
public struct ArticleVersion: Hashable, Sendable, Codable {
    public let id: ObjectID
    public let key: String
    public let number: Int
    public let content: ObjectID
    /// Parent versions, sorted by ID; empty for the first version.
    public let parents: [ObjectID]
    public let title: String
    /// True when the input had no title and this one was derived from the
    /// text (the first sentence of a feed item without a title).
    public let titleDerived: Bool
    public let source: String?
    public let url: String?
    public let author: String?
    public let published: Date?
    public let imported: Date
    /// The file it came from, relative to the import root.
    public let origin: String?
    /// How the input was encoded: `utf-8`, `utf-8+bom` (a byte-order mark was
    /// stripped), `latin1` or `windows-1252` (transcoded to UTF-8).
    public let encoding: String
    /// Size of the content in bytes.
    public let size: Int
    /// Distance from the root: 1 for a first version.
    public let generation: Int
    /// True when no other version has this one as a parent.
    public let isHead: Bool
}

/// What a hex ID prefix or key names.
public struct Reference: Hashable, Sendable {
    /// What kind of thing was found. New kinds may be added.
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let article = Kind(rawValue: "article")
        public static let version = Kind(rawValue: "version")
        public static let content = Kind(rawValue: "content")
        public var description: String { rawValue }
    }

    public let kind: Kind
    /// The article key, for articles and versions; for content, the key of an
    /// article that holds it, if any.
    public let key: String?
    /// The version or content ID; the head version for articles.
    public let id: ObjectID
}

/// Counts and sizes for a whole store.
public struct StoreStats: Hashable, Sendable, Codable {
    public let articles: Int
    public let versions: Int
    public let conflicted: Int
    public let objects: Int
    /// Sum of the content objects' sizes.
    public let contentBytes: Int
    /// Sum of their stored (compressed) sizes.
    public let storedBytes: Int
    /// Bytes on disk: the database file and its write-ahead log.
    public let diskBytes: Int
    public let dictionaries: Int
}
