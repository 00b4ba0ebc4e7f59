/// A strict JSON parser (RFC 8259) that remembers where each value starts,
/// so that errors about a feed's structure can name a line and column.
struct JSONReader {
    /// A JSON value and the byte offset where it starts.
    struct Node: Sendable {
        indirect enum Value: Sendable {
            case object([String: Node])
            case array([Node])
            case string(String)
            case number(String)
            case bool(Bool)
            case null
        }
        let value: Value
        let offset: Int

        subscript(key: String) -> Node? {
            if case .object(let members) = value { members[key] } else { nil }
        }

        var string: String? {
            switch value {
            case .string(let text): text
            case .number(let text): text
            default: nil
            }
        }

        var array: [Node]? { if case .array(let items) = value { items } else { nil } }
        var isObject: Bool { if case .object = value { true } else { false } }
    }

    private let source: SourceText
    private var bytes: [UInt8] { source.bytes }
    private var index = 0
    private var depth = 0

    static func parse(_ source: SourceText) throws(FeedSyntaxError) -> Node {
        var reader = JSONReader(source: source)
        reader.skipSpace()
        let node = try reader.value()
        reader.skipSpace()
        guard reader.index == reader.bytes.count else { throw reader.fail("unexpected text after the JSON value") }
        return node
    }

    private init(source: SourceText) { self.source = source }

    private func fail(_ message: String, at offset: Int? = nil) -> FeedSyntaxError {
        FeedSyntaxError(position: source.position(of: offset ?? index), message: message)
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(FeedSyntaxError) {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else {
            throw fail(index < bytes.count ? "expected \(what)" : "unexpected end of JSON, expected \(what)")
        }
        index += 1
    }

    private mutating func value() throws(FeedSyntaxError) -> Node {
        skipSpace()
        guard index < bytes.count else { throw fail("unexpected end of JSON, expected a value") }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "{"):
            depth += 1
            defer { depth -= 1 }
            guard depth <= XMLReader.maximumDepth else { throw fail("JSON nested too deep") }
            index += 1
            var members: [String: Node] = [:]
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return Node(value: .object(members), offset: start)
            }
            repeat {
                skipSpace()
                let keyStart = index
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw fail("expected a member name")
                }
                let key = try string()
                try expect(UInt8(ascii: ":"), "\":\"")
                guard members.updateValue(try value(), forKey: key) == nil else {
                    throw fail("member \"\(key)\" appears twice", at: keyStart)
                }
                skipSpace()
            } while try more(closing: UInt8(ascii: "}"))
            return Node(value: .object(members), offset: start)
        case UInt8(ascii: "["):
            depth += 1
            defer { depth -= 1 }
            guard depth <= XMLReader.maximumDepth else { throw fail("JSON nested too deep") }
            index += 1
            var items: [Node] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return Node(value: .array(items), offset: start)
            }
            repeat {
                items.append(try value())
                skipSpace()
            } while try more(closing: UInt8(ascii: "]"))
            return Node(value: .array(items), offset: start)
        case UInt8(ascii: "\""):
            return Node(value: .string(try string()), offset: start)
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            for (word, value) in [("true", Node.Value.bool(true)), ("false", .bool(false)), ("null", .null)]
            where bytes[index...].starts(with: word.utf8) {
                index += word.utf8.count
                return Node(value: value, offset: start)
            }
            throw fail("unexpected character")
        default:
            let numberBytes = Set("+-0123456789.eE".utf8)
            while index < bytes.count, numberBytes.contains(bytes[index]) { index += 1 }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard index > start, Double(text) != nil else { throw fail("unexpected character", at: start) }
            return Node(value: .number(text), offset: start)
        }
    }

    /// After a member or item: true at a comma, false at the closing bracket.
    private mutating func more(closing: UInt8) throws(FeedSyntaxError) -> Bool {
        guard index < bytes.count else { throw fail("unexpected end of JSON") }
        if bytes[index] == UInt8(ascii: ",") {
            index += 1
            return true
        }
        guard bytes[index] == closing else {
            throw fail("expected \",\" or \"\(Character(Unicode.Scalar(closing)))\"")
        }
        index += 1
        return false
    }

    private mutating func string() throws(FeedSyntaxError) -> String {
        let start = index
        index += 1
        var out = [UInt8]()
        var pendingHigh: UInt32?
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: out, as: UTF8.self)
            }
            guard byte >= 0x20 else { throw fail("control character inside a string") }
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                index += 1
                continue
            }
            guard index + 1 < bytes.count else { break }
            let escape = bytes[index + 1]
            index += 2
            let simple: [UInt8: UInt8] = [
                0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08, 0x66: 0x0C, 0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09,
            ]
            if let plain = simple[escape] {
                out.append(plain)
                continue
            }
            guard escape == UInt8(ascii: "u"), index + 4 <= bytes.count,
                var unit = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
            else { throw fail("invalid escape in a string", at: index - 2) }
            index += 4
            if (0xD800..<0xDC00).contains(unit) {
                pendingHigh = unit
                continue
            }
            if (0xDC00..<0xE000).contains(unit), let high = pendingHigh {
                unit = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
            }
            pendingHigh = nil
            out += Array(String(Character(Unicode.Scalar(unit) ?? "\u{FFFD}")).utf8)
        }
        throw fail("a string is not closed", at: start)
    }
}
