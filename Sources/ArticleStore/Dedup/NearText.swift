/// Reduces article text to hashed words for near-duplicate detection.
enum NearText {
    /// One 64-bit hash per word of `text`, in order. Works on UTF-8 bytes:
    /// ASCII letters are lowercased, runs of ASCII letters, digits and
    /// non-ASCII letters form words, `<…>` tags are skipped, and HTML
    /// entities count as the character they stand for. With `limit`, only
    /// the first `limit` words are hashed.
    static func wordHashes(_ slice: ArraySlice<UInt8>, limit: Int = .max) -> [UInt64] {
        slice.withUnsafeBufferPointer { wordHashes($0, limit: limit) }
    }

    private static func wordHashes(_ text: UnsafeBufferPointer<UInt8>, limit: Int) -> [UInt64] {
        var words: [UInt64] = []
        words.reserveCapacity(min(limit, text.count / 5))
        var hash = offset
        var inWord = false
        func finish() {
            if inWord { words.append(hash) }
            inWord = false
            hash = offset
        }
        func add(_ byte: UInt8) {
            inWord = true
            hash = (hash ^ UInt64(byte)) &* prime
        }
        let kinds = byteKinds
        var index = 0
        while index < text.count, words.count < limit {
            let byte = text[index]
            let kind = kinds[Int(byte)]
            // The common cases first: a byte of a word, and a separator.
            if kind > special {
                add(kind)
                index += 1
                continue
            }
            if kind == separator {
                finish()
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "<"):
                // A tag: skip to its end when it looks like one.
                if let end = text[index..<min(text.count, index + 512)].firstIndex(of: UInt8(ascii: ">")),
                    index + 1 < text.count, isTagStart(text[index + 1])
                {
                    finish()
                    index = end + 1
                    continue
                }
                finish()
            case UInt8(ascii: "&"):
                if let (scalar, length) = reference(in: text, at: index) {
                    if isWordScalar(scalar) {
                        for unit in String(Character(scalar)).lowercased().utf8 { add(unit) }
                    } else {
                        finish()
                    }
                    index += length
                    continue
                }
                finish()
            case 0xE2 where index + 2 < text.count && text[index + 1] == 0x80:
                // U+2000–U+203F: spaces, dashes, quotes and other punctuation.
                finish()
                index += 3
                continue
            case 0xC2 where index + 1 < text.count && text[index + 1] < 0xC0:
                // U+0080–U+00BF: no-break space, currency and other signs.
                finish()
                index += 2
                continue
            default: add(byte)
            }
            index += 1
        }
        finish()
        return words.count > limit ? Array(words.prefix(limit)) : words
    }

    private static let separator: UInt8 = 0
    private static let special: UInt8 = 1
    /// For each byte value: the byte a word continues with (ASCII letters
    /// lowercased, digits, and the bytes of non-ASCII characters), `separator`,
    /// or `special` for the bytes that start a tag, an entity or a punctuation
    /// character from outside ASCII. Neither marker is a word byte.
    // Allocated once and never written after, so safe to share.
    nonisolated(unsafe) private static let byteKinds: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for value in 0...255 { table[value] = kind(of: UInt8(value)) }
        return UnsafePointer(table)
    }()

    private static func kind(of byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: "&"), 0xC2, 0xE2: return special
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte | 0x20
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...: return byte
        default: return separator
        }
    }

    /// The character an HTML reference at `index` (an `&`) stands for, and
    /// the reference's length including `;`.
    private static func reference(in text: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int)? {
        var end = index + 1
        while end < text.count, end - index <= 10, text[end] != UInt8(ascii: ";") {
            let byte = text[end]
            guard byte < 0x80,
                Character(Unicode.Scalar(byte)).isLetter || Character(Unicode.Scalar(byte)).isNumber
                    || byte == UInt8(ascii: "#")
            else { return nil }
            end += 1
        }
        guard end < text.count, end > index + 1, text[end] == UInt8(ascii: ";"),
            let character = HTMLEntities.character(
                for: String(decoding: UnsafeBufferPointer(rebasing: text[(index + 1)..<end]), as: UTF8.self)[...]),
            let scalar = character.unicodeScalars.first
        else { return nil }
        return (scalar, end - index + 1)
    }

    private static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x100_0000_01b3

    private static func isTagStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "/")
            || byte == UInt8(ascii: "!")
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
