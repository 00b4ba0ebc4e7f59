import Crypto
import Foundation
import Testing

@testable import ArticleStore

@Suite("Sync: pack format and messages")
struct PackTests {
    static let entries = (0..<20).map { index -> PackEntry in
        let payload = Array(Articles.text(seed: index).utf8)
        return PackEntry(kind: .content, id: ObjectID.hashing(payload), payload: payload)
    }

    /// Recomputes the trailer so a test reaches the check after the checksum.
    static func resealed(_ bytes: [UInt8]) -> [UInt8] {
        let body = bytes.dropLast(32)
        return Array(body) + Array(SHA256.hash(data: Array(body)))
    }

    /// An uncompressed pack with the given header count and body.
    static func plain(count: UInt64, body: [UInt8]) -> [UInt8] {
        var writer = WireWriter()
        writer.raw(Pack.magic)
        writer.byte(1)
        writer.byte(0)
        writer.varint(count)
        writer.raw(body)
        return resealed(writer.bytes + [UInt8](repeating: 0, count: 32))
    }

    static func failure(_ bytes: [UInt8]) -> String {
        do {
            _ = try Pack.decode(bytes, sizeLimit: 1 << 20)
            return "accepted"
        } catch let error as StoreError {
            #expect(error.code == .invalidMessage)
            return error.description
        } catch {
            return "\(error)"
        }
    }

    @Test func roundTripsAndCompresses() throws {
        let pack = Pack.encode(Self.entries)
        #expect(try Pack.decode(pack, sizeLimit: 1 << 20) == Self.entries)
        #expect(pack.count < Self.entries.map(\.payload.count).reduce(0, +) / 2)
        #expect(try Pack.decode(Pack.encode([]), sizeLimit: 1 << 20).isEmpty)
    }

    @Test func rejectsEveryKindOfDamage() {
        let pack = Pack.encode(Self.entries)
        let id = [UInt8](repeating: 7, count: 32)
        let cases: [(String, [UInt8])] = [
            ("not a pack", Array("PK".utf8)),
            ("not a pack", [0x42] + pack.dropFirst()),
            ("unsupported pack version 2", Self.resealed(Array(pack[..<4]) + [2] + pack[5...])),
            ("unsupported pack flags", Self.resealed(Array(pack[..<5]) + [0x81] + pack[6...])),
            ("checksum mismatch", pack.enumerated().map { $0.offset == 40 ? $0.element ^ 1 : $0.element }),
            ("checksum mismatch", Array(pack.dropLast())),
            ("corrupt body", Self.resealed(Array(pack[..<7]) + [UInt8](repeating: 9, count: 50) + pack.suffix(32))),
            ("unknown object type 9", Self.plain(count: 1, body: [9] + id + [0])),
            ("oversized object", Self.plain(count: 1, body: [1] + id + [0x80, 0x80, 0x80, 0x04])),
            ("oversized object", Self.plain(count: 1, body: [1] + id + [5, 1, 2])),
            ("bad length", Self.plain(count: 1, body: [1] + id + [0x80, 0x00])),
            ("hash mismatch", Self.plain(count: 1, body: [1] + id + [1, 65])),
            ("trailing bytes", Self.plain(count: 0, body: [1])),
            ("truncated", Self.plain(count: 2, body: [])),
        ]
        for (expected, bytes) in cases {
            let message = Self.failure(bytes)
            #expect(message.contains(expected), "expected '\(expected)', got '\(message)'")
        }
    }

    @Test func messagesRoundTripAndRejectUnknownTypes() throws {
        let ids = Self.entries.prefix(3).map(\.id)
        let requests: [SyncRequest] = [
            SyncRequest(.changes(since: [1, 2], limit: 5)), SyncRequest(.changes(since: nil, limit: 0)),
            SyncRequest(.ranges([.init(upper: .id(ids[0]), mode: .ids(ids)), .init(upper: .end, mode: .skip)])),
            SyncRequest(.missing(ids)), SyncRequest(.fetch(ids)), SyncRequest(.push(pack: [1, 2, 3], checkpoint: nil)),
        ]
        for request in requests {
            #expect(try SyncRequest(decoding: request.encoded).encoded == request.encoded)
        }
        let responses: [SyncResponse] = [
            SyncResponse(.changes(remoteID: "abc", ids: ids, checkpoint: [3], more: true)),
            SyncResponse(.ranges(items: [], have: ids, need: [])), SyncResponse(.missing(remoteID: "x", ids: ids)),
            SyncResponse(.pack([9, 9])), SyncResponse(.done(applied: 300, checkpoint: [1])),
        ]
        for response in responses {
            #expect(try SyncResponse(decoding: response.encoded).encoded == response.encoded)
        }
        #expect(throws: StoreError.self) { try SyncRequest(decoding: [0x55]) }
        #expect(throws: StoreError.self) { try SyncRequest(decoding: SyncRequest(.fetch(ids)).encoded.dropLast() + []) }
        #expect(throws: StoreError.self) { try SyncResponse(decoding: SyncResponse(.pack([1])).encoded + [0]) }
    }

    @Test func versionRecordsParseOnlyInCanonicalForm() throws {
        let record = VersionRecord(
            key: "a\\b\nc", content: Self.entries[0].id, parents: [Self.entries[2].id, Self.entries[1].id], number: 7,
            title: "T", source: nil, url: "https://x", author: nil, published: 5, imported: 9, origin: nil,
            encoding: "utf-8")
        #expect(try VersionRecord(parsing: record.canonicalBytes, id: record.id) == record.sortedParents)
        var reordered = String(decoding: record.canonicalBytes, as: UTF8.self)
        reordered = reordered.replacingOccurrences(of: "number 7\n", with: "").replacingOccurrences(
            of: "imported 9\n", with: "imported 9\nnumber 7\n")
        #expect(throws: StoreError.self) { try VersionRecord(parsing: Array(reordered.utf8), id: record.id) }
        #expect(throws: StoreError.self) {
            try VersionRecord(parsing: Array("artstore-version 2\n".utf8), id: record.id)
        }
        // Escapes, non-ASCII text and a backslash that a combining mark joins
        // (not an escape) survive the round trip.
        for title in ["x\r\ny\\", "Zoë – “quoted” 東京", "a\\\u{301}b", "\\\u{301}\\n"] {
            var variant = record
            variant.title = title
            #expect(try VersionRecord(parsing: variant.canonicalBytes, id: variant.id).title == title)
        }
        let crlf = Array(record.canonicalBytes.dropLast()) + Array("\r\n".utf8)
        #expect(throws: StoreError.self) { try VersionRecord(parsing: crlf, id: record.id) }
    }
}

extension VersionRecord {
    var sortedParents: VersionRecord {
        var copy = self
        copy.parents.sort()
        return copy
    }
}
