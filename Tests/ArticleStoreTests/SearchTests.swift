import Foundation
import GRDB
import Testing

@testable import ArticleStore

@Suite("Search")
struct SearchTests {
    @Test func ranksHighlightsAndFollowsTheHead() async throws {
        try await withStore { store, _ in
            _ = try await store.put(
                Data("Harbour strike\n\nDock workers walked out over pay. The harbour is closed.\n".utf8), key: "a")
            _ = try await store.put(Data("Budget vote\n\nThe harbour budget passed.\n".utf8), key: "b")
            _ = try await store.put(Data("Weather\n\nSunny skies all week.\n".utf8), key: "c")
            let hits = try await store.search("harbour")
            #expect(hits.map(\.key) == ["a", "b"])
            #expect(hits[0].snippet.contains("[harbour]"))
            #expect(hits[0].title == "Harbour strike")

            _ = try await store.put(
                Data("Harbour strike ends\n\nWorkers returned after a deal on wages.\n".utf8), key: "a")
            #expect(try await store.search("pay").isEmpty)
            #expect(try await store.search("wages").map(\.key) == ["a"])
            #expect(try await store.verify().isHealthy)
        }
    }

    @Test func phrasesMatchWordsInSequence() async throws {
        try await withStore { store, _ in
            _ = try await store.put(Data("Rates rise\n\nThe central bank raised rates again.\n".utf8), key: "a")
            _ = try await store.put(Data("Market day\n\nA bank in the central square opened.\n".utf8), key: "b")
            #expect(try await store.search("bank central").map(\.key).sorted() == ["a", "b"])
            #expect(try await store.search("\"central bank\"").map(\.key) == ["a"])
            #expect(try await store.search("\"Central, bank\" raised").map(\.key) == ["a"])
            await #expect(throws: StoreError.self) { try await store.search("\"central bank\" OR opened") }
            #expect(try await store.search("\"bank central\"").isEmpty)
        }
    }

    @Test func queriesAreRewrittenOnlyForPhrases() {
        #expect(SearchQuery("harbour strike").match == "harbour strike")
        #expect(SearchQuery("\"one\" two").match == "\"one\" two")
        #expect(SearchQuery("\"one\" two").phrases.isEmpty)
        let phrase = SearchQuery("x \"Central Bank\" y")
        #expect(phrase.match == "x  \"central\" \"bank\"  y")
        #expect(phrase.phrasesOccur(in: "The central bank."))
        #expect(!phrase.phrasesOccur(in: "The bank, central."))
    }

    @Test func broadQueriesRankTheNewestMatches() async throws {
        try await withStore { store, _ in
            for index in 0..<6 {
                let body = String(repeating: "budget ", count: index == 0 ? 20 : 1) + "talks \(index)"
                _ = try await store.put(Data("Report \(index)\n\n\(body)\n".utf8), key: "k\(index)")
            }
            #expect(try await store.search("budget").first?.key == "k0")
            let windowed = try await store.search("budget", rankingWindow: 3)
            #expect(windowed.map(\.key).sorted() == ["k3", "k4", "k5"])
        }
    }

    @Test func aFilterReachesPastNewerMatches() async throws {
        try await withStore { store, _ in
            let old = Date(timeIntervalSince1970: 1_000_000_000)
            for index in 0..<6 {
                _ = try await store.put(
                    Data("Old \(index)\n\nThe harbour flooded.\n".utf8), key: "old\(index)",
                    metadata: ArticleMetadata(source: "Gazette", published: old))
            }
            for index in 0..<6 {
                _ = try await store.put(Data("New \(index)\n\nThe harbour reopened.\n".utf8), key: "new\(index)")
            }
            // The three newest matches are all new; the filter still finds the old ones.
            let unfiltered = try await store.search("harbour", rankingWindow: 3)
            #expect(Set(unfiltered.map(\.key)) == ["new3", "new4", "new5"])
            let until = try await store.search(
                "harbour", filter: SearchFilter(until: old.addingTimeInterval(1)), rankingWindow: 3)
            #expect(until.count == 3 && until.allSatisfy { $0.key.hasPrefix("old") })
            let bySource = try await store.search("harbour", filter: SearchFilter(source: "Gazette"), rankingWindow: 3)
            #expect(Set(bySource.map(\.key)) == ["old3", "old4", "old5"])
        }
    }

