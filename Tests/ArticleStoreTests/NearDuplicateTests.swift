import Foundation
import GRDB
import Testing

@testable import ArticleStore

@Suite("Near-duplicates")
struct NearDuplicateTests {
    static let story = Articles.text(seed: 41, paragraphs: 6, title: "Council approves harbour budget")
    static var body: String { String(story.split(separator: "\n", maxSplits: 2)[2]) }
    static let footer = """
        Sign up for our morning newsletter to get the day's top stories delivered to your inbox every weekday, \
        and follow us on social media for breaking news alerts. All material on this site is protected by \
        copyright and may not be reproduced, distributed, transmitted or cached without prior written permission \
        from the publisher, except as permitted by law. Contact our newsroom with tips and corrections.
        """

    /// The kinds of copy a wire story arrives as, each made from `story`.
    static let variants: [(String, String)] = [
        ("headline", "Harbour budget passes after long debate\n\n" + body),
        ("byline", "Council approves harbour budget\n\nBy Jane Smith, Reuters\n\n" + body),
        ("dateline", "Council approves harbour budget\n\nSYDNEY (AAP) \u{2014} " + body),
        (
            "truncated",
            "Council approves harbour budget\n\n" + body.split(separator: " ").prefix(45).joined(separator: " ")
        ),
        ("boilerplate", "Council approves harbour budget\n\nAdvertisement\n\n" + body + "\n\n" + footer + "\n"),
        ("curly quotes", "Council approves harbour budget\n\n\u{201C}" + body + "\u{201D}"),
        ("re-wrapped", "Council approves harbour budget\n\n" + rewrapped(body, width: 58)),
        ("HTML", "Council approves harbour budget\n\n" + html(body)),
        ("copy edits", "Council approves harbour budget\n\n" + edited(body)),
    ]

    static func rewrapped(_ text: String, width: Int) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(whereSeparator: \.isWhitespace) {
            if line.count + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        return (lines + [line]).joined(separator: "\n")
    }

    static func html(_ text: String) -> String {
        text.split(separator: "\n\n").map { "<p>" + $0.replacingOccurrences(of: " the ", with: " the&nbsp;") + "</p>" }
            .joined(separator: "\n")
    }

