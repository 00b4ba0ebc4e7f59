import Foundation

/// A version record: which content an article key had, after which parent
/// versions, with what metadata. Its ID is the SHA-256 of ``canonicalBytes``,
/// whose format `Schema/README.md` specifies.
package struct VersionRecord: Hashable, Sendable {
    var key: String
    var content: ObjectID
    var parents: [ObjectID]
    var number: Int
    var title: String
    /// True when the title was not in the input but derived from the text
    /// (a feed item without one). Recorded as `title-derived 1`.
    var titleDerived = false
    var source: String?
    var url: String?
    var author: String?
    /// Milliseconds since 1970-01-01T00:00:00Z.
    var published: Int64?
    /// Milliseconds since 1970-01-01T00:00:00Z.
    var imported: Int64
    var origin: String?
    var encoding: String

    static let header = "artstore-version 1"

    /// The canonical serialisation: one `name value` line per field, in a
    /// fixed order, absent optional fields left out, parents sorted.
    var canonicalBytes: [UInt8] {
        var lines = [Self.header]
        lines.append("key " + Self.escape(key))
        lines.append("content " + content.hex)
        for parent in parents.sorted() { lines.append("parent " + parent.hex) }
        lines.append("number \(number)")
        lines.append("title " + Self.escape(title))
        if titleDerived { lines.append("title-derived 1") }
        if let source { lines.append("source " + Self.escape(source)) }
        if let url { lines.append("url " + Self.escape(url)) }
        if let author { lines.append("author " + Self.escape(author)) }
        if let published { lines.append("published \(published)") }
        lines.append("imported \(imported)")
        if let origin { lines.append("origin " + Self.escape(origin)) }
        lines.append("encoding " + Self.escape(encoding))
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    var id: ObjectID { ObjectID.hashing(canonicalBytes) }

    /// Backslash becomes `\\`, line feed `\n`, carriage return `\r`; every
    /// other character is kept as its UTF-8 bytes.
    static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "\\" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
