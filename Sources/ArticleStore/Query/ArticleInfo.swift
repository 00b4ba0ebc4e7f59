import Foundation

/// An article and its winning head.
public struct ArticleSummary: Hashable, Sendable, Codable {
    /// The article's key: a file name, a path or a feed item's identity.
    public let key: String
    /// The number export uses in file names.
    public let number: Int
    /// The winning head version.
    public let head: ObjectID
    /// The head's content.
    public let content: ObjectID
    /// The head's title: the first line of its text.
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
    /// The version's ID: the SHA-256 of its record.
    public let id: ObjectID
    /// The key of the article this version belongs to.
    public let key: String
    /// The article's number, used in export names.
    public let number: Int
    /// The ID of the version's text.
    public let content: ObjectID
    /// Parent versions, sorted by ID; empty for the first version.
    public let parents: [ObjectID]
    /// The version's title: the first line of its text.
    public let title: String
    /// True when the input had no title and this one was derived from the
    /// text (the first sentence of a feed item without a title).
    public let titleDerived: Bool
    /// Who published it, such as a feed's title.
    public let source: String?
    /// Where it was found.
    public let url: String?
    /// Its byline.
    public let author: String?
    /// When it was published, if the input said.
    public let published: Date?
    /// When this store (or the store it came from) recorded it.
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
        /// The kind's name.
        public let rawValue: String
        /// The kind named `rawValue`.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// A key, naming an article.
        public static let article = Kind(rawValue: "article")
        /// A version ID or prefix.
        public static let version = Kind(rawValue: "version")
        /// A content ID or prefix.
        public static let content = Kind(rawValue: "content")
        /// The kind's name.
        public var description: String { rawValue }
    }

    /// Whether the reference named an article, a version or a content object.
    public let kind: Kind
    /// The article key, for articles and versions; for content, the key of an
    /// article that holds it, if any.
    public let key: String?
    /// The version or content ID; the head version for articles.
    public let id: ObjectID
}

/// Counts and sizes for a whole store.
public struct StoreStats: Hashable, Sendable, Codable {
    /// Articles in the store.
    public let articles: Int
    /// Versions of all articles.
    public let versions: Int
    /// Articles with more than one head.
    public let conflicted: Int
    /// Content objects: each distinct text, stored once.
    public let objects: Int
    /// Sum of the content objects' sizes.
    public let contentBytes: Int
    /// Sum of their stored (compressed) sizes.
    public let storedBytes: Int
    /// Bytes on disk: the database file and its write-ahead log.
    public let diskBytes: Int
    /// zstd dictionaries trained for compression.
    public let dictionaries: Int
}
