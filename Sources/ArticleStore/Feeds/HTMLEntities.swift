/// Named character references of HTML that feeds use, and numeric ones.
enum HTMLEntities {
    /// The HTML names of U+00A0 through U+00FF, in code point order.
    private static let latin1Names = """
        nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr \
        deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest \
        Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml \
        ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig \
        agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml \
        eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml
        """.split(separator: " ")

    /// Punctuation, symbols and letters beyond Latin-1 that appear in news text.
    private static let others: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27,
        "OElig": 0x152, "oelig": 0x153, "Scaron": 0x160, "scaron": 0x161, "Yuml": 0x178, "fnof": 0x192,
        "circ": 0x2C6, "tilde": 0x2DC, "ensp": 0x2002, "emsp": 0x2003, "thinsp": 0x2009, "zwnj": 0x200C,
        "zwj": 0x200D, "lrm": 0x200E, "rlm": 0x200F, "ndash": 0x2013, "mdash": 0x2014, "lsquo": 0x2018,
        "rsquo": 0x2019, "sbquo": 0x201A, "ldquo": 0x201C, "rdquo": 0x201D, "bdquo": 0x201E, "dagger": 0x2020,
        "Dagger": 0x2021, "bull": 0x2022, "hellip": 0x2026, "permil": 0x2030, "prime": 0x2032, "Prime": 0x2033,
        "lsaquo": 0x2039, "rsaquo": 0x203A, "euro": 0x20AC, "trade": 0x2122, "larr": 0x2190, "rarr": 0x2192,
        "uarr": 0x2191, "darr": 0x2193, "minus": 0x2212, "le": 0x2264, "ge": 0x2265, "ne": 0x2260,
        "infin": 0x221E, "asymp": 0x2248, "Alpha": 0x391, "Beta": 0x392, "Gamma": 0x393, "Delta": 0x394,
        "alpha": 0x3B1, "beta": 0x3B2, "gamma": 0x3B3, "delta": 0x3B4, "pi": 0x3C0, "mu": 0x3BC,
        "Omega": 0x3A9, "omega": 0x3C9, "sigma": 0x3C3, "lambda": 0x3BB, "hairsp": 0x200A, "numsp": 0x2007,
    ]

    private static let table: [String: Unicode.Scalar] = {
        var table: [String: Unicode.Scalar] = [:]
        for (offset, name) in latin1Names.enumerated() { table[String(name)] = Unicode.Scalar(0xA0 + offset) }
        for (name, value) in others { table[name] = Unicode.Scalar(value) }
        return table
    }()

    /// The character a reference body stands for: `amp`, `#8217`, `#x2019`.
    /// Unknown names give nil; invalid numbers give U+FFFD.
    static func character(for reference: Substring) -> Character? {
        if reference.hasPrefix("#") {
            let hex = reference.hasPrefix("#x") || reference.hasPrefix("#X")
            let digits = reference.dropFirst(hex ? 2 : 1)
            guard !digits.isEmpty, let value = UInt32(digits, radix: hex ? 16 : 10) else { return nil }
            guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
            return Character(scalar)
        }
        return table[String(reference)].map(Character.init)
    }

    /// Decodes every reference in `text`; unknown or unterminated ones stay as written.
    static func decode(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var out = ""
        var rest = text
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            let body = after.prefix { $0.isLetter || $0.isNumber || $0 == "#" }
            if body.count < 40, body.endIndex < after.endIndex, after[body.endIndex] == ";",
                let character = character(for: body)
            {
                out.append(character)
                rest = after[after.index(after: body.endIndex)...]
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }
}
