import Foundation

/// Reads RSS 2.0, RSS 1.0 (RDF), Atom 1.0 and Atom 0.3 documents into a ``ParsedFeed``.
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
        case ("rss", _):
            // RSS 2.0, also when a producer put it in a namespace of its own.
            let ns = root.namespace
            guard let channel = root.child("channel", in: ns) else { throw missing("<channel>", in: root) }
            let base = channel.value("link", in: ns).map { FeedLinks.resolve($0, against: documentURL) } ?? documentURL
            let entries = channel.children("item", in: ns).map {
                rssEntry($0, ns: ns, base: base, position: entryPosition($0))
            }
            return ParsedFeed(
                format: .rss2, title: channel.value("title", in: ns).map(HTMLText.title), entries: entries)
        case ("RDF", FeedNamespace.rdf):
            // RSS 1.0 or 0.90: items are the channel's siblings, so a missing channel only loses the title.
            let channel = root.children.first { $0.local == "channel" }
            let ns = channel?.namespace ?? root.children.first { $0.local == "item" }?.namespace ?? FeedNamespace.rss1
            let base = channel?.value("link", in: ns).map { FeedLinks.resolve($0, against: documentURL) } ?? documentURL
            let entries = root.children("item", in: ns).map {
                var entry = rssEntry($0, ns: ns, base: base, position: entryPosition($0))
                if entry.link == nil, let about = $0.attributes["rdf:about"] {
                    entry.link = FeedLinks.resolve(about, against: base)
                }
                return entry
            }
            return ParsedFeed(
                format: .rss1, title: channel?.value("title", in: ns).map(HTMLText.title), entries: entries)
        case ("feed", _):
            // Atom 1.0; anything else named <feed> is read as the drafts before it (0.3, "PIE").
            let dialect = root.namespace == FeedNamespace.atom ? AtomDialect.atom1 : .atom03
            let ns = root.namespace
            let base = xmlBase(of: root, parent: documentURL)
            let feedAuthor = root.child("author", in: ns)?.value("name", in: ns)
            let entries = root.children("entry", in: ns).map {
                atomEntry($0, dialect, base: base, feedAuthor: feedAuthor, position: entryPosition($0))
            }
            let title = root.child("title", in: ns).map { TextConstruct.line($0, dialect) }.flatMap {
                $0.isEmpty ? nil : $0
            }
            return ParsedFeed(format: dialect == .atom1 ? .atom : .atom03, title: title, entries: entries)
        case ("CHANNEL", ""):
            return CDFParser.parse(root, source: source, documentURL: documentURL)
        default:
            throw FeedSyntaxError(
                position: source.position(of: root.offset),
                message: "<\(root.name)> is not the root of an RSS, RDF, Atom or CDF feed"
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
        entry.title = item.value("title", in: ns).map(HTMLText.title).flatMap { $0.isEmpty ? nil : $0 }
        // The fullest text first: content:encoded, then an XHTML body, then the description.
        let html =
            item.value("encoded", in: FeedNamespace.content)
            ?? item.child("body", in: FeedNamespace.xhtml).map(\.innerMarkup)
            ?? item.value("description", in: ns)
            // iTunes' namespace is written with either capitalisation.
            ?? item.children.first { $0.local == "summary" && $0.namespace.lowercased() == FeedNamespace.itunes }
            .map(\.text).flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        entry.body = html.map(HTMLText.paragraphs) ?? ""
        if entry.body.isEmpty, let html { entry.media = HTMLText.media(html) }
        entry.author = item.value("creator", in: FeedNamespace.dublinCore) ?? item.value("author", in: ns)
        entry.dateText = item.value("pubDate", in: ns) ?? item.value("date", in: FeedNamespace.dublinCore)
        if !entry.hasContent {
            entry.problem = "the <item> has neither a <title> nor a <description>, <content:encoded> or <xhtml:body>"
        }
        return entry
    }

    /// An entry of Atom 1.0, or of Atom 0.3 (its dates and content modes).
    private static func atomEntry(
        _ node: XMLNode, _ dialect: AtomDialect, base feedBase: String?, feedAuthor: String?, position: FeedPosition
    ) -> FeedEntry {
        let ns = node.namespace
        let base = xmlBase(of: node, parent: feedBase)
        var entry = FeedEntry(position: position)
        entry.id = node.value("id", in: ns)
        let links = node.children("link", in: ns)
        let alternate = links.first { ($0.attributes["rel"] ?? "alternate") == "alternate" } ?? links.first
        entry.link = alternate?.attributes["href"].map {
            FeedLinks.resolve($0, against: xmlBase(of: alternate!, parent: base))
        }
        entry.title = node.child("title", in: ns).map { TextConstruct.line($0, dialect) }.flatMap {
            $0.isEmpty ? nil : $0
        }
        let texts = [
            node.child("content", in: ns).flatMap { $0.attributes["src"] == nil ? $0 : nil },
            node.child("summary", in: ns),
        ].compactMap { $0 }
        entry.body = texts.lazy.map { TextConstruct.paragraphs($0, dialect) }.first { !$0.isEmpty } ?? ""
        if entry.body.isEmpty {
            entry.media = texts.lazy.map { TextConstruct.media($0, dialect) }.first { !$0.isEmpty } ?? ""
        }
        entry.author = node.child("author", in: ns)?.value("name", in: ns) ?? feedAuthor
        entry.dateText =
            switch dialect {
            case .atom1: node.value("published", in: ns) ?? node.value("updated", in: ns)
            case .atom03:
                node.value("issued", in: ns) ?? node.value("created", in: ns) ?? node.value("modified", in: ns)
            }
        if !entry.hasContent {
            entry.problem = "the <entry> has neither a <title> nor a <summary> or <content>"
        }
        return entry
    }

    /// The base URL in effect inside `node`: its `xml:base` resolved against the parent's.
    private static func xmlBase(of node: XMLNode, parent: String?) -> String? {
        guard let base = node.attributes["xml:base"] else { return parent }
        return FeedLinks.resolve(base, against: parent)
    }
}