    @Test func aPageOfHitsHasEverySnippetWhateverTheOrder() async throws {
        try await withStore { store, _ in
            for index in 0..<40 {
                let body = index % 3 == 0 ? "The harbour flooded again." : "Nothing to see, the harbour is dry."
                _ = try await store.put(Data("Report \(index)\n\n\(body) Item \(index).\n".utf8), key: "k\(index)")
            }
            // Many searches in a row reuse the pool's connections, pages and snippets.
            for round in 0..<30 {
                let page = try await store.search("harbour", limit: 10, offset: round % 3 * 10)
                #expect(page.count == 10)
                #expect(page.allSatisfy { $0.snippet.contains("[harbour]") }, "\(page.map(\.snippet))")
                #expect(Set(page.map(\.key)).count == 10)
            }
        }
    }

    @Test func syntaxErrorsAreReported() async throws {
        try await withStore { store, _ in
            _ = try await store.put(Data("T\n\nbody\n".utf8), key: "a")
            for query in ["aleppo AND (", "\"unterminated", "nosuchcolumn:word"] {
                do {
                    _ = try await store.search(query)
                    Issue.record("query \(query) did not fail")
                } catch let error as StoreError {
                    #expect(error.code == .searchSyntax)
                    #expect(error.subject == query)
                }
            }
        }
    }

