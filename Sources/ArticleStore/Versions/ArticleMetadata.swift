import Foundation

/// Descriptive fields recorded with a version. All are optional; the title
/// always comes from the article's first line.
public struct ArticleMetadata: Hashable, Sendable, Codable {
    /// Who published the article, for example a feed or outlet name.
    public var source: String?
    /// Where the article was found.
    public var url: String?
    /// The byline.
    public var author: String?
    /// When the article was published, to the millisecond.
    public var published: Date?
    /// The file the article was imported from, relative to the import root.
    public var origin: String?
    /// The article number used in export names. When nil, a new article gets
    /// the next free number and a new version keeps its parent's number.
    public var number: Int?
    /// True when the article's title line was derived from its text because
    /// the input had none; recorded with the version.
    public var titleDerived: Bool

    /// Metadata with the given fields; nil ones are left out of the version record.
    public init(
        source: String? = nil, url: String? = nil, author: String? = nil,
        published: Date? = nil, origin: String? = nil, number: Int? = nil, titleDerived: Bool = false
    ) {
        self.titleDerived = titleDerived
        self.source = source
        self.url = url
        self.author = author
        self.published = published
        self.origin = origin
        self.number = number
    }
}
