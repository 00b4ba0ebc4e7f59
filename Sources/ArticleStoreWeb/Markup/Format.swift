import ArticleStore
import Foundation

/// How pages write dates, sizes and counts.
enum Format {
    /// `2026-12-04 21:05 UTC`, in a `<time>` element with the full timestamp.
    static func time(_ date: Date) -> HTML {
        "<time datetime=\"\(iso(date))\">\(minutes(date)) UTC</time>"
    }

    static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    static func day(_ date: Date) -> String {
        let parts = parts(date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    static func bytes(_ count: Int) -> String {
        ByteCountFormatter.string(fromByteCount: Int64(count), countStyle: .binary)
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number.formatted()) \(noun)\(number == 1 ? "" : "s")"
    }

    /// Text with the store's highlight markers turned into `<mark>`, all
    /// else escaped; markers that do not pair up are dropped.
    static func highlighted(_ text: String) -> HTML {
        var markup = ""
        var open = false
        var current = ""
        for character in text {
            if character == Markers.open || character == Markers.close {
                markup += HTML.escape(current)
                current = ""
                if character == Markers.open, !open {
                    markup += "<mark>"
                    open = true
                } else if character == Markers.close, open {
                    markup += "</mark>"
                    open = false
                }
            } else {
                current.append(character)
            }
        }
        markup += HTML.escape(current)
        if open { markup += "</mark>" }
        return HTML(raw: markup)
    }

    /// Highlight markers that article text does not use (private-use code points).
    enum Markers {
        static let open: Character = "\u{E000}"
        static let close: Character = "\u{E001}"
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    private static func parts(_ date: Date) -> DateComponents {
        calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    }

    private static func minutes(_ date: Date) -> String {
        let parts = parts(date)
        return day(date) + String(format: " %02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }
}
