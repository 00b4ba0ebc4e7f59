// make-corpus: a deterministic, synthetic news-article corpus for benchmarks.
//
//   make-corpus bench  --out DIR [--n 100000] [--seed 1] [--force]
//   make-corpus revise --src DIR --out DIR [--rate 0.1] [--seed 2] [--force]
//   make-corpus neardup --out DIR [--stories 300] [--seed 3] [--footer-only-pairs 20] [--force]
//   make-corpus sha256 FILE...          (sha256sum-style output; self-check)
//   make-corpus vocab                   (vocabulary size and topics)
//
// bench writes N distinct articles named NNNNNN_<first 16 hex of SHA-256>.txt:
// a title line, a blank line, paragraphs separated by blank lines, final
// newline. revise copies a corpus and edits a fraction of its articles (an
// edited article keeps its ordinal and gets a new hash in its name). neardup
// writes a labeled near-duplicate set (see NearDup.swift) with labels.json.
// Output is byte-identical for the same arguments.

import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - Small utilities

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// A raw pointer shared by worker threads that write disjoint slots.
struct SharedSlots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
    let count: Int
    init(count: Int, initial: T) {
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: initial, count: max(count, 1))
        self.count = count
    }
    subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
    func toArray() -> [T] { Array(UnsafeBufferPointer(start: base, count: count)) }
    func free() { base.deallocate() }
}

/// First error raised by any worker.
final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: String?
    func set(_ e: String) { lock.lock(); if error == nil { error = e }; lock.unlock() }
    var value: String? { lock.lock(); defer { lock.unlock() }; return error }
}

func writeFile(_ path: String, _ data: Bytes) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw CLIError("cannot create \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    try data.withUnsafeBytes { p in
        var off = 0
        while off < p.count {
            let n = write(fd, p.baseAddress! + off, p.count - off)
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError("write \(path): \(String(cString: strerror(errno)))")
            }
            off += n
        }
    }
}

func readFile(_ path: String) throws -> Bytes {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw CLIError("cannot open \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    var out = Bytes()
    var chunk = Bytes(repeating: 0, count: 65536)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, 65536) }
        if n < 0 {
            if errno == EINTR { continue }
            throw CLIError("read \(path): \(String(cString: strerror(errno)))")
        }
        if n == 0 { break }
        out.append(contentsOf: chunk[0..<n])
    }
    return out
}

func hash16(_ data: Bytes) -> String { String(SHA256.hex(SHA256.digest(data)).prefix(16)) }

