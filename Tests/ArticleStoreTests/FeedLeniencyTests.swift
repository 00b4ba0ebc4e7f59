import Foundation
import Testing

@testable import ArticleStore

/// Feeds as they come from the web: no titles, Atom 0.3, XHTML bodies and
/// the encodings of the world's news (Fixtures/feeds/lenient and encodings).
@Suite("Feeds: lenient where it is safe")
struct FeedLeniencyTests {
    @Test func aFeedWithoutATitleIsNamedAfterItsSourceWithAWarning() async throws {
        try await withStore { store, _ in
            let source = "https://untitled.example/news/feed.rss"
            let report = try await store.importFeed(
                FeedFixtures.data("lenient/no-title.rss"), source: source)
            #expect(report.title == "untitled.example/news/feed.rss")
            #expect(report.new == ["u-1", "u-2"] && report.failures.isEmpty)
            #expect(
                report.warnings.first
                    == #"the feed has no title; its articles' source is named "untitled.example/news/feed.rss""#)
            #expect(report.warnings.dropFirst().first?.hasPrefix("item 2 had no title") == true)
            let first = try #require(try await store.log(key: "u-1").first)
            #expect(first.source == "untitled.example/news/feed.rss" && !first.titleDerived)
            // The second item's title is its first sentence, cut at a word near 80 characters.
            let second = try #require(try await store.log(key: "u-2").first)
            #expect(second.titleDerived)
            #expect(second.title == "Council approves the new budget after a long night of debate over school funding…")
            #expect(second.title.count <= ItemTitle.limit + 1)
            let json = try await FeedFixtures.importing("lenient/no-title.json", into: store)
            #expect(json.title == "no-title.json" && json.new == ["j1"])
            #expect(try await store.log(key: "j1").first?.title == "A short item without a title.")
        }
    }

