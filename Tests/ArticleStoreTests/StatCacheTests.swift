import Foundation
import GRDB
import Testing

@testable import ArticleStore

/// The stat cache: a re-import does not read files whose size, times and
/// inode are those recorded when they were last read, unless they are racy
/// or their content is no longer a head of their key.
@Suite("Import: stat cache")
struct StatCacheTests {
    /// Writes three articles, then waits until their times are no longer racy.
    static func writeArticles(in input: URL, settle: Bool = true) async throws -> [URL] {
        let files = try (0..<3).map { seed in
            try Articles.write(
                Articles.text(seed: seed), "00\(seed)_\(String(repeating: "a", count: 16)).txt", in: input)
        }
        if settle { try await Task.sleep(for: .milliseconds(1_200)) }
        return files
    }

    @Test func unchangedFilesAreNotReadAgain() async throws {
        try await withStore { store, input in
            _ = try await Self.writeArticles(in: input)
            let first = try await store.importFiles([input])
            #expect(first.newArticles == 3 && first.statCached == 0)
            let second = try await store.importFiles([input])
            #expect(second.unchanged == 3 && second.statCached == 3)
            #expect(second.newArticles == 0 && second.newVersions == 0 && second.failures.isEmpty)
            var rehash = ImportOptions()
            rehash.rehash = true
            let reread = try await store.importFiles([input], options: rehash)
            #expect(reread.unchanged == 3 && reread.statCached == 0)
            // Another encoding would read other bytes: the cache does not answer for it.
            let latin1 = try await store.importFiles([input], options: ImportOptions(encoding: .latin1))
            #expect(latin1.statCached == 0 && latin1.unchanged == 3)
        }
    }

