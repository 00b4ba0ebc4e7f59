/// Decodes HTML character references: `&#8217;`, `&#x2019;` and the named
/// entities that news text uses.
enum HTMLEntity {
    static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "mdash": "\u{2014}", "ndash": "\u{2013}", "hellip": "\u{2026}", "lsquo": "\u{2018}",
        "rsquo": "\u{2019}", "ldquo": "\u{201C}", "rdquo": "\u{201D}", "laquo": "\u{AB}", "raquo": "\u{BB}",
        "copy": "\u{A9}", "reg": "\u{AE}", "trade": "\u{2122}", "eacute": "\u{E9}", "egrave": "\u{E8}",
        "aacute": "\u{E1}", "agrave": "\u{E0}", "oacute": "\u{F3}", "uacute": "\u{FA}", "iacute": "\u{ED}",
        "ntilde": "\u{F1}", "ccedil": "\u{E7}", "uuml": "\u{FC}", "ouml": "\u{F6}", "auml": "\u{E4}",
        "szlig": "\u{DF}", "euro": "\u{20AC}", "pound": "\u{A3}", "deg": "\u{B0}", "middot": "\u{B7}",
        "bull": "\u{2022}", "shy": "\u{AD}", "thinsp": "\u{2009}", "ensp": "\u{2002}", "emsp": "\u{2003}",
    ]

    /// The character referenced at `index` (which holds `&`) and the length
    /// of the reference including `;`, or nil when there is none.
    static func decode(_ text: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
        var end = index + 1
        while end < text.count, end - index <= 10, text[end] != UInt8(ascii: ";") {
            let byte = text[end]
            let ok =
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "#")
            guard ok else { return nil }
            end += 1
        }
        guard end < text.count, text[end] == UInt8(ascii: ";"), end > index + 1 else { return nil }
        let name = String(decoding: text[(index + 1)..<end], as: UTF8.self)
        let length = end - index + 1
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { ($0, length) }
        }
        if name.hasPrefix("#") {
            return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { ($0, length) }
        }
        return named[name].map { ($0, length) }
    }
}
