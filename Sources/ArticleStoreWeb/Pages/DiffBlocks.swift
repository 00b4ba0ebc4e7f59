import ArticleStore

/// A word diff cut into blocks at the line breaks both texts share, each
/// rendered inline (`<del>` and `<ins>` in one text) and side by side.
struct DiffBlocks {
    struct Block {
        var inline = ""
        var old = ""
        var new = ""
        var changed = false
        var isBlank: Bool { inline.allSatisfy(\.isWhitespace) && !changed }
    }

    let blocks: [Block]

    init(_ segments: [WordDiff.Segment]) {
        var blocks: [Block] = []
        var current = Block()
        func finish() {
            if !current.isBlank { blocks.append(current) }
            current = Block()
        }
        for segment in segments {
            switch segment.kind {
            case .removed:
                let text = HTML.escape(segment.text)
                current.inline += "<del>\(text)</del>"
                current.old += "<del>\(text)</del>"
                current.changed = true
            case .added:
                let text = HTML.escape(segment.text)
                current.inline += "<ins>\(text)</ins>"
                current.new += "<ins>\(text)</ins>"
                current.changed = true
            default:
                // Shared text: a line break in it ends the block on both sides.
                let lines = segment.text.split(separator: "\n", omittingEmptySubsequences: false)
                for (offset, line) in lines.enumerated() {
                    if offset > 0 { finish() }
                    let text = HTML.escape(String(line))
                    current.inline += text
                    current.old += text
                    current.new += text
                }
            }
        }
        finish()
        self.blocks = blocks
    }

    /// The blocks, with runs of unchanged ones more than `context` blocks
    /// away from a change folded into `<details>`; every changed block gets
    /// an anchor `c1`, `c2`, … and links to its neighbours.
    func render(sideBySide: Bool, context: Int?) -> HTML {
        let changed = blocks.indices.filter { blocks[$0].changed }
        var near = Set<Int>()
        for index in changed {
            for offset in -(context ?? 0)...(context ?? 0) { near.insert(index + offset) }
        }
        var output: [HTML] = []
        var folded: [HTML] = []
        func flush() {
            guard !folded.isEmpty else { return }
            output.append(
                "<details><summary>\(Format.count(folded.count, "unchanged paragraph"))</summary>\(folded)</details>")
            folded = []
        }
        for (index, block) in blocks.enumerated() {
            let markup: HTML
            if sideBySide {
                markup =
                    "<div class=\"side\"><div><p>\(HTML(raw: block.old))</p></div><div><p>\(HTML(raw: block.new))</p></div></div>"
            } else {
                markup = "<p>\(HTML(raw: block.inline))</p>"
            }
            if block.changed, let number = changed.firstIndex(of: index).map({ $0 + 1 }) {
                flush()
                let previous: HTML = number > 1 ? "<a href=\"#c\(number - 1)\">↑ previous change</a>" : ""
                let next: HTML = number < changed.count ? "<a href=\"#c\(number + 1)\">↓ next change</a>" : ""
                output.append(
                    """
                    <section class="block changed" id="c\(number)" data-item aria-label="Change \(number) of \(changed.count)">
                    <div class="nav">Change \(number) of \(changed.count) \(previous) \(next)</div>\(markup)</section>
                    """)
            } else if context == nil || near.contains(index) {
                flush()
                output.append("<div class=\"block\">\(markup)</div>")
            } else {
                folded.append("<div class=\"block\">\(markup)</div>")
            }
        }
        flush()
        return HTML.join(output)
    }
}
