import Foundation

/// Keys and article numbers for imported files.
enum FileKeys {
    /// The number in an `NNN_<16 hex>.txt` file name, or nil for other names.
    static func number(inFileName name: String) -> Int? {
        let parts = name.split(separator: "_", maxSplits: 1)
        guard parts.count == 2, let digits = parts.first, !digits.isEmpty, digits.count <= 18,
            digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            parts[1].hasSuffix(".txt")
        else { return nil }
        let hash = parts[1].dropLast(4)
        guard hash.count == 16, Hex.isHex(String(hash)) else { return nil }
        return Int(digits)
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
        let name = (relativePath as NSString).lastPathComponent
        let number = number(inFileName: name)
        let base = given ?? number.map { key(forNumber: $0) } ?? relativePath
        guard let namespace, !namespace.isEmpty else { return (base, number) }
        return (namespace + "/" + base, number)
    }
}
