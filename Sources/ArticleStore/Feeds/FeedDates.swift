import Foundation

/// Parses the date formats feeds use: RFC 822 (RSS 2.0, with four-digit or
/// two-digit years) and RFC 3339 (Atom, JSON Feed, Dublin Core).
enum FeedDates {
    /// The date `text` denotes, or nil when it is in neither format.
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return rfc3339(trimmed) ?? rfc822(trimmed)
    }

    /// `2026-03-01T09:30:00Z`, `2026-03-01T09:30:00.250+01:00`, or a bare `2026-03-01`.
    static func rfc3339(_ text: String) -> Date? {
        let scalars = Array(text.utf8)
        func number(_ start: Int, _ length: Int) -> Int? {
            guard start + length <= scalars.count else { return nil }
            var value = 0
            for byte in scalars[start..<start + length] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0, 4), scalars.count >= 10, scalars[4] == 0x2D, let month = number(5, 2),
            scalars[7] == 0x2D, let day = number(8, 2)
        else { return nil }
        if scalars.count == 10 { return make(year, month, day, 0, 0, 0, offset: 0) }
        guard [UInt8(ascii: "T"), UInt8(ascii: "t"), 0x20].contains(scalars[10]), let hour = number(11, 2),
            scalars.count > 13, scalars[13] == 0x3A, let minute = number(14, 2)
        else { return nil }
        var index = 16
        var second = 0.0
        if index < scalars.count, scalars[index] == 0x3A, let whole = number(17, 2) {
            second = Double(whole)
            index = 19
            if index < scalars.count, scalars[index] == 0x2E {
                var scale = 0.1
                index += 1
                while index < scalars.count, let digit = number(index, 1) {
                    second += Double(digit) * scale
                    scale /= 10
                    index += 1
                }
            }
        }
        guard index < scalars.count else { return make(year, month, day, hour, minute, second, offset: 0) }
        let zone = String(decoding: scalars[index...], as: UTF8.self)
        guard let offset = zoneOffset(zone) else { return nil }
        return make(year, month, day, hour, minute, second, offset: offset)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `Sun, 01 Mar 2026 09:30:00 GMT`, `1 Mar 26 09:30 +0100`, weekday optional.
    static func rfc822(_ text: String) -> Date? {
        var parts = text.split { $0 == " " || $0 == "\t" }.map(String.init)
        if let first = parts.first, first.hasSuffix(",") || first.count == 3 && Int(first) == nil,
            months.firstIndex(of: first.lowercased()) == nil
        {
            parts.removeFirst()
        }
        guard parts.count >= 4, let day = Int(parts[0]),
            let month = months.firstIndex(of: String(parts[1].prefix(3)).lowercased()),
            var year = Int(parts[2])
        else { return nil }
        if parts[2].count == 2 { year += year < 50 ? 2000 : 1900 }
        let clock = parts[3].split(separator: ":").map { Int($0) }
        guard clock.count >= 2, clock.allSatisfy({ $0 != nil }) else { return nil }
        let offset = parts.count > 4 ? zoneOffset(parts[4]) : 0
        guard let offset else { return nil }
        return make(year, month + 1, day, clock[0]!, clock[1]!, Double(clock.count > 2 ? clock[2]! : 0), offset: offset)
    }

    /// Seconds east of UTC for `Z`, `GMT`, `+01:00`, `-0500`, `EST` and the like.
    private static func zoneOffset(_ zone: String) -> Int? {
        let named: [String: Int] = [
            "Z": 0, "UT": 0, "UTC": 0, "GMT": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
            "PST": -8, "PDT": -7,
        ]
        if let hours = named[zone.uppercased()] { return hours * 3600 }
        guard let sign = zone.first, sign == "+" || sign == "-" else { return nil }
        let digits = zone.dropFirst().filter { $0 != ":" }
        guard digits.count == 4, let value = Int(digits) else { return nil }
        let seconds = (value / 100) * 3600 + (value % 100) * 60
        return sign == "-" ? -seconds : seconds
    }

    /// The instant of a civil date and time at `offset` seconds east of UTC.
    private static func make(
        _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Double, offset: Int
    ) -> Date? {
        // Years past 9999 are not dates a feed means, and would overflow
        // the arithmetic below (the fuzzer found year 500000000000000001).
        guard (0...9999).contains(year), (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour),
            (0...59).contains(minute), second < 61
        else { return nil }
        // Days since 1970-01-01 in the proleptic Gregorian calendar, counting
        // years from March so that the leap day falls at the end.
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146097 + dayOfEra - 719468
        let seconds = Double(days * 86400 + hour * 3600 + minute * 60 - offset) + second
        return Date(timeIntervalSince1970: seconds)
    }
}
