import Foundation

/// Keys and article numbers for imported files.
enum FileKeys {
    /// The number in an `NNN_<16 hex>.txt` file name, or nil for other names.
    ///
    /// On bytes: asked twice for each file of an import, the `Character`
    /// version took 12% of a re-import of 100,000 unchanged files (perf).
    static func number(inFileName name: String) -> Int? {
        var name = name
        return name.withUTF8 { bytes -> Int? in
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
            return number
        }
    }

    private static let txt = Array(".txt".utf8)

    /// The last component of a relative path: what follows its last `/`.
    static func fileName(_ relativePath: String) -> Substring {
        // On UTF-8: `String.lastIndex(of:)` compares Characters, 6% of a re-import.
        guard let slash = relativePath.utf8.lastIndex(of: UInt8(ascii: "/")) else { return relativePath[...] }
        return relativePath[relativePath.utf8.index(after: slash)...]
    }

    /// The canonical key of a numbered article: the number zero-padded to at
    /// least three digits, the form export writes.
    static func key(forNumber number: Int, width: Int = 3) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The width an `NNN_<16 hex>.txt` file name was padded to with zeros,
    /// or nil when it has no leading zeros (`1234_…` tells no width).
    static func width(inFileName name: String) -> Int? {
        guard let number = number(inFileName: name) else { return nil }
        let digits = name.prefix { $0 != "_" }.count
        return digits > String(number).count ? digits : nil
    }

    /// The key of a file, given its path relative to the import root and
    /// the key an export's key list gives it.
    static func key(relativePath: String, given: String? = nil, namespace: String?) -> (key: String, number: Int?) {
        let number = number(inFileName: String(fileName(relativePath)))
        let base = given ?? number.map { key(forNumber: $0) } ?? relativePath
        guard let namespace, !namespace.isEmpty else { return (base, number) }
        return (namespace + "/" + base, number)
    }
}
