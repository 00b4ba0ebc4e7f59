import Foundation
import GRDB
import Testing

@testable import ArticleStore

/// The feed files under Fixtures/feeds, written for these tests.
enum FeedFixtures {
    static let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        .appendingPathComponent("feeds")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    /// Imports the fixture `name`, naming it by its file name.
    static func importing(_ name: String, into store: ArticleStore, namespace: String? = nil) async throws
        -> FeedReport
    {
        try await store.importFeed(data(name), source: name, namespace: namespace)
    }

    /// The head text of `key`.
    static func text(_ store: ArticleStore, _ key: String) async throws -> String {
        let head = try await store.article(key: key)
        return String(decoding: try await store.content(head.content), as: UTF8.self)
    }
}

@Suite("Feeds")
struct FeedTests {
    @Test func rss2ItemsBecomeArticles() async throws {
        try await withStore { store, _ in
            let report = try await FeedFixtures.importing("rss2.xml", into: store)
            #expect(report.format == .rss2)
            #expect(report.title == "Harbour Town Gazette")
            #expect(report.items == 4)
            #expect(
                report.new == [
                    "gazette-2026-0412", "https://gazette.example/news/market-hall?id=42",
                    "Lighthouse open day|Fri, 10 Apr 2026 12:00:00 GMT",
                ])
            #expect(report.failures.isEmpty)
            // CDATA content, named entities, paragraphs kept.
            #expect(
                try await FeedFixtures.text(store, "gazette-2026-0412") == """
                    Ferry service resumes after storm

                    The island ferry sailed again on Sunday morning, three days after the storm closed the harbour.

                    Operators said the 7:40 crossing was “full but calm” — and that timetables are back to normal.

                    """)
            let ferry = try #require(try await store.log(key: "gazette-2026-0412").first)
            #expect(ferry.source == "Harbour Town Gazette")
            #expect(ferry.url == "https://gazette.example/news/ferry-resumes")  // relative link resolved
            #expect(ferry.author == "Mara Quill")
            #expect(ferry.published == Date(timeIntervalSince1970: 1_775_981_700))
            // Escaped HTML in the description; no GUID, so the cleaned link is the key.
            let market = "https://gazette.example/news/market-hall?id=42"
            #expect(
                try await FeedFixtures.text(store, market) == """
                    Council approves <new> market hall

                    The vote was 9 to 4.

                    Construction starts in June 2026 at the old fish’s quay.

                    """)
            #expect(try await store.log(key: market).first?.url == market)
            #expect(try await store.log(key: market).first?.published == Date(timeIntervalSince1970: 1_775_919_600))
            // No GUID and no link: title and date; <br> keeps a line break.
            #expect(
                try await FeedFixtures.text(store, "Lighthouse open day|Fri, 10 Apr 2026 12:00:00 GMT")
                    == "Lighthouse open day\n\nVisitors may climb the tower on Saturday.\nEntry is free.\n")
            // The fourth item repeats the first one's GUID and is skipped.
            #expect(report.repeated == [.init(item: 4, key: "gazette-2026-0412", firstItem: 1)])
        }
    }

    @Test func rss1ItemsBecomeArticles() async throws {
        try await withStore { store, _ in
            let report = try await FeedFixtures.importing("rss1.rdf", into: store, namespace: "valley")
            #expect(report.format == .rss1)
            #expect(report.title == "Valley Observer")
            #expect(
                report.new == [
                    "valley/https://valley.example/stories/frost", "valley/https://valley.example/stories/bridge",
                ])
            let frost = try #require(try await store.log(key: "valley/https://valley.example/stories/frost").first)
            #expect(frost.author == "Ilse Brandt")
            #expect(frost.published == Date(timeIntervalSince1970: 1_775_712_600))
            #expect(
                try await FeedFixtures.text(store, "valley/https://valley.example/stories/bridge")
                    == "Footbridge reopens\n\nThe repaired footbridge reopened on Thursday.\n")
        }
    }

    @Test func atomEntriesBecomeArticles() async throws {
        try await withStore { store, _ in
            let report = try await FeedFixtures.importing("atom.xml", into: store)
            #expect(report.format == .atom)
            #expect(report.title == "Tidepool Science Notes")
            #expect(report.new.count == 3)
            let stars = try #require(try await store.log(key: "tag:science.example,2026:notes/sea-stars").first)
            #expect(stars.url == "https://science.example/blog/2026/04/sea-stars.html")
            #expect(stars.author == "Noor Haddad")
            #expect(
                try await FeedFixtures.text(store, "tag:science.example,2026:notes/sea-stars")
                    == "Sea stars return to the north shore\n\nSurvey teams counted 212 sea stars.\n\nLast spring they found none.\n"
            )
            // An entry-level xml:base, XHTML content, an HTML title, the feed's author.
            let kelp = try #require(try await store.log(key: "tag:science.example,2026:notes/kelp").first)
            #expect(kelp.url == "https://science.example/archive/kelp-primer")
            #expect(kelp.author == "Field Desk")
            #expect(kelp.published == Date(timeIntervalSince1970: 1_775_390_400.5))
            #expect(
                try await FeedFixtures.text(store, "tag:science.example,2026:notes/kelp")
                    == "Kelp & climate: a primer\n\nKelp forests grow fast.\n\nThey store carbon for years.\n")
            #expect(
                try await FeedFixtures.text(store, "tag:science.example,2026:notes/tides")
                    == "Tide tables for May\n\nLow tides fall early in the morning this month.\n\nCheck the harbour board before walking out.\n"
            )
        }
    }

    @Test func jsonFeedItemsBecomeArticles() async throws {
        try await withStore { store, _ in
            let report = try await FeedFixtures.importing("feed.json", into: store)
            #expect(report.format == .jsonFeed)
            #expect(report.new == ["weekly-118", "119"])
            #expect(
                try await FeedFixtures.text(store, "weekly-118")
                    == "Bakery wins regional prize\n\nThe corner bakery won for its rye loaf.\n\nOwner Jo Park said: “We’re thrilled.”\n"
            )
            let bakery = try #require(try await store.log(key: "weekly-118").first)
            #expect(bakery.url == "https://weekly.example/2026/04/bakery")
            #expect(bakery.author == "Lena Ortiz")
            let parking = try #require(try await store.log(key: "119").first)
            #expect(parking.url == "https://weekly.example/2026/04/parking")
            #expect(parking.author == "Weekly Staff")
        }
    }

    @Test func declaredSingleByteEncodingsAreTranscoded() async throws {
        try await withStore { store, _ in
            let latin = try await FeedFixtures.importing("latin1.xml", into: store)
            #expect(latin.title == "Le Journal de Montréal-sur-Mer")
            #expect(
                try await FeedFixtures.text(store, "journal-77")
                    == "Café à l'école: élèves ravis\n\nLe nouveau café de l'école ouvre à 8 h. Prix: 1,50 ¤ ou 2 £.\n")
            _ = try await FeedFixtures.importing("windows1252.xml", into: store)
            #expect(
                try await FeedFixtures.text(store, "digest-5")
                    == "Fishermen’s co-op “doubles” catch — officials\n\nThe co-op’s haul reached €2 million… a record.\n"
            )
        }
    }

    @Test func reimportAddsNothing() async throws {
        try await withStore { store, _ in
            for name in ["rss2.xml", "rss1.rdf", "atom.xml", "feed.json"] {
                _ = try await FeedFixtures.importing(name, into: store)
            }
            let before = try await store.stats()
            for name in ["rss2.xml", "rss1.rdf", "atom.xml", "feed.json"] {
                let again = try await FeedFixtures.importing(name, into: store)
                #expect(again.new.isEmpty && again.updated.isEmpty && again.duplicates.isEmpty, "\(name)")
                #expect(again.unchanged == again.items - again.repeated.count, "\(name)")
            }
            let after = try await store.stats()
            #expect(after.versions == before.versions && after.objects == before.objects)
        }
    }

    @Test func changedItemsBecomeVersionsAndChangedIDsDuplicates() async throws {
        try await withStore { store, _ in
            _ = try await FeedFixtures.importing("rss2.xml", into: store)
            let report = try await FeedFixtures.importing("updated/rss2.xml", into: store)
            #expect(report.new.isEmpty)
            #expect(report.updated == ["gazette-2026-0412"])
            #expect(report.unchanged == 1)
            // The lighthouse item gained a GUID, but its text is the same.
            let duplicate = try #require(report.duplicates.first)
            #expect(report.duplicates.count == 1)
            #expect(duplicate.item == 3 && duplicate.key == "https://gazette.example/?p=981")
            #expect(duplicate.of.key == "Lighthouse open day|Fri, 10 Apr 2026 12:00:00 GMT")
            #expect(duplicate.of.kind == .exact)
            await #expect(throws: StoreError.self) { try await store.article(key: "https://gazette.example/?p=981") }
            let log = try await store.log(key: "gazette-2026-0412")
            #expect(log.count == 2 && log[0].parents == [log[1].id])
            #expect(try await FeedFixtures.text(store, "gazette-2026-0412").contains("extra evening crossing"))
            #expect(try await store.stats().articles == 3)
        }
    }

    @Test(arguments: [
        ("bad/broken.xml", "16:5: </item> does not close <title> opened at 13:7"),
        ("bad/no-channel.xml", "2:1: <rss> has no <channel>"),
        ("bad/wrong-encoding.xml", "5:21: byte 0xE9 is not valid UTF-8"),
        ("bad/broken.json", "6:5: expected \",\" or \"]\""),
    ])
    func malformedFeedsFailWithPositionAndTouchNothing(name: String, expected: String) async throws {
        try await withStore { store, _ in
            _ = try await FeedFixtures.importing("feed.json", into: store)
            let before = try await store.stats()
            let state = FeedState(url: "https://bad.example/feed", etag: "\"v1\"")
            let error = await #expect(throws: StoreError.self) {
                try await store.importFeed(FeedFixtures.data(name), source: name, state: state)
            }
            #expect(error?.code == .invalidFeed)
            #expect(error?.subject == name)
            #expect(error?.message.hasPrefix(expected) == true, "\(error?.message ?? "")")
            #expect(error?.description.hasPrefix("\(name): \(expected)") == true)
            let after = try await store.stats()
            #expect(after.articles == before.articles && after.versions == before.versions)
            #expect(after.objects == before.objects)
            #expect(try await store.feedState(for: state.url) == nil)
        }
    }

    @Test(arguments: ["bad/billion-laughs.xml", "bad/xxe.xml"])
    func entityDeclarationsAreRefusedUnexpanded(name: String) async throws {
        try await withStore { store, _ in
            let error = await #expect(throws: StoreError.self) { try await FeedFixtures.importing(name, into: store) }
            #expect(error?.code == .invalidFeed)
            #expect(error?.message.contains("declares entities") == true)
            #expect(error?.message.contains("root:") == false)
            let stats = try await store.stats()
            #expect(stats.articles == 0)
        }
    }

    @Test func undeclaredEntitiesAreErrorsNotExpansions() async throws {
        try await withStore { store, _ in
            let feed =
                "<rss version=\"2.0\"><channel><title>T</title>\n<item><title>&nbsp;x</title></item></channel></rss>"
            let error = await #expect(throws: StoreError.self) {
                try await store.importFeed(Data(feed.utf8), source: "inline")
            }
            #expect(error?.message.hasPrefix("2:14: undeclared entity &nbsp;") == true, "\(error?.message ?? "")")
        }
    }

    @Test func feedsOverTheSizeLimitAreRefused() async throws {
        try await withStore(configure: { $0.sizeLimit = 1000 }) { store, _ in
            let error = await #expect(throws: StoreError.self) {
                try await FeedFixtures.importing("rss2.xml", into: store)
            }
            #expect(error?.code == .invalidFeed)
            #expect(error?.message.contains("over the size limit of 1000 bytes") == true)
        }
    }

    @Test func badItemsOfAWellFormedFeedFailAloneWithTheirPosition() async throws {
        try await withStore { store, _ in
            let feed = """
                <rss version="2.0"><channel><title>Partial</title>
                <item><title>Good one</title><guid>p-1</guid></item>
                  <item><guid>p-2</guid></item>
                </channel></rss>
                """
            let report = try await store.importFeed(Data(feed.utf8), source: "partial.xml")
            #expect(report.new == ["p-1"])
            #expect(
                report.failures == [
                    .init(
                        item: 2, position: FeedPosition(line: 3, column: 3),
                        reason:
                            "the <item> has neither a <title> nor a <description>, <content:encoded> or <xhtml:body>")
                ])
        }
    }

    @Test func httpStateIsRecordedWithTheImport() async throws {
        try await withStore { store, _ in
            let url = "https://gazette.example/feed.xml"
            #expect(try await store.feedState(for: url) == nil)
            let fetched = Date(timeIntervalSince1970: 1_775_981_700.123)
            let state = FeedState(
                url: url, etag: "\"abc\"", lastModified: "Sun, 12 Apr 2026 08:15:00 GMT", fetched: fetched)
            _ = try await store.importFeed(try FeedFixtures.data("rss2.xml"), source: url, state: state)
            #expect(try await store.feedState(for: url) == state)
            let later = FeedState(url: url, etag: "\"abc\"", fetched: fetched.addingTimeInterval(60))
            try await store.recordFeedState(later)
            #expect(try await store.feedState(for: url) == later)
        }
    }

    @Test func trackingParametersAreRemoved() {
        #expect(
            FeedLinks.removingTracking(
                "https://x.example/a?utm_source=rss&id=3&fbclid=1&gclid=2&mc_cid=4&mc_eid=5&ref=tw&UTM_Medium=m#top")
                == "https://x.example/a?id=3#top")
        #expect(FeedLinks.removingTracking("https://x.example/a?utm_medium=x") == "https://x.example/a")
        #expect(
            FeedLinks.removingTracking("https://x.example/a?page=2&refresh=1") == "https://x.example/a?page=2&refresh=1"
        )
        #expect(FeedLinks.resolve("../b?c=1", against: "https://x.example/a/b/") == "https://x.example/a/b?c=1")
        #expect(FeedLinks.resolve("mailto:x@example.com", against: "https://x.example/") == "mailto:x@example.com")
    }

    @Test func htmlBecomesReadableText() {
        #expect(
            HTMLText.paragraphs(
                "<div><p>A&amp;B &nbsp;&mdash;  x&rsquo;&#8217;&#x2019;</p><script>var a = '<p>';</script>"
                    + "<!-- note --><ul><li>one</li><li>two</li></ul>3 < 4 &bogus; &#0;</div>")
                == "A&B — x’’’\n\none\n\ntwo\n\n3 < 4 &bogus; \u{FFFD}")
        #expect(FeedDates.parse("Sun, 12 Apr 2026 08:15:00 GMT") == Date(timeIntervalSince1970: 1_775_981_700))
        #expect(FeedDates.parse("12 Apr 26 10:15 +0200") == Date(timeIntervalSince1970: 1_775_981_700))
        #expect(FeedDates.parse("2026-04-12T04:15:00-04:00") == Date(timeIntervalSince1970: 1_775_981_700))
        #expect(FeedDates.parse("2024-02-29") == Date(timeIntervalSince1970: 1_709_164_800))
        #expect(FeedDates.parse("yesterday") == nil)
    }
}

