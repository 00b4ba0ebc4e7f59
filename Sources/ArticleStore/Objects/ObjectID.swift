import Crypto
import Foundation

/// The identity of a stored object: the SHA-256 of its exact bytes.
///
/// Article contents are named by the hash of their UTF-8 bytes; version
/// records by the hash of their canonical serialisation (see `Schema/README.md`).
public struct ObjectID: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// The 32 raw bytes of the SHA-256 digest.
    public let bytes: [UInt8]

    /// Wraps 32 digest bytes. Returns nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// Parses 64 hexadecimal digits (either case). Returns nil otherwise.
    public init?(hex: String) {
        guard hex.utf8.count == 64, let bytes = Hex.decode(hex) else { return nil }
        self.bytes = bytes
    }

    /// The SHA-256 of `data`.
    public static func hashing<D: DataProtocol>(_ data: D) -> ObjectID {
        ObjectID(digest: SHA256.hash(data: data))
    }

    init(digest: SHA256.Digest) {
        self.bytes = Array(digest)
    }

    /// All 64 lowercase hex digits.
    public var hex: String { Hex.encode(bytes) }

    /// The first 16 hex digits, as used in file names.
    public var short: String { Hex.encode(bytes.prefix(8)) }

    /// The ID as 64 hex digits.
    public var description: String { hex }

    /// Orders IDs by their bytes, as the version record sorts parents.
    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }

    /// Decodes an ID from its hex string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = ObjectID(hex: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a 64-digit hex object ID: \(text)")
        }
        self = id
    }

    /// Encodes the ID as its hex string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }

    var data: Data { Data(bytes) }
}

package enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    package static func encode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(chars.count / 2)
        var index = 0
        while index < chars.count {
            guard let high = nibble(chars[index]), let low = nibble(chars[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    static func nibble(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): char - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// True when `text` is non-empty and made only of hex digits.
    static func isHex(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { nibble($0) != nil }
    }
}
