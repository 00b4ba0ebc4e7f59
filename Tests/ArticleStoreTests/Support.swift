import Foundation
import GRDB
import Testing

@testable import ArticleStore

/// A fresh directory for one test, removed afterwards.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("artstore-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try await body(url)
}

/// A store in a fresh directory, and that directory for input files.
func withStore<T>(
    configure: (inout ArticleStore.Configuration) -> Void = { _ in },
    _ body: (ArticleStore, URL) async throws -> T
) async throws -> T {
    try await withTemporaryDirectory { dir in
        var configuration = ArticleStore.Configuration()
        configure(&configuration)
        let store = try ArticleStore(at: dir.appendingPathComponent("store"), configuration: configuration)
        let input = dir.appendingPathComponent("input")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        return try await body(store, input)
    }
}

/// Deterministic article text: a title line, a blank line, paragraphs.
enum Articles {
    static let words = """
        the minister said on tuesday that talks with rebel leaders would resume after a pause of several
        weeks while aid groups warned that supplies in the northern city were running low and prices for
        bread fuel and medicine had doubled since the siege began officials in the capital denied reports
        of new strikes near the old market and the central bank announced a plan to steady the currency
        parliament voted late at night on a budget that opposition members called reckless farmers
        protested outside the ministry over water rights and a court delayed its ruling on the election
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    static func text(seed: Int, paragraphs: Int = 4, title: String? = nil) -> String {
        var state = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next() -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(words.count))
        }
        func sentence(_ length: Int) -> String {
            let body = (0..<length).map { _ in words[next()] }.joined(separator: " ")
            return body.prefix(1).uppercased() + body.dropFirst()
        }
        let heading = title ?? sentence(6) + " \(seed)"
        let body = (0..<paragraphs).map { _ in (0..<3).map { _ in sentence(12) + "." }.joined(separator: " ") }
        return heading + "\n\n" + body.joined(separator: "\n\n") + "\n"
    }

    /// Writes `text` as `name` in `directory`.
    @discardableResult
    static func write(_ text: String, _ name: String, in directory: URL) throws -> URL {
        try write(Data(text.utf8), name, in: directory)
    }

    @discardableResult
    static func write(_ bytes: Data, _ name: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: url)
        return url
    }

    /// The `NNN_<hash16>.txt` name of `text` with article number `number`.
    static func exportName(_ number: Int, _ text: String) -> String {
        ArticleStore.exportName(number: number, content: ObjectID.hashing(Data(text.utf8)))
    }
}

/// A small deterministic generator (xorshift), so that a failing mix can be
/// replayed from its seed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
    mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// Counts the commits that inserted versions.
final class VersionCommits: TransactionObserver, @unchecked Sendable {
    private(set) var count = 0
    private var inserted = false

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        if case .insert(tableName: "version") = eventKind { return true }
        return false
    }

    func databaseDidChange(with event: DatabaseEvent) { inserted = true }

    func databaseDidCommit(_ db: Database) {
        if inserted { count += 1 }
        inserted = false
    }

    func databaseDidRollback(_ db: Database) { inserted = false }
}