    @Test func atomEntriesWithTextButNoTitleBecomeArticles() async throws {
        try await withStore { store, _ in
            let report = try await FeedFixtures.importing("lenient/atom-no-titles.xml", into: store)
            #expect(report.title == "atom-no-titles.xml")
            #expect(report.new == ["urn:example:a1", "urn:example:a2"])
            #expect(
                report.failures.map(\.reason) == ["the <entry> has neither a <title> nor a <summary> or <content>"])
            #expect(report.failures.first?.position == FeedPosition(line: 15, column: 1))
            #expect(
                try await FeedFixtures.text(store, "urn:example:a1")
                    == "Rain is expected across the region.\n\nRain is expected across the region. Farmers welcome it.\n"
            )
            let a2 = try #require(try await store.log(key: "urn:example:a2").first)
            #expect(a2.title == "Schools will close early on Friday" && a2.titleDerived)
            // Derived titles are part of the record: verify re-derives every ID.
            #expect(try await store.verify().problems.isEmpty)
            // Importing the same feed again adds nothing.
            let again = try await FeedFixtures.importing("lenient/atom-no-titles.xml", into: store)
            #expect(again.new.isEmpty && again.updated.isEmpty && again.unchanged == 2)
        }
    }

    @Test func atom03IsReadWithItsContentModes() async throws {
        try await withStore { store, _ in
            let report = try await FeedFixtures.importing("lenient/atom03.xml", into: store)
            #expect(report.format == .atom03)
            #expect(report.title == "Old Blog" && report.warnings.isEmpty)
            #expect(report.new.count == 3 && report.failures.isEmpty)
            let escaped = "tag:oldblog.example,2008:post-1"
            #expect(
                try await FeedFixtures.text(store, escaped) == "Escaped post\n\nFirst paragraph.\n\nSecond paragraph.\n"
            )
            let version = try #require(try await store.log(key: escaped).first)
            #expect(version.url == "https://oldblog.example/2008/06/escaped.html")
            #expect(version.author == "Ann Author")
            #expect(version.published == Date(timeIntervalSince1970: 1_212_314_400))
            #expect(
                try await FeedFixtures.text(store, "tag:oldblog.example,2008:post-2")
                    == "Base64 post\n\nThe library opens a new wing. It holds 40,000 books.\n")
            #expect(
                try await FeedFixtures.text(store, "tag:oldblog.example,2008:post-3")
                    == "Inline post\n\nInline markup here.\n")
        }
    }

    @Test func anRSSItemWhoseOnlyTextIsAnXHTMLBodyIsRead() async throws {
        try await withStore { store, _ in
            let report = try await FeedFixtures.importing("lenient/xhtml-body.rss", into: store)
            #expect(report.new == ["x-1", "x-2"] && report.failures.isEmpty)
            #expect(
                try await FeedFixtures.text(store, "x-1")
                    == "Bridge repairs\n\nRepairs on the bridge begin in March.\n\nTraffic will use the ferry.\n")
            #expect(try await store.log(key: "x-2").first?.title == "Ferry fares rise by ten cents from Sunday.")
        }
    }

    static let encoded: [(file: String, title: String, body: String)] = [
        ("shift_jis", "東京の天気", "今日は晴れです。明日は雨が降るでしょう。"),
        ("euc-jp", "大阪の経済", "株価が上がりました。円は安定しています。"),
        ("iso-2022-jp", "京都の祭り", "祇園祭が始まりました。多くの人が集まりました。"),
        ("euc-kr", "서울 날씨", "오늘은 맑습니다. 내일은 비가 옵니다."),
        ("gb2312", "北京天气", "今天晴朗。明天有雨。"),
        ("gbk", "上海經濟新聞", "股市上漲。人民幣穩定。"),
        ("gb18030", "广州新闻 €", "今天晴朗 😀。明天有雨。"),
        ("big5", "臺北天氣", "今天晴朗。明天有雨。"),
        ("koi8-r", "Погода в Москве", "Сегодня солнечно. Завтра дождь."),
    ]

    @Test(arguments: encoded)
    func feedsInTheWorldsEncodingsAreDecoded(file: String, title: String, body: String) async throws {
        try await withStore { store, _ in
            let report = try await FeedFixtures.importing("encodings/\(file).xml", into: store)
            #expect(report.title == "\(title) - RSS")
            #expect(report.new == ["\(file)-1"])
            #expect(try await FeedFixtures.text(store, "\(file)-1") == "\(title)\n\n\(body)\n")
        }
    }

    @Test func theContentTypeCharsetOutranksTheDeclaration() async throws {
        try await withStore { store, _ in
            let data = try FeedFixtures.data("encodings/header-only.xml")
            // Without the header the document is read as UTF-8, which it is not.
            let error = await #expect(throws: StoreError.self) {
                try await store.importFeed(data, source: "header-only.xml")
            }
            #expect(error?.message.contains("is not valid UTF-8") == true)
            let report = try await store.importFeed(data, source: "header-only.xml", charset: "Shift_JIS")
            #expect(report.title == "見出し")
            #expect(try await FeedFixtures.text(store, "h-1").hasPrefix("ヘッダーだけ\n\n文字コードは"))
            // A charset outranks the declaration; a byte-order mark outranks both.
            let declared = Data(
                #"<?xml version="1.0" encoding="KOI8-R"?><rss version="2.0"><channel><title>Ünï</title></channel></rss>"#
                    .utf8)
            #expect(try await store.importFeed(declared, source: "d.xml", charset: "utf-8").title == "Ünï")
            let bom = Data([0xEF, 0xBB, 0xBF]) + declared
            #expect(try await store.importFeed(bom, source: "b.xml", charset: "KOI8-R").title == "Ünï")
        }
    }

    @Test(arguments: [
        ("encodings/bad-euc-kr.xml", "4:11: byte 0xFF is not valid EUC-KR"),
        ("encodings/unknown.xml", #"1:1: unsupported encoding "x-klingon""#),
    ])
    func badBytesAndUnknownEncodingsAreRefusedWithTheirPosition(name: String, expected: String) async throws {
        try await withStore { store, _ in
            let error = await #expect(throws: StoreError.self) { try await FeedFixtures.importing(name, into: store) }
            #expect(error?.code == .invalidFeed)
            #expect(error?.message.hasPrefix(expected) == true, "\(error?.message ?? "")")
            let stats = try await store.stats()
            #expect(stats.articles == 0)
        }
    }

    @Test func encodingNamesCannotAskTheConverterToGuess() {
        #expect(Iconv.toUTF8(Array("abc".utf8), from: "ASCII//TRANSLIT") == .failure(.unknownEncoding))
        #expect(Iconv.toUTF8(Array("abc".utf8), from: "") == .failure(.unknownEncoding))
        #expect(Iconv.toUTF8([0x82, 0xA0], from: "SHIFT_JIS") == .success(Array("あ".utf8)))
        #expect(Iconv.toUTF8([0x82], from: "SHIFT_JIS") == .failure(.truncated(offset: 0)))
        // A large text grows the output buffer more than once.
        let long = (0..<40_000).map { $0 % 2 == 0 ? UInt8(0xA4) : 0xA2 }
        #expect(Iconv.toUTF8(long, from: "EUC-JP") == .success(Array(String(repeating: "あ", count: 20_000).utf8)))
    }

    @Test(arguments: [
        ("Short and done.", "Short and done."),
        ("No full stop here", "No full stop here"),
        ("First sentence. Second one.", "First sentence."),
        ("Mr. Smith went to Washington. He stayed.", "Mr. Smith went to Washington."),
        (
            String(repeating: "word ", count: 30),
            String(repeating: "word ", count: 16).trimmingCharacters(in: .whitespaces) + "…"
        ),
        (String(repeating: "x", count: 100), String(repeating: "x", count: 80) + "…"),
        ("今日は晴れです。明日は雨。", "今日は晴れです。"),
    ])
    func derivedTitlesAreTheFirstSentenceCutNearEightyCharacters(text: String, title: String) {
        #expect(ItemTitle.derived(from: text) == title)
    }

    @Test func opmlListsEveryFeedOnceInDocumentOrder() throws {
        let list = """
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <opml version="1.0"><head><title>Abonnements</title></head><body>
              <outline text="Actualit\u{E9}s">
                <outline text="Monde" title="Le Monde" type="rss" xmlUrl="https://news.example/world.xml"/>
                <outline text="Deep"><outline text="Sport" xmlurl="https://news.example/sport.xml"/></outline>
              </outline>
              <outline text="Monde again" xmlUrl="https://news.example/world.xml"/>
              <outline text="A folder with no feed"/>
            </body></opml>
            """
        let data = Data(list.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        let found = try OPML.subscriptions(in: data, source: "subs.opml")
        #expect(found.map(\.url) == ["https://news.example/world.xml", "https://news.example/sport.xml"])
        #expect(found.map(\.title) == ["Le Monde", "Sport"])
        #expect(found[1].position == FeedPosition(line: 5, column: 26))
        let notOPML = #expect(throws: StoreError.self) {
            try OPML.subscriptions(in: Data("<rss version=\"2.0\"/>".utf8), source: "x.opml")
        }
        #expect(notOPML?.description == "x.opml: 1:1: <rss> is not the root of an OPML document")
        let broken = #expect(throws: StoreError.self) {
            try OPML.subscriptions(in: Data("<opml><body>\n<outline></body></opml>".utf8), source: "b.opml")
        }
        #expect(broken?.code == .invalidFeed && broken?.message.hasPrefix("2:") == true, "\(broken?.message ?? "")")
    }

    static let dialects: [(name: String, document: String, format: FeedFormat, title: String)] = [
        (
            "RSS 0.90",
            #"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>Old</title></channel><item><title>Item title</title><link>https://old.example/1</link></item></rdf:RDF>"#,
            .rss1, "Item title"
        ),
        (
            "RSS 1.0 without a channel",
            #"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item rdf:about="https://r.example/1"><title>Lone item</title></item></rdf:RDF>"#,
            .rss1, "Lone item"
        ),
        (
            "RSS 2.0 in a namespace",
            #"<r:rss xmlns:r="http://backend.userland.com/rss2" version="2.0"><r:channel><r:title>NS</r:title><r:item><r:title>Namespaced item</r:title><r:guid>n-1</r:guid></r:item></r:channel></r:rss>"#,
            .rss2, "Namespaced item"
        ),
        (
            "Atom before 0.3",
            #"<feed xmlns="http://purl.org/pie/"><entry><id>pie-1</id><title>Pie entry</title></entry></feed>"#,
            .atom03, "Pie entry"
        ),
        (
            "CDF",
            #"<CHANNEL HREF="https://cdf.example/"><TITLE>Channel</TITLE><ITEM HREF="page.html"><TITLE>CDF item</TITLE><ABSTRACT>Its abstract.</ABSTRACT></ITEM></CHANNEL>"#,
            .cdf, "CDF item"
        ),
        (
            "iTunes summary",
            #"<rss xmlns:itunes="http://www.itunes.com/DTDs/Podcast-1.0.dtd"><channel><item><guid>p-1</guid><itunes:summary>Episode summary only</itunes:summary></item></channel></rss>"#,
            .rss2, "Episode summary only"
        ),
        (
            "an image and nothing else",
            #"<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>img-1</id><content type="html">&lt;img src="https://img.example/cat.jpg" alt="A cat on a mat"&gt;</content></entry></feed>"#,
            .atom, "Image: A cat on a mat"
        ),
    ]

    @Test(arguments: dialects)
    func olderAndOddDialectsAreRead(name: String, document: String, format: FeedFormat, title: String) async throws {
        try await withStore { store, _ in
            let report = try await store.importFeed(Data(document.utf8), source: "https://feeds.example/\(name)")
            #expect(report.format == format, "\(name)")
            #expect(report.new.count == 1 && report.failures.isEmpty, "\(name): \(report.failures)")
            let key = try #require(report.new.first)
            #expect(try await store.log(key: key).first?.title == title, "\(name)")
        }
    }
}
