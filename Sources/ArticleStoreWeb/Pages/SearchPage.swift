import ArticleStore

/// `/search`: full-text search, best first, with filters and pages.
struct SearchPage: WebPage {
    let query: String
    let source: String?
    let from: String?
    let to: String?
    let page: Int
    let hits: [SearchHit]
    let more: Bool

    var title: String { query.isEmpty ? "Search" : "Search: \(query)" }
    var section: Section { .search }

    private enum CodingKeys: String, CodingKey { case query, source, from, to, page, hits, more }

    func link(page: Int) -> String {
        Links.query(
            "/search", [("q", query), ("source", source), ("from", from), ("to", to), ("page", String(page))])
    }

    var body: HTML {
        let results = hits.map { hit -> HTML in
            let snippet = Format.highlighted(hit.snippet)
            return """
                <li data-item><a href="\(Links.article(hit.number))">\(hit.title)</a>
                <span class="muted">no. \(hit.number)\(hit.source.map { " · \($0)" } ?? "") · \(Format.day(hit.date))</span>
                <p>\(snippet)</p></li>
                """
        }
        let previous: HTML =
            page > 1 ? "<a href=\"\(link(page: page - 1))\" rel=\"prev\">← Previous</a>" : "<span></span>"
        let next: HTML = more ? "<a href=\"\(link(page: page + 1))\" rel=\"next\">Next →</a>" : "<span></span>"
        let summary: HTML =
            query.isEmpty
            ? "<p class=\"hint\">Words, <code>AND</code>/<code>OR</code>/<code>NOT</code>, <code>prefix*</code> and \"quoted phrases\".</p>"
            : hits.isEmpty ? "<p class=\"muted\">No matches.</p>" : ""
        return """
            <form method="get" action="/search" class="filters" role="search">
            <label>Words <input name="q" type="search" value="\(query)"></label>
            <label>Source <input name="source" value="\(source ?? "")"></label>
            <label>From <input name="from" type="date" value="\(from ?? "")"></label>
            <label>To <input name="to" type="date" value="\(to ?? "")"></label>
            <button type="submit">Search</button>
            </form>
            \(summary)
            <ol class="results" start="\((page - 1) * 20 + 1)">\(results)</ol>
            <nav class="pager" aria-label="Pages">\(previous)\(next)</nav>
            """
    }
}
