import ArticleStore

/// `/diff/{from}/{to}`: what changed between two versions, word by word.
struct DiffPage: WebPage {
    let from: ArticleVersion
    let to: ArticleVersion
    let diff: WordDiff
    /// The article's versions when both belong to it, for previous/next links.
    let history: [ArticleVersion]
    let sideBySide: Bool
    /// Unchanged paragraphs shown around each change; nil shows all.
    let context: Int?

    var title: String { "Changes to \(to.title)" }
    var section: Section { .articles }

    private enum CodingKeys: String, CodingKey { case from, to, diff }

    func link(_ older: ArticleVersion, _ newer: ArticleVersion, side: Bool? = nil, all: Bool? = nil) -> String {
        Links.query(
            Links.diff(older.id, newer.id),
            [
                ("view", (side ?? sideBySide) ? "side" : nil),
                ("context", (all ?? (context == nil)) ? "all" : nil),
            ])
    }

    var body: HTML {
        let blocks = DiffBlocks(diff.segments)
        let changes = blocks.blocks.filter(\.changed).count
        let ordered = history.sorted {
            ($0.generation, $0.imported, $0.id.hex) < ($1.generation, $1.imported, $1.id.hex)
        }
        var neighbours: [HTML] = []
        if let index = ordered.firstIndex(where: { $0.id == from.id }), index > 0 {
            neighbours.append(
                "<a href=\"\(link(ordered[index - 1], ordered[index]))\" rel=\"prev\">← previous version</a>")
        }
        if let index = ordered.firstIndex(where: { $0.id == to.id }), index + 1 < ordered.count {
            neighbours.append("<a href=\"\(link(ordered[index], ordered[index + 1]))\" rel=\"next\">next version →</a>")
        }
        let titleChange: HTML =
            from.title == to.title
            ? ""
            : "<p class=\"title-change\">Headline: <del>\(from.title)</del> → <ins>\(to.title)</ins></p>"
        let views: HTML = """
            <p>\(sideBySide ? "<a href=\"\(link(from, to, side: false))\">Inline</a> · <strong>Side by side</strong>" as HTML : "<strong>Inline</strong> · <a href=\"\(link(from, to, side: true))\">Side by side</a>") · \
            \(context == nil ? "<a href=\"\(link(from, to, all: false))\">Fold unchanged text</a>" as HTML : "<a href=\"\(link(from, to, all: true))\">Show all text</a>")</p>
            """
        let header: HTML =
            sideBySide
            ? "<div class=\"side\"><div class=\"label\"><a href=\"\(Links.version(from.id))\">\(from.id.short)</a> \(Format.time(from.imported))</div><div class=\"label\"><a href=\"\(Links.version(to.id))\">\(to.id.short)</a> \(Format.time(to.imported))</div></div>"
            : ""
        let article: HTML =
            from.key == to.key
            ? "<a href=\"\(Links.article(to.number))\">no. \(to.number)</a>"
            : "<a href=\"\(Links.article(from.number))\">no. \(from.number)</a> and <a href=\"\(Links.article(to.number))\">no. \(to.number)</a>"
        return """
            <p class="muted">\(article) · from <a href="\(Links.version(from.id))"><code>\(from.id.short)</code></a> (\(Format.time(from.imported))) to <a href="\(Links.version(to.id))"><code>\(to.id.short)</code></a> (\(Format.time(to.imported))) · \(Format.count(changes, "change"))</p>
            <nav aria-label="Versions">\(HTML.join(neighbours, separator: " · "))</nav>
            \(views)
            \(titleChange)
            <div class="diff">\(header)\(blocks.render(sideBySide: sideBySide, context: context))</div>
            \(changes == 0 ? "<p class=\"muted\">The texts are the same.</p>" : "")
            """
    }
}
