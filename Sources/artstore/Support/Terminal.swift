import ArticleStore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

enum Terminal {
    /// True when both standard output and standard error are terminals.
    static let isInteractive = isatty(STDOUT_FILENO) != 0 && isatty(STDERR_FILENO) != 0
    static let stdoutIsTTY = isatty(STDOUT_FILENO) != 0

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("artstore: error: \(escaped(message))\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    static func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // RFC 3339 with milliseconds, in UTC: the precision the store keeps.
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        FileHandle.standardOutput.write(try encoder.encode(value))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// Prints one line of human output with ``escaped(_:)`` applied, so a key
    /// or title holding a newline cannot split or forge lines.
    static func line(_ text: String) {
        print(escaped(text))
    }

    /// `text` with control characters shown as `\n`, `\t`, `\r` or `\u{XX}`.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where isControl(scalar): result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    static func color(_ text: String, _ code: String) -> String {
        stdoutIsTTY ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

/// A progress bar on standard error, drawn only when attached to a terminal.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let lock = NSLock()
    private var lastDraw = ContinuousClock.now - .seconds(1)
    private let enabled: Bool

    init(_ label: String, enabled: Bool = Terminal.isInteractive) {
        self.label = label
        self.enabled = enabled
    }

    /// The callback to hand to the store, or nil when nothing is drawn.
    var callback: (@Sendable (StoreProgress) -> Void)? {
        guard enabled else { return nil }
        return { @Sendable [self] progress in update(progress) }
    }

    private func update(_ progress: StoreProgress) {
        lock.withLock {
            let now = ContinuousClock.now
            guard now - lastDraw > .milliseconds(100) || progress.done == progress.total else { return }
            lastDraw = now
            let width = 30
            let fraction = progress.total == 0 ? 1 : Double(progress.done) / Double(progress.total)
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            let line = "\r\(label) [\(bar)] \(progress.done)/\(progress.total) \(Int(fraction * 100))%"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// Clears the bar's line.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
