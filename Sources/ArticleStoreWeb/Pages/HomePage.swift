import ArticleStore
import Foundation

/// `/`: counts, size, what was stored lately, the last imports and syncs,
/// and activity per day.
struct HomePage: WebPage {
    struct Remote: Encodable, Sendable {
        let name: String
        let location: String
    }

    /// When the counts were read: a visit while the store changes may get
    /// the last copy while a fresh one is made.
    let computed: Date
    let stats: StoreStats
    let activity: [DayActivity]
    let recent: [ArticleVersion]
    let remotes: [Remote]
    let feeds: Int
    /// The last imports and syncs, newest first.
    var operations: [StoreOperation] = []

    var title: String { "Archive" }
    var section: Section { .home }
    var changeFeed: String? { "/changes.atom" }

    var body: HTML {
        let conflicts: HTML =
            stats.conflicted > 0 ? "<a href=\"/conflicts\">\(stats.conflicted.formatted())</a>" : "0"
        let changes = recent.map { version -> HTML in
            let kind = version.parents.isEmpty ? "new" : "edited"
            let link: HTML =
                version.parents.first.map { "<a href=\"\(Links.diff($0, version.id))\">diff</a>" } ?? ""
            return """
                <tr data-item><td>\(Format.time(version.imported))</td><td>\(kind)</td>
                <td><a href="\(Links.article(version.number))">\(version.title)</a></td><td>\(link)</td></tr>
                """
        }
        let operationRows = operations.map { operation -> HTML in
            """
            <tr data-item><td>\(Format.time(operation.finished))</td><td>\(operation.kind.rawValue)</td>
            <td>\(operation.target)</td><td>\(Self.outcome(operation))</td></tr>
            """
        }
        let operationsTable: HTML =
            operations.isEmpty
            ? "<p class=\"muted\">Nothing imported or synced by this store yet.</p>"
            : """
            <div class="table-wrap"><table>
            <thead><tr><th scope="col">Finished</th><th scope="col">Kind</th><th scope="col">From or to</th><th scope="col">Outcome</th></tr></thead>
            <tbody>\(operationRows)</tbody>
            </table></div>
            """
        let remoteRows = remotes.map {
            "<li><strong>\($0.name)</strong> <span class=\"muted\">\($0.location)</span></li>" as HTML
        }
        return """
            <ul class="cards">
            <li><strong>\(stats.articles.formatted())</strong> articles</li>
            <li><strong>\(stats.versions.formatted())</strong> versions</li>
            <li><strong>\(conflicts)</strong> conflicted</li>
            <li><strong>\(Format.bytes(stats.diskBytes))</strong> on disk</li>
            <li><strong>\(Format.bytes(stats.contentBytes))</strong> of text</li>
            <li><strong><a href="/feeds">\(feeds.formatted())</a></strong> feeds</li>
            </ul>
            <p class="muted"><small>Counts as of \(Format.time(computed)).</small></p>
            <h2>Stored per day</h2>
            \(ActivityChart(days: activity).svg)
            <h2>Recent changes</h2>
            <div class="table-wrap"><table>
            <thead><tr><th scope="col">Stored</th><th scope="col">Change</th><th scope="col">Article</th><th scope="col"></th></tr></thead>
            <tbody>\(changes)</tbody>
            </table></div>
            <p><a href="/articles?sort=changed">All articles by last change</a> · <a href="/changes.atom">Atom feed of changes</a></p>
            <h2>Last imports and syncs</h2>
            \(operationsTable)
            <h2>Remotes</h2>
            \(remotes.isEmpty ? "<p class=\"muted\">No remotes: this store syncs with no one yet.</p>" : "<ul>\(remoteRows)</ul>")
            """
    }
}

extension HomePage {
    /// What an operation did, in words: counts for imports, objects for syncs.
    static func outcome(_ operation: StoreOperation) -> HTML {
        var parts: [String]
        switch operation.kind {
        case .import, .feed:
            parts = ["\(operation.articles.formatted()) new", "\(operation.versions.formatted()) updated"]
        case .pull, .push, .sync:
            parts = [
                "\(operation.received.formatted()) received", "\(operation.sent.formatted()) sent",
            ]
        }
        if operation.failures > 0 {
            parts.append(
                operation.kind == .import || operation.kind == .feed
                    ? "\(operation.failures.formatted()) refused" : "\(operation.failures.formatted()) unavailable")
        }
        return "\(parts.joined(separator: ", ")) in \(operation.elapsed, digits: 1) s"
    }
}

/// Bars of articles and versions stored per day, as SVG.
struct ActivityChart {
    let days: [DayActivity]

    var svg: HTML {
        let width = 20 * max(days.count, 1)
        let height = 120
        let top = max(1, days.map(\.versions).max() ?? 1)
        let bars = days.enumerated().map { offset, day -> HTML in
            let x = offset * 20
            let versions = day.versions * (height - 20) / top
            let articles = day.articles * (height - 20) / top
            let label =
                "\(Format.day(day.day)): \(Format.count(day.articles, "article")), \(Format.count(day.versions, "version"))"
            return """
                <g><title>\(label)</title>\
                <rect class="versions" x="\(x + 10)" y="\(height - 20 - versions)" width="8" height="\(versions)"/>\
                <rect class="articles" x="\(x + 2)" y="\(height - 20 - articles)" width="8" height="\(articles)"/></g>
                """
        }
        let first = days.first.map { Format.day($0.day) } ?? ""
        let last = days.last.map { Format.day($0.day) } ?? ""
        let total = days.reduce(0) { $0 + $1.versions }
        return """
            <figure>
            <svg class="chart" role="img" viewBox="0 0 \(width) \(height)" width="100%" height="\(height)" preserveAspectRatio="none" aria-labelledby="chart-caption">
            \(bars)
            <text x="0" y="\(height - 4)">\(first)</text><text x="\(width)" y="\(height - 4)" text-anchor="end">\(last)</text>
            </svg>
            <figcaption id="chart-caption">Articles (blue) and versions (green) stored per day, \(first) to \(last): \(Format.count(total, "version")) in all.</figcaption>
            </figure>
            """
    }
}
