import ArticleStore

/// `/duplicates`: groups of articles that tell the same story.
struct DuplicatesPage: WebPage {
    struct Member: Encodable, Sendable {
        let number: Int
        let key: String
        /// The short ID of the member's content.
        let content: String
        let origin: String?
        /// How much of the shorter text the story's text and this one share (1 for the story).
        let score: Double
    }

    struct Cluster: Encodable, Sendable {
        /// The story first, then the others, best match first.
        let members: [Member]
    }

    let clusters: [Cluster]
    let total: Int
    let page: Int
    let perPage: Int

    var title: String { "Near-duplicates" }
    var section: Section { .duplicates }

    var body: HTML {
        let groups = clusters.map { cluster -> HTML in
            let story = cluster.members[0]
            let rows = cluster.members.enumerated().map { offset, member -> HTML in
                let compare: HTML =
                    offset == 0
                    ? "the story"
                    : "<a href=\"/diff/\(story.content)/\(member.content)\">diff with the story</a>"
                return """
                    <tr><td><a href="\(Links.article(member.number))">no. \(member.number)</a></td><td><code>\(member.key)</code></td>
                    <td>\(member.score, digits: 3)</td><td>\(compare)</td></tr>
                    """
            }
            return """
                <section data-item><h2>\(Format.count(cluster.members.count, "article")) telling the story of no. \(story.number)</h2>
                <div class="table-wrap"><table><thead><tr><th scope="col">Article</th><th scope="col">Key</th><th scope="col">Score</th><th scope="col">Compare</th></tr></thead>
                <tbody>\(rows)</tbody></table></div></section>
                """
        }
        let pages = (total + perPage - 1) / perPage
        let previous: HTML =
            page > 1 ? "<a href=\"/duplicates?page=\(page - 1)\" rel=\"prev\">← Previous</a>" : "<span></span>"
        let next: HTML =
            page < pages ? "<a href=\"/duplicates?page=\(page + 1)\" rel=\"next\">Next →</a>" : "<span></span>"
        return """
            <p class="muted">\(Format.count(total, "group")) of articles with the same or nearly the same text. A score is the share of the shorter text that the longer one contains. A diff between any two members is at <code>/diff/A/B</code>, for any two version or content IDs.</p>
            \(groups)
            <nav class="pager" aria-label="Pages">\(previous)\(next)</nav>
            """
    }
}