    @Test func entriesSurviveTheMoveToRecordingOrder() throws {
        let queue = try DatabaseQueue()
        try StoreSchema.migrator.migrate(queue, upTo: "v7-stat-cache")
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO object (hash, size, fingerprint, codec, data) VALUES (zeroblob(32), 0, 0, 0, x'')")
            try db.execute(
                sql: """
                    INSERT INTO file_stat (id, size, modified, changed, device, inode, encoding, content, recorded)
                    VALUES (-42, 7, 1, 2, 3, 4, 'utf-8', 1, 9), (42, 8, 1, 2, 3, 5, 'utf-8', 1, 5)
                    """)
        }
        try StoreSchema.migrator.migrate(queue)
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT id, path_key, size, inode, recorded FROM file_stat ORDER BY id")
        }
        #expect(
            rows.map { [$0[0], $0[1], $0[2], $0[3], $0[4]] as [Int64] } == [[1, 42, 8, 5, 5], [2, -42, 7, 4, 9]])
    }

    @Test func aChangedFileIsReadEvenWithItsOldSizeAndTime() async throws {
        try await withStore { store, input in
            let files = try await Self.writeArticles(in: input)
            _ = try await store.importFiles([input])
            let attributes = try FileManager.default.attributesOfItem(atPath: files[0].path)
            let original = try Data(contentsOf: files[0])
            // The same length, another byte, the old modification time put back.
            var edited = original
            edited[0] = edited[0] == UInt8(ascii: "X") ? UInt8(ascii: "Y") : UInt8(ascii: "X")
            try edited.write(to: files[0])
            try FileManager.default.setAttributes(
                [.modificationDate: attributes[.modificationDate]!], ofItemAtPath: files[0].path)
            let second = try await store.importFiles([input])
            #expect(second.newVersions == 1 && second.statCached == 2)
        }
    }

    @Test func aFileWhoseContentIsNoLongerTheHeadIsRead() async throws {
        try await withStore { store, input in
            _ = try await Self.writeArticles(in: input)
            _ = try await store.importFiles([input])
            _ = try await store.put(Data("Edited elsewhere\n\nAnother text.\n".utf8), key: "000")
            // As without the cache: the file's text becomes the head again.
            let second = try await store.importFiles([input])
            #expect(second.newVersions == 1 && second.statCached == 2 && second.unchanged == 2)
            #expect(try await store.log(key: "000").first?.title != "Edited elsewhere")
        }
    }

    /// Identical texts share one content: that it is still another key's
    /// head does not vouch for this key's file.
    @Test func aContentStillHeadOfAnotherKeyDoesNotVouch() async throws {
        try await withStore { store, input in
            let text = Articles.text(seed: 7)
            for number in ["000", "001"] {
                try Articles.write(text, "\(number)_\(String(repeating: "b", count: 16)).txt", in: input)
            }
            try await Task.sleep(for: .milliseconds(1_200))
            _ = try await store.importFiles([input])
            _ = try await store.put(Data("Edited elsewhere\n\nAnother text.\n".utf8), key: "000")
            let second = try await store.importFiles([input])
            #expect(second.newVersions == 1 && second.statCached == 1 && second.unchanged == 1)
            #expect(try await store.log(key: "000").first?.title != "Edited elsewhere")
        }
    }

    /// Two files with one key, the second recorded as the head: when the
    /// first makes a new head, in a batch before, the second is read and
    /// written back, as without the cache.
    @Test func aKeyTwoFilesShareIsReadAfterTheOtherChangesIt() async throws {
        try await withStore(configure: { $0.batchSize = 1 }) { store, input in
            let start = Date(timeIntervalSince1970: 1_700_000_000)
            func write(_ text: String, _ name: String, at seconds: Double) throws {
                let url = try Articles.write(text, name, in: input)
                try FileManager.default.setAttributes(
                    [.modificationDate: start.addingTimeInterval(seconds)], ofItemAtPath: url.path)
            }
            try write("Alpha title\n\nThe first text.\n", "b/000_\(String(repeating: "b", count: 16)).txt", at: 20)
            try write(Articles.text(seed: 9), "filler.txt", at: 10)
            try await Task.sleep(for: .milliseconds(1_200))
            _ = try await store.importFiles([input])
            // Older, so first: a new head for 000 before the recorded file.
            try write("Beta title\n\nThe second text.\n", "a/000_\(String(repeating: "a", count: 16)).txt", at: 0)
            let again = try await store.importFiles([input])
            #expect(again.statCached == 1 && again.newVersions == 2, "\(again)")
            #expect(try await store.log(key: "000").first?.title == "Alpha title")
        }
    }

    @Test func racyFilesAreReadAgain() async throws {
        try await withStore { store, input in
            let files = try await Self.writeArticles(in: input, settle: false)
            // Modified as the first import reads them, however long it takes
            // to start on a loaded machine: a time ahead of the clock stays
            // within the second before the read.
            for file in files {
                try FileManager.default.setAttributes(
                    [.modificationDate: Date().addingTimeInterval(120)], ofItemAtPath: file.path)
            }
            _ = try await store.importFiles([input])
            // Modified less than a second before they were read: not trusted.
            let second = try await store.importFiles([input])
            #expect(second.unchanged == 3 && second.statCached == 0)
        }
    }

    @Test func entriesNeedEveryStatField() {
        let file = ImportFile(
            path: "/a/000.txt", relativePath: "000.txt", modified: 10, changed: 20, size: 5, device: 1, inode: 2)
        let content: Int64 = 7
        let entry = StatCache.Entry(
            size: 5, modified: 10, changed: 20, device: 1, inode: 2, encoding: "utf-8", content: content,
            recorded: 20 + StatCache.racyMargin + 1)
        #expect(StatCache.content(of: file, in: entry, encoding: .utf8) == content)
        #expect(StatCache.content(of: file, in: nil, encoding: .utf8) == nil)
        #expect(StatCache.content(of: file, in: entry, encoding: .latin1) == nil)
        var racy = entry
        racy.recorded = 20 + StatCache.racyMargin
        #expect(StatCache.content(of: file, in: racy, encoding: .utf8) == nil)
        for change in [
            { (e: inout StatCache.Entry) in e.size += 1 }, { $0.modified += 1 }, { $0.changed += 1 },
            { $0.device += 1 }, { $0.inode += 1 },
        ] {
            var other = entry
            change(&other)
            #expect(StatCache.content(of: file, in: other, encoding: .utf8) == nil)
        }
    }
}
