import ArticleStore
import Foundation

/// `/versions/{id}`: one version's text and metadata.
struct VersionPage: WebPage {
    let version: ArticleVersion
    let text: String

    var title: String { version.title }
    var section: Section { .articles }

    var body: HTML {
        // The title line is the page's heading; the body's paragraphs follow a blank line each.
        let body = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).dropFirst().first ?? ""
        let paragraphs = body.components(separatedBy: "\n\n").filter {
            !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        .map { "<p>\($0.trimmingCharacters(in: .newlines))</p>" as HTML }
        let url: HTML =
            Links.external(version.url).map { "<a href=\"\($0)\" rel=\"noreferrer noopener\">\($0)</a>" }
            ?? "\(version.url ?? "—")"
        let parents = version.parents.map {
            "<a href=\"\(Links.version($0))\"><code>\($0.short)</code></a> (<a href=\"\(Links.diff($0, version.id))\">diff</a>)"
                as HTML
        }
        return """
            <dl class="meta">
            <dt>Article</dt><dd><a href="\(Links.article(version.number))">no. \(version.number)</a> · <code>\(version.key)</code></dd>
            <dt>Version</dt><dd><code>\(version.id.hex)</code>\(version.isHead ? " (a head)" : "")</dd>
            <dt>Content</dt><dd><code>\(version.content.hex)</code> · \(Format.bytes(version.size)) · \(version.encoding)</dd>
            <dt>Parents</dt><dd>\(parents.isEmpty ? "none: the first version" : HTML.join(parents, separator: ", "))</dd>
            <dt>Source</dt><dd>\(version.source ?? "—")</dd>
            <dt>URL</dt><dd>\(url)</dd>
            <dt>Author</dt><dd>\(version.author ?? "—")</dd>
            <dt>Published</dt><dd>\(version.published.map(Format.time) ?? "—")</dd>
            <dt>Stored</dt><dd>\(Format.time(version.imported))</dd>
            <dt>Origin file</dt><dd>\(version.origin ?? "—")</dd>
            </dl>
            <h2>Text</h2>
            <div class="text">\(paragraphs)</div>
            """
    }
}
