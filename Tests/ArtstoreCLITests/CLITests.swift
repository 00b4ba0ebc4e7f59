import ArticleStore
import Foundation
import GRDB
import Testing

@Suite("artstore command line")
struct CLITests {
    @Test func seedsRoundTrip() async throws {
        try await withTemporaryDirectory { dir in
            let imported = try await CLI.run(["import", CLI.seeds.path], in: dir)
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(imported.stdout.contains("new articles            2"))
            #expect(imported.stderr.contains("Created store at"))

            let exported = try await CLI.run(["export", "out"], in: dir)
            #expect(exported.status == 0)
            let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path)
                .sorted()
            #expect(names.count == 2)
            #expect(names[0].hasPrefix("000_") && names[1].hasPrefix("002_"))
            for name in names {
                let bytes = try Data(contentsOf: dir.appendingPathComponent("out/\(name)"))
                #expect(name == "\(name.prefix(3))_\(ObjectID.hashing(bytes).short).txt")
                let seed = try FileManager.default.contentsOfDirectory(atPath: CLI.seeds.path).first {
                    $0.hasPrefix(name.prefix(4))
                }!
                #expect(bytes == (try Data(contentsOf: CLI.seeds.appendingPathComponent(seed))))
            }

            let again = try await CLI.run(["import", "--json", CLI.seeds.path], in: dir)
            let report = try JSONDecoder().decode(ImportReport.self, from: Data(again.stdout.utf8))
            #expect(report.unchanged == 2 && report.newArticles == 0)

            let log = try await CLI.run(["log", "000", "--json"], in: dir)
            #expect(log.status == 0)
            #expect(log.stdout.contains("\"title\" : \"Assad, Russia Close to Victory in Aleppo\""))
            let list = try await CLI.run(["list", "--json"], in: dir)
            #expect(list.stdout.contains("\"key\" : \"002\""))
            let search = try await CLI.run(["search", "rebels"], in: dir)
            #expect(search.status == 0 && search.stdout.lowercased().contains("[rebels]"))
            #expect(try await CLI.run(["verify"], in: dir).stdout.hasPrefix("ok: 2 objects"))
        }
    }

    @Test func exitCodesMatchTheREADME() async throws {
        try await withTemporaryDirectory { dir in
            #expect(try await CLI.run(["list"], in: dir).status == 3)  // no store yet
            try await CLI.run(["import", CLI.seeds.path], in: dir)
            let missing = try await CLI.run(["show", "no-such-key"], in: dir)
            #expect(missing.status == 3)
            #expect(missing.stderr.contains("no-such-key"))
            let short = try await CLI.run(["show", "abc"], in: dir)
            #expect(short.status == 2)
            #expect(short.stderr.contains("at least 8 hex digits"))
            #expect(try await CLI.run(["search", "aleppo AND ("], in: dir).status == 2)
            #expect(try await CLI.run(["diff", "000", "12345678"], in: dir).status == 64)

            try Data("Title\n\nfine\n".utf8).write(to: dir.appendingPathComponent("good.txt"))
            try Data([0x54, 0x0A, 0x0A, 0xFF]).write(to: dir.appendingPathComponent("bad.txt"))
            let partial = try await CLI.run(["import", "good.txt", "bad.txt"], in: dir)
            #expect(partial.status == 1)
            #expect(partial.stdout.contains("bad.txt: invalid UTF-8 at byte 3"))
            #expect(try await CLI.run(["show", "good.txt", "--raw"], in: dir).stdout == "Title\n\nfine\n")
        }
    }

    @Test func diffIsPlainWhenPiped() async throws {
        try await withTemporaryDirectory { dir in
            try Data("Title\n\nThe cat sat.\n".utf8).write(to: dir.appendingPathComponent("a.txt"))
            try await CLI.run(["import", "a.txt"], in: dir)
            try Data("Title\n\nThe dog sat.\n".utf8).write(to: dir.appendingPathComponent("a.txt"))
            try await CLI.run(["import", "a.txt"], in: dir)
            let diff = try await CLI.run(["diff", "a.txt"], in: dir)
            #expect(diff.stdout.contains("The [-cat-]{+dog+} sat."))
            #expect(!diff.stdout.contains("\u{1B}["))
        }
    }

    @Test func verifyFailsOnAFlippedByte() async throws {
        try await withTemporaryDirectory { dir in
            try await CLI.run(["import", CLI.seeds.path], in: dir)
            let pool = try DatabasePool(path: dir.appendingPathComponent(".artstore/store.sqlite").path)
            try await pool.write { db in
                var data = try Data.fetchOne(db, sql: "SELECT data FROM object WHERE id = 1")!
                data[data.count / 3] ^= 0x04
                try db.execute(sql: "UPDATE object SET data = ? WHERE id = 1", arguments: [data])
            }
            try pool.close()
            let verify = try await CLI.run(["verify"], in: dir)
            #expect(verify.status == 1)
            #expect(verify.stdout.contains("problem: object "))
        }
    }

    @Test func killedImportLeavesAValidStoreAndResumes() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("artstore-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let total = 4000
        try writeArticles(total, into: dir.appendingPathComponent("in"))
        // The import logs each committed batch to a pipe that is no longer
        // read once the first one shows: with 2,000 batches of about 100
        // bytes of log each, the full pipe stops the import long before its
        // end, however the machine schedules the two processes.
        let process = CLI.process(["import", "--batch-size", "2", "in"], in: dir)
        process.environment?["ARTSTORE_LOG_LEVEL"] = "debug"
        let log = Pipe()
        process.standardError = log
        try process.run()
        let reader = log.fileHandleForReading
        let read = try await offPool {
            var read = ""
            while !read.contains("import batch committed") {
                let chunk = reader.availableData
                guard !chunk.isEmpty else { break }
                read += String(decoding: chunk, as: UTF8.self)
            }
            return read
        }
        kill(process.processIdentifier, SIGKILL)
        try await offPool { process.waitUntilExit() }
        #expect(read.contains("import batch committed"), "\(read)")
        #expect(process.terminationReason == .uncaughtSignal, "the import ended before it could be killed")

        let verify = try await CLI.run(["verify"], in: dir)
        #expect(verify.status == 0, "\(verify.stdout)")
        let stats = try await CLI.run(["stats", "--json"], in: dir)
        let afterKill = try JSONDecoder().decode(StoreStats.self, from: Data(stats.stdout.utf8))
        #expect(afterKill.articles > 0 && afterKill.articles < total)
        #expect(afterKill.articles % 2 == 0, "only whole batches are committed")

        let resumed = try await CLI.run(["import", "--json", "in"], in: dir)
        #expect(resumed.status == 0)
        let report = try JSONDecoder().decode(ImportReport.self, from: Data(resumed.stdout.utf8))
        #expect(report.unchanged == afterKill.articles)
        #expect(report.newArticles == total - afterKill.articles)
        #expect(try await CLI.run(["verify"], in: dir).status == 0)
    }

    @Test func concurrentImportsBothSucceed() async throws {
        try await withTemporaryDirectory { dir in
            try writeArticles(1200, into: dir.appendingPathComponent("a"))
            try writeArticles(1200, into: dir.appendingPathComponent("b"), offset: 5000)
            let first = try CLI.start(["import", "--batch-size", "40", "a"], in: dir)
            let second = try CLI.start(["import", "--batch-size", "40", "b"], in: dir)
            try await offPool {
                first.waitUntilExit()
                second.waitUntilExit()
            }
            #expect(first.terminationStatus == 0)
            #expect(second.terminationStatus == 0)
            let stats = try await CLI.run(["stats", "--json"], in: dir)
            #expect(try JSONDecoder().decode(StoreStats.self, from: Data(stats.stdout.utf8)).articles == 2400)
            #expect(try await CLI.run(["verify"], in: dir).status == 0)
        }
    }
}
