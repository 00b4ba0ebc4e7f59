import Crypto
import Foundation

/// Every parser of outside bytes, as a function of arbitrary bytes, for the
/// libFuzzer targets in `Fuzz/` and the regression tests that replay their
/// corpora. A target returns normally on any input (errors are expected
/// answers); a crash, a hang or a runaway allocation is a bug.
@_spi(Fuzzing) public enum FuzzEntryPoints {
    /// The limit given to parsers that take one: small, so that the fuzzer
    /// can tell a bounded allocation from a runaway one.
    static let sizeLimit = 1 << 20

    /// The targets by name.
    public static let names = [
        "pack", "sync-request", "sync-response", "range-bounds", "version-record", "snapshot", "xml", "json",
        "html", "feed-date", "text", "stems",
    ]

    /// Runs the target `name` on `bytes`.
    public static func run(_ name: String, _ bytes: [UInt8]) {
        switch name {
        case "pack":
            // The trailer is a SHA-256 of the rest: fix it up, so that the
            // fuzzer reaches the framing and entries behind the checksum.
            _ = try? Pack.decode(bytes, sizeLimit: sizeLimit)
            _ = try? Pack.decode(bytes + Array(SHA256.hash(data: bytes)), sizeLimit: sizeLimit)
        case "sync-request":
            if let request = try? SyncRequest(decoding: bytes) { _ = request.encoded }
        case "sync-response":
            if let response = try? SyncResponse(decoding: bytes) { _ = response.encoded }
        case "range-bounds":
            var reader = WireReader(bytes, what: "ranges")
            guard let items = try? reader.items() else { return }
            var reconciler = Reconciler(ids: rangeIDs)
            _ = reconciler.respond(to: items)
        case "version-record":
            let id = ObjectID.hashing(bytes)
            if let record = try? VersionRecord(parsing: bytes, id: id) { _ = record.canonicalBytes }
        case "snapshot":
            _ = try? JSONDecoder().decode(ArticleStore.SnapshotDownload.self, from: Data(bytes))
            if let response = try? SyncResponse(decoding: [SyncResponse.Tag.snapshot.rawValue] + bytes),
                case .snapshot(let part) = response.message
            {
                _ = Zstd.decompress(part.bytes, size: min(part.length, sizeLimit))
            }
        case "xml":
            _ = try? XMLReader.parse(SourceText(bytes))
            _ = try? FeedParser.parse(bytes, documentURL: "https://example.org/feed")
            _ = try? OPML.subscriptions(in: Data(bytes), source: "fuzz.opml")
            // The system's converters for the world's encodings, one chosen by the first byte.
            if let first = bytes.first {
                let charset = legacyCharsets[Int(first) % legacyCharsets.count]
                _ = try? FeedParser.parse(Array(bytes.dropFirst()), documentURL: nil, charset: charset)
            }
        case "json":
            _ = try? JSONReader.parse(SourceText(bytes))
            _ = try? JSONFeedParser.parse(SourceText(bytes), documentURL: "https://example.org/feed.json")
        case "html":
            let html = String(decoding: bytes, as: UTF8.self)
            _ = HTMLText.paragraphs(html)
            _ = HTMLText.line(html)
        case "feed-date":
            _ = FeedDates.parse(String(decoding: bytes, as: UTF8.self))
        case "text":
            for encoding in TextEncoding.all {
                _ = try? ArticleText.decode(bytes, encoding: encoding, sizeLimit: sizeLimit, subject: "fuzz")
            }
        case "stems":
            StemCacheCheck.compare(String(decoding: bytes, as: UTF8.self))
            StemCacheCheck.replay(bytes)
        default:
            preconditionFailure("no fuzz target named \(name)")
        }
    }

    /// Encodings the xml target decodes through iconv.
    static let legacyCharsets = [
        "Shift_JIS", "EUC-JP", "ISO-2022-JP", "EUC-KR", "GB2312", "GBK", "GB18030", "Big5", "KOI8-R", "windows-1251",
    ]

    /// The IDs the range target reconciles against.
    static let rangeIDs = (0..<300).map { ObjectID.hashing(Array("range \($0)".utf8)) }

