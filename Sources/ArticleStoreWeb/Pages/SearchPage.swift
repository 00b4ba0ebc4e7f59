import ArticleStore
import Foundation

/// `/search`: full-text search, best first, with filters and pages.
struct SearchPage: WebPage {
    let query: String
    let source: String?
    let from: String?
    let to: String?
    let page: Int
    let hits: [SearchHit]
    let more: Bool

    /// How many of the newest matches a search ranks. bm25 re-tokenizes each
    /// match's text (the index keeps no positions), so this bounds a broad
    /// search's cost. Under 16 connections on the 100,000-article store
    /// (`scripts/bench.sh --web`, two cores), 300 gave p99 153 ms and 200
    /// gave 123-175 ms over six runs, as the machine's speed moved; the
    /// target is 150. The CLI ranks 2,000, and a filter reaches older
    /// matches.
    static let rankingWindow = 200

    var title: String { query.isEmpty ? "Search" : "Search: \(query)" }
    var section: Section { .search }

    private enum CodingKeys: String, CodingKey { case query, source, from, to, page, hits, more }

    /// A hit as the JSON twin gives it: the snippet as plain text, and as
    /// HTML with the matches in `<mark>`.
    struct Hit: Encodable {
        let key: String
        let number: Int
        let title: String
        let version: ObjectID
        let score: Double
        let source: String?
        let date: Date
        let snippet: String
        let snippetHTML: String
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(query, forKey: .query)
        try container.encodeIfPresent(source, forKey: .source)
        try container.encodeIfPresent(from, forKey: .from)
        try container.encodeIfPresent(to, forKey: .to)
        try container.encode(page, forKey: .page)
        try container.encode(more, forKey: .more)
        let markers: Set<Character> = [Format.Markers.open, Format.Markers.close]
        try container.encode(
            hits.map { hit in
                Hit(
                    key: hit.key, number: hit.number, title: hit.title, version: hit.version, score: hit.score,
                    source: hit.source, date: hit.date, snippet: String(hit.snippet.filter { !markers.contains($0) }),
                    snippetHTML: Format.highlighted(hit.snippet).markup)
            }, forKey: .hits)
    }

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
            : hits.isEmpty
                ? "<p class=\"muted\">No matches.</p>"
                : "<p class=\"muted\"><small>Ranked among the \(Self.rankingWindow) newest matches; add words, a source or dates to reach older ones.</small></p>"
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
