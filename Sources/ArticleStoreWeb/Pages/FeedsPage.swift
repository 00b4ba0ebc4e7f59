import ArticleStore
import Foundation

/// `/feeds`: each feed fetched over HTTP, its caching state and what it gave.
struct FeedsPage: WebPage {
    let feeds: [FeedSummary]

    var title: String { "Feeds" }
    var section: Section { .feeds }

    var body: HTML {
        let rows = feeds.map { feed -> HTML in
            let url: HTML =
                Links.external(feed.state.url).map { "<a href=\"\($0)\" rel=\"noreferrer noopener\">\($0)</a>" }
                ?? "\(feed.state.url)"
            var notes: [HTML] = []
            if let moved = feed.state.movedTo { notes.append("<br><small>moved to \(moved)</small>") }
            if let retry = feed.state.retryAfter, retry > Date() {
                notes.append("<br><small>not before \(Format.time(retry)), as the server asked</small>")
            }
            return """
                <tr data-item><td>\(url)\(notes)</td><td>\(Format.time(feed.state.fetched))</td><td><code>\(feed.state.etag ?? "—")</code></td>
                <td>\(feed.state.lastModified ?? "—")</td><td>\(feed.articles)</td><td>\(feed.versions)</td></tr>
                """
        }
        return """
            \(feeds.isEmpty ? "<p class=\"muted\">No feed has been fetched over HTTP yet (<code>artstore import-feed URL</code>).</p>" : "")
            <div class="table-wrap"><table>
            <thead><tr><th scope="col">Feed</th><th scope="col">Last fetch</th><th scope="col">ETag</th><th scope="col">Last-Modified</th><th scope="col">Articles</th><th scope="col">Versions</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }
}
