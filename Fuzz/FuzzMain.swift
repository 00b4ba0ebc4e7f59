// The libFuzzer entry point over ArticleStore's parsers. Built only when
// ARTSTORE_FUZZ=1 (see Package.swift and scripts/fuzz.sh), with
// `-sanitize=fuzzer,address` and `-parse-as-library`: libFuzzer brings main.
@_spi(Fuzzing) import ArticleStore
import Foundation

/// The target this process fuzzes, from `ARTSTORE_FUZZ_TARGET`.
nonisolated(unsafe) private var target = ""

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>>)
    -> Int32
{
    target = ProcessInfo.processInfo.environment["ARTSTORE_FUZZ_TARGET"] ?? ""
    guard FuzzEntryPoints.names.contains(target) else {
        FileHandle.standardError.write(
            Data("set ARTSTORE_FUZZ_TARGET to one of: \(FuzzEntryPoints.names.joined(separator: " "))\n".utf8))
        exit(2)
    }
    // Writes the seed corpus and stops, when asked.
    if let folder = ProcessInfo.processInfo.environment["ARTSTORE_FUZZ_WRITE_SEEDS"] {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (index, seed) in FuzzEntryPoints.seeds(target).enumerated() {
            FileManager.default.createFile(atPath: "\(folder)/seed-\(index)", contents: Data(seed))
        }
        exit(0)
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    FuzzEntryPoints.run(target, start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [])
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// SwiftPM links an executable's entry point as `<module>_main`; this one
/// hands the command line to libFuzzer's driver.
@_cdecl("artstore_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments) { start, size in testOneInput(start, size) }
}
