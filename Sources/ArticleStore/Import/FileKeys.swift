import Foundation

/// Keys and article numbers for imported files.
enum FileKeys {
    /// The number in an `NNN_<16 hex>.txt` file name, or nil for other names.
    static func number(inFileName name: String) -> Int? { parse(name[...])?.number }

    /// The number in an `NNN_<16 hex>.txt` file name and how many digits
    /// it is written with.
    ///
    /// On bytes: asked twice for each file of an import, the `Character`
    /// version took 12% of a re-import of 100,000 unchanged files (perf).
    private static func parse(_ name: Substring) -> (number: Int, digits: Int)? {
        var name = name
        return name.withUTF8 { bytes -> (Int, Int)? in
            guard let underscore = bytes.firstIndex(of: UInt8(ascii: "_")), (1...18).contains(underscore),
                bytes.count == underscore + 21
            else { return nil }
            var number = 0
            for digit in bytes[..<underscore] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
                number = number * 10 + Int(digit - UInt8(ascii: "0"))
            }
            let hash = bytes[(underscore + 1)..<(underscore + 17)]
            guard hash.allSatisfy({ Hex.nibble($0) != nil }), Array(bytes[(underscore + 17)...]) == Self.txt
            else { return nil }
            return (number, underscore)
        }
    }

    private static let txt = Array(".txt".utf8)

    /// The last component of a relative path: what follows its last `/`.
    static func fileName(_ relativePath: String) -> Substring {
        // On the UTF-8 buffer: `String.lastIndex(of:)` compares Characters
        // (6% of a re-import), and the UTF-8 view's steps one byte at a time (2%).
        var path = relativePath
        let start = path.withUTF8 { bytes in bytes.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0 }
        return relativePath[relativePath.utf8.index(relativePath.utf8.startIndex, offsetBy: start)...]
    }

    /// The canonical key of a numbered article: the number zero-padded to at
    /// least three digits, the form export writes.
    static func key(forNumber number: Int, width: Int = 3) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The width an `NNN_<16 hex>.txt` file name was padded to with zeros,
    /// or nil when it has no leading zeros (`1234_…` tells no width).
    static func width(inFileName name: Substring) -> Int? {
        guard let (_, digits) = parse(name), digits > 1, name.utf8.first == UInt8(ascii: "0") else { return nil }
        return digits
    }

    /// The key of a file, given its path relative to the import root and
    /// the key an export's key list gives it.
    static func key(relativePath: String, given: String? = nil, namespace: String?) -> (key: String, number: Int?) {
        let number = parse(fileName(relativePath))?.number
        let base = given ?? number.map { key(forNumber: $0) } ?? relativePath
        guard let namespace, !namespace.isEmpty else { return (base, number) }
        return (namespace + "/" + base, number)
    }
}
