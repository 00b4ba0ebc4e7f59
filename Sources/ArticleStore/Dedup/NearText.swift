/// Reduces article text to hashed words for near-duplicate detection.
enum NearText {
    /// One 64-bit hash per word of `text`, in order. Works on UTF-8 bytes:
    /// ASCII letters are lowercased, runs of ASCII letters, digits and
    /// non-ASCII letters form words, `<…>` tags are skipped, and HTML
    /// entities count as the character they stand for.
    static func wordHashes(_ slice: ArraySlice<UInt8>) -> [UInt64] {
        slice.withUnsafeBufferPointer { wordHashes($0) }
    }

    private static func wordHashes(_ text: UnsafeBufferPointer<UInt8>) -> [UInt64] {
        var words: [UInt64] = []
        words.reserveCapacity(text.count / 5)
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
        var index = 0
        while index < text.count {
            let byte = text[index]
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
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): add(byte | 0x20)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): add(byte)
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
            case 0x80...: add(byte)
            default: finish()
            }
            index += 1
        }
        finish()
        return words
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
