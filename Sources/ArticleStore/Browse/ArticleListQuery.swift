import Foundation

/// Which articles to list, in which order, and from where: one page of a
/// listing that may hold millions. Pages are found by key (the last row of
/// the page before), not by offset, so page 1,000 costs what page 1 costs.
public struct ArticleListQuery: Hashable, Sendable, Codable {
    /// The order of a listing.
    public enum Sort: String, Hashable, Sendable, Codable, CaseIterable {
        /// By article number, lowest first.
        case number
        /// By the time the winning head was stored here, newest first.
        case changed
        /// By the winning head's title, A to Z (byte order of the UTF-8).
        case title
    }

    /// The order of the listing.
    public var sort: Sort
    /// Only articles whose winning head has this source (a feed's title, for example).
    public var source: String?
    /// Only articles with more than one version.
    public var multipleVersions: Bool
    /// Only articles with more than one head.
    public var conflicted: Bool
    /// Only articles recorded as near-duplicates of the head of this article key.
    public var nearDuplicateOf: String?
    /// Rows after this cursor (a page's ``ArticleListPage/next``).
    public var after: String?
    /// Rows before this cursor (a page's ``ArticleListPage/previous``).
    public var before: String?
    /// Rows per page, 1 to 500.
    public var limit: Int

    /// A query; the defaults list every article by number, 50 to a page.
    public init(
        sort: Sort = .number, source: String? = nil, multipleVersions: Bool = false, conflicted: Bool = false,
        nearDuplicateOf: String? = nil, after: String? = nil, before: String? = nil, limit: Int = 50
    ) {
        self.sort = sort
        self.source = source
        self.multipleVersions = multipleVersions
        self.conflicted = conflicted
        self.nearDuplicateOf = nearDuplicateOf
        self.after = after
        self.before = before
        self.limit = limit
    }
}

/// One row of an article listing.
public struct ArticleListing: Hashable, Sendable, Codable {
    /// The article's key.
    public let key: String
    /// The article's number.
    public let number: Int
    /// The winning head's title.
    public let title: String
    /// The winning head version.
    public let head: ObjectID
    /// The winning head's source, if any.
    public let source: String?
    /// When the winning head was stored here.
    public let changed: Date
    /// How many versions the article has.
    public let versions: Int
    /// How many heads it has; more than one is a conflict.
    public let heads: Int

    /// True when the article has more than one head.
    public var isConflicted: Bool { heads > 1 }
}

/// One page of an article listing, with the cursors of its neighbours.
public struct ArticleListPage: Hashable, Sendable, Codable {
    /// The page's articles, in the query's order.
    public let articles: [ArticleListing]
    /// Pass as ``ArticleListQuery/after`` for the next page; nil on the last.
    public let next: String?
    /// Pass as ``ArticleListQuery/before`` for the page before; nil on the first.
    public let previous: String?
}