    static func edited(_ text: String) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        for index in stride(from: 7, to: words.count, by: 37) { words[index] = "revised" }
        return words.joined(separator: " ")
    }

    @Test(arguments: variants)
    func recognisesEachKindOfCopy(kind: String, text: String) async throws {
        try await withStore { store, _ in
            _ = try await store.put(Data(Self.story.utf8), key: "original")
            let copy = try await store.put(Data(text.utf8), key: "copy")
            #expect(copy.outcome == .created, "\(kind)")
            #expect(copy.duplicate?.key == "original", "\(kind): \(String(describing: copy.duplicate))")
            let matches = try await store.nearDuplicates(of: "copy")
            #expect(matches.map(\.key) == ["original"], "\(kind)")
            #expect(matches.first.map { $0.score >= NearIndex.threshold } == true, "\(kind)")
        }
    }

    /// An import writes in batches, each prepared while the one before is
    /// written. Copies in the same batch as their story, in the next one,
    /// and later must all be found.
    @Test func importFindsCopiesInAnyBatch() async throws {
        try await withStore(configure: { $0.batchSize = 2 }) { store, input in
            let copies = (0..<Self.variants.count).map { String(format: "%02d.txt", $0 * 2 + 1) }
            try Articles.write(Self.story, "00.txt", in: input)
            for (index, variant) in Self.variants.enumerated() {
                try Articles.write(variant.1, copies[index], in: input)
                try Articles.write(
                    Articles.text(seed: 300 + index), String(format: "%02d.txt", index * 2 + 2), in: input)
            }
            let report = try await store.importFiles([input])
            #expect(report.newArticles == 1 + 2 * Self.variants.count)
            #expect(report.nearDuplicates.map(\.file).sorted() == copies)
            // Each copy links to the story or to an earlier copy of it, so
            // all form one cluster, without the unrelated articles.
            #expect(report.nearDuplicates.allSatisfy { (["00.txt"] + copies).contains($0.of.key) })
            let clusters = try await store.duplicateClusters()
            #expect(clusters.map { $0.members.map(\.key).sorted() } == [["00.txt"] + copies])
        }
    }

    /// Imports read each batch's postings while the batch before is written
    /// and complete them from the anchors logged since. The index and links
    /// must come out as a reindex, which reads in its transaction, makes them:
    /// with copies in the same and the next batch, and with more copies of
    /// one lead than an anchor takes.
    @Test func importLooksUpAheadAndIndexesAsReindexDoes() async throws {
        try await withStore(configure: { $0.batchSize = 3 }) { store, input in
            for copy in 0..<(NearIndex.postingLimit + 6) {
                try Articles.write(
                    Self.story + "\nUpdate \(copy): " + Articles.text(seed: 700 + copy, paragraphs: 1),
                    String(format: "%03d-a.txt", copy), in: input)
                if copy.isMultiple(of: 4) {
                    try Articles.write(Articles.text(seed: 800 + copy), String(format: "%03d-b.txt", copy), in: input)
                }
            }
            let report = try await store.importFiles([input])
            #expect(report.nearDuplicates.count == NearIndex.postingLimit + 5)
            let imported = try await Self.nearIndex(store)
            try await store.reindex()
            #expect(try await Self.nearIndex(store) == imported)
            // Some anchor filled up, so the limit was in play.
            let full = try await store.pool.read { db in
                try Int.fetchOne(
                    db,
                    sql: "SELECT count(*) FROM (SELECT anchor FROM near_anchor GROUP BY anchor HAVING count(*) = ?)",
                    arguments: [NearIndex.postingLimit])
            }
            #expect(full ?? 0 > 0)
        }
    }

    /// The near-duplicate index's anchors and links, for comparing with
    /// what a reindex makes.
    static func nearIndex(_ store: ArticleStore) async throws -> [[Int64]] {
        try await store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT anchor, object FROM near_anchor ORDER BY 1, 2").map { [$0[0], $0[1]] }
                + Row.fetchAll(db, sql: "SELECT object, of_object, score * 1e6 FROM near_link ORDER BY 1, 2")
                .map { [$0[0], $0[1], $0[2]] }
        }
    }

    /// Batches with little to write wait for the next and share its
    /// transaction. Their postings, read before the batches ahead of them
    /// were written, must still be completed: the index and links come out
    /// as a reindex makes them.
    @Test func batchesThatWaitIndexAsReindexDoes() async throws {
        try await withStore(configure: {
            $0.batchSize = 3
            $0.dictionarySamples = 20
        }) { store, input in
            let start = Date(timeIntervalSince1970: 1_700_000_000)
            var fillers: [URL] = []
            for index in 0..<40 {
                fillers.append(try Articles.write(Articles.text(seed: 900 + index), "f\(index).txt", in: input))
            }
            _ = try await store.importFiles([input])
            // Copies and unchanged files alternate, so that most batches
            // hold one article to write.
            for copy in 0..<40 {
                let url = try Articles.write(
                    Self.story + "\nUpdate \(copy): " + Articles.text(seed: 700 + copy, paragraphs: 1),
                    String(format: "%03d-a.txt", copy), in: input)
                for (file, second) in [(url, copy * 2), (fillers[copy], copy * 2 + 1)] {
                    try FileManager.default.setAttributes(
                        [.modificationDate: start.addingTimeInterval(Double(second))], ofItemAtPath: file.path)
                }
            }
            let commits = VersionCommits()
            store.pool.add(transactionObserver: commits)
            let report = try await store.importFiles([input])
            #expect(report.newArticles == 40 && report.unchanged == 40)
            #expect(report.nearDuplicates.count == 39)
            // 80 files in batches of 3, about 3 articles a transaction.
            #expect(commits.count < 20, "\(commits.count) transactions")
            let imported = try await Self.nearIndex(store)
            try await store.reindex()
            #expect(try await Self.nearIndex(store) == imported)
        }
    }

    /// The log of recent anchors completes a snapshot only when it covers
    /// every content added since: not after another writer added one.
    @Test func recentAnchorsRefuseSnapshotsTheyCannotComplete() async throws {
        try await withStore { store, _ in
            _ = try await store.put(Data(Articles.text(seed: 1).utf8), key: "a")
            let recent = RecentAnchors()
            let before = try await store.pool.read { try RecentAnchors.largestContent($0) }
            try store.write { db in
                try recent.begin(db)
                #expect(recent.holds(before) && !recent.holds(before - 1) && !recent.holds(nil))
                recent.record(before + 1, anchors: [7])
                try recent.end(db)
            }
            // The next batch's snapshot may or may not hold the batch before.
            try store.write { db in
                try recent.begin(db)
                #expect(recent.holds(before))
                #expect(recent.postings([7: [before + 1], 8: [3]], for: [7, 8, 9]) == [7: [before + 1], 8: [3]])
                #expect(recent.postings([:], for: [7]) == [7: [before + 1]])
                try recent.end(db)
            }
            _ = try await store.put(Data(Articles.text(seed: 2).utf8), key: "b")
            let after = try await store.pool.read { try RecentAnchors.largestContent($0) }
            try store.write { db in
                try recent.begin(db)
                #expect(!recent.holds(before) && recent.holds(after))
            }
        }
    }

    /// Lookups for texts that are not indexed stop early; they must find
    /// exactly what the full lookup finds.
    @Test func earlyStoppingLookupsFindTheSameMatches() async throws {
        try await withStore { store, _ in
            _ = try await store.put(Data(Self.story.utf8), key: "original")
            for seed in 0..<20 { _ = try await store.put(Data(Articles.text(seed: 500 + seed).utf8), key: "\(seed)") }
            // Copies (found), and new texts from the same small vocabulary,
            // which share an anchor here and there and make the lookup stop.
            let copies = Self.variants.map(\.1) + (0..<20).map { Articles.text(seed: 500 + $0) + "Extra words.\n" }
            let fresh = (0..<20).map { Articles.text(seed: 600 + $0) }
            try await store.pool.read { db in
                let index = NearIndex(db: db, objects: ObjectRows(db: db, codec: store.codec))
                for (number, text) in (copies + fresh).enumerated() {
                    let signature = NearSignature(body: ArticleText.bodyBytes(of: Array(text.utf8)))
                    var full = Set<Int64>()
                    let postings = try NearIndex.postings(db, of: signature.anchors)
                    let all = try index.matches(of: signature, postings: postings, besides: "", full: &full).map(
                        \.object)
                    #expect(try index.matches(of: signature, besides: "").map(\.object) == all)
                    if number < copies.count { #expect(!all.isEmpty) }
                }
            }
        }
    }

    @Test func storiesSharingALongFooterStayApart() async throws {
        try await withStore { store, _ in
            for seed in 0..<4 {
                let story = Articles.text(seed: 100 + seed, paragraphs: 2)
                let result = try await store.put(Data((story + "\n" + Self.footer + "\n").utf8), key: "story\(seed)")
                #expect(result.duplicate == nil, "story \(seed) matched \(String(describing: result.duplicate))")
            }
            #expect(try await store.duplicateClusters().isEmpty)
            #expect(try await store.nearDuplicates(of: "story3").isEmpty)
        }
    }

    /// A short story of its own words, then `shared` (if any), then the site footer.
    static func shortStory(_ seed: Int, shared: String = "", footer: String = footer) -> String {
        let own = Articles.text(seed: seed, paragraphs: 1).components(separatedBy: "\n\n")[1]
            .split(separator: " ").prefix(30).joined(separator: " ")
        return "Story \(seed)\n\n\(own).\n\n\(shared)\n\n\(footer)\n"
    }

    static let sharedSentence =
        "The mayor said the new ferry terminal would open in the spring after years of delays and rising costs."

    @Test(arguments: ["put", "import", "reindex"])
    func shortStoriesSharingASentenceAndACommonFooterStayApart(path: String) async throws {
        try await withStore { store, input in
            // A dozen articles carry the site's footer: it is boilerplate.
            for seed in 0..<12 {
                _ = try await store.put(Data(Self.shortStory(200 + seed).utf8), key: "site\(seed)")
            }
            let first = Self.shortStory(300, shared: Self.sharedSentence)
            let second = Self.shortStory(301, shared: Self.sharedSentence)
            // Counted in full, the footer and the sentence make them look like one story.
            let plain = ShingleSet.containment(
                NearSignature.shingleSet(of: ArticleText.bodyBytes(of: Array(first.utf8))),
                NearSignature.shingleSet(of: ArticleText.bodyBytes(of: Array(second.utf8))))
            #expect(plain >= NearIndex.threshold, "the case must join without the discount (\(plain))")
            switch path {
            case "put":
                _ = try await store.put(Data(first.utf8), key: "first")
                #expect(try await store.put(Data(second.utf8), key: "second").duplicate == nil)
            case "import":
                _ = try Articles.write(first, "first.txt", in: input)
                _ = try Articles.write(second, "second.txt", in: input)
                let report = try await store.importFiles([input])
                #expect(report.newArticles == 2 && report.nearDuplicates.isEmpty, "\(report.nearDuplicates)")
            default:
                _ = try await store.put(Data(first.utf8), key: "first")
                _ = try await store.put(Data(second.utf8), key: "second")
                try await store.reindex()
            }
            // (The first few carriers, short enough for the footer to join them before it
            // was known as boilerplate, may be linked to one another; the two stories are not.)
            let names = path == "import" ? ["first.txt", "second.txt"] : ["first", "second"]
            for name in names { #expect(try await store.nearDuplicates(of: name).isEmpty, "\(name)") }
            // A copy of one of them is still found.
            let copy = try await store.put(
                Data(
                    ("Copy\n\nBy Staff\n\n"
                        + first.components(separatedBy: "\n\n").dropFirst().joined(separator: "\n\n")).utf8),
                key: "copy")
            #expect(copy.duplicate?.key == (path == "import" ? "first.txt" : "first"))
        }
    }

    @Test func aWidelyReprintedStoryIsNotBoilerplate() async throws {
        try await withStore { store, _ in
            // Fourteen sites print the same short wire story, each with its own footer.
            let story = Articles.text(seed: 77, paragraphs: 2).components(separatedBy: "\n\n").dropFirst()
                .joined(separator: " ").split(separator: " ").prefix(60).joined(separator: " ")
            for site in 0..<14 {
                let footer = Articles.text(seed: 900 + site, paragraphs: 1).components(separatedBy: "\n\n")[1]
                    .split(separator: " ").prefix(15).joined(separator: " ")
                let result = try await store.put(
                    Data("Wire story\n\n\(story).\n\n\(footer)\n".utf8), key: "site\(site)")
                if site > 0 { #expect(result.duplicate != nil, "copy \(site) is linked") }
            }
            #expect(try await store.duplicateClusters().map(\.members.count) == [14])
        }
    }

    @Test(arguments: [
        ("one paragraph only", [String]()),
        ("\n  Advertisement \n\nThe story, which is long enough.\n \nThe footer.\n", ["Advertisement", "The footer."]),
        ("Short opening\r\n\r\nMiddle\r\n\t\r\nLast\r\nlines", ["Short opening", "Last\r\nlines"]),
        (String(repeating: "word ", count: 31) + "\n\nEnd", ["End"]),
    ])
    func furnitureIsLookedForInTheLastParagraphAndAShortFirstOne(body: String, edges: [String]) {
        let bytes = Array(body.utf8)[...]
        #expect(Boilerplate.edges(bytes).map { String(decoding: bytes[$0], as: UTF8.self) } == edges)
    }

    @Test func unrelatedStoriesAreNotMatched() async throws {
        try await withStore { store, _ in
            for seed in 0..<30 { _ = try await store.put(Data(Articles.text(seed: seed).utf8), key: "k\(seed)") }
            #expect(try await store.duplicateClusters().isEmpty)
        }
    }

    @Test func policiesKeepLinkOrSkip() async throws {
        try await withStore { store, input in
            try Articles.write(Self.story, "a.txt", in: input)
            try Articles.write(Self.variants[1].1, "b.txt", in: input)
            try Articles.write(Self.variants[3].1, "c.txt", in: input)
            let skipped = try await store.importFiles([input], options: ImportOptions(nearDuplicates: .skip))
            #expect(skipped.newArticles == 1)
            #expect(skipped.skipped == 2)
            #expect(skipped.nearDuplicates.map(\.of.key) == ["a.txt", "a.txt"])
            #expect(try await store.stats().articles == 1)

            let linked = try await store.importFiles([input])
            #expect(linked.newArticles == 2)
            let clusters = try await store.duplicateClusters()
            #expect(clusters.count == 1)
            #expect(clusters.first?.members.map(\.origin) == ["a.txt", "b.txt", "c.txt"])
        }
    }

    @Test func skipNeverDropsAnUpdateOfAStoredArticle() async throws {
        try await withStore { store, _ in
            _ = try await store.put(Data(Self.story.utf8), key: "wire")
            _ = try await store.put(Data(Articles.text(seed: 5).utf8), key: "local")
            let update = try await store.put(Data(Self.variants[1].1.utf8), key: "local", nearDuplicates: .skip)
            #expect(update.outcome == .newVersion)
            #expect(try await store.log(key: "local").count == 2)
        }
    }

    @Test func keepStoresWithoutRecording() async throws {
        try await withStore { store, _ in
            _ = try await store.put(Data(Self.story.utf8), key: "a")
            let kept = try await store.put(Data(Self.variants[0].1.utf8), key: "b", nearDuplicates: .keep)
            #expect(kept.outcome == .created)
            #expect(kept.duplicate?.kind == .near)
            #expect(try await store.duplicateClusters().isEmpty)
        }
    }

    @Test func reindexRebuildsLinks() async throws {
        try await withStore { store, _ in
            _ = try await store.put(Data(Self.story.utf8), key: "a")
            _ = try await store.put(Data(Self.variants[4].1.utf8), key: "b")
            _ = try await store.put(Data(Articles.text(seed: 7).utf8), key: "c")
            let before = try await store.duplicateClusters()
            try await store.pool.write { db in try db.execute(sql: "DELETE FROM near_link; DELETE FROM near_anchor") }
            #expect(try await store.duplicateClusters().isEmpty)
            try await store.reindex()
            #expect(try await store.duplicateClusters() == before)
            #expect(before.first?.members.map(\.key) == ["a", "b"])
            #expect(try await store.verify().isHealthy)
        }
    }

    @Test func containmentIsTheShareOfTheSmallerSet() {
        func containment(_ a: [UInt64], _ b: [UInt64]) -> Double {
            ShingleSet.containment(ShingleSet(a), ShingleSet(b))
        }
        #expect(containment([1, 2, 3], [1, 2, 3, 4, 5, 6]) == 1)
        #expect(containment([1, 2, 3, 4], [3, 4, 5, 6, 7]) == 0.5)
        #expect(containment([0, 0, 7, 7, 9], [0, 9, 9]) == 1)
        #expect(containment([], [1]) == 0)
    }

    /// The hash table agrees with Swift's `Set`, also on small ranges of
    /// values, which force repeats and zeros.
    @Test func shingleSetsAgreeWithSwiftSets() {
        var random = SeededRandom(seed: 11)
        for round in 0..<200 {
            let range: ClosedRange<UInt64> = round.isMultiple(of: 2) ? 0...40 : 0...UInt64.max
            let a = (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt64.random(in: range, using: &random) }
            let b = (0..<Int.random(in: 1...300, using: &random)).map { _ in UInt64.random(in: range, using: &random) }
            let (setA, setB) = (Set(a), Set(b))
            let table = ShingleSet(a)
            #expect(table.count == setA.count)
            #expect(b.allSatisfy { table.contains($0) == setA.contains($0) })
            let expected =
                setA.isEmpty ? 0 : Double(setA.intersection(setB).count) / Double(min(setA.count, setB.count))
            #expect(ShingleSet.containment(table, ShingleSet(b)) == expected)
        }
    }

    @Test func wordsIgnoreTagsEntitiesCaseAndLineBreaks() {
        let plain = NearText.wordHashes(Array("The mayor\u{2019}s plan & budget".utf8)[...])
        let marked = NearText.wordHashes(Array("<p>THE mayor&#8217;s\nplan &amp; <b>budget</b></p>".utf8)[...])
        #expect(plain == marked)
        #expect(plain.count == 5)
    }

    /// The index's statements run through SQLite's C API: rows come back,
    /// errors are thrown with the statement's SQL, and GRDB can run the
    /// statement again afterwards.
    @Test func integerStatementsReturnRowsAndReportErrors() throws {
        try DatabaseQueue().inDatabase { db in
            let statement = try db.makeStatement(sql: "SELECT value + ? FROM (SELECT 1 AS value UNION ALL SELECT 2)")
            var sums: [Int64] = []
            try statement.forEachRow(binding: [10]) { sums.append($0[0]) }
            #expect(sums == [11, 12])
            #expect {
                try statement.execute(binding: [1, 2])
            } throws: { error in
                (error as? DatabaseError)?.resultCode == .SQLITE_RANGE
                    && (error as? DatabaseError)?.sql == statement.sql
            }
            #expect(try Int64.fetchAll(statement, arguments: [100]) == [101, 102])
        }
    }

    /// Word hashes are stored (anchors are built from them), so their values
    /// must not change: each is 64-bit FNV-1a of the word's UTF-8 bytes with
    /// ASCII letters lowercased. Texts are random mixes of words and of every
    /// kind of separator, tag and entity.
    @Test func wordHashesAreFNVOfTheLowercasedWords() {
        let words = ["Mayor", "plan", "2024", "caf\u{E9}", "\u{00C9}t\u{E9}", "x", "B\u{FC}RO", "\u{4E16}\u{754C}"]
        let separators = [
            " ", "\n\n", ", ", ". ", "\u{2019}", "\u{2014}", "\u{00A0}", "\u{00AB}", "<p>", "</b>", "<br/>",
            "&amp;", "&#8217;", "&nbsp;", " < ", "&", "-", "\"",
        ]
        func fnv(_ word: String) -> UInt64 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in word.utf8 {
                let lower = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
                hash = (hash ^ UInt64(lower)) &* 0x100_0000_01b3
            }
            return hash
        }
        var random = SeededRandom(seed: 5)
        for _ in 0..<300 {
            let chosen = (0..<Int.random(in: 0...40, using: &random)).map { _ in words.randomElement(using: &random)! }
            var text = separators.randomElement(using: &random)!
            for word in chosen { text += word + separators.randomElement(using: &random)! }
            #expect(NearText.wordHashes(Array(text.utf8)[...]) == chosen.map(fnv), "\(text)")
            #expect(NearText.wordHashes(Array(text.utf8)[...], limit: 5) == Array(chosen.map(fnv).prefix(5)))
        }
        // An entity for a letter is part of its word.
        #expect(NearText.wordHashes(Array("caf&eacute; Caf&Eacute;".utf8)[...]) == ["caf\u{E9}", "caf\u{E9}"].map(fnv))
    }

    /// The key-collision check's word Jaccard is that of the two texts' sets
    /// of words (case-folded, split at ASCII punctuation and spaces).
    @Test func wordJaccardIsTheJaccardOfTheWordSets() {
        let vocabulary = ["Mayor", "mayor", "plan", "2024", "caf\u{E9}", "x", "B\u{FC}RO", "city", "Council", "vote"]
        let separators = [" ", "\n\n", ", ", ". ", "-", "\"", "("]
        func words(_ text: String) -> Set<String> {
            Set(
                text.lowercased().split { character in
                    character.isASCII && !character.isLetter && !character.isNumber
                }.map(String.init))
        }
        var random = SeededRandom(seed: 11)
        func text() -> String {
            (0..<Int.random(in: 0...30, using: &random)).map { _ in
                vocabulary.randomElement(using: &random)! + separators.randomElement(using: &random)!
            }.joined()
        }
        for _ in 0..<300 {
            let (a, b) = (text(), text())
            let (left, right) = (words(a), words(b))
            let union = left.union(right).count
            let expected = union == 0 ? 1 : Double(left.intersection(right).count) / Double(union)
            #expect(Similarity.wordJaccard(Array(a.utf8), Array(b.utf8)) == expected, "\(a) | \(b)")
        }
    }
}
