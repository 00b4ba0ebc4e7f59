import Foundation

/// Turns the HTML of a feed item into readable text: tags stripped,
/// references decoded, whitespace collapsed, block elements (paragraphs,
/// headings, list items, quotes…) separated by a blank line and `<br>` kept as
/// a line break. Scripts, styles and comments are dropped; so are link
/// targets, which are not part of the text (the item's own link is recorded
/// as its URL).
enum HTMLText {
    private static let blocks: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
        "pre", "table", "tr", "section", "article", "aside", "header", "footer", "figure", "figcaption",
        "hr", "address", "main", "nav", "details", "summary", "form", "fieldset",
    ]
    private static let skipped: Set<String> = ["script", "style", "head", "template", "noscript", "iframe", "svg"]

    /// Readable paragraphs, separated by blank lines, without leading or trailing blank lines.
    static func paragraphs(_ html: String) -> String {
        var writer = ParagraphWriter()
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            writer.text(HTMLEntities.decode(rest[..<open]))
            let tag = rest[rest.index(after: open)...]
            if tag.hasPrefix("!--") {
                rest = tag.range(of: "-->").map { tag[$0.upperBound...] } ?? ""
                continue
            }
            guard let first = tag.first, first.isLetter || first == "/" || first == "!" || first == "?",
                let close = tag.firstIndex(of: ">")
            else {
                writer.text("<")
                rest = tag
                continue
            }
            let inside = tag[..<close]
            rest = tag[tag.index(after: close)...]
            let closing = inside.hasPrefix("/")
            let name = inside.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
            if !closing, skipped.contains(name), !inside.hasSuffix("/") {
                let end = rest.range(of: "</\(name)", options: .caseInsensitive)
                rest = end.map { rest[$0.upperBound...].drop { $0 != ">" }.dropFirst() } ?? ""
            } else if name == "br" {
                writer.lineBreak()
            } else if blocks.contains(name) {
                writer.paragraphBreak()
            }
        }
        writer.text(HTMLEntities.decode(rest))
        return writer.finish()
    }

    /// The images of markup that has no text, one line each: `Image: ` and
    /// the image's `alt` text, else its `src` (or first `srcset` source). An item whose content is only
    /// a picture still becomes an article that says what it showed.
    static func media(_ html: String) -> String {
        var lines: [String] = []
        var rest = Substring(html)
        while let open = rest.range(of: "<img", options: .caseInsensitive) {
            let tag = rest[open.upperBound...].prefix { $0 != ">" }
            rest = rest[tag.endIndex...]
            let firstSource = attribute("srcset", in: tag)?.split(whereSeparator: { $0 == "," || $0 == " " }).first
            let described = [attribute("alt", in: tag), attribute("src", in: tag), firstSource.map(String.init)]
                .compactMap { $0 }.first { !$0.isEmpty }
            if let described { lines.append("Image: " + described) }
        }
        return lines.joined(separator: "\n\n")
    }

    /// The decoded value of attribute `name` in the inside of a tag, quoted or not.
    private static func attribute(_ name: String, in tag: Substring) -> String? {
        var search = tag[...]
        while let found = search.range(of: name, options: .caseInsensitive) {
            search = search[found.upperBound...]
            let before = tag[..<found.lowerBound].last
            guard before == nil || before!.isWhitespace else { continue }
            let afterName = search.drop { $0.isWhitespace }
            guard afterName.first == "=" else { continue }
            let value = afterName.dropFirst().drop { $0.isWhitespace }
            let raw: Substring
            if let quote = value.first, quote == "\"" || quote == "'" {
                raw = value.dropFirst().prefix { $0 != quote }
            } else {
                raw = value.prefix { !$0.isWhitespace && $0 != "/" }
            }
            return HTMLEntities.decode(raw).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// The text on one line: paragraphs and line breaks become single spaces.
    static func line(_ html: String) -> String {
        paragraphs(html).split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// A title given as text that may hold character references (RSS and
    /// JSON Feed titles): references decoded, whitespace collapsed, and any
    /// `<` kept as written, since such titles are not markup.
    static func title(_ text: String) -> String {
        HTMLEntities.decode(Substring(text)).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Plain text laid out like HTML paragraphs: each run of blank lines
    /// separates paragraphs, other whitespace is collapsed.
    static func plain(_ text: String) -> String {
        var writer = ParagraphWriter()
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) { writer.paragraphBreak() } else { writer.text(String(line) + " ") }
        }
        return writer.finish()
    }

    /// Escapes text for inclusion in markup.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// Collects words into lines and paragraphs, collapsing whitespace.
private struct ParagraphWriter {
    private var paragraphs: [String] = []
    private var lines: [String] = []
    private var line = ""
    private var pendingSpace = false

    mutating func text(_ text: String) {
        for character in text {
            if character.isWhitespace {
                pendingSpace = !line.isEmpty
            } else {
                if pendingSpace { line.append(" ") }
                pendingSpace = false
                line.append(character)
            }
        }
    }

    mutating func lineBreak() {
        lines.append(line)
        line = ""
        pendingSpace = false
    }

    mutating func paragraphBreak() {
        lineBreak()
        while lines.last?.isEmpty == true { lines.removeLast() }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        if !lines.isEmpty { paragraphs.append(lines.joined(separator: "\n")) }
        lines = []
    }

    mutating func finish() -> String {
        paragraphBreak()
        return paragraphs.joined(separator: "\n\n")
    }
}
