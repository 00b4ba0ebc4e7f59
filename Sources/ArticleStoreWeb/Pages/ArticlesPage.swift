import ArticleStore

/// `/articles`: one page of articles, sorted and filtered.
struct ArticlesPage: WebPage {
    let query: ArticleListQuery
    let page: ArticleListPage

    var title: String { "Articles" }
    var section: Section { .articles }

    private enum CodingKeys: String, CodingKey { case query, page }

    /// This listing's address with `changes` applied.
    func link(after: String? = nil, before: String? = nil, sort: ArticleListQuery.Sort? = nil) -> String {
        Links.query(
            "/articles",
            [
                ("sort", (sort ?? query.sort) == .number ? nil : (sort ?? query.sort).rawValue),
                ("source", query.source), ("versions", query.multipleVersions ? "several" : nil),
                ("conflicted", query.conflicted ? "1" : nil), ("duplicates-of", query.nearDuplicateOf),
                ("limit", query.limit == 50 ? nil : String(query.limit)), ("after", after), ("before", before),
            ])
    }

    var body: HTML {
        let sorts = ArticleListQuery.Sort.allCases.map { sort -> HTML in
            let label: String =
                switch sort {
                case .number: "Number"
                case .changed: "Last change"
                case .title: "Title"
                }
            let selected: HTML = sort == query.sort ? " selected" : ""
            return "<option value=\"\(sort.rawValue)\"\(selected)>\(label)</option>"
        }
        let rows = page.articles.map { article -> HTML in
            let conflict: HTML = article.isConflicted ? "<span class=\"badge conflict\">conflict</span>" : ""
            return """
                <tr data-item><td>\(article.number)</td>
                <td><a href="\(Links.article(article.number))">\(article.title)</a>\(conflict)</td>
                <td>\(article.source ?? "")</td><td>\(article.versions)</td><td>\(Format.time(article.changed))</td></tr>
                """
        }
        let previous: HTML =
            page.previous.map { "<a href=\"\(link(before: $0))\" rel=\"prev\">← Previous</a>" } ?? "<span></span>"
        let next: HTML = page.next.map { "<a href=\"\(link(after: $0))\" rel=\"next\">Next →</a>" } ?? "<span></span>"
        let empty: HTML = page.articles.isEmpty ? "<p class=\"muted\">No articles match.</p>" : ""
        return """
            <form method="get" action="/articles" class="filters">
            <label>Sort by <select name="sort">\(sorts)</select></label>
            <label>Source <input name="source" value="\(query.source ?? "")"></label>
            <label>Near-duplicates of (key) <input name="duplicates-of" value="\(query.nearDuplicateOf ?? "")"></label>
            <label class="check"><input type="checkbox" name="versions" value="several"\(query.multipleVersions ? " checked" : "")> several versions</label>
            <label class="check"><input type="checkbox" name="conflicted" value="1"\(query.conflicted ? " checked" : "")> conflicted</label>
            <button type="submit">Show</button>
            </form>
            <div class="table-wrap"><table>
            <thead><tr><th scope="col">No.</th><th scope="col">Title</th><th scope="col">Source</th><th scope="col">Versions</th><th scope="col">Last change</th></tr></thead>
            <tbody>\(rows)</tbody>
            </table></div>
            \(empty)
            <nav class="pager" aria-label="Pages">\(previous)\(next)</nav>
            """
    }
}
