import Foundation
import Testing

@testable import ArticleStore

@Suite("Export")
struct ExportTests {
    func files(_ directory: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            result[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return result
    }

    @Test func namesAreNumbersAndContentHashesAtTheWidthImported() async throws {
        try await withStore { store, input in
            let text = Articles.text(seed: 4)
            try Articles.write(text, "000004_0123456789abcdef.txt", in: input)
            try Articles.write(Articles.text(seed: 5), "loose.txt", in: input)
            _ = try await store.importFiles([input])
            let out = input.appendingPathComponent("../out").standardizedFileURL
            let report = try await store.export(to: out)
            #expect(report.files == 2)
            var written = try files(out)
            let keys = try #require(written["artstore-keys.json"])
            written["artstore-keys.json"] = nil
            #expect(
                written[ArticleStore.exportName(number: 4, content: ObjectID.hashing(Data(text.utf8)), width: 6)]
                    == Data(text.utf8))
            for (name, bytes) in written {
                #expect(name.dropFirst(7).prefix(16) == ObjectID.hashing(bytes).short)
            }
            let loose = "000005_" + ObjectID.hashing(Data(Articles.text(seed: 5).utf8)).short + ".txt"
            #expect(written.keys.contains(loose))
            let list = try JSONDecoder().decode(ExportKeys.self, from: keys)
            #expect(list.keys == [loose: "loose.txt"])
        }
    }

    @Test func exportImportExportIsStable() async throws {
        try await withTemporaryDirectory { dir in
            let input = dir.appendingPathComponent("in")
            for seed in [0, 2, 17, 1234] {
                let text = Articles.text(seed: seed)
                try Articles.write(text, "\(seed)_\(ObjectID.hashing(Data(text.utf8)).short).txt", in: input)
            }
            let first = try ArticleStore(at: dir.appendingPathComponent("s1"))
            _ = try await first.importFiles([input])
            _ = try await first.export(to: dir.appendingPathComponent("e1"))
            let second = try ArticleStore(at: dir.appendingPathComponent("s2"))
            _ = try await second.importFiles([dir.appendingPathComponent("e1")])
            _ = try await second.export(to: dir.appendingPathComponent("e2"))
            let one = try files(dir.appendingPathComponent("e1"))
            #expect(one.count == 4)
            #expect(one == (try files(dir.appendingPathComponent("e2"))))
            #expect(one.keys.sorted().first?.hasPrefix("000_") == true)
            #expect(one.keys.contains { $0.hasPrefix("1234_") })
        }
    }

    @Test func allVersionsReplayInOrder() async throws {
        try await withTemporaryDirectory { dir in
            let first = try ArticleStore(at: dir.appendingPathComponent("s1"))
            let texts = (1...3).map { Articles.text(seed: 8, paragraphs: $0) }
            for text in texts {
                _ = try await first.put(Data(text.utf8), key: "008", metadata: ArticleMetadata(number: 8))
                try await Task.sleep(for: .milliseconds(20))
            }
            let out = dir.appendingPathComponent("all")
            #expect(try await first.export(to: out, options: ExportOptions(allVersions: true)).files == 3)
            let second = try ArticleStore(at: dir.appendingPathComponent("s2"))
            _ = try await second.importFiles([out])
            let log = try await second.log(key: "008")
            #expect(log.count == 3)
            #expect(try await second.content(log[0].content) == Data(texts[2].utf8))
        }
    }
}

extension ExportTests {
    @Test func exportNeverWritesThroughALinkInTheFolder() async throws {
        try await withStore { store, input in
            let text = Articles.text(seed: 9)
            try Articles.write(text, Articles.exportName(9, text), in: input)
            _ = try await store.importFiles([input])
            let root = input.deletingLastPathComponent()
            let victim = try Articles.write("keep me\n", "victim.txt", in: root.appendingPathComponent("elsewhere"))
            let out = root.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let name = Articles.exportName(9, text)
            try FileManager.default.createSymbolicLink(
                atPath: out.appendingPathComponent(name).path, withDestinationPath: victim.path)
            let report = try await store.export(to: out)
            #expect(report.files == 1)
            #expect(try String(contentsOf: victim, encoding: .utf8) == "keep me\n")
            let attributes = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(name).path)
            #expect(attributes[.type] as? FileAttributeType == .typeRegular)
            #expect(try files(out) == [name: Data(text.utf8)])
        }
    }
}
