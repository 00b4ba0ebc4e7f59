import CZstd
import Foundation

/// Bytes as they sit in the `object` table: a codec, an optional dictionary
/// and the encoded data.
struct EncodedBlob: Sendable {
    var codec: Codec
    var dictionary: Int64?
    var data: [UInt8]
}

/// Compresses and decompresses object bytes. Thread-safe: zstd contexts are
/// pooled, and dictionaries are cached by their row ID.
final class ObjectCodec: @unchecked Sendable {
    let level: Int32
    private let lock = NSLock()
    private var dictionaries: [Int64: ZstdDictionary] = [:]
    private var activeID: Int64?
    private var compressors: [OpaquePointer] = []
    private var decompressors: [OpaquePointer] = []

    init(level: Int32) {
        self.level = level
    }

    deinit {
        compressors.forEach { ZSTD_freeCCtx($0) }
        decompressors.forEach { ZSTD_freeDCtx($0) }
    }

    /// The dictionary new objects are compressed with, if any.
    var activeDictionary: Int64? { lock.withLock { activeID } }

    /// Registers a dictionary; `activate` makes it the one used for new objects.
    func install(id: Int64, bytes: [UInt8], activate: Bool) throws {
        let dictionary = try ZstdDictionary(id: id, bytes: bytes, level: level)
        lock.withLock {
            dictionaries[id] = dictionary
            if activate { activeID = id }
        }
    }

    func hasDictionary(_ id: Int64) -> Bool { lock.withLock { dictionaries[id] != nil } }

    /// Encodes `bytes` with the active dictionary when there is one. Falls back
    /// to raw storage when compression does not make the bytes smaller.
    func encode(_ bytes: [UInt8]) -> EncodedBlob {
        let (context, dictionary) = lock.withLock {
            (compressors.popLast() ?? ZSTD_createCCtx()!, activeID.flatMap { dictionaries[$0] })
        }
        defer { lock.withLock { compressors.append(context) } }
        let blob: EncodedBlob
        if let dictionary, let data = dictionary.compress(bytes, context: context) {
            blob = EncodedBlob(codec: .zstdDictionary, dictionary: dictionary.id, data: data)
        } else if let data = Zstd.compress(bytes, level: level, context: context) {
            blob = EncodedBlob(codec: .zstd, dictionary: nil, data: data)
        } else {
            blob = EncodedBlob(codec: .raw, dictionary: nil, data: bytes)
        }
        return blob.data.count < bytes.count ? blob : EncodedBlob(codec: .raw, dictionary: nil, data: bytes)
    }

    /// Decodes stored bytes to exactly `size` bytes, or throws `.corrupt`.
    /// `loadDictionary` supplies a dictionary's bytes on a cache miss.
    func decode(
        _ data: UnsafeRawBufferPointer, codec rawCodec: Int, dictionary: Int64?, size: Int,
        loadDictionary: (Int64) throws -> [UInt8]?
    ) throws -> [UInt8] {
        guard let codec = Codec(rawValue: rawCodec) else {
            throw StoreError(.corrupt, "unknown codec \(rawCodec)")
        }
        let result: [UInt8]?
        switch codec {
        case .raw:
            result = data.count == size ? Array(data) : nil
        case .zstd:
            result = withDecompressor { Zstd.decompress(data, size: size, context: $0) }
        case .zstdDictionary:
            guard let id = dictionary else { throw StoreError(.corrupt, "object names no dictionary") }
            let cached = lock.withLock { dictionaries[id] }
            let dict: ZstdDictionary
            if let cached {
                dict = cached
            } else {
                guard let bytes = try loadDictionary(id) else {
                    throw StoreError(.corrupt, "dictionary \(id) is missing")
                }
                try install(id: id, bytes: bytes, activate: false)
                dict = lock.withLock { dictionaries[id]! }
            }
            result = withDecompressor { dict.decompress(data, size: size, context: $0) }
        }
        guard let result else {
            throw StoreError(.corrupt, "stored bytes do not decode to \(size) bytes")
        }
        return result
    }

    private func withDecompressor<T>(_ body: (OpaquePointer) -> T) -> T {
        let context = lock.withLock { decompressors.popLast() ?? ZSTD_createDCtx()! }
        defer { lock.withLock { decompressors.append(context) } }
        return body(context)
    }
}
