import Foundation
import GRDB
import Testing

@testable import ArticleStore

@Suite("Import")
struct ImportTests {
    @Test func keysComeFromNumberedNamesOrPaths() {
        #expect(FileKeys.key(relativePath: "000_0ba8a40e747d1a8b.txt", namespace: nil) == ("000", 0))
        #expect(FileKeys.key(relativePath: "sub/000123_0ba8a40e747d1a8b.txt", namespace: nil) == ("123", 123))
        #expect(FileKeys.key(relativePath: "7_0ba8a40e747d1a8b.txt", namespace: "wire") == ("wire/007", 7))
        #expect(FileKeys.key(relativePath: "news/story.txt", namespace: nil) == ("news/story.txt", nil))
        #expect(FileKeys.key(relativePath: "000_0ba8a40e747d1a8.txt", namespace: nil).number == nil)
        #expect(FileKeys.key(relativePath: "000_0ba8a40e747d1a8x.txt", namespace: nil).number == nil)
        #expect(FileKeys.number(inFileName: "000_0BA8A40E747D1A8B.txt") == 0)
        #expect(FileKeys.number(inFileName: "123456789012345678_0ba8a40e747d1a8b.txt") == 123_456_789_012_345_678)
        for name in [
            "1234567890123456789_0ba8a40e747d1a8b.txt", "_0ba8a40e747d1a8b.txt", "٠٠٠_0ba8a40e747d1a8b.txt",
            "000_0ba8a40e747d1a8b.TXT", "000_0ba8a40e747d1a8b.txt.txt", "0-0_0ba8a40e747d1a8b.txt", "000_",
        ] {
            #expect(FileKeys.number(inFileName: name) == nil, "\(name)")
        }
        #expect(FileKeys.fileName("a/b/000_x.txt") == "000_x.txt" && FileKeys.fileName("000_x.txt") == "000_x.txt")
        #expect(FileKeys.fileName("a/ü/é_x.txt") == "é_x.txt" && FileKeys.fileName("dir/") == "")
        // Leading zeros tell how wide an export wrote its numbers.
        let hash = "_0ba8a40e747d1a8b.txt"
        for (digits, width) in [("000", 3), ("000123", 6), ("0", nil), ("7", nil), ("1234", nil), ("00x", nil)] {
            #expect(FileKeys.width(inFileName: (digits + hash)[...]) == width, "\(digits)")
        }
        #expect(FileKeys.width(inFileName: "000_0ba8a40e747d1a8b.md") == nil)
    }

