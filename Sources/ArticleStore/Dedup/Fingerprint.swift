import Crypto
import Foundation

/// The normalised fingerprint of an article: two texts that differ only in
/// Unicode normalisation, line endings, runs of whitespace or curly versus
/// straight quotes share a fingerprint.
///
/// The text is put in NFC, quotes are folded (‘ ’ ‚ ‛ ′ to ', “ ” „ ‟ ″ to "),
/// every run of Unicode White_Space becomes one space, leading and trailing
/// whitespace is dropped, and the result's SHA-256 is taken. The fingerprint
/// is the first eight digest bytes read as a big-endian signed 64-bit integer.
enum Fingerprint {
    static func of(_ bytes: [UInt8]) -> Int64 {
        let digest = SHA256.hash(data: normalizedBytes(bytes))
        return digest.withUnsafeBytes { raw in
            Int64(bitPattern: raw.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        }
    }

    /// The normalised UTF-8 text the fingerprint hashes. `bytes` must be valid UTF-8.
    static func normalizedBytes(_ bytes: [UInt8]) -> [UInt8] {
        if needsNFC(bytes) {
            let text = String(decoding: bytes, as: UTF8.self).precomposedStringWithCanonicalMapping
            return fold(Array(text.utf8))
        }
        return fold(bytes)
    }

    /// Folds whitespace runs and quotes, working on UTF-8 bytes: ASCII is
    /// handled byte by byte, other scalars are decoded only to be classified.
    private static func fold(_ bytes: [UInt8]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count) { out, written in
            var count = 0
            var pendingSpace = false
            bytes.withUnsafeBufferPointer { input in
                var index = 0
                while index < input.count {
                    let byte = input[index]
                    var scalar = UInt32(byte)
                    var length = 1
                    if byte >= 0x80 { (scalar, length) = decode(input, at: index) }
                    if isWhitespace(scalar) {
                        pendingSpace = count > 0
                        index += length
                        continue
                    }
                    if pendingSpace {
                        out[count] = 0x20
                        count += 1
                        pendingSpace = false
                    }
                    switch scalar {
                    case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032:
                        out[count] = UInt8(ascii: "'")
                        count += 1
                    case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033:
                        out[count] = UInt8(ascii: "\"")
                        count += 1
                    default:
                        for offset in 0..<length { out[count + offset] = input[index + offset] }
                        count += length
                    }
                    index += length
                }
            }
            written = count
        }
    }

    /// Unicode's White_Space property, which is small and fixed.
    static func isWhitespace(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// True when some scalar could change under NFC. Everything below U+0300
    /// (which holds no combining marks) and General Punctuation apart from
    /// U+2000 and U+2001 (spaces with canonical decompositions) is stable.
    static func needsNFC(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { input in
            var index = 0
            while index < input.count {
                if input[index] < 0x80 {
                    index += 1
                    continue
                }
                let (scalar, length) = decode(input, at: index)
                if scalar >= 0x300 && !(0x2002...0x206F).contains(scalar) { return true }
                index += length
            }
            return false
        }
    }

    /// Decodes the multi-byte UTF-8 sequence at `index` of valid UTF-8.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = bytes[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var scalar = UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length { scalar = scalar << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (scalar, length)
    }
}