    /// Small valid inputs for `name`, made by the project's own encoders.
    public static func seeds(_ name: String) -> [[UInt8]] {
        let text = Array("A title\n\nA first paragraph.\n\nA second one, with “quotes”.\n".utf8)
        let content = ObjectID.hashing(text)
        let record = VersionRecord(
            key: "007", content: content, parents: [ObjectID.hashing([1])], number: 7, title: "A title",
            source: "https://example.org/feed", url: "https://example.org/a", author: "A. Writer",
            published: 1_700_000_000_000, imported: 1_700_000_100_000, origin: "007_0123456789abcdef.txt",
            encoding: "utf-8")
        let version = record.canonicalBytes
        let pack = Pack.encode([
            PackEntry(kind: .content, id: content, payload: text),
            PackEntry(kind: .version, id: record.id, payload: version),
        ])
        let reconciler = Reconciler(ids: Array(rangeIDs.prefix(200)))
        let items = reconciler.start()
        var writer = WireWriter()
        writer.items(items)
        let part = SnapshotPart(
            remoteID: "store-1", id: Array(repeating: 7, count: 16), checkpoint: [0, 5], size: 4, sha256: [],
            offset: 0, length: 4, bytes: Zstd.compress([1, 2, 3, 4], level: 1) ?? [])
        switch name {
        case "pack": return [pack, Array(pack.dropLast(32))]
        case "sync-request":
            return [
                SyncRequest(.changes(since: nil, limit: 100)), SyncRequest(.ranges(items)),
                SyncRequest(.missing([content])), SyncRequest(.fetch([content, record.id])),
                SyncRequest(.push(pack: pack, checkpoint: [1, 2])), SyncRequest(.snapshot(id: nil, offset: 0)),
            ].map(\.encoded)
        case "sync-response":
            return [
                SyncResponse(.changes(remoteID: "store-1", ids: [content], checkpoint: [3], more: false)),
                SyncResponse(.ranges(items: items, have: [content], need: [])),
                SyncResponse(.missing(remoteID: "store-1", ids: [record.id])), SyncResponse(.pack(pack)),
                SyncResponse(.done(applied: 2, checkpoint: nil)), SyncResponse(.snapshot(part)),
            ].map(\.encoded)
        case "range-bounds": return [writer.bytes]
        case "version-record": return [version]
        case "snapshot":
            let state = ArticleStore.SnapshotDownload(
                id: "07070707", size: 4, sha256: "00", remoteID: "store-1", checkpoint: "0005")
            return [
                [UInt8]((try? JSONEncoder().encode(state)) ?? Data()),
                Array(SyncResponse(.snapshot(part)).encoded.dropFirst()),
            ]
        case "xml":
            return [
                #"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>A</title><description>&lt;p&gt;B&lt;/p&gt;</description><pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate></item></channel></rss>"#,
                #"<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title type="html">A &amp; B</title><id>x</id><updated>2003-12-13T18:30:02Z</updated><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>C</p></div></content></entry></feed>"#,
                #"<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><id>a</id><issued>2004-01-02T03:04:05Z</issued><content type="text/html" mode="base64">PHA+QjwvcD4=</content></entry></feed>"#,
                #"<opml version="2.0"><body><outline text="A"><outline text="B" xmlUrl="https://example.org/b.xml"/></outline></body></opml>"#,
            ].map { Array($0.utf8) }
                // Shift_JIS (first byte 0 picks it): a title of two kana.
                + [
                    [0] + Array(#"<rss version="2.0"><channel><title>"#.utf8) + [0x82, 0xA0, 0x82, 0xA2]
                        + Array("</title></channel></rss>".utf8)
                ]
        case "json":
            return [
                #"{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"1","title":"A","content_html":"<p>B \u00e9</p>","date_published":"2020-01-02T03:04:05+01:00"}]}"#
            ].map { Array($0.utf8) }
        case "html":
            return ["<p>One &amp; two</p><br/><script>x</script><ul><li>three</li></ul>"].map { Array($0.utf8) }
        case "feed-date":
            return ["Tue, 10 Jun 2003 04:00:00 GMT", "2003-12-13T18:30:02.25+01:00", "Sun, 1 Jan 2006 1:02 EST"].map {
                Array($0.utf8)
            }
        case "text": return [text, [0xEF, 0xBB, 0xBF] + text, [0x41, 0xE9, 0x0A, 0x0A, 0x80, 0x9F]]
        case "stems":
            return [
                "Relational nations\nHopping, filing and agreed: the generalizations of caresses.",
                "Café NAÏVE élan\nΕλλάδα Москва 東京 straße “don’t” e\u{301} co-op 2026 🙂 twentyfourlettersinwords",
            ].map { Array($0.utf8) }
        default: return []
        }
    }
}