/// Which Atom: 1.0, or the 0.3 draft that older archives (Blogger until
/// 2009, among others) are full of.
enum AtomDialect: Sendable {
    case atom1
    case atom03
}

/// Atom text constructs. Atom 1.0 names `type="text"` (the default), `html`
/// or `xhtml`. Atom 0.3 names a MIME type (`text/plain` by default) and a
/// `mode`: `xml` (the default, inline markup), `escaped` (markup as text) or
/// `base64`.
private enum TextConstruct {
    static func paragraphs(_ node: XMLNode, _ dialect: AtomDialect) -> String {
        let type = node.attributes["type"]?.lowercased() ?? "text"
        let isHTML = type == "html" || type.hasSuffix("/html")
        let isXHTML = type == "xhtml" || type.hasSuffix("xhtml+xml")
        switch dialect {
        case .atom1:
            if isHTML { return HTMLText.paragraphs(node.text) }
            if isXHTML { return HTMLText.paragraphs((node.child("div") ?? node).innerMarkup) }
            return HTMLText.plain(node.text)
        case .atom03:
            switch node.attributes["mode"]?.lowercased() ?? "xml" {
            case "escaped":
                return isHTML || isXHTML ? HTMLText.paragraphs(node.text) : HTMLText.plain(node.text)
            case "base64":
                let encoded = node.text.filter { !$0.isWhitespace }
                guard let data = Data(base64Encoded: encoded) else { return "" }
                let text = String(decoding: data, as: UTF8.self)
                return isHTML || isXHTML ? HTMLText.paragraphs(text) : HTMLText.plain(text)
            default:
                // Inline XML: markup when the type is (X)HTML or the element holds elements.
                if isHTML || isXHTML || !node.children.isEmpty {
                    return HTMLText.paragraphs((node.child("div") ?? node).innerMarkup)
                }
                return HTMLText.plain(node.text)
            }
        }
    }

    /// The images of a construct whose markup has no text.
    static func media(_ node: XMLNode, _ dialect: AtomDialect) -> String {
        switch node.attributes["mode"]?.lowercased() {
        case "base64" where dialect == .atom03:
            let data = Data(base64Encoded: node.text.filter { !$0.isWhitespace }) ?? Data()
            return HTMLText.media(String(decoding: data, as: UTF8.self))
        default:
            return HTMLText.media(node.children.isEmpty ? node.text : node.innerMarkup)
        }
    }

    static func line(_ node: XMLNode, _ dialect: AtomDialect) -> String {
        paragraphs(node, dialect).split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
