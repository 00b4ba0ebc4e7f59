import ArticleStore
import Foundation
import Testing

/// The output of one run of the `artstore` binary.
struct RunResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs the built `artstore` binary, as a user would.
enum CLI {
    /// The binary: `$ARTSTORE_BIN`, or `artstore` beside the test bundle.
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["ARTSTORE_BIN"] { return URL(fileURLWithPath: path) }
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("artstore")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL.appendingPathComponent("artstore")
    }()

    /// A process that runs `artstore` with `arguments` in `directory`, with
    /// `$ARTSTORE_PATH` cleared so the default store location applies.
    static func process(_ arguments: [String], in directory: URL) -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "ARTSTORE_PATH")
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return process
    }

    /// Starts `artstore` with `arguments` in `directory` without waiting for it.
    static func start(_ arguments: [String], in directory: URL) throws -> Process {
        let process = process(arguments, in: directory)
        try process.run()
        return process
    }

    /// Runs `artstore` with `arguments` in `directory` and waits for it.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL) throws -> RunResult {
        let out = directory.appendingPathComponent(".out-\(UUID().uuidString)")
        let err = directory.appendingPathComponent(".err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        let process = process(arguments, in: directory)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return RunResult(
            status: process.terminationStatus,
            stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8))
    }

    /// Runs `artstore` as ``run(_:in:)`` does, waiting on a Dispatch thread.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL) async throws -> RunResult {
        try await offPool { try run(arguments, in: directory) }
    }

    /// The package's `seeds/` folder.
    static let seeds = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("seeds")
}

/// Runs blocking work (waiting for a process, reading its pipe) on a
/// Dispatch thread. Swift Testing runs tests on the cooperative pool, one
/// thread per core: two tests blocked in `waitUntilExit` on a 2-core machine
/// stalled every async test in the process until one of them ended.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}

func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("artstore-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("artstore-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try await body(url)
}

/// Writes `count` generated articles named `NNN_<hash16>.txt` into `directory`.
func writeArticles(_ count: Int, into directory: URL, offset: Int = 0) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let words =
        "the council said talks would resume after weeks of delay while aid groups warned of shortages in the city"
        .split(separator: " ")
    for index in offset..<(offset + count) {
        var lines = ["Report number \(index) on the council talks", ""]
        for paragraph in 0..<6 {
            lines.append(
                (0..<40).map { words[($0 * 7 + index * 13 + paragraph) % words.count] }.joined(separator: " ")
                    + " \(index).")
            lines.append("")
        }
        let data = Data(lines.joined(separator: "\n").utf8)
        let name = String(format: "%06d_", index) + ObjectID.hashing(data).short + ".txt"
        try data.write(to: directory.appendingPathComponent(name))
    }
}
