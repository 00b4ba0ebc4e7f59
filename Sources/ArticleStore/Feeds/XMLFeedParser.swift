/// Reads RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 documents into a ``ParsedFeed``.
enum XMLFeedParser {
    /// Parses the document; `documentURL` (the feed's own address, when it
    /// was fetched) is the last resort base for relative links.
    static func parse(_ source: SourceText, documentURL: String?) throws(FeedSyntaxError) -> ParsedFeed {
        let root = try XMLReader.parse(source)
        func missing(_ what: String, in node: XMLNode) -> FeedSyntaxError {
            FeedSyntaxError(position: source.position(of: node.offset), message: "<\(node.name)> has no \(what)")
        }
        func entryPosition(_ node: XMLNode) -> FeedPosition { source.position(of: node.offset) }

        switch (root.local, root.namespace) {
        case ("rss", ""):
            guard let channel = root.child("channel", in: "") else { throw missing("<channel>", in: root) }
            guard let title = channel.value("title", in: "") else { throw missing("<title>", in: channel) }
            let base = channel.value("link", in: "").map { FeedLinks.resolve($0, against: documentURL) } ?? documentURL
            let entries = channel.children("item", in: "").map {
                rssEntry($0, ns: "", base: base, position: entryPosition($0))
            }
            return ParsedFeed(format: .rss2, title: HTMLText.title(title), entries: entries)
        case ("RDF", FeedNamespace.rdf):
            let ns = FeedNamespace.rss1
            guard let channel = root.child("channel", in: ns) else { throw missing("<channel>", in: root) }
            guard let title = channel.value("title", in: ns) else { throw missing("<title>", in: channel) }
            let base = channel.value("link", in: ns).map { FeedLinks.resolve($0, against: documentURL) } ?? documentURL
            let entries = root.children("item", in: ns).map {
                var entry = rssEntry($0, ns: ns, base: base, position: entryPosition($0))
                if entry.link == nil, let about = $0.attributes["rdf:about"] {
                    entry.link = FeedLinks.resolve(about, against: base)
                }
                return entry
            }
            return ParsedFeed(format: .rss1, title: HTMLText.title(title), entries: entries)
        case ("feed", FeedNamespace.atom):
            let ns = FeedNamespace.atom
            guard let titleNode = root.child("title", in: ns) else { throw missing("<title>", in: root) }
            let base = xmlBase(of: root, parent: documentURL)
            let feedAuthor = root.child("author", in: ns)?.value("name", in: ns)
            let entries = root.children("entry", in: ns).map {
                atomEntry($0, base: base, feedAuthor: feedAuthor, position: entryPosition($0))
            }
            return ParsedFeed(format: .atom, title: TextConstruct.line(titleNode), entries: entries)
        default:
            throw FeedSyntaxError(
                position: source.position(of: root.offset),
                message: "<\(root.name)> is not the root of an RSS, RDF or Atom feed"
                    + (root.namespace.isEmpty ? "" : " (namespace \(root.namespace))"))
        }
    }

    /// An item of RSS 2.0 (`ns` empty) or RSS 1.0.
    private static func rssEntry(_ item: XMLNode, ns: String, base: String?, position: FeedPosition) -> FeedEntry {
        var entry = FeedEntry(position: position)
        entry.id = item.value("guid", in: ns)
        entry.link = item.value("link", in: ns).map { FeedLinks.resolve($0, against: base) }
        if entry.link == nil, let guid = item.child("guid", in: ns), guid.attributes["isPermaLink"] != "false",
            let id = entry.id, FeedLinks.hasScheme(id)
        {
            entry.link = id
        }
        entry.title = item.value("title", in: ns).map(HTMLText.title)
        let html = item.value("encoded", in: FeedNamespace.content) ?? item.value("description", in: ns)
        entry.body = html.map(HTMLText.paragraphs) ?? ""
        entry.author = item.value("creator", in: FeedNamespace.dublinCore) ?? item.value("author", in: ns)
        entry.dateText = item.value("pubDate", in: ns) ?? item.value("date", in: FeedNamespace.dublinCore)
        if entry.title == nil && entry.body.isEmpty {
            entry.problem = "the <item> has neither a <title> nor a <description>"
        }
        return entry
    }

    private static func atomEntry(_ node: XMLNode, base feedBase: String?, feedAuthor: String?, position: FeedPosition)
        -> FeedEntry
    {
        let ns = FeedNamespace.atom
        let base = xmlBase(of: node, parent: feedBase)
        var entry = FeedEntry(position: position)
        entry.id = node.value("id", in: ns)
        let links = node.children("link", in: ns)
        let alternate = links.first { ($0.attributes["rel"] ?? "alternate") == "alternate" } ?? links.first
        entry.link = alternate?.attributes["href"].map {
            FeedLinks.resolve($0, against: xmlBase(of: alternate!, parent: base))
        }
        entry.title = node.child("title", in: ns).map(TextConstruct.line).flatMap { $0.isEmpty ? nil : $0 }
        if let content = node.child("content", in: ns), content.attributes["src"] == nil {
            entry.body = TextConstruct.paragraphs(content)
        }
        if entry.body.isEmpty, let summary = node.child("summary", in: ns) {
            entry.body = TextConstruct.paragraphs(summary)
        }
        entry.author = node.child("author", in: ns)?.value("name", in: ns) ?? feedAuthor
        entry.dateText = node.value("published", in: ns) ?? node.value("updated", in: ns)
        if entry.title == nil {
            entry.problem = "the <entry> has no <title>"
        }
        return entry
    }

    /// The base URL in effect inside `node`: its `xml:base` resolved against the parent's.
    private static func xmlBase(of node: XMLNode, parent: String?) -> String? {
        guard let base = node.attributes["xml:base"] else { return parent }
        return FeedLinks.resolve(base, against: parent)
    }
}

/// Atom text constructs: `type="text"` (the default), `html` or `xhtml`.
private enum TextConstruct {
    static func paragraphs(_ node: XMLNode) -> String {
        switch node.attributes["type"]?.lowercased() ?? "text" {
        case "html", "text/html": HTMLText.paragraphs(node.text)
        case "xhtml", "application/xhtml+xml":
            HTMLText.paragraphs((node.child("div") ?? node).innerMarkup)
        default: HTMLText.plain(node.text)
        }
    }

    static func line(_ node: XMLNode) -> String {
        paragraphs(node).split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
