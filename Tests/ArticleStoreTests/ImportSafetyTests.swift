import Foundation
import Testing

@testable import ArticleStore

#if canImport(Glibc)
    import Glibc
#endif

/// Files nobody on the team wrote: links out of the import root, link
/// loops, and names that are not UTF-8.
extension ImportTests {
    @Test func aLinkOutOfTheRootIsRefusedAndNamed() async throws {
        try await withStore { store, input in
            let outside = input.deletingLastPathComponent().appendingPathComponent("outside")
            let secret = try Articles.write("Secret title\n\nnot for the archive\n", "secret.txt", in: outside)
            try Articles.write(Articles.text(seed: 1), "good.txt", in: input)
            try FileManager.default.createSymbolicLink(
                atPath: input.appendingPathComponent("011_x.txt").path, withDestinationPath: secret.path)
            try FileManager.default.createSymbolicLink(
                atPath: input.appendingPathComponent("etc").path, withDestinationPath: outside.path)
            let report = try await store.importFiles([input])
            #expect(report.newArticles == 1)
            #expect(report.files == 3)
            let failed = Dictionary(uniqueKeysWithValues: report.failures.map { ($0.file, $0.reason) })
            #expect(failed["011_x.txt"]?.contains(secret.path) == true)
            #expect(failed["011_x.txt"]?.contains("outside") == true)
            #expect(failed["etc"]?.contains(outside.path) == true)
            let titles = try await store.articles().map(\.title)
            #expect(!titles.contains("Secret title"))
        }
    }

    @Test func linkLoopsEndAndAreReported() async throws {
        try await withStore { store, input in
            try Articles.write(Articles.text(seed: 2), "good.txt", in: input)
            let links = FileManager.default
            try links.createSymbolicLink(atPath: input.appendingPathComponent("up").path, withDestinationPath: ".")
            try links.createSymbolicLink(
                atPath: input.appendingPathComponent("a.txt").path, withDestinationPath: "b.txt")
            try links.createSymbolicLink(
                atPath: input.appendingPathComponent("b.txt").path, withDestinationPath: "a.txt")
            let report = try await store.importFiles([input])
            #expect(report.newArticles == 1)
            #expect(Set(report.failures.map(\.file)) == ["a.txt", "b.txt"])
            #expect(report.failures.allSatisfy { $0.reason.contains("loop") })
            #expect(report.files == 3)
        }
    }

    @Test func aLinkToAFileInTheRootImportsItOnce() async throws {
        try await withStore { store, input in
            try Articles.write(Articles.text(seed: 3), "real.txt", in: input)
            try FileManager.default.createSymbolicLink(
                atPath: input.appendingPathComponent("alias.txt").path, withDestinationPath: "real.txt")
            try FileManager.default.createSymbolicLink(
                atPath: input.appendingPathComponent("again").path, withDestinationPath: input.path)
            let sub = input.appendingPathComponent("sub")
            try Articles.write(Articles.text(seed: 4), "only.txt", in: sub)
            try FileManager.default.createSymbolicLink(
                atPath: input.appendingPathComponent("only-link.txt").path, withDestinationPath: "sub/only.txt")
            let report = try await store.importFiles([input])
            #expect(report.failures.isEmpty)
            #expect(report.newArticles == 2)
            #expect(report.files == 2)
            #expect(Set(try await store.articles().map(\.key)) == ["real.txt", "sub/only.txt"])
        }
    }

    @Test func aNameThatIsNotUTF8IsAFailureAndTheCountsAddUp() async throws {
        try await withStore { store, input in
            try Articles.write(Articles.text(seed: 5), "one.txt", in: input)
            try Articles.write(Articles.text(seed: 6), "two.txt", in: input)
            let name = Array(input.path.utf8) + Array("/".utf8) + [0xFF, 0xFE] + Array(".txt".utf8) + [0]
            let fd = name.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) }
            }
            #expect(fd >= 0)
            let text = Array(Articles.text(seed: 7).utf8)
            #expect(write(fd, text, text.count) == text.count)
            close(fd)
            let report = try await store.importFiles([input])
            #expect(report.newArticles == 2)
            #expect(report.failures.map(\.file) == ["\\xff\\xfe.txt"])
            #expect(report.files == report.newArticles + report.failures.count)
        }
    }

    @Test func aFileNamedThatIsNotRegularIsRefused() async throws {
        try await withStore { store, input in
            let fifo = input.appendingPathComponent("pipe.txt").path
            #expect(mkfifo(fifo, 0o644) == 0)
            let report = try await store.importFiles([URL(fileURLWithPath: fifo)])
            #expect(report.failures.map(\.file) == [fifo])
            #expect(report.newArticles == 0)
        }
    }

    @Test func namesForMessagesEscapeBytesThatAreNotUTF8() {
        #expect(FileCollector.display(Array("plain.txt".utf8)) == "plain.txt")
        #expect(FileCollector.display([0x61, 0xFF, 0x62, 0xC3]) == "a\\xffb\\xc3")
        #expect(FileCollector.display(Array("é".utf8) + [0x80]) == "é\\x80")
    }
}

extension ImportTests {
    @Test func aPipeInAFolderIsAFailureNotAHang() async throws {
        try await withStore { store, input in
            try Articles.write(Articles.text(seed: 8), "good.txt", in: input)
            #expect(mkfifo(input.appendingPathComponent("pipe.txt").path, 0o644) == 0)
            let report = try await store.importFiles([input])
            #expect(report.newArticles == 1)
            #expect(report.failures.map(\.file) == ["pipe.txt"])
        }
    }
}
