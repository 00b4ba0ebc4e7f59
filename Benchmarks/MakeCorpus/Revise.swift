// Copy edits for `make-corpus revise`: small word-level changes, sometimes an
// "Update:" paragraph, sometimes a new headline.

final class Reviser: Sendable {
    let vocab: Vocab
    /// Copy-editor substitutions (lower-case key -> replacement).
    let substitutions: [Bytes: Bytes]
    /// Topic nouns -> topic index, to keep update paragraphs on topic.
    let topicOfWord: [Bytes: Int]

    static let substitutionPairs = """
        officials:authorities authorities:officials residents:locals significant:major major:significant
        serious:grave big:large large:big rising:increasing plan:proposal proposal:plan help:aid aid:help
        announced:unveiled approved:backed rejected:dismissed warned:cautioned criticized:condemned
        about:around around:about nearly:almost almost:nearly recently:lately several:some many:numerous
        company:firm firm:company country:nation government:administration meeting:session despite:amid
        quickly:swiftly expected:anticipated said:added critics:opponents experts:specialists
        increase:rise damage:harm difficult:hard urgent:pressing sharp:steep dramatic:striking
        """

    init(vocab: Vocab) {
        self.vocab = vocab
        var subs = [Bytes: Bytes]()
        for pair in wordsOf(Reviser.substitutionPairs) {
            let parts = pair.split(separator: ":")
            subs[bytes(String(parts[0]))] = bytes(String(parts[1]))
        }
        substitutions = subs
        var map = [Bytes: Int]()
        let general = Set(vocab.nouns.singular.items)
        for (i, t) in vocab.topics.enumerated() {
            for (j, n) in t.nouns.singular.items.enumerated() where !general.contains(n) {
                if map[n] == nil { map[n] = i }
                if map[t.nouns.plural[j]] == nil { map[t.nouns.plural[j]] = i }
            }
        }
        topicOfWord = map
    }

    struct Token { var start: Int; var end: Int }

    private static func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }
    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    /// Word tokens (ASCII letters) and number tokens (digits) from `from`.
    private func tokens(_ text: Bytes, from: Int, digits: Bool) -> [Token] {
        var out = [Token]()
        var i = from
        let n = text.count
        @inline(__always) func test(_ b: UInt8) -> Bool { digits ? Reviser.isDigit(b) : Reviser.isLetter(b) }
        while i < n {
            if test(text[i]) {
                var j = i + 1
                while j < n, test(text[j]) { j += 1 }
                // Only whole words: not glued to other letters/digits.
                let prevOK = i == 0 || !(Reviser.isLetter(text[i - 1]) || Reviser.isDigit(text[i - 1]))
                let nextOK = j == n || !(Reviser.isLetter(text[j]) || Reviser.isDigit(text[j]))
                if prevOK, nextOK { out.append(Token(start: i, end: j)) }
                i = j
            } else {
                i += 1
            }
        }
        return out
    }

    private func lower(_ s: ArraySlice<UInt8>) -> Bytes {
        s.map { ($0 >= 65 && $0 <= 90) ? $0 + 32 : $0 }
    }

    /// Applies one random copy edit; returns false when nothing applied.
    private func copyEdit(_ text: inout Bytes, bodyStart: Int, kind: Int, rng: inout SplitMix64) -> Bool {
        switch kind {
        case 0:  // substitute a word
            let cands = tokens(text, from: bodyStart, digits: false).filter {
                substitutions[lower(text[$0.start..<$0.end])] != nil
            }
            guard !cands.isEmpty else { return false }
            let t = cands[rng.below(cands.count)]
            var rep = substitutions[lower(text[t.start..<t.end])]!
            if text[t.start] >= 65, text[t.start] <= 90, rep[0] >= 97, rep[0] <= 122 { rep[0] -= 32 }
            text.replaceSubrange(t.start..<t.end, with: rep)
            return true
        case 1:  // drop a mid-sentence adverb
            let cands = tokens(text, from: bodyStart, digits: false).filter {
                $0.start > 0 && text[$0.start - 1] == 32 && $0.end < text.count && text[$0.end] == 32
                    && vocab.adverbSet.contains(Array(text[$0.start..<$0.end]))
            }
            guard !cands.isEmpty else { return false }
            let t = cands[rng.below(cands.count)]
            text.removeSubrange((t.start - 1)..<t.end)
            return true
        case 2:  // insert an adverb before a past-tense verb
            let cands = tokens(text, from: bodyStart, digits: false).filter {
                $0.start > 0 && text[$0.start - 1] == 32 && vocab.pastForms.contains(Array(text[$0.start..<$0.end]))
            }
            guard !cands.isEmpty else { return false }
            let t = cands[rng.below(cands.count)]
            text.insert(contentsOf: vocab.adverbs.pick(&rng) + [32], at: t.start)
            return true
        default:  // correct a number
            let cands = tokens(text, from: bodyStart, digits: true)
            guard !cands.isEmpty else { return false }
            let t = cands[rng.below(cands.count)]
            let last = t.end - 1
            let old = text[last]
            var d = UInt8(48 + rng.below(10))
            if d == old { d = 48 + (old - 48 + 1) % 10 }
            text[last] = d
            return true
        }
    }

    func revise(_ original: Bytes, rng: inout SplitMix64) -> Bytes {
        var text = original
        // Title is the first line; body starts after the first blank line.
        var bodyStart = 0
        if let nl = text.firstIndex(of: 10) { bodyStart = nl + 1 }

        // On-topic generator for update paragraphs and headlines.
        var counts = [Int](repeating: 0, count: vocab.topics.count)
        for t in tokens(text, from: 0, digits: false) {
            if let ti = topicOfWord[lower(text[t.start..<t.end])] { counts[ti] += 1 }
        }
        let best = counts.indices.max { counts[$0] < counts[$1] } ?? 0
        var gen = Generator(vocab: vocab, rng: SplitMix64(seed: rng.next()), topicIndex: counts[best] > 0 ? best : nil)

        var changed = false
        let edits = 1 + rng.below(4)
        for _ in 0..<edits {
            let first = rng.below(4)
            for k in 0..<4 where copyEdit(&text, bodyStart: bodyStart, kind: (first + k) % 4, rng: &rng) {
                changed = true
                break
            }
        }
        if rng.chance(0.15) {
            let h = gen.headline()
            let end = text.firstIndex(of: 10) ?? text.count
            if Array(text[0..<end]) != h {
                text.replaceSubrange(0..<end, with: h)
                changed = true
            }
        }
        if rng.chance(0.3) || !changed || text == original {
            if text.last != 10 { text.append(10) }
            text.append(10)
            text.append(contentsOf: gen.updateParagraph())
            text.append(10)
        }
        return text
    }
}
