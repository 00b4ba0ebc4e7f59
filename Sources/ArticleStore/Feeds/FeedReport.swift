/// What importing one feed did, item by item where it matters.
public struct FeedReport: Sendable, Codable {
    /// An item that was not imported, and why.
    public struct Failure: Sendable, Codable, Hashable {
        /// The item's 1-based position among the feed's items.
        public let item: Int
        /// Where the item starts in the document.
        public let position: FeedPosition
        /// Why the item was not imported.
        public let reason: String
    }

    /// An item whose exact text another article already holds. No article
    /// was created for it.
    public struct Duplicate: Sendable, Codable, Hashable {
        /// The item's 1-based position among the feed's items.
        public let item: Int
        /// The key the item would have had.
        public let key: String
        /// The article that holds the text.
        public let of: DuplicateLink
    }

    /// An item whose identity an earlier item of the same feed already had.
    public struct Repeated: Sendable, Codable, Hashable {
        /// The item's 1-based position among the feed's items.
        public let item: Int
        /// The identity the two items share.
        public let key: String
        /// The earlier item with that identity, which was the one imported.
        public let firstItem: Int
    }

    /// The file path or URL the feed came from.
    public var source: String
    /// The feed's format.
    public var format: FeedFormat
    /// The feed's title, recorded as each article's source; for a feed
    /// without one, its URL without the scheme or its file name.
    public var title: String
    /// Items in the feed.
    public var items = 0
    /// Keys of the articles created.
    public var new: [String] = []
    /// Keys of the articles that gained a version because their item changed.
    public var updated: [String] = []
    /// Items whose text is already the head of their article.
    public var unchanged = 0
    /// Items whose exact text another article holds (for example after the
    /// feed changed an item's GUID or link).
    public var duplicates: [Duplicate] = []
    /// Articles created or updated whose text equals another article's after
    /// normalisation (stored, and linked to it).
    public var normalizedDuplicates: [Duplicate] = []
    /// Articles created or updated that tell the same story as another
    /// article (stored, and linked to it).
    public var nearDuplicates: [Duplicate] = []
    /// Items skipped because an earlier item of this feed had the same identity.
    public var repeated: [Repeated] = []
    /// Items that were rejected.
    public var failures: [Failure] = []
    /// What was imported but not as written, such as a feed without a
    /// title (named after its source) or items whose titles were derived.
    public var warnings: [String] = []

    /// An empty report for the feed from `source`.
    public init(source: String, format: FeedFormat, title: String) {
        self.source = source
        self.format = format
        self.title = title
    }
}
