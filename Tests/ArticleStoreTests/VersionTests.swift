import Foundation
import Testing

@testable import ArticleStore

@Suite("Versions and heads")
struct VersionTests {
    @Test func canonicalSerialisationIsExact() {
        let content = ObjectID.hashing(Data("x".utf8))
        let parent = ObjectID.hashing(Data("p".utf8))
        let record = VersionRecord(
            key: "a\\b\nc", content: content, parents: [parent], number: 7, title: "T", source: nil,
            url: "https://example.com/x", author: nil, published: 1000, imported: 2000, origin: "7.txt",
            encoding: "utf-8")
        let expected = """
            artstore-version 1
            key a\\\\b\\nc
            content \(content.hex)
            parent \(parent.hex)
            number 7
            title T
            url https://example.com/x
            published 1000
            imported 2000
            origin 7.txt
            encoding utf-8

            """
        #expect(String(decoding: record.canonicalBytes, as: UTF8.self) == expected)
        #expect(record.id == ObjectID.hashing(Data(expected.utf8)))
    }

    @Test func parentsAreSortedBeforeHashing() {
        let a = ObjectID.hashing(Data("a".utf8))
        let b = ObjectID.hashing(Data("b".utf8))
        var record = VersionRecord(
            key: "k", content: a, parents: [a, b], number: 0, title: "T", imported: 0, encoding: "utf-8")
        let first = record.id
        record.parents = [b, a]
        #expect(record.id == first)
    }

    @Test func winnerRuleIsDeterministic() {
        let low = HeadCandidate(rowID: 1, generation: 3, imported: 50, hash: [1, 2])
        let later = HeadCandidate(rowID: 2, generation: 3, imported: 60, hash: [0, 9])
        let deeper = HeadCandidate(rowID: 3, generation: 4, imported: 10, hash: [0, 0])
        let tieHigh = HeadCandidate(rowID: 4, generation: 3, imported: 60, hash: [5, 0])
        #expect(HeadCandidate.winner([low, later])?.rowID == 2)
        #expect(HeadCandidate.winner([low, later, deeper])?.rowID == 3)
        #expect(HeadCandidate.winner([later, tieHigh])?.rowID == 4)
        #expect(HeadCandidate.winner([tieHigh, later])?.rowID == 4)
    }

    @Test func putCreatesThenVersionsThenIgnoresRepeats() async throws {
        try await withStore { store, _ in
            let one = Articles.text(seed: 1)
            let two = Articles.text(seed: 1, paragraphs: 5)
            let created = try await store.put(Data(one.utf8), key: "https://example.com/a")
            #expect(created.outcome == .created)
            #expect(created.number == 0)
            let again = try await store.put(Data(one.utf8), key: "https://example.com/a")
            #expect(again.outcome == .unchanged)
            #expect(again.version == created.version)
            let edited = try await store.put(Data(two.utf8), key: "https://example.com/a")
            #expect(edited.outcome == .newVersion)
            #expect(!edited.probableKeyCollision)
            let log = try await store.log(key: "https://example.com/a")
            #expect(log.map(\.id) == [edited.version, created.version])
            #expect(log[0].parents == [created.version])
            #expect(log[0].isHead && !log[1].isHead)
            #expect(log[0].generation == 2)
            #expect(try await store.article(key: "https://example.com/a").head == edited.version)
            let other = try await store.put(Data(Articles.text(seed: 2).utf8), key: "b")
            #expect(other.number == 1)
        }
    }

    @Test func flagsANewVersionThatSharesNothing() async throws {
        try await withStore { store, _ in
            _ = try await store.put(Data("Budget passes\n\nParliament approved the spending plan.\n".utf8), key: "k")
            let result = try await store.put(
                Data("Storm warning\n\nHeavy rain expected along coasts tonight.\n".utf8), key: "k")
            #expect(result.outcome == .newVersion)
            #expect(result.probableKeyCollision)
        }
    }

    @Test func storesIdenticalBytesOnceAndLinksDuplicates() async throws {
        try await withStore { store, _ in
            let text = Articles.text(seed: 3)
            _ = try await store.put(Data(text.utf8), key: "first")
            let copy = try await store.put(Data(text.utf8), key: "second")
            #expect(copy.outcome == .created)
            #expect(copy.duplicate?.kind == .exact)
            #expect(copy.duplicate?.key == "first")
            let respaced = text.replacingOccurrences(of: "\n", with: "\r\n")
            let near = try await store.put(Data(respaced.utf8), key: "third")
            #expect(near.duplicate?.kind == .normalized)
            #expect(near.duplicate?.key == "first")
            let stats = try await store.stats()
            #expect(stats.articles == 3)
            #expect(stats.objects == 2)
        }
    }

    @Test func wordDiffShowsChangedWords() {
        let segments = WordDiff.segments(from: "The cat sat.", to: "The dog sat down.")
        #expect(segments.map(\.kind) == [.same, .removed, .added, .same, .added, .same])
        #expect(segments.map(\.text) == ["The ", "cat", "dog", " sat", " down", "."])
    }

    @Test func diffComparesHeadWithItsParent() async throws {
        try await withStore { store, _ in
            _ = try await store.put(Data("Title\n\nThe cat sat.\n".utf8), key: "k")
            _ = try await store.put(Data("Title\n\nThe dog sat.\n".utf8), key: "k")
            let diff = try await store.diff(key: "k")
            #expect(diff.segments.filter { $0.kind == .removed }.map(\.text) == ["cat"])
            #expect(diff.segments.filter { $0.kind == .added }.map(\.text) == ["dog"])
        }
    }

    @Test func lookupResolvesPrefixesAndKeys() async throws {
        try await withStore { store, _ in
            let put = try await store.put(Data("Title\n\nBody.\n".utf8), key: "5")
            #expect(try await store.lookup("5").kind == .article)
            #expect(try await store.lookup(String(put.version.hex.prefix(8))).id == put.version)
            #expect(try await store.lookup(String(put.content.hex.prefix(10))).kind == .content)
            await #expect(throws: StoreError.self) { try await store.lookup("abc") }
            do {
                _ = try await store.lookup("0000000000")
                Issue.record("an unknown prefix resolved")
            } catch let error as StoreError {
                #expect(error.code == .notFound)
            }
        }
    }
}
