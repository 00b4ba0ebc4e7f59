/// Reads Channel Definition Format documents (`<CHANNEL>` with `<ITEM
/// HREF>`s, each with a `<TITLE>` and an `<ABSTRACT>`), which archives of
/// late-1990s sites still hold. Channels may nest; every item counts.
enum CDFParser {
    static func parse(_ root: XMLNode, source: SourceText, documentURL: String?) -> ParsedFeed {
        let base = root.attributes["HREF"].map { FeedLinks.resolve($0, against: documentURL) } ?? documentURL
        var entries: [FeedEntry] = []
        func walk(_ node: XMLNode) {
            for child in node.children {
                switch child.local {
                case "ITEM":
                    var entry = FeedEntry(position: source.position(of: child.offset))
                    entry.link = child.attributes["HREF"].map { FeedLinks.resolve($0, against: base) }
                    entry.title = child.value("TITLE").map(HTMLText.title).flatMap { $0.isEmpty ? nil : $0 }
                    entry.body = child.value("ABSTRACT").map(HTMLText.plain) ?? ""
                    entry.dateText = child.attributes["LASTMOD"]
                    if !entry.hasContent { entry.problem = "the <ITEM> has neither a <TITLE> nor an <ABSTRACT>" }
                    entries.append(entry)
                case "CHANNEL": walk(child)
                default: continue
                }
            }
        }
        walk(root)
        let title = root.value("TITLE").map(HTMLText.title).flatMap { $0.isEmpty ? nil : $0 }
        return ParsedFeed(format: .cdf, title: title, entries: entries)
    }
}
