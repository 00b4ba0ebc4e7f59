import ArticleStore

/// `/conflicts`: articles with more than one head, and which one wins.
struct ConflictsPage: WebPage {
    let conflicts: [Conflict]

    var title: String { "Conflicts" }
    var section: Section { .conflicts }

    var body: HTML {
        let items = conflicts.compactMap { conflict -> HTML? in
            guard let winner = conflict.heads.first else { return nil }
            let heads = conflict.heads.map { head -> HTML in
                let role: HTML =
                    head.id == winner.id
                    ? "<span class=\"badge winner\">winner</span>"
                    : "<a href=\"\(Links.diff(winner.id, head.id))\">diff with the winner</a>"
                return
                    "<li><a href=\"\(Links.version(head.id))\"><code>\(head.id.short)</code></a> \(head.title) · \(Format.time(head.imported)) \(role)</li>"
            }
            return """
                <section data-item><h2><a href="\(Links.article(winner.number))">\(winner.title)</a> <span class="badge conflict">\(conflict.heads.count) heads</span></h2>
                <ul>\(heads)</ul></section>
                """
        }
        return """
            <p class="muted">Articles edited on two stores that then synced. The winner is what export and search use; <code>artstore conflicts resolve KEY</code> merges the heads.</p>
            \(items.isEmpty ? "<p>No conflicts.</p>" : HTML.join(items))
            """
    }
}
