import CZstd
import Crypto

/// One object in a pack.
package struct PackEntry: Sendable, Equatable {
    package enum Kind: UInt8, Sendable {
        case content = 1
        case version = 2
    }
    package var kind: Kind
    package var id: ObjectID
    package var payload: [UInt8]

    package init(kind: Kind, id: ObjectID, payload: [UInt8]) {
        self.kind = kind
        self.id = id
        self.payload = payload
    }
}

/// The pack format (Schema/pack.md): a header, a body of entries compressed
/// as one zstd frame, and a SHA-256 trailer.
package enum Pack {
    static let magic: [UInt8] = Array("ASPK".utf8)
    static let version: UInt8 = 1
    static let compressedFlag: UInt8 = 1
    static let minimumSize = 4 + 1 + 1 + 1 + 32

    /// Encodes entries; the payloads must hash to their IDs.
    ///
    /// Level 6 by default: the 33 bytes of type and ID per entry do not
    /// compress, and on news articles level 6 wins that back. The packs of
    /// the sync benchmark's reconciliation (4,000 objects) came to 1.116×
    /// `zstd -3` of the bare objects at level 3 (`--n 2000`) and 1.059× at
    /// level 6 (`--n 100000`), by `scripts/pack_baseline.py`.
    package static func encode(_ entries: [PackEntry], level: Int32 = 6) -> [UInt8] {
        var body = WireWriter()
        for entry in entries {
            body.byte(entry.kind.rawValue)
            body.raw(entry.id.bytes)
            body.data(entry.payload)
        }
        var pack = WireWriter()
        pack.raw(magic)
        pack.byte(version)
        let compressed = Zstd.compress(body.bytes, level: level)
        pack.byte(compressed == nil ? 0 : compressedFlag)
        pack.count(entries.count)
        pack.raw(compressed ?? body.bytes)
        pack.raw(Array(SHA256.hash(data: pack.bytes)))
        return pack.bytes
    }

    /// Decodes and checks a whole pack: framing, checksum, sizes, types and
    /// the hash of every payload. Throws on the first fault; nothing is
    /// returned from a pack that fails.
    package static func decode(_ bytes: [UInt8], sizeLimit: Int, what: String = "pack") throws -> [PackEntry] {
        var header = WireReader(bytes, what: what)
        guard bytes.count >= minimumSize, Array(try header.raw(4)) == magic else {
            throw header.failure("not a pack", at: 0)
        }
        let version = try header.byte()
        guard version == Self.version else { throw header.failure("unsupported pack version \(version)", at: 4) }
        let flags = try header.byte()
        guard flags & ~compressedFlag == 0 else { throw header.failure("unsupported pack flags \(flags)", at: 5) }
        let trailerStart = bytes.count - 32
        guard Array(SHA256.hash(data: bytes[..<trailerStart])) == Array(bytes[trailerStart...]) else {
            throw header.failure("checksum mismatch", at: trailerStart)
        }
        let count = try header.varint()
        let bodyStart = header.offset
        guard bodyStart <= trailerStart else { throw header.failure("truncated pack") }
        // An entry takes at least 34 bytes; the bound keeps decompression finite.
        guard count <= UInt64(Int.max / 2) / UInt64(sizeLimit + 44) else {
            throw header.failure("entry count \(count) is too large", at: 6)
        }
        let limit = Int(count) * (sizeLimit + 44)
        let body: [UInt8]
        if flags & compressedFlag != 0 {
            guard let expanded = Zstd.expandBounded(bytes[bodyStart..<trailerStart], limit: limit) else {
                throw header.failure("corrupt body: the zstd frame is malformed or too large", at: bodyStart)
            }
            body = expanded
        } else {
            body = Array(bytes[bodyStart..<trailerStart])
        }
        var reader = WireReader(body, what: what + " body")
        var entries: [PackEntry] = []
        for index in 0..<Int(count) {
            let at = reader.offset
            let type = try reader.byte()
            guard let kind = PackEntry.Kind(rawValue: type) else {
                throw reader.failure("unknown object type \(type) at entry \(index)", at: at)
            }
            let id = try reader.id()
            let lengthAt = reader.offset
            let length = try reader.varint()
            guard length <= UInt64(sizeLimit), length <= UInt64(reader.remaining) else {
                throw reader.failure("oversized object (\(length) bytes) at entry \(index)", at: lengthAt)
            }
            let payload = Array(try reader.raw(Int(length)))
            guard ObjectID.hashing(payload) == id else {
                throw StoreError(.invalidMessage, "hash mismatch at entry \(index)", subject: "object \(id.hex)")
            }
            entries.append(PackEntry(kind: kind, id: id, payload: payload))
        }
        guard reader.atEnd else { throw reader.failure("\(reader.remaining) trailing bytes after \(count) entries") }
        return entries
    }
}

extension Zstd {
    /// Decompresses one frame by streaming, refusing output beyond `limit`
    /// bytes and anything after the frame.
    static func expandBounded(_ input: ArraySlice<UInt8>, limit: Int) -> [UInt8]? {
        guard let stream = ZSTD_createDStream() else { return nil }
        defer { ZSTD_freeDStream(stream) }
        var output = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 17)
        return input.withUnsafeBytes { source -> [UInt8]? in
            var inBuffer = ZSTD_inBuffer(src: source.baseAddress, size: source.count, pos: 0)
            while true {
                let (result, produced) = chunk.withUnsafeMutableBytes { dst -> (Int, Int) in
                    var outBuffer = ZSTD_outBuffer(dst: dst.baseAddress, size: dst.count, pos: 0)
                    let result = ZSTD_decompressStream(stream, &outBuffer, &inBuffer)
                    return (result, outBuffer.pos)
                }
                if ZSTD_isError(result) != 0 { return nil }
                output += chunk[..<produced]
                if output.count > limit { return nil }
                if result == 0 { return inBuffer.pos == inBuffer.size ? output : nil }
                if inBuffer.pos == inBuffer.size && produced < chunk.count { return nil }
            }
        }
    }
}

extension PackEntry {
    /// Version entries reordered so that each comes after those of its
    /// parents that are among them; otherwise in the order given. Entries
    /// whose records do not parse keep their order, after the others.
    package static func parentsFirst(_ versions: [PackEntry]) -> [PackEntry] {
        let index = Dictionary(versions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var children = [[Int]](repeating: [], count: versions.count)
        var waiting = [Int](repeating: 0, count: versions.count)
        var unreadable: [Int] = []
        var readable = Set(versions.indices)
        for (position, entry) in versions.enumerated() {
            guard let record = try? VersionRecord(parsing: entry.payload, id: entry.id) else {
                unreadable.append(position)
                readable.remove(position)
                continue
            }
            for parent in Set(record.parents) {
                guard let other = index[parent], other != position else { continue }
                children[other].append(position)
                waiting[position] += 1
            }
        }
        var ready = versions.indices.filter { waiting[$0] == 0 && readable.contains($0) }
        // Kahn's algorithm, first in first out, so ready entries keep their order.
        var next = 0
        while next < ready.count {
            for child in children[ready[next]] {
                waiting[child] -= 1
                if waiting[child] == 0 { ready.append(child) }
            }
            next += 1
        }
        return ready.map { versions[$0] } + unreadable.map { versions[$0] }
    }
}
