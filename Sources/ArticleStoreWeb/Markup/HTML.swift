/// A fragment of markup. Strings interpolated into it are escaped for text
/// and for quoted attribute values alike, so text from an article can never
/// become markup; only other `HTML` values are inserted as they are.
///
/// Pages are rendered by plain Swift rather than a template library: the
/// compiler checks every page and its data, the escaping is the type's
/// default rather than a template's option, and nothing is read at run time.
struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    private(set) var markup: String

    init(raw markup: String) { self.markup = markup }
    init(stringLiteral value: String) { markup = value }
    init(stringInterpolation: StringInterpolation) { markup = stringInterpolation.markup }

    var description: String { markup }

    static let empty = HTML(raw: "")

    /// Joins fragments, with `separator` between them.
    static func join(_ parts: some Sequence<HTML>, separator: HTML = .empty) -> HTML {
        HTML(raw: parts.map(\.markup).joined(separator: separator.markup))
    }

    struct StringInterpolation: StringInterpolationProtocol {
        var markup = ""
        init(literalCapacity: Int, interpolationCount: Int) { markup.reserveCapacity(literalCapacity * 2) }
        mutating func appendLiteral(_ literal: String) { markup += literal }
        mutating func appendInterpolation(_ text: String) { markup += HTML.escape(text) }
        mutating func appendInterpolation(_ text: Substring) { markup += HTML.escape(String(text)) }
        mutating func appendInterpolation(_ fragment: HTML) { markup += fragment.markup }
        mutating func appendInterpolation(_ fragments: [HTML]) {
            for fragment in fragments { markup += fragment.markup }
        }
        mutating func appendInterpolation(_ number: Int) { markup += String(number) }
        mutating func appendInterpolation(_ number: Double, digits: Int) {
            markup += String(format: "%.\(digits)f", number)
        }
    }

    /// `text` with `& < > " '` replaced by character references.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { [0x26, 0x3C, 0x3E, 0x22, 0x27].contains($0) }) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
