import ArticleStore

/// `/articles/{number}`: an article's versions as a timeline, and its
/// version graph.
struct ArticlePage: WebPage {
    let article: ArticleSummary
    /// Newest first, as the store's log gives them.
    let history: [ArticleVersion]
    /// Versions that differ from a parent only in whitespace or quotes.
    let trivial: Set<ObjectID>
    let hideTrivial: Bool

    var title: String { article.title }
    var section: Section { .articles }
    var changeFeed: String? { Links.articleFeed(article.number) }

    private enum CodingKeys: String, CodingKey { case article, history, trivial }

    var body: HTML {
        let byID = Dictionary(history.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let shown = history.filter { !(hideTrivial && trivial.contains($0.id)) }
        let entries = shown.map { version -> HTML in
            let parent = version.parents.first.flatMap { byID[$0] }
            var badges: [HTML] = []
            if version.id == article.head { badges.append("<span class=\"badge winner\">winner</span>") }
            if version.isHead && article.isConflicted { badges.append("<span class=\"badge conflict\">head</span>") }
            if version.parents.count > 1 { badges.append("<span class=\"badge\">merge</span>") }
            if trivial.contains(version.id) { badges.append("<span class=\"badge\">whitespace or quotes only</span>") }
            let titleChange: HTML =
                parent.map { parent in
                    parent.title == version.title
                        ? ""
                        : "<p class=\"title-change\">Headline changed: <del>\(parent.title)</del> → <ins>\(version.title)</ins></p>"
                } ?? ""
            let diffs = version.parents.map { id -> HTML in
                "<a href=\"\(Links.diff(id, version.id))\">diff with \(id.short.prefix(8))</a>"
            }
            let rowClass: HTML = trivial.contains(version.id) ? " class=\"trivial\"" : ""
            return """
                <li\(rowClass) data-item id="v-\(version.id.short)">
                <a href="\(Links.version(version.id))"><code>\(version.id.short)</code></a> \(badges)
                <div>\(Format.time(version.imported))\(version.source.map { " · \($0)" } ?? "") · \(Format.bytes(version.size))</div>
                \(titleChange)
                <div>\(HTML.join(diffs, separator: " · "))</div>
                </li>
                """
        }
        let conflict: HTML =
            article.isConflicted
            ? "<p><span class=\"badge conflict\">conflict</span> \(article.heads) heads met in a sync; the winner is shown first. Resolve it with <code>artstore conflicts resolve</code>.</p>"
            : ""
        let trivialCount = history.filter { trivial.contains($0.id) }.count
        let toggle: HTML =
            trivialCount == 0
            ? ""
            : hideTrivial
                ? "<p><a href=\"\(Links.article(article.number))\">Show \(Format.count(trivialCount, "whitespace-only version"))</a></p>"
                : "<p><a href=\"\(Links.article(article.number))?trivial=hide\">Hide \(Format.count(trivialCount, "whitespace-only version"))</a></p>"
        return """
            <p class="muted">No. \(article.number) · key <code>\(article.key)</code> · \(Format.count(article.versions, "version")) · <a href="/articles?duplicates-of=\(Links.encode(article.key))">near-duplicates</a> · <a href="\(Links.articleFeed(article.number))">Atom feed</a></p>
            \(conflict)
            <h2>Version graph</h2>
            \(VersionGraph(versions: history, winner: article.head).svg)
            <h2>Timeline</h2>
            \(toggle)
            <ol class="timeline">\(entries)</ol>
            """
    }
}

/// The version DAG as SVG, oldest at the top: one row per version, one
/// column per line of descent, the winner ringed and other heads red.
struct VersionGraph {
    let versions: [ArticleVersion]
    let winner: ObjectID

    var svg: HTML {
        let ordered = versions.sorted {
            ($0.generation, $0.imported, $0.id.hex) < ($1.generation, $1.imported, $1.id.hex)
        }
        var lane: [ObjectID: Int] = [:]
        var tips: [ObjectID?] = []
        for version in ordered {
            if let parent = version.parents.first, let column = lane[parent], tips[column] == parent {
                lane[version.id] = column
                tips[column] = version.id
            } else {
                lane[version.id] = tips.count
                tips.append(version.id)
            }
        }
        let row = Dictionary(ordered.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        func x(_ id: ObjectID) -> Int { 14 + 22 * (lane[id] ?? 0) }
        func y(_ id: ObjectID) -> Int { 14 + 26 * (row[id] ?? 0) }
        var edges: [HTML] = []
        for version in ordered {
            for parent in version.parents where row[parent] != nil {
                edges.append(
                    "<line x1=\"\(x(parent))\" y1=\"\(y(parent))\" x2=\"\(x(version.id))\" y2=\"\(y(version.id))\"/>")
            }
        }
        let labelX = 14 + 22 * max(tips.count, 1)
        let nodes = ordered.map { version -> HTML in
            let kind: HTML = version.id == winner ? " class=\"winner\"" : version.isHead ? " class=\"head\"" : ""
            let role = version.id == winner ? " (winner)" : version.isHead ? " (head)" : ""
            return """
                <a href="\(Links.version(version.id))"><title>\(version.id.short)\(role): \(version.title)</title>\
                <circle cx="\(x(version.id))" cy="\(y(version.id))" r="6"\(kind)/>\
                <text x="\(labelX)" y="\(y(version.id) + 4)">\(version.id.short.prefix(8))\(role) \(String(version.title.prefix(60)))</text></a>
                """
        }
        let height = 28 + 26 * max(ordered.count - 1, 0)
        return """
            <svg class="graph" role="img" aria-label="Version graph of \(Format.count(ordered.count, "version"))" viewBox="0 0 720 \(height)" width="720" height="\(height)">
            \(edges)\(nodes)
            </svg>
            """
    }
}