@Suite("Feeds and near-duplicates")
struct FeedNearDuplicateTests {
    static func feed(id: String, title: String, text: String) -> Data {
        feed([(id, title, text)])
    }

    static func feed(_ items: [(id: String, title: String, text: String)]) -> Data {
        let items = items.map { ["id": $0.id, "title": $0.title, "content_text": $0.text] }
        let feed: [String: Any] = ["version": "https://jsonfeed.org/version/1.1", "title": "Wire", "items": items]
        return try! JSONSerialization.data(withJSONObject: feed)
    }

    /// Items of one feed go in one transaction, whose anchors wait until
    /// its end (`WaitingAnchors`): the second item must still find the first.
    @Test func aStoryAndItsRewriteInOneFeedAreLinked() async throws {
        try await withStore { store, _ in
            let body = String(Articles.text(seed: 78, paragraphs: 5).split(separator: "\n", maxSplits: 2)[2])
            let report = try await store.importFeed(
                Self.feed([
                    ("a-1", "Harbour budget passes", body),
                    ("b-9", "Council backs harbour plan", "By Lee Chen, AP\n\n" + body),
                ]), source: "wire.json")
            #expect(report.new.count == 2)
            #expect(report.nearDuplicates.map(\.of.key) == ["a-1"])
        }
    }

    @Test func aRewrittenWireStoryIsReportedAsANearDuplicate() async throws {
        try await withStore { store, _ in
            let body = Articles.text(seed: 77, paragraphs: 5).split(separator: "\n", maxSplits: 2)[2]
            let first = try await store.importFeed(
                Self.feed(id: "a-1", title: "Harbour budget passes", text: String(body)), source: "a.json")
            #expect(first.new.count == 1)
            let second = try await store.importFeed(
                Self.feed(id: "b-9", title: "Council backs harbour plan", text: "By Lee Chen, AP\n\n" + body),
                source: "b.json")
            #expect(second.new.count == 1)
            #expect(second.nearDuplicates.map(\.of.key) == ["a-1"])
            #expect(try await store.duplicateClusters().count == 1)
        }
    }
}
