import CZstd
import Foundation

/// How an object's bytes are stored in the `object.data` column.
enum Codec: Int, Sendable {
    /// The bytes as they are.
    case raw = 0
    /// A zstd frame, compressed without a dictionary.
    case zstd = 1
    /// A zstd frame compressed with the dictionary named in `object.dictionary`.
    case zstdDictionary = 2
}

/// A trained zstd dictionary and its prepared compression and decompression
/// states. Dictionaries are a storage detail: they never leave the store.
final class ZstdDictionary: @unchecked Sendable {
    let id: Int64
    let bytes: [UInt8]
    private let cdict: OpaquePointer
    private let ddict: OpaquePointer

    init(id: Int64, bytes: [UInt8], level: Int32) throws {
        self.id = id
        self.bytes = bytes
        guard let cdict = bytes.withUnsafeBytes({ ZSTD_createCDict($0.baseAddress, $0.count, level) }),
            let ddict = bytes.withUnsafeBytes({ ZSTD_createDDict($0.baseAddress, $0.count) })
        else { throw StoreError(.corrupt, "zstd could not load dictionary \(id)") }
        self.cdict = cdict
        self.ddict = ddict
    }

    deinit {
        ZSTD_freeCDict(cdict)
        ZSTD_freeDDict(ddict)
    }

    func compress(_ input: [UInt8], context: OpaquePointer) -> [UInt8]? {
        Zstd.run(input) { dst, cap, src, len in
            ZSTD_compress_usingCDict(context, dst, cap, src, len, cdict)
        }
    }

    func decompress(_ input: UnsafeRawBufferPointer, size: Int, context: OpaquePointer) -> [UInt8]? {
        Zstd.expand(input, size: size) { dst, cap, src, len in
            ZSTD_decompress_usingDDict(context, dst, cap, src, len, ddict)
        }
    }

    /// Trains a dictionary from sample objects. Returns nil when zstd finds
    /// too little to learn from.
    static func train(samples: [[UInt8]], capacity: Int) -> [UInt8]? {
        var flat = [UInt8]()
        var sizes = [Int]()
        for sample in samples {
            flat += sample
            sizes.append(sample.count)
        }
        var dictionary = [UInt8](repeating: 0, count: capacity)
        let written = dictionary.withUnsafeMutableBytes { dst in
            flat.withUnsafeBytes { src in
                ZDICT_trainFromBuffer(dst.baseAddress, capacity, src.baseAddress, sizes, UInt32(sizes.count))
            }
        }
        guard ZDICT_isError(written) == 0, written > 0 else { return nil }
        return Array(dictionary.prefix(written))
    }
}

/// Thin wrappers over the zstd C API.
enum Zstd {
    typealias Call = (UnsafeMutableRawPointer?, Int, UnsafeRawPointer?, Int) -> Int

    /// Compresses `input` with `call`, which receives destination and source buffers.
    static func run(_ input: [UInt8], _ call: Call) -> [UInt8]? {
        let capacity = ZSTD_compressBound(input.count)
        var output = [UInt8](repeating: 0, count: capacity)
        let written = output.withUnsafeMutableBytes { dst in
            input.withUnsafeBytes { src in call(dst.baseAddress, capacity, src.baseAddress, src.count) }
        }
        guard ZSTD_isError(written) == 0 else { return nil }
        // A copy of the exact size: the bound's spare capacity would stay
        // allocated with the blob, 15 MiB over an import's two batches in flight.
        return Array(output[..<written])
    }

    /// Decompresses a frame whose decoded length must be exactly `size`.
    static func expand(_ input: UnsafeRawBufferPointer, size: Int, _ call: Call) -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: max(size, 1))
        let written = output.withUnsafeMutableBytes { dst in
            call(dst.baseAddress, size, input.baseAddress, input.count)
        }
        guard ZSTD_isError(written) == 0, written == size else { return nil }
        output.removeSubrange(size...)
        return output
    }

    static func compress(_ input: [UInt8], level: Int32, context: OpaquePointer) -> [UInt8]? {
        run(input) { dst, cap, src, len in ZSTD_compressCCtx(context, dst, cap, src, len, level) }
    }

    static func decompress(_ input: UnsafeRawBufferPointer, size: Int, context: OpaquePointer) -> [UInt8]? {
        expand(input, size: size) { dst, cap, src, len in ZSTD_decompressDCtx(context, dst, cap, src, len) }
    }

    /// Compresses `input` as one zstd frame, with a context of its own; nil if zstd fails.
    static func compress(_ input: [UInt8], level: Int32) -> [UInt8]? {
        guard let context = ZSTD_createCCtx() else { return nil }
        defer { ZSTD_freeCCtx(context) }
        return compress(input, level: level, context: context)
    }

    /// Decompresses one frame to exactly `size` bytes, with a context of its
    /// own; nil if it is malformed or another size.
    static func decompress(_ input: [UInt8], size: Int) -> [UInt8]? {
        guard let context = ZSTD_createDCtx() else { return nil }
        defer { ZSTD_freeDCtx(context) }
        return input.withUnsafeBytes { decompress($0, size: size, context: context) }
    }
}
