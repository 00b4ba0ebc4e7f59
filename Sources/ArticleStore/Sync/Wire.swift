/// Writes the binary fields of packs and sync messages (Schema/pack.md,
/// Schema/sync.md): bytes, LEB128 varints, IDs and length-prefixed lists.
struct WireWriter {
    private(set) var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func raw<C: Collection>(_ data: C) where C.Element == UInt8 { bytes += data }

    /// Unsigned LEB128, shortest form.
    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func count(_ value: Int) { varint(UInt64(value)) }

    /// A varint length, then the bytes.
    mutating func data<C: Collection>(_ data: C) where C.Element == UInt8 {
        count(data.count)
        raw(data)
    }

    mutating func string(_ text: String) { data(Array(text.utf8)) }

    /// A presence byte (0 or 1), then the bytes (empty when absent).
    mutating func optionalData(_ value: [UInt8]?) {
        byte(value == nil ? 0 : 1)
        data(value ?? [])
    }

    mutating func ids(_ list: [ObjectID]) {
        count(list.count)
        for id in list { raw(id.bytes) }
    }
}

/// Reads what ``WireWriter`` writes. Every read is bounds-checked; a failure
/// names the byte offset and what was expected there.
struct WireReader {
    let bytes: [UInt8]
    private(set) var offset: Int
    /// What is being read, for error messages ("pack", "changes message").
    let what: String

    init(_ bytes: [UInt8], offset: Int = 0, what: String) {
        self.bytes = bytes
        self.offset = offset
        self.what = what
    }

    var remaining: Int { bytes.count - offset }
    var atEnd: Bool { offset == bytes.count }

    func failure(_ message: String, at position: Int? = nil) -> StoreError {
        StoreError(.invalidMessage, "\(message) at byte \(position ?? offset)", subject: what)
    }

    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw failure("truncated") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func raw(_ length: Int) throws -> ArraySlice<UInt8> {
        guard length >= 0, length <= remaining else { throw failure("truncated: \(length) bytes expected") }
        defer { offset += length }
        return bytes[offset..<offset + length]
    }

    /// Rejects overlong encodings and values over 64 bits.
    mutating func varint() throws -> UInt64 {
        let start = offset
        var value: UInt64 = 0
        for index in 0..<10 {
            let next = try byte()
            let bits = UInt64(next & 0x7F)
            if index == 9, next > 1 { throw failure("bad length", at: start) }
            value |= bits << UInt64(7 * index)
            if next & 0x80 == 0 {
                if index > 0, next == 0 { throw failure("bad length (overlong varint)", at: start) }
                return value
            }
        }
        throw failure("bad length (varint longer than 10 bytes)", at: start)
    }

    /// A count or length, which must fit in what is left when each item
    /// takes at least `itemSize` bytes.
    mutating func count(itemSize: Int = 1) throws -> Int {
        let start = offset
        let value = try varint()
        guard value <= UInt64(remaining / max(itemSize, 1)) else {
            throw failure("length \(value) exceeds the \(remaining) bytes left", at: start)
        }
        return Int(value)
    }

    mutating func data() throws -> [UInt8] { Array(try raw(count())) }

    mutating func optionalData() throws -> [UInt8]? {
        let present = try byte()
        let value = try data()
        return present == 0 ? nil : value
    }

    mutating func string() throws -> String {
        let start = offset
        guard let text = String(validating: try data(), as: UTF8.self) else {
            throw failure("text is not UTF-8", at: start)
        }
        return text
    }

    mutating func id() throws -> ObjectID { ObjectID(bytes: Array(try raw(32)))! }

    mutating func ids() throws -> [ObjectID] {
        let count = try count(itemSize: 32)
        return try (0..<count).map { _ in try id() }
    }

    func expectEnd() throws {
        guard atEnd else { throw failure("\(remaining) unexpected trailing bytes") }
    }
}
