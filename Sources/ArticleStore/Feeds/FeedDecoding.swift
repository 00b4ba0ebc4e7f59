/// Turns the bytes of an XML feed into UTF-8, honouring a byte-order mark,
/// the charset an HTTP server named, and the encoding named by the XML
/// declaration, in the precedence of RFC 7303, section 3.
enum FeedDecoding {
    /// Decodes `raw`. A byte-order mark (UTF-8 or UTF-16) wins; then
    /// `charset`, the `Content-Type` parameter of a fetched feed; then the
    /// XML declaration; then UTF-8. UTF-8, UTF-16 with a byte-order mark,
    /// US-ASCII, ISO-8859-1 and windows-1252 are read here; any other
    /// encoding the system's iconv knows (Shift_JIS, EUC-KR, GB18030, Big5,
    /// KOI8-R…) through ``Iconv``. An unknown encoding, or bytes that do not
    /// match the one named, is an error at the offending position.
    static func xml(_ raw: [UInt8], charset: String? = nil) throws(FeedSyntaxError) -> SourceText {
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) { return try utf8(Array(raw.dropFirst(3)), declared: "UTF-8") }
        if raw.starts(with: [0xFF, 0xFE]) || raw.starts(with: [0xFE, 0xFF]) {
            return try utf8(utf16(raw), declared: "UTF-16")
        }
        if raw.starts(with: [0x3C, 0x00]) || raw.starts(with: [0x00, 0x3C]) {
            throw FeedSyntaxError(
                position: FeedPosition(line: 1, column: 1), message: "UTF-16 without a byte-order mark is not supported"
            )
        }
        let charset = charset.flatMap { $0.isEmpty ? nil : $0 }
        let declared = charset ?? declaredEncoding(raw)
        let naming = charset == nil ? "the declaration names" : "the Content-Type charset is"
        switch declared?.lowercased() {
        case nil, "utf-8", "utf8":
            return try utf8(raw, declared: declared ?? "UTF-8 (the default)")
        case "us-ascii", "ascii":
            return try utf8(raw, declared: declared!, asciiOnly: true)
        case let name?
        where name.hasPrefix("utf-16") || name.hasPrefix("utf-32") || name.hasPrefix("ucs")
            || name.hasPrefix("utf-7"):
            throw FeedSyntaxError(
                position: FeedPosition(line: 1, column: 1),
                message: "\(naming) \(declared!) but the document has no byte-order mark of that encoding")
        case let name?:
            if let encoding = TextEncoding(named: name), encoding != .utf8 {
                return SourceText(Transcoder.toUTF8(raw, from: encoding))
            }
            return try legacy(raw, encoding: declared!, naming: naming)
        }
    }

    /// `raw` through iconv, checked to be text the XML reader can read.
    private static func legacy(_ raw: [UInt8], encoding: String, naming: String) throws(FeedSyntaxError)
        -> SourceText
    {
        switch Iconv.toUTF8(raw, from: encoding) {
        case .success(let bytes):
            // Line feeds and ASCII survive every encoding named here, so a
            // position in the UTF-8 text has the line of the original.
            return try utf8(bytes, declared: encoding)
        case .failure(.unknownEncoding):
            throw FeedSyntaxError(
                position: FeedPosition(line: 1, column: 1),
                message:
                    "unsupported encoding \"\(encoding)\": \(naming) an encoding the system's converter does not know")
        case .failure(.invalidBytes(let offset)), .failure(.truncated(let offset)):
            // The position counts lines in the original bytes; the column, bytes from the line's start.
            let text = SourceText(raw)
            let byte = String(raw[offset], radix: 16, uppercase: true)
            throw FeedSyntaxError(
                position: text.position(of: offset),
                message: "byte 0x\(byte) is not valid \(encoding); is the encoding declaration wrong?")
        }
    }

    /// The `encoding` pseudo-attribute of a leading `<?xml … ?>` declaration.
    static func declaredEncoding(_ raw: [UInt8]) -> String? {
        guard raw.starts(with: Array("<?xml".utf8)) else { return nil }
        let end = raw.prefix(512).firstIndex(of: UInt8(ascii: ">")) ?? min(raw.count, 512)
        let declaration = String(decoding: raw[..<end], as: UTF8.self)
        guard let range = declaration.range(of: "encoding") else { return nil }
        var rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        return String(value)
    }

    /// Checks that `bytes` are UTF-8 (and ASCII when asked), naming the
    /// position of the first byte that is not.
    static func utf8(_ bytes: [UInt8], declared: String, asciiOnly: Bool = false) throws(FeedSyntaxError)
        -> SourceText
    {
        let text = SourceText(bytes)
        let bad =
            asciiOnly
            ? bytes.firstIndex { $0 >= 0x80 }
            : bytes.withUnsafeBufferPointer { UTF8Check.firstInvalidByte($0) }
        if let bad {
            let byte = String(bytes[bad], radix: 16, uppercase: true)
            throw FeedSyntaxError(
                position: text.position(of: bad),
                message: "byte 0x\(byte) is not valid \(declared); is the encoding declaration wrong?")
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw FeedSyntaxError(position: text.position(of: nul), message: "NUL byte in the document")
        }
        return text
    }

    /// UTF-16 with a byte-order mark, as UTF-8. Unpaired surrogates become U+FFFD.
    private static func utf16(_ raw: [UInt8]) -> [UInt8] {
        let bigEndian = raw[0] == 0xFE
        var units = [UInt16]()
        units.reserveCapacity(raw.count / 2)
        var index = 2
        while index + 1 < raw.count {
            let high = UInt16(raw[index])
            let low = UInt16(raw[index + 1])
            units.append(bigEndian ? high << 8 | low : low << 8 | high)
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }
}
