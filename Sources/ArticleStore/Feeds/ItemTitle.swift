import Foundation

/// Titles for feed items that have none.
enum ItemTitle {
    /// About how long a derived title may be, in characters.
    static let limit = 80
    /// A shorter "sentence" is taken for an abbreviation (`Mr.`, `U.S.`), and the next one is read on.
    static let shortestSentence = 10

    /// The text's first sentence, cut at a word boundary near ``limit``
    /// characters (with an ellipsis); nil when the text is blank.
    static func derived(from text: String) -> String? {
        guard let line = text.split(whereSeparator: \.isNewline).first(where: { !$0.allSatisfy(\.isWhitespace) })
        else { return nil }
        var sentence = Substring(line.trimmingCharacters(in: .whitespaces))
        // A sentence ends at . ! ? before a space or the line's end, or at a full-width 。！？.
        var index = sentence.startIndex
        var length = 0
        while index < sentence.endIndex, length <= limit {
            let next = sentence.index(after: index)
            length += 1
            let mark = sentence[index]
            let ends =
                "。！？".contains(mark)
                || (".!?".contains(mark) && (next == sentence.endIndex || sentence[next] == " ")
                    && length >= shortestSentence)
            if ends {
                sentence = sentence[..<next]
                break
            }
            index = next
        }
        guard sentence.count > limit else { return String(sentence) }
        let cut = sentence.prefix(limit)
        if sentence[cut.endIndex] == " " { return cut.trimmingCharacters(in: .whitespaces) + "…" }
        // Back to the last space, unless that leaves less than half (text without spaces).
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) >= limit / 2 {
            return cut[..<space].trimmingCharacters(in: .whitespaces) + "…"
        }
        return String(cut) + "…"
    }
}