    /// Files come oldest first, then by the bytes of their paths: past the
    /// first eight bytes, for shorter names, and in subfolders too.
    @Test func filesComeByTimeThenPath() async throws {
        try await withTemporaryDirectory { dir in
            let older = Date(timeIntervalSince1970: 1_700_000_000)
            let newer = older.addingTimeInterval(60)
            let names: [(String, Date)] = [
                ("storyaaa10.txt", older), ("storyaaa2.txt", older), ("storyaaa1.txt", older), ("a.txt", older),
                ("sub/storyaaa0.txt", older), ("storyaab.txt", older), ("é.txt", older), ("z.txt", older),
                ("0.txt", newer), ("Z.txt", newer),
            ]
            for (name, date) in names {
                let url = try Articles.write("T\n\nbody\n", name, in: dir)
                try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: url.path)
            }
            let (files, failures) = FileCollector.collect([dir])
            #expect(failures.isEmpty)
            #expect(
                files.map(\.relativePath) == [
                    "a.txt", "storyaaa1.txt", "storyaaa10.txt", "storyaaa2.txt", "storyaab.txt", "sub/storyaaa0.txt",
                    "z.txt", "é.txt", "0.txt", "Z.txt",
                ])
        }
    }

    @Test func reimportAddsNothing() async throws {
        try await withStore { store, input in
            for seed in 0..<30 {
                try Articles.write(
                    Articles.text(seed: seed), "\(seed)_\(String(repeating: "a", count: 16)).txt", in: input)
            }
            let first = try await store.importFiles([input])
            #expect(first.newArticles == 30)
            #expect(first.failures.isEmpty)
            let before = try await store.stats()
            let second = try await store.importFiles([input])
            #expect(second.unchanged == 30)
            #expect(second.newArticles == 0 && second.newVersions == 0)
            let after = try await store.stats()
            #expect(after.versions == before.versions && after.objects == before.objects)
        }
    }

    @Test func revisedFilesBecomeVersions() async throws {
        try await withStore { store, input in
            let revised = input.appendingPathComponent("../revised").standardizedFileURL
            for seed in 0..<10 {
                let text = Articles.text(seed: seed)
                try Articles.write(text, Articles.exportName(seed, text), in: input)
                let edited = seed % 3 == 0 ? text + "\nUpdate: officials confirmed the figures.\n" : text
                try Articles.write(edited, Articles.exportName(seed, edited), in: revised)
            }
            _ = try await store.importFiles([input])
            let report = try await store.importFiles([revised])
            #expect(report.newVersions == 4)
            #expect(report.unchanged == 6)
            #expect(report.probableKeyCollisions.isEmpty)
            let log = try await store.log(key: "003")
            #expect(log.count == 2)
            #expect(log[0].parents == [log[1].id])
        }
    }

    @Test func badFilesFailWithReasonsAndTheRestImport() async throws {
        try await withStore(configure: { $0.sizeLimit = 4096 }) { store, input in
            try Articles.write(Articles.text(seed: 1), "good.txt", in: input)
            try Articles.write(Data("Title\n\nbad \u{FF}".utf8) + Data([0xC3, 0x28]), "badutf8.txt", in: input)
            try Articles.write(Data(), "empty.txt", in: input)
            try Articles.write("\n\nno title here\n", "notitle.txt", in: input)
            try Articles.write(Data("T\n\n\u{0}".utf8), "nul.txt", in: input)
            try Articles.write(String(repeating: "x", count: 5000), "huge.txt", in: input)
            let missing = input.appendingPathComponent("missing.txt")
            let report = try await store.importFiles([input, missing])
            #expect(report.newArticles == 1)
            let reasons = Dictionary(uniqueKeysWithValues: report.failures.map { ($0.file, $0.reason) })
            #expect(reasons["badutf8.txt"] == "invalid UTF-8 at byte 13")
            #expect(reasons["empty.txt"] == "file is empty")
            #expect(reasons["notitle.txt"] == "no title: the first line is blank")
            #expect(reasons["nul.txt"] == "NUL byte at byte 3")
            #expect(reasons["huge.txt"] == "file is 5000 bytes, over the size limit of 4096 bytes")
            #expect(reasons[missing.path] == "no such file or directory")
            #expect(report.failures.count == 6)
        }
    }

    @Test func namespacesKeepBatchesApart() async throws {
        try await withStore { store, input in
            let text = Articles.text(seed: 9)
            try Articles.write(text, Articles.exportName(1, text), in: input)
            _ = try await store.importFiles([input], options: ImportOptions(namespace: "a"))
            let report = try await store.importFiles([input], options: ImportOptions(namespace: "b"))
            #expect(report.newArticles == 1)
            #expect(report.exactDuplicates.first?.of.key == "a/001")
            #expect(try await store.articles().map(\.key) == ["a/001", "b/001"])
        }
    }

    @Test func byteOrderMarksAndLegacyEncodingsAreRecorded() async throws {
        try await withStore { store, input in
            try Articles.write(Data([0xEF, 0xBB, 0xBF]) + Data("Title\n\nBody\n".utf8), "bom.txt", in: input)
            _ = try await store.importFiles([input])
            let version = try await store.log(key: "bom.txt")[0]
            #expect(version.encoding == "utf-8+bom")
            #expect(try await store.content(version.content) == Data("Title\n\nBody\n".utf8))

            let legacy = input.appendingPathComponent("../legacy").standardizedFileURL
            try Articles.write(Data([0x43, 0x61, 0x66, 0xE9, 0x0A]), "cafe.txt", in: legacy)
            _ = try await store.importFiles([legacy], options: ImportOptions(encoding: .latin1))
            #expect(try await store.log(key: "cafe.txt")[0].title == "Café")
        }
    }

    @Test func largeImportsTrainADictionaryAndStayReadable() async throws {
        try await withStore(configure: {
            $0.batchSize = 100; $0.dictionarySamples = 400
        }) { store, input in
            for seed in 0..<900 { try Articles.write(Articles.text(seed: seed), "\(seed).txt", in: input) }
            let report = try await store.importFiles([input])
            #expect(report.newArticles == 900)
            let stats = try await store.stats()
            #expect(stats.dictionaries == 1)
            let plain = try await store.pool.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM object WHERE codec = ?", arguments: [Codec.zstd.rawValue])
            }
            #expect(plain == 0, "objects stored before the dictionary are recompressed with it")
            #expect(stats.storedBytes < stats.contentBytes / 2)
            let verify = try await store.verify()
            #expect(verify.isHealthy, "\(verify.problems)")
            #expect(verify.objects == 900)
        }
    }
}
