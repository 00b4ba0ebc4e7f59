import Crypto
import Foundation

/// The normalised fingerprint of an article: two texts that differ only in
/// Unicode normalisation, line endings, runs of whitespace or curly versus
/// straight quotes share a fingerprint.
///
/// The text is put in NFC, quotes are folded (‘ ’ ‚ ‛ ′ to ', “ ” „ ‟ ″ to "),
/// every run of whitespace becomes one space, leading and trailing whitespace is
/// dropped, and the result's SHA-256 is taken. The fingerprint is the first
/// eight digest bytes read as a big-endian signed 64-bit integer.
enum Fingerprint {
    static func of(_ bytes: [UInt8]) -> Int64 {
        let digest = SHA256.hash(data: normalizedBytes(bytes))
        return digest.withUnsafeBytes { raw in
            Int64(bitPattern: raw.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        }
    }

    /// The normalised UTF-8 text the fingerprint hashes.
    static func normalizedBytes(_ bytes: [UInt8]) -> [UInt8] {
        var text = String(decoding: bytes, as: UTF8.self)
        if !isTriviallyNFC(text) { text = text.precomposedStringWithCanonicalMapping }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            switch scalar.value {
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032: out.append(UInt8(ascii: "'"))
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033: out.append(UInt8(ascii: "\""))
            case 0..<0x80: out.append(UInt8(scalar.value))
            default: out.append(contentsOf: UTF8.encode(scalar)!)
            }
        }
        return out
    }

    /// True when no scalar could change under NFC: everything below U+0300
    /// (which holds no combining marks) or in General Punctuation apart from
    /// U+2000 and U+2001, the two spaces with canonical decompositions.
    static func isTriviallyNFC(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            scalar.value < 0x300 || (0x2002...0x206F).contains(scalar.value)
        }
    }
}
