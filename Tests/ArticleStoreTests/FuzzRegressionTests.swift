import Foundation
import Testing

@_spi(Fuzzing) @testable import ArticleStore

/// Replays the fuzzers' committed inputs (Fuzz/Corpus: seeds; Fuzz/Regressions:
/// inputs that once found a bug) through the same entry points, so that a
/// fixed bug stays fixed without a fuzzing build.
@Suite("Fuzz corpora and regressions")
struct FuzzRegressionTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func inputs(_ kind: String, _ target: String) throws -> [(String, [UInt8])] {
        let folder = fuzzFolder.appendingPathComponent(kind).appendingPathComponent(target)
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            ("\(kind)/\(target)/\($0)", [UInt8](try Data(contentsOf: folder.appendingPathComponent($0))))
        }
    }

    @Test(arguments: FuzzEntryPoints.names)
    func committedInputsRunCleanly(target: String) throws {
        let seeds = try Self.inputs("Corpus", target)
        #expect(!seeds.isEmpty, "Fuzz/Corpus/\(target) has no seeds: run scripts/fuzz.sh seeds")
        for (_, bytes) in try seeds + Self.inputs("Regressions", target) {
            FuzzEntryPoints.run(target, bytes)
        }
    }

    @Test(arguments: FuzzEntryPoints.names)
    func seedsAreValidInputs(target: String) throws {
        let seeds = FuzzEntryPoints.seeds(target)
        #expect(!seeds.isEmpty)
        for seed in seeds {
            switch target {
            case "pack": if seed == seeds[0] { _ = try Pack.decode(seed, sizeLimit: 1 << 20) }
            case "sync-request": _ = try SyncRequest(decoding: seed)
            case "sync-response": _ = try SyncResponse(decoding: seed)
            case "version-record": _ = try VersionRecord(parsing: seed, id: ObjectID.hashing(seed))
            case "xml":
                if let first = seed.first, first < 0x20 {
                    let charset = FuzzEntryPoints.legacyCharsets[Int(first) % FuzzEntryPoints.legacyCharsets.count]
                    _ = try FeedParser.parse(Array(seed.dropFirst()), documentURL: nil, charset: charset)
                } else if seed.starts(with: Array("<opml".utf8)) {
                    #expect(try !OPML.subscriptions(in: Data(seed), source: "seed").isEmpty)
                } else {
                    _ = try FeedParser.parse(seed, documentURL: nil)
                }
            case "json": _ = try JSONReader.parse(SourceText(seed))
            case "feed-date": #expect(FeedDates.parse(String(decoding: seed, as: UTF8.self)) != nil)
            case "text": _ = try ArticleText.decode(seed, encoding: .windows1252, sizeLimit: 1 << 20, subject: "seed")
            default: FuzzEntryPoints.run(target, seed)
            }
        }
    }

    /// Found by the feed-date target: a year this large overflowed the day count.
    @Test func aHugeYearIsNotADate() {
        #expect(FeedDates.parse(" 1 Jun 0500000000000000001 0:+0") == nil)
        #expect(FeedDates.parse("1 Jun 9999 00:00 +0000") != nil)
    }
}