    /// The stem cache must give FTS5's own tokens: the same terms at the same
    /// positions and byte offsets, so the same matches, highlights and scores.
    /// The words overflow its slots, repeat, and include long, short, accented,
    /// non-Latin and mixed-case ones.
    @Test func theStemCacheGivesFTS5sOwnTokens() throws {
        let texts = Self.mixedTexts(seed: 7)
        let queue = try DatabaseQueue()
        try queue.write { db in
            try ArticleStore.installStemCache(db, as: "cached_porter")
            try db.execute(sql: "CREATE TABLE doc(id INTEGER PRIMARY KEY, body TEXT)")
            for (index, text) in texts.enumerated() {
                try db.execute(sql: "INSERT INTO doc VALUES (?, ?)", arguments: [index + 1, text])
            }
            for (name, tokenizer) in [("own", "porter"), ("cached", "cached_porter")] {
                try db.execute(
                    sql: """
                        CREATE VIRTUAL TABLE \(name) USING fts5(body, content = 'doc', content_rowid = 'id',
                          tokenize = '\(tokenizer) unicode61 remove_diacritics 2');
                        INSERT INTO \(name)(\(name)) VALUES ('rebuild');
                        CREATE VIRTUAL TABLE \(name)_terms USING fts5vocab(\(name), 'instance');
                        """)
            }
            let instances = "SELECT term, doc, offset FROM %@_terms ORDER BY doc, offset"
            let own = try Row.fetchAll(db, sql: instances.replacingOccurrences(of: "%@", with: "own"))
            #expect(own.count > 20_000)
            #expect(try Row.fetchAll(db, sql: instances.replacingOccurrences(of: "%@", with: "cached")) == own)
            for query in ["nation", "relational", "hopping", "cafe", "elect*", "\"agree depend\"", "москва"] {
                let ranked = """
                    SELECT rowid, bm25(%@) AS score, highlight(%@, 0, '[', ']') AS marked FROM %@ WHERE %@ MATCH ? ORDER BY rowid
                    """
                let expected = try Row.fetchAll(
                    db, sql: ranked.replacingOccurrences(of: "%@", with: "own"), arguments: [query])
                #expect(!expected.isEmpty, "\(query)")
                #expect(
                    try Row.fetchAll(db, sql: ranked.replacingOccurrences(of: "%@", with: "cached"), arguments: [query])
                        == expected, "\(query)")
            }
        }
    }

    /// 400 texts whose words overflow the stem cache's slots, repeat, and
    /// include long, short, accented, non-Latin and mixed-case ones.
    static func mixedTexts(seed: UInt64) -> [String] {
        var generator = SeededRandom(seed: seed)
        let stems = [
            "nation", "relat", "hop", "fil", "agree", "run", "happ", "caress", "pon", "generaliz", "elect", "minist",
            "harb", "sensitiv", "adjust", "depend", "communicat", "rebel", "conditional", "formaliz",
        ]
        let endings = [
            "", "s", "es", "ies", "sses", "ed", "ing", "ational", "tional", "ization", "ness", "ful", "ly", "y",
            "ement", "ance", "ence", "er", "ic", "able", "ible", "ant", "ent", "ism", "ate", "iti", "ous", "ive",
        ]
        let odd = [
            "Café", "NAÏVE", "élan", "Ελλάδα", "Москва", "東京", "straße", "São", "2026", "x", "ab", "co-op",
            "it's", "🙂", "“quoted”", "don’t", "e\u{301}te", "a\u{A0}b", "—", "twentythreelettersword",
            "twentyfourlettersinword", String(repeating: "long", count: 9),
        ]
        func word() -> String {
            switch generator.next(10) {
            case 0: return odd[generator.next(odd.count)]
            case 1:
                let letters = Array("abcdefghijklmnopqrstuvwxyz")
                return String((0..<3 + generator.next(12)).map { _ in letters[generator.next(letters.count)] })
            default:
                let word = stems[generator.next(stems.count)] + endings[generator.next(endings.count)]
                return generator.next(7) == 0 ? word.capitalized : word
            }
        }
        return (0..<400).map { _ in
            (0..<5 + generator.next(120)).map { _ in word() }.joined(separator: generator.next(5) == 0 ? ", " : " ")
        }
    }

    /// Tokens made ahead of the writer (``SearchTokenizer``) give the index
    /// the texts give: the same blocks and token counts. Tokens past one
    /// LEB128 byte and past FTS5's longest are kept as FTS5 keeps them, and
    /// malformed streams are errors, not crashes.
    @Test func tokensMadeAheadIndexAsTheirTexts() throws {
        let texts =
            Self.mixedTexts(seed: 11) + [
                "", "One " + String(repeating: "z", count: 200), String(repeating: "ab", count: 20_000) + " tail",
            ]
        let tokenizer = try #require(SearchTokenizer())
        let streams = texts.map { text in
            (title: tokenizer.stream(text.prefix(40).utf8), body: tokenizer.stream(text.utf8))
        }
        #expect(streams.allSatisfy { $0.title?.starts(with: [0xFF, 0x41, 0x54, 0x53]) == true && $0.body != nil })
        let queue = try DatabaseQueue()
        try queue.write { db in
            try ArticleStore.installStemCache(db)
            for table in ["texts", "tokens"] {
                try db.execute(
                    sql: """
                        CREATE VIRTUAL TABLE \(table) USING fts5(title, body,
                          tokenize = 'porter \(SearchTokenizer.parentArguments.joined(separator: " "))', detail = none)
                        """)
            }
            for (index, text) in texts.enumerated() {
                try db.execute(
                    sql: "INSERT INTO texts (rowid, title, body) VALUES (?, ?, ?)",
                    arguments: [index + 1, String(text.prefix(40)), text])
            }
            for (index, stream) in streams.enumerated() {
                try db.execute(
                    sql: "INSERT INTO tokens (rowid, title, body) VALUES (?, ?, ?)",
                    arguments: [index + 1, Data(stream.title!), Data(stream.body!)])
            }
            for shadow in ["data", "docsize"] {
                let fromTexts = try Row.fetchAll(db, sql: "SELECT * FROM texts_\(shadow) ORDER BY 1")
                #expect(fromTexts.count > 1)
                #expect(
                    try Row.fetchAll(db, sql: "SELECT * FROM tokens_\(shadow) ORDER BY 1") == fromTexts, "\(shadow)")
            }
        }
        // A malformed stream fails its transaction, which rolls back whole; so
        // does an empty token or one with a NUL, which left FTS5's index
        // unreadable.
        let marker: [UInt8] = [0xFF, 0x41, 0x54, 0x53]
        let malformed: [[UInt8]] = [
            marker + [0x85], marker + [0x10, 0x61, 0x62], marker + [0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
            marker + [0x00], marker + [0x06, 0x61, 0x00, 0x63],
        ]
        for malformed in malformed {
            #expect(throws: DatabaseError.self) {
                try queue.write { db in
                    try db.execute(
                        sql: "INSERT INTO tokens (rowid, title, body) VALUES (100000, 'x', ?)",
                        arguments: [Data(malformed)])
                }
            }
        }
        try queue.write { db in
            try db.execute(sql: "INSERT INTO tokens (tokens) VALUES ('integrity-check')")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM tokens") == texts.count)
        }
    }

    /// `artstore_body` gives a stored object's body for each codec, loads a
    /// dictionary the codec lacks from its argument, and answers bad input
    /// with NULL or an error, not a crash.
    @Test func theBodyFunctionDecodesEveryCodec() throws {
        let text = Array(Articles.text(seed: 3).utf8)
        let body = Array(ArticleText.bodyBytes(of: text))
        let writer = ObjectCodec(level: 3)
        let dictionary = Array(Articles.text(seed: 4).utf8) + text.prefix(600)
        let plain = writer.encode(text)
        try writer.install(id: 1, bytes: dictionary, activate: true)
        let withDictionary = writer.encode(text)
        #expect(plain.codec == .zstd && withDictionary.codec == .zstdDictionary)
        let queue = try DatabaseQueue()
        try queue.write { db throws in
            // A codec that has not loaded dictionary 1: the query hands it over.
            SearchBody.install(db, codec: ObjectCodec(level: 3))
            let sql = """
                SELECT artstore_body(?, ?, ?, ?, CASE WHEN artstore_has_dictionary(?) THEN NULL ELSE ? END)
                """
            func call(_ data: DatabaseValueConvertible?, _ codec: Codec, _ size: Int, _ id: Int64?) throws -> Data? {
                try Data.fetchOne(db, sql: sql, arguments: [data, codec.rawValue, size, id, id, Data(dictionary)])
            }
            for blob in [plain, withDictionary, EncodedBlob(codec: .raw, dictionary: nil, data: text)] {
                #expect(try call(Data(blob.data), blob.codec, text.count, blob.dictionary) == Data(body))
            }
            #expect(try call(Data("Title only".utf8), .raw, 10, nil) == Data())
            #expect(try call(nil, .raw, 0, nil) == nil)
            for (codec, size) in [(Codec.zstd, text.count + 1), (Codec.raw, text.count - 1)] {
                #expect(throws: DatabaseError.self) { try call(Data(plain.data), codec, size, nil) }
            }
            let named = Data(withDictionary.data)
            #expect(throws: DatabaseError.self) { try call(named, .zstdDictionary, text.count, nil) }
        }
    }

    /// Every connection of a store has the cache: its helper tokenizer exists.
    @Test func aStoresConnectionsHaveTheStemCache() async throws {
        try await withStore { store, _ in
            try store.pool.read { db in
                try db.execute(sql: "CREATE VIRTUAL TABLE temp.probe USING fts5(body, tokenize = 'artstore_token')")
            }
            try store.pool.write { db in
                try db.execute(sql: "CREATE VIRTUAL TABLE temp.probe USING fts5(body, tokenize = 'artstore_token')")
            }
        }
    }
}
