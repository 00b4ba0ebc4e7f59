/// Reads JSON Feed 1.0 and 1.1 documents into a ``ParsedFeed``.
enum JSONFeedParser {
    static func parse(_ source: SourceText, documentURL: String?) throws(FeedSyntaxError) -> ParsedFeed {
        let root = try JSONReader.parse(source)
        func fail(_ message: String, _ node: JSONReader.Node) -> FeedSyntaxError {
            FeedSyntaxError(position: source.position(of: node.offset), message: message)
        }
        guard root.isObject else { throw fail("a JSON Feed is an object", root) }
        guard let version = root["version"]?.string, version.hasPrefix("https://jsonfeed.org/version/") else {
            throw fail("the feed has no \"version\" naming https://jsonfeed.org/version/1.1", root)
        }
        guard let items = root["items"]?.array else { throw fail("the feed has no \"items\" array", root) }
        let base = root["home_page_url"]?.string.map { FeedLinks.resolve($0, against: documentURL) } ?? documentURL
        let feedAuthor = author(of: root)
        let entries = items.map { item in
            var entry = FeedEntry(position: source.position(of: item.offset))
            guard item.isObject else {
                entry.problem = "an item is not an object"
                return entry
            }
            entry.id = item["id"]?.string
            entry.link = (item["url"]?.string ?? item["external_url"]?.string).map {
                FeedLinks.resolve($0, against: base)
            }
            entry.title = item["title"]?.string.map(HTMLText.title).flatMap { $0.isEmpty ? nil : $0 }
            if let html = item["content_html"]?.string {
                entry.body = HTMLText.paragraphs(html)
                if entry.body.isEmpty { entry.media = HTMLText.media(html) }
            } else if let text = item["content_text"]?.string ?? item["summary"]?.string {
                entry.body = HTMLText.plain(text)
            }
            entry.author = author(of: item) ?? feedAuthor
            entry.dateText = item["date_published"]?.string ?? item["date_modified"]?.string
            if !entry.hasContent {
                entry.problem = "the item has neither \"title\" nor \"content_html\"/\"content_text\""
            }
            return entry
        }
        let title = root["title"]?.string.map(HTMLText.title).flatMap { $0.isEmpty ? nil : $0 }
        return ParsedFeed(format: .jsonFeed, title: title, entries: entries)
    }

    /// `authors[0].name` (1.1), else `author.name` (1.0).
    private static func author(of node: JSONReader.Node) -> String? {
        node["authors"]?.array?.first?["name"]?.string ?? node["author"]?["name"]?.string
    }
}
