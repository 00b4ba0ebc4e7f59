import Foundation
import GRDB

extension VersionRecord {
    /// Parses a canonical version record. Only the canonical form is
    /// accepted: the bytes must be exactly what ``canonicalBytes`` would
    /// produce for the parsed fields, so a record has one serialisation.
    package init(parsing bytes: [UInt8], id: ObjectID) throws {
        func failure(_ message: String) -> StoreError {
            StoreError(.invalidMessage, "malformed version record: \(message)", subject: "version \(id.hex)")
        }
        // Lines and fields are split on ASCII bytes, which never occur
        // inside a multi-byte UTF-8 character.
        guard String(validating: bytes, as: UTF8.self) != nil, bytes.last == UInt8(ascii: "\n") else {
            throw failure("not UTF-8 text ending in a line feed")
        }
        var lines = bytes.dropLast().split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .makeIterator()
        guard lines.next()?.elementsEqual(Self.header.utf8) == true else {
            throw failure("the first line is not '\(Self.header)'")
        }
        var fields: [(String, String)] = []
        while let line = lines.next() {
            guard let space = line.firstIndex(of: UInt8(ascii: " ")) else {
                throw failure("line '\(String(decoding: line.prefix(40), as: UTF8.self))' has no value")
            }
            fields.append((String(decoding: line[..<space], as: UTF8.self), Self.unescape(line[(space + 1)...])))
        }
        func take(_ name: String) -> String? {
            guard fields.first?.0 == name else { return nil }
            return fields.removeFirst().1
        }
        func required(_ name: String) throws -> String {
            guard let value = take(name) else { throw failure("missing or misplaced field '\(name)'") }
            return value
        }
        key = try required("key")
        guard let content = ObjectID(hex: try required("content")) else { throw failure("bad content ID") }
        self.content = content
        parents = []
        while let parent = take("parent") {
            guard let parentID = ObjectID(hex: parent) else { throw failure("bad parent ID") }
            parents.append(parentID)
        }
        guard let number = Int(try required("number")) else { throw failure("bad number") }
        self.number = number
        title = try required("title")
        titleDerived =
            try take("title-derived").map { value in
                guard value == "1" else { throw failure("bad title-derived flag") }
                return true
            } ?? false
        source = take("source")
        url = take("url")
        author = take("author")
        published = try take("published").map { value in
            guard let milliseconds = Int64(value) else { throw failure("bad published time") }
            return milliseconds
        }
        guard let imported = Int64(try required("imported")) else { throw failure("bad import time") }
        self.imported = imported
        origin = take("origin")
        encoding = try required("encoding")
        guard fields.isEmpty else { throw failure("unexpected field '\(fields[0].0)'") }
        guard canonicalBytes == bytes else { throw failure("not in canonical form") }
    }

    /// Reverses ``escape(_:)`` on a field's UTF-8 bytes.
    ///
    /// Escapes are read by `Character`, as ``escape(_:)`` finds them: a
    /// backslash that a combining mark joins is not an escape.
    static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard bytes.contains(UInt8(ascii: "\\")) else { return text }
        var out = ""
        var escaped = false
        for character in text {
            if escaped {
                switch character {
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: out.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// The record of the stored version with row ID `rowID`.
    static func load(_ db: Database, rowID: Int64) throws -> VersionRecord {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT version.*, article.key, object.hash AS contentHash FROM version
                        JOIN article ON article.id = version.article JOIN object ON object.id = version.content
                        WHERE version.id = ?
                        """), arguments: [rowID])
        else { throw StoreError(.corrupt, "version row \(rowID) is missing") }
        let parents = try Data.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT version.hash FROM version_parent JOIN version ON version.id = version_parent.parent
                    WHERE version_parent.version = ?
                    """), arguments: [rowID])
        return VersionRecord(
            key: row["key"], content: VersionRows.id(row["contentHash"]), parents: parents.map(VersionRows.id),
            number: row["number"], title: row["title"], titleDerived: (row["title_derived"] as Int?) == 1,
            source: row["source"], url: row["url"], author: row["author"], published: row["published"],
            imported: row["imported"], origin: row["origin"], encoding: row["encoding"])
    }
}
