import Foundation

/// The syndication formats the store reads.
public enum FeedFormat: String, Sendable, Codable, CustomStringConvertible {
    /// RSS 2.0 (and 0.9x), also in a namespace of its own.
    case rss2 = "rss-2.0"
    /// RSS 1.0 and 0.90: RDF documents.
    case rss1 = "rss-1.0"
    /// Atom 1.0.
    case atom = "atom-1.0"
    /// Atom 0.3, and the drafts before it.
    case atom03 = "atom-0.3"
    /// Microsoft's Channel Definition Format, the XML channels of 1997.
    case cdf = "cdf"
    /// JSON Feed 1.0 and 1.1.
    case jsonFeed = "json-feed-1.1"

    /// The format's name, such as `rss-2.0`.
    public var description: String { rawValue }
}

/// A feed read into plain values, before anything touches the store.
struct ParsedFeed: Sendable {
    var format: FeedFormat
    /// The channel's or feed's title; nil when it has none.
    var title: String?
    var entries: [FeedEntry]
}

/// One item of a feed, its text already converted from HTML.
struct FeedEntry: Sendable {
    /// Where the item starts in the document.
    var position: FeedPosition
    /// The GUID or id, as written.
    var id: String?
    /// The item's link, absolute when a base was known.
    var link: String?
    var title: String?
    /// Readable text: paragraphs separated by blank lines.
    var body: String = ""
    /// What the content showed when it has no text (its images, see
    /// ``HTMLText/media(_:)``): the text of an item that has nothing else.
    var media: String = ""
    var author: String?
    /// The publication (or else update) date as written, for identity.
    var dateText: String?
    /// A reason the item cannot become an article, such as a missing element.
    var problem: String?

    /// The link without tracking parameters.
    var cleanLink: String? { link.map(FeedLinks.removingTracking) }

    /// The identity of the item: its GUID or id, else its cleaned link, else
    /// its title and date joined by `|`. An item without a title is named
    /// by the first 100 characters of its text here, as before titles were
    /// derived (``ItemTitle``), so that its key does not change.
    var identity: String? {
        if let id, !id.isEmpty { return id }
        if let cleanLink, !cleanLink.isEmpty { return cleanLink }
        let name: String
        if let title, !title.isEmpty {
            name = title
        } else {
            guard let line = text.split(whereSeparator: \.isNewline).first else { return nil }
            let cut = line.prefix(100)
            name = line.count > 100 ? String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + "…" : String(line)
        }
        return name + "|" + (dateText ?? "")
    }

    /// Whether the item has no title of its own, so ``articleTitle`` is derived from its text.
    var titleIsDerived: Bool { title?.isEmpty ?? true }

    /// The title, or when the item has none, one derived from its text.
    var articleTitle: String? {
        if let title, !title.isEmpty { return title }
        return ItemTitle.derived(from: text)
    }

    /// The body, or for an item with neither title nor text, what its content showed.
    var text: String { body.isEmpty && titleIsDerived ? media : body }

    /// True when the item has a title, text, or at least images.
    var hasContent: Bool { !titleIsDerived || !body.isEmpty || !media.isEmpty }

    /// The article: the title, a blank line, the body, and a final line feed.
    var articleText: String? {
        guard let title = articleTitle else { return nil }
        return text.isEmpty ? title + "\n" : title + "\n\n" + text + "\n"
    }

    /// The date parsed, when it is in a format feeds use.
    var published: Date? { dateText.flatMap(FeedDates.parse) }
}
