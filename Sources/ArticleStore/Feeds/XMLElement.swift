import Foundation

/// One element of a parsed XML document, with its mixed content in order.
struct XMLNode: Sendable {
    /// Text (character data and CDATA, references decoded) or a child element.
    enum Content: Sendable {
        case text(String)
        case element(XMLNode)
    }

    /// The qualified name as written, such as `dc:creator`.
    let name: String
    /// The namespace URI the prefix (or the default namespace) is bound to; empty when none.
    let namespace: String
    /// The name without its prefix.
    let local: String
    /// Attributes by qualified name, values decoded.
    let attributes: [String: String]
    /// Byte offset of the element's `<` in the document.
    let offset: Int
    var content: [Content] = []

    /// The child elements, in order.
    var children: [XMLNode] {
        content.compactMap { if case .element(let node) = $0 { node } else { nil } }
    }

    /// The element's own text and CDATA, concatenated (child elements' text excluded).
    var text: String {
        content.reduce(into: "") { if case .text(let text) = $1 { $0 += text } }
    }

    /// The first child with this local name, in `namespace` when given.
    func child(_ local: String, in namespace: String? = nil) -> XMLNode? {
        children.first { $0.local == local && (namespace == nil || $0.namespace == namespace) }
    }

    /// Every child with this local name, in `namespace` when given.
    func children(_ local: String, in namespace: String? = nil) -> [XMLNode] {
        children.filter { $0.local == local && (namespace == nil || $0.namespace == namespace) }
    }

    /// The trimmed text of the first such child, or nil when it is missing or blank.
    func value(_ local: String, in namespace: String? = nil) -> String? {
        guard let text = child(local, in: namespace)?.text.trimmingCharacters(in: .whitespacesAndNewlines),
            !text.isEmpty
        else { return nil }
        return text
    }

    /// The element's content written back as markup (used for Atom XHTML content).
    var innerMarkup: String {
        var out = ""
        for item in content {
            switch item {
            case .text(let text): out += HTMLText.escape(text)
            case .element(let node):
                out += "<" + node.local
                for (name, value) in node.attributes.sorted(by: { $0.key < $1.key }) where !name.hasPrefix("xmlns") {
                    out += " \(name)=\"\(HTMLText.escape(value))\""
                }
                out += ">" + node.innerMarkup + "</" + node.local + ">"
            }
        }
        return out
    }
}

/// Namespace URIs of the vocabularies feeds use.
enum FeedNamespace {
    static let atom = "http://www.w3.org/2005/Atom"
    /// Atom 0.3, the draft before the standard.
    static let atom03 = "http://purl.org/atom/ns#"
    static let xhtml = "http://www.w3.org/1999/xhtml"
    static let itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let rss1 = "http://purl.org/rss/1.0/"
    static let content = "http://purl.org/rss/1.0/modules/content/"
    static let dublinCore = "http://purl.org/dc/elements/1.1/"
    static let xml = "http://www.w3.org/XML/1998/namespace"
}
