/// The encoding of input files. Everything is stored as UTF-8; other
/// encodings are transcoded on import.
public struct TextEncoding: Hashable, Sendable, CustomStringConvertible {
    /// The name used on the command line and in version records.
    public let name: String

    /// UTF-8, the default. A leading byte-order mark is stripped and recorded.
    public static let utf8 = TextEncoding(name: "utf-8")
    /// ISO 8859-1: every byte is the code point of the same value.
    public static let latin1 = TextEncoding(name: "latin1")
    /// Windows code page 1252: Latin-1 with printable characters in 0x80–0x9F.
    public static let windows1252 = TextEncoding(name: "windows-1252")

    /// Every supported encoding.
    public static let all: [TextEncoding] = [.utf8, .latin1, .windows1252]

    /// Looks an encoding up by name (`utf-8`, `latin1`, `windows-1252` and common aliases).
    public init?(named name: String) {
        switch name.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "latin1", "latin-1", "iso-8859-1", "iso8859-1": self = .latin1
        case "windows-1252", "cp1252", "windows1252": self = .windows1252
        default: return nil
        }
    }

    private init(name: String) { self.name = name }

    /// The encoding's name.
    public var description: String { name }
}

enum Transcoder {
    /// Code points for bytes 0x80–0x9F in windows-1252. The five bytes the code
    /// page leaves undefined map to the C1 control of the same value.
    private static let cp1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// Transcodes single-byte text to UTF-8.
    static func toUTF8(_ bytes: [UInt8], from encoding: TextEncoding) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
                continue
            }
            var scalar = UInt32(byte)
            if encoding == .windows1252, byte < 0xA0 { scalar = cp1252High[Int(byte - 0x80)] }
            out.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar)!)!)
        }
        return out
    }
}
