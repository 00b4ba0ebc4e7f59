import Foundation

/// A small non-validating XML parser for feeds. It checks well-formedness,
/// resolves namespace prefixes and decodes character references and the five
/// predefined entities.
///
/// It never expands anything else: a DOCTYPE that declares entities (the
/// vehicle of entity-expansion "billion laughs" and external-entity attacks)
/// is refused outright, external DTDs are never read, and a reference to any
/// undeclared entity is an error. Errors carry the line:column at fault.
struct XMLReader {
    private let source: SourceText
    private var bytes: [UInt8] { source.bytes }
    private var index = 0
    /// Elements deeper than this are refused, keeping recursion over the tree bounded.
    static let maximumDepth = 200

    /// Parses a whole document and returns its root element.
    static func parse(_ source: SourceText) throws(FeedSyntaxError) -> XMLNode {
        var reader = XMLReader(source: source)
        return try reader.document()
    }

    private init(source: SourceText) { self.source = source }

    private func fail(_ message: String, at offset: Int? = nil) -> FeedSyntaxError {
        FeedSyntaxError(position: source.position(of: offset ?? index), message: message)
    }

    private func peek(_ literal: String) -> Bool {
        let utf8 = Array(literal.utf8)
        return index + utf8.count <= bytes.count && bytes[index..<index + utf8.count].elementsEqual(utf8)
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    /// Moves past `terminator`, failing with `what` when the document ends first.
    private mutating func skip(past terminator: String, what: String) throws(FeedSyntaxError) {
        let start = index
        let utf8 = Array(terminator.utf8)
        while index + utf8.count <= bytes.count {
            if bytes[index] == utf8[0], bytes[index..<index + utf8.count].elementsEqual(utf8) {
                index += utf8.count
                return
            }
            index += 1
        }
        throw fail("\(what) is not closed (missing \"\(terminator)\")", at: start)
    }

    private mutating func document() throws(FeedSyntaxError) -> XMLNode {
        if peek("<?xml") {
            try skip(past: "?>", what: "the XML declaration")
        }
        var root: XMLNode?
        while true {
            skipSpace()
            guard index < bytes.count else { break }
            let start = index
            if peek("<!--") {
                try skip(past: "-->", what: "a comment")
            } else if peek("<?") {
                try skip(past: "?>", what: "a processing instruction")
            } else if peek("<!DOCTYPE") {
                guard root == nil else { throw fail("a DOCTYPE after the root element") }
                try doctype()
            } else if bytes[index] == UInt8(ascii: "<"), root == nil {
                root = try element()
            } else {
                throw fail(root == nil ? "expected the root element" : "content after the root element", at: start)
            }
        }
        guard let root else { throw fail("the document has no root element") }
        return root
    }

    /// Skips a DOCTYPE, refusing any that declares entities.
    private mutating func doctype() throws(FeedSyntaxError) {
        let start = index
        var inSubset = false
        var quote: UInt8?
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "[") {
                inSubset = true
            } else if byte == UInt8(ascii: "]") {
                inSubset = false
            } else if inSubset, peek("<!ENTITY") {
                throw fail(
                    "the DOCTYPE declares entities, which are refused (entity expansion and external entities are unsafe)",
                    at: index)
            } else if byte == UInt8(ascii: ">"), !inSubset {
                index += 1
                return
            }
            index += 1
        }
        throw fail("the DOCTYPE is not closed", at: start)
    }

    private struct Open {
        var node: XMLNode
        var namespaces: [String: String]
    }

    /// Reads one element and everything inside it, without recursion.
    private mutating func element() throws(FeedSyntaxError) -> XMLNode {
        var stack: [Open] = []
        var scope = ["xml": FeedNamespace.xml]
        let (first, closed) = try startTag(scope: &scope)
        if closed { return first }
        stack.append(Open(node: first, namespaces: scope))
        while let top = stack.last {
            guard index < bytes.count else {
                throw fail(
                    "end of document inside <\(top.node.name)> opened at \(source.position(of: top.node.offset))")
            }
            if bytes[index] != UInt8(ascii: "<") {
                let text = try characterData()
                stack[stack.count - 1].node.content.append(.text(text))
            } else if peek("<![CDATA[") {
                index += 9
                let start = index
                try skip(past: "]]>", what: "a CDATA section")
                let text = String(decoding: bytes[start..<index - 3], as: UTF8.self)
                stack[stack.count - 1].node.content.append(.text(text))
            } else if peek("<!--") {
                try skip(past: "-->", what: "a comment")
            } else if peek("<?") {
                try skip(past: "?>", what: "a processing instruction")
            } else if peek("</") {
                let start = index
                index += 2
                let name = try readName()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else { throw fail("expected \">\"") }
                index += 1
                guard name == top.node.name else {
                    throw fail(
                        "</\(name)> does not close <\(top.node.name)> opened at \(source.position(of: top.node.offset))",
                        at: start)
                }
                let done = stack.removeLast().node
                if stack.isEmpty { return done }
                stack[stack.count - 1].node.content.append(.element(done))
            } else {
                guard stack.count < Self.maximumDepth else {
                    throw fail("elements are nested more than \(Self.maximumDepth) deep")
                }
                var childScope = top.namespaces
                let (child, closed) = try startTag(scope: &childScope)
                if closed {
                    stack[stack.count - 1].node.content.append(.element(child))
                } else {
                    stack.append(Open(node: child, namespaces: childScope))
                }
            }
        }
        throw fail("unreachable")
    }

    /// Reads `<name attr="value"…>` or `…/>`; returns the element and whether it was empty.
    private mutating func startTag(scope: inout [String: String]) throws(FeedSyntaxError) -> (XMLNode, Bool) {
        let start = index
        index += 1
        let name = try readName()
        var attributes: [String: String] = [:]
        while true {
            let hadSpace = index < bytes.count && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index])
            skipSpace()
            guard index < bytes.count else { throw fail("<\(name)> is not closed", at: start) }
            if bytes[index] == UInt8(ascii: ">") || peek("/>") { break }
            guard hadSpace else { throw fail("expected whitespace before an attribute") }
            let attributeStart = index
            let attribute = try readName()
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                throw fail("expected \"=\" after attribute \(attribute)")
            }
            index += 1
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw fail("expected a quoted value for attribute \(attribute)")
            }
            let value = try attributeValue()
            guard attributes.updateValue(value, forKey: attribute) == nil else {
                throw fail("attribute \(attribute) appears twice", at: attributeStart)
            }
        }
        let empty = peek("/>")
        index += empty ? 2 : 1
        for (attribute, value) in attributes {
            if attribute == "xmlns" { scope[""] = value }
            if attribute.hasPrefix("xmlns:") { scope[String(attribute.dropFirst(6))] = value }
        }
        let parts = name.split(separator: ":", maxSplits: 1)
        let (prefix, local) = parts.count == 2 ? (String(parts[0]), String(parts[1])) : ("", name)
        let node = XMLNode(
            name: name, namespace: scope[prefix] ?? "", local: local, attributes: attributes, offset: start)
        return (node, empty)
    }

    private mutating func readName() throws(FeedSyntaxError) -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            let isNameByte =
                byte >= 0x80 || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
                || (index > start
                    && ((byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")))
            guard isNameByte else { break }
            index += 1
        }
        guard index > start else { throw fail("expected a name") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func attributeValue() throws(FeedSyntaxError) -> String {
        let quote = bytes[index]
        let start = index
        index += 1
        var value = [UInt8]()
        while index < bytes.count, bytes[index] != quote {
            switch bytes[index] {
            case UInt8(ascii: "<"): throw fail("\"<\" inside an attribute value")
            case UInt8(ascii: "&"): value += try reference()
            case 0x09, 0x0A, 0x0D:
                value.append(0x20)
                index += 1
            default:
                value.append(bytes[index])
                index += 1
            }
        }
        guard index < bytes.count else { throw fail("an attribute value is not closed", at: start) }
        index += 1
        return String(decoding: value, as: UTF8.self)
    }

    /// Text up to the next `<`, with references decoded.
    private mutating func characterData() throws(FeedSyntaxError) -> String {
        var text = [UInt8]()
        while index < bytes.count, bytes[index] != UInt8(ascii: "<") {
            if bytes[index] == UInt8(ascii: "&") {
                text += try reference()
            } else {
                text.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Decodes `&…;` at the cursor: a character reference or a predefined entity.
    private mutating func reference() throws(FeedSyntaxError) -> [UInt8] {
        let start = index
        guard let end = bytes[index..<min(bytes.count, index + 40)].firstIndex(of: UInt8(ascii: ";")) else {
            throw fail("\"&\" does not start a reference (write &amp; for an ampersand)")
        }
        let name = String(decoding: bytes[index + 1..<end], as: UTF8.self)
        index = end + 1
        if name.hasPrefix("#") {
            let hex = name.hasPrefix("#x")
            guard let value = UInt32(name.dropFirst(hex ? 2 : 1), radix: hex ? 16 : 10),
                let scalar = Unicode.Scalar(value), value != 0
            else { throw fail("&\(name); is not a valid character reference", at: start) }
            return Array(String(Character(scalar)).utf8)
        }
        switch name {
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "amp": return [UInt8(ascii: "&")]
        case "apos": return [UInt8(ascii: "'")]
        case "quot": return [UInt8(ascii: "\"")]
        default:
            throw fail("undeclared entity &\(name); (only &lt; &gt; &amp; &apos; &quot; exist in XML)", at: start)
        }
    }
}
