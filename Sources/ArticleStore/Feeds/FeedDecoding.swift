/// Turns the bytes of an XML feed into UTF-8, honouring a byte-order mark and
/// the encoding named by the XML declaration.
enum FeedDecoding {
    /// Decodes `raw`. UTF-8 (with or without a byte-order mark), UTF-16 with
    /// a byte-order mark, US-ASCII, ISO-8859-1 and windows-1252 are accepted;
    /// any other declared encoding, or bytes that do not match the one
    /// declared, is an error at the offending position.
    static func xml(_ raw: [UInt8]) throws(FeedSyntaxError) -> SourceText {
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) { return try utf8(Array(raw.dropFirst(3)), declared: "UTF-8") }
        if raw.starts(with: [0xFF, 0xFE]) || raw.starts(with: [0xFE, 0xFF]) {
            return try utf8(utf16(raw), declared: "UTF-16")
        }
        if raw.starts(with: [0x3C, 0x00]) || raw.starts(with: [0x00, 0x3C]) {
            throw FeedSyntaxError(
                position: FeedPosition(line: 1, column: 1), message: "UTF-16 without a byte-order mark is not supported"
            )
        }
        let declared = declaredEncoding(raw)
        switch declared?.lowercased() {
        case nil, "utf-8", "utf8":
            return try utf8(raw, declared: declared ?? "UTF-8 (the default)")
        case "us-ascii", "ascii":
            return try utf8(raw, declared: declared!, asciiOnly: true)
        case "utf-16", "utf-16le", "utf-16be":
            throw FeedSyntaxError(
                position: FeedPosition(line: 1, column: 1),
                message: "the declaration names \(declared!) but the document has no UTF-16 byte-order mark")
        case let name?:
            guard let encoding = TextEncoding(named: name), encoding != .utf8 else {
                throw FeedSyntaxError(
                    position: FeedPosition(line: 1, column: 1),
                    message:
                        "unsupported encoding \"\(name)\" (supported: UTF-8, UTF-16, US-ASCII, ISO-8859-1, windows-1252)"
                )
            }
            return SourceText(Transcoder.toUTF8(raw, from: encoding))
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