func padded(_ n: Int, width: Int = 6) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// Prepares an output directory: creates it, refuses a non-empty one unless
/// `force`, in which case earlier corpus files (*.txt) are removed.
func prepareOutput(_ dir: String, force: Bool) throws {
    let fm = FileManager.default
    var isDir: ObjCBool = false
    if fm.fileExists(atPath: dir, isDirectory: &isDir) {
        guard isDir.boolValue else { throw CLIError("\(dir) exists and is not a directory") }
        let entries = try fm.contentsOfDirectory(atPath: dir)
        if !entries.isEmpty {
            guard force else { throw CLIError("\(dir) is not empty (use --force to replace its .txt files)") }
            for e in entries where e.hasSuffix(".txt") { try fm.removeItem(atPath: dir + "/" + e) }
        }
    } else {
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// Worker threads (MAKE_CORPUS_THREADS overrides; output does not depend on it).
func workerCount() -> Int {
    if let s = ProcessInfo.processInfo.environment["MAKE_CORPUS_THREADS"], let n = Int(s), n > 0 { return n }
    return max(1, ProcessInfo.processInfo.activeProcessorCount)
}

func fmt(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }

func median(_ xs: [Int]) -> Int {
    guard !xs.isEmpty else { return 0 }
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

// MARK: - Arguments

struct Args {
    var positional: [String] = []
    var options: [String: String] = [:]
    var flags: Set<String> = []

    init(_ argv: ArraySlice<String>, flagNames: Set<String>) throws {
        var it = argv.makeIterator()
        while let a = it.next() {
            if a.hasPrefix("--") {
                var name = String(a.dropFirst(2))
                if let eq = name.firstIndex(of: "=") {
                    options[String(name[..<eq])] = String(name[name.index(after: eq)...])
                    continue
                }
                if flagNames.contains(name) { flags.insert(name); continue }
                guard let value = it.next() else { throw CLIError("missing value for --\(name)") }
                options[name] = value
                name = ""
            } else {
                positional.append(a)
            }
        }
    }

    func int(_ name: String, _ def: Int) throws -> Int {
        guard let s = options[name] else { return def }
        guard let v = Int(s.replacingOccurrences(of: "_", with: "")), v >= 0 else {
            throw CLIError("--\(name) expects a non-negative integer, got \(s)")
        }
        return v
    }

    func double(_ name: String, _ def: Double) throws -> Double {
        guard let s = options[name] else { return def }
        guard let v = Double(s) else { throw CLIError("--\(name) expects a number, got \(s)") }
        return v
    }

    func string(_ name: String) throws -> String {
        guard let s = options[name], !s.isEmpty else { throw CLIError("--\(name) DIR is required") }
        return s
    }

    func check(known: Set<String>) throws {
        for k in options.keys where !known.contains(k) { throw CLIError("unknown option --\(k)") }
    }
}

let usage = """
    usage:
      make-corpus bench  --out DIR [--n 100000] [--seed 1] [--force]
      make-corpus revise --src DIR --out DIR [--rate 0.1] [--seed 2] [--force]
      make-corpus neardup --out DIR [--stories 300] [--seed 3] [--variants 6] [--footer-only-pairs 20]
                          [--sentence-footer-pairs 20] [--force]
      make-corpus sha256 FILE...
      make-corpus vocab

    bench   writes N distinct synthetic news articles to DIR as NNNNNN_<hash16>.txt
    revise  copies SRC to OUT, editing a fraction RATE of the articles
    neardup writes STORIES stories, each followed by VARIANTS near-duplicate copies,
            plus pairs of different short stories sharing one site footer (and pairs
            sharing a sentence as well), as
            NNNNN_<hash16>.txt, and DIR/labels.json {"clusters": [[file, ...], ...]}
    --force replaces the .txt files of a non-empty output directory
    """

// MARK: - bench

/// Article size target: log-normal (median ~1.85 KB before the last paragraph
/// overshoots it, ~2 KB after), clamped to 0.38–7.6 KB (files end up 0.4–8 KB).
func targetSize(_ rng: inout SplitMix64) -> Int {
    let x = exp(log(1850.0) + 0.62 * rng.normal())
    return Int(min(max(x, 380), 7600))
}

func makeArticle(_ vocab: Vocab, seed: UInt64, ordinal: Int, salt: UInt64) -> Bytes {
    var rng = SplitMix64(seed: seed, index: UInt64(ordinal), salt: salt)
    let target = targetSize(&rng)
    var g = Generator(vocab: vocab, rng: SplitMix64(seed: rng.next()))
    return g.article(targetBytes: target)
}

func bench(_ args: Args) throws {
    try args.check(known: ["out", "n", "seed"])
    let out = try args.string("out")
    let n = try args.int("n", 100_000)
    let seed = UInt64(try args.int("seed", 1))
    try prepareOutput(out, force: args.flags.contains("force"))

    let clock = ContinuousClock.now
    let vocab = Vocab()
    let digests = SharedSlots<(UInt64, UInt64, UInt64, UInt64)>(count: n, initial: (0, 0, 0, 0))
    let sizes = SharedSlots<Int>(count: n, initial: 0)
    defer { digests.free(); sizes.free() }
    let failure = ErrorBox()
    let chunks = min(max(n, 1), workerCount())

    @Sendable func emit(_ i: Int, salt: UInt64) throws -> (UInt64, UInt64, UInt64, UInt64) {
        let text = makeArticle(vocab, seed: seed, ordinal: i, salt: salt)
        let d = SHA256.digest(text)
        let name = padded(i) + "_" + String(SHA256.hex(d).prefix(16)) + ".txt"
        try writeFile(out + "/" + name, text)
        sizes[i] = text.count
        func word(_ k: Int) -> UInt64 { d[(k * 8)..<(k * 8 + 8)].reduce(0) { $0 << 8 | UInt64($1) } }
        return (word(0), word(1), word(2), word(3))
    }

    DispatchQueue.concurrentPerform(iterations: chunks) { c in
        let lo = n * c / chunks, hi = n * (c + 1) / chunks
        for i in lo..<hi {
            if failure.value != nil { return }
            do { digests[i] = try emit(i, salt: 0) } catch { failure.set("\(error)") }
        }
    }
    if let e = failure.value { throw CLIError(e) }

    // Distinct articles: regenerate (deterministically) on the off chance of a repeat.
    var seen = Set<[UInt64]>()
    var regenerated = 0
    for i in 0..<n {
        var d = digests[i]
        var salt: UInt64 = 0
        while !seen.insert([d.0, d.1, d.2, d.3]).inserted {
            salt += 1
            let old = out + "/" + padded(i) + "_" + hex64(d.0) + ".txt"
            try? FileManager.default.removeItem(atPath: old)
            d = try emit(i, salt: salt)
            regenerated += 1
        }
    }

    let elapsed = seconds(since: clock)
    let all = sizes.toArray()
    let total = all.reduce(0, +)
    FileHandle.standardError.write(
        Data(
            ("make-corpus: \(n) articles, \(total) bytes (median \(median(all)) B, min \(all.min() ?? 0), "
                + "max \(all.max() ?? 0)) in \(fmt(elapsed)) s with \(workerCount()) threads"
                + (regenerated > 0 ? ", \(regenerated) regenerated" : "") + "\n").utf8))
}

func hex64(_ v: UInt64) -> String {
    let s = String(v, radix: 16)
    return String(repeating: "0", count: 16 - s.count) + s
}

// MARK: - revise

func revise(_ args: Args) throws {
    try args.check(known: ["src", "out", "rate", "seed"])
    let src = try args.string("src")
    let out = try args.string("out")
    let rate = try args.double("rate", 0.1)
    let seed = UInt64(try args.int("seed", 2))
    guard rate >= 0, rate <= 1 else { throw CLIError("--rate must be between 0 and 1") }
    let fm = FileManager.default
    let srcURL = URL(fileURLWithPath: src).standardizedFileURL
    let outURL = URL(fileURLWithPath: out).standardizedFileURL
    guard srcURL.path != outURL.path else { throw CLIError("--src and --out must differ") }

    let names = try fm.contentsOfDirectory(atPath: src).filter { name in
        var isDir: ObjCBool = false
        return fm.fileExists(atPath: src + "/" + name, isDirectory: &isDir) && !isDir.boolValue
    }.sorted()
    try prepareOutput(out, force: args.flags.contains("force"))

    let clock = ContinuousClock.now
    // Exactly round(rate * count) articles, chosen by a seeded shuffle.
    let articles = names.indices.filter { names[$0].hasSuffix(".txt") }
    var order = articles
    var pick = SplitMix64(seed: seed, index: 0xC0FF_EE)
    if order.count > 1 {
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, pick.below(i + 1)) }
    }
    let editCount = Int((rate * Double(articles.count)).rounded())
    var editFlags = [Bool](repeating: false, count: names.count)
    for i in order.prefix(editCount) { editFlags[i] = true }
    let edit = editFlags

    let reviser = Reviser(vocab: Vocab())
    let failure = ErrorBox()
    let renamed = SharedSlots<Int>(count: names.count, initial: 0)
    defer { renamed.free() }
    let chunks = min(max(names.count, 1), workerCount())
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
        let lo = names.count * c / chunks, hi = names.count * (c + 1) / chunks
        for i in lo..<hi {
            if failure.value != nil { return }
            do {
                let name = names[i]
                let data = try readFile(src + "/" + name)
                if !edit[i] {
                    try writeFile(out + "/" + name, data)
                    continue
                }
                let stem =
                    name.split(separator: "_", maxSplits: 1).first.map(String.init)
                    ?? String(name.dropLast(4))
                let ordinal = UInt64(stem) ?? UInt64(i)
                var rng = SplitMix64(seed: seed, index: ordinal)
                let revised = reviser.revise(data, rng: &rng)
                try writeFile(out + "/" + stem + "_" + hash16(revised) + ".txt", revised)
                renamed[i] = 1
            } catch {
                failure.set("\(error)")
            }
        }
    }
    if let e = failure.value { throw CLIError(e) }
    let changed = renamed.toArray().reduce(0, +)
    FileHandle.standardError.write(
        Data(
            ("make-corpus: revised \(changed) of \(articles.count) articles (rate \(rate)), copied "
                + "\(names.count - changed) files unchanged, in \(fmt(seconds(since: clock))) s\n").utf8))
}

// MARK: - main

func run() throws {
    let argv = CommandLine.arguments
    guard argv.count >= 2 else { throw CLIError(usage) }
    let args = try Args(argv.dropFirst(2), flagNames: ["force"])
    switch argv[1] {
    case "bench":
        try bench(args)
    case "revise":
        try revise(args)
    case "neardup":
        try neardup(args)
    case "sha256":
        for path in args.positional {
            print(SHA256.hex(SHA256.digest(try readFile(path))) + "  " + path)
        }
    case "vocab":
        let v = Vocab()
        print("distinct words (with inflections): \(v.size)")
        print("topics: " + v.topics.map(\.name).joined(separator: " "))
    case "-h", "--help", "help":
        print(usage)
    default:
        throw CLIError(usage)
    }
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("make-corpus: \(error)\n".utf8))
    exit(1)
}
