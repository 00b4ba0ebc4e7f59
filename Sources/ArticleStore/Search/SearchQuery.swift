/// A search query prepared for the index. The index keeps no word positions
/// (which keeps it small), so FTS5 cannot match phrases itself: each
/// multi-word phrase is sent as an AND of its words, and the matches are then
/// checked for the words in sequence.
struct SearchQuery: Equatable {
    /// The query handed to FTS5.
    var match: String
    /// Phrases to check in the text, each as lowercased words.
    var phrases: [[Substring]]
    /// True when words outside quotes include OR or NOT, under which a
    /// phrase check on the whole text would be wrong.
    var hasOrOrNot = false

    init(_ query: String) {
        var match = ""
        var phrases: [[Substring]] = []
        var rest = query[...]
        var operators = false
        func scan(_ words: Substring) {
            if words.split(separator: " ").contains(where: { $0 == "OR" || $0 == "NOT" }) { operators = true }
        }
        while let open = rest.firstIndex(of: "\"") {
            scan(rest[..<open])
            match += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "\"") else {
                match += rest[open...]  // unterminated: FTS5 reports it
                rest = ""
                break
            }
            let words = Self.words(String(rest[afterOpen..<close]))
            if words.count > 1 {
                match += " " + words.map { "\"\($0)\"" }.joined(separator: " ") + " "
                phrases.append(words)
            } else {
                match += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
            // FTS5's prefix marker after a phrase stays with it.
        }
        scan(rest)
        match += rest
        self.match = match
        self.phrases = phrases
        self.hasOrOrNot = operators
    }

    /// True when every phrase occurs, word for word, in `text`.
    func phrasesOccur(in text: String) -> Bool {
        guard !phrases.isEmpty else { return true }
        let words = Self.words(text)
        return phrases.allSatisfy { phrase in
            guard words.count >= phrase.count else { return false }
            return (0...(words.count - phrase.count)).contains { start in
                words[start..<start + phrase.count].elementsEqual(phrase)
            }
        }
    }

    static func words(_ text: String) -> [Substring] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
    }
}
