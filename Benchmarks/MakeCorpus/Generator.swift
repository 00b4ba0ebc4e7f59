// News-like article text from a small grammar over the Lexicon word lists.
// Everything works on UTF-8 bytes (no String building in the hot path).

// MARK: - Word lists

typealias Bytes = [UInt8]

@inline(__always) func bytes(_ s: String) -> Bytes { Array(s.utf8) }

/// Splits on whitespace, dropping duplicates (first occurrence wins).
func wordsOf(_ text: String) -> [String] {
    var seen = Set<String>()
    var out = [String]()
    for w in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
        let s = String(w)
        if seen.insert(s).inserted { out.append(s) }
    }
    return out
}

/// Splits on newlines (phrases), trimming, dropping empties. Duplicates kept
/// (repeating an entry is a way to weight it).
func linesOf(_ text: String) -> [String] {
    text.split(separator: "\n").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
}

extension Substring {
    func trimmingSpaces() -> String {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

/// Items sampled with Zipf weights by rank (index 0 is the most frequent).
struct WordList: Sendable {
    let items: [Bytes]
    let zipf: Zipf

    init(_ items: [String], exponent: Double = 1.0, offset: Double = 0) {
        precondition(!items.isEmpty)
        self.items = items.map(bytes)
        zipf = Zipf(count: items.count, exponent: exponent, offset: offset)
    }

    var count: Int { items.count }

    @inline(__always) func index(_ rng: inout SplitMix64) -> Int { zipf.sample(&rng) }
    @inline(__always) func pick(_ rng: inout SplitMix64) -> Bytes { items[zipf.sample(&rng)] }
    @inline(__always) func uniform(_ rng: inout SplitMix64) -> Bytes { items[rng.below(items.count)] }
}

/// A phrase with ORG / PLACE placeholders.
enum Piece: Sendable {
    case text(Bytes)
    case org
    case place
}

func pieces(_ phrase: String) -> [Piece] {
    var out = [Piece]()
    var pending = [String]()
    func flush() {
        if !pending.isEmpty { out.append(.text(bytes(pending.joined(separator: " ")))); pending.removeAll() }
    }
    for w in phrase.split(separator: " ") {
        if w == "ORG" {
            flush(); out.append(.org)
        } else if w == "PLACE" {
            flush(); out.append(.place)
        } else {
            pending.append(String(w))
        }
    }
    flush()
    return out
}

// MARK: - Morphology

enum Morph {
    static let irregularPast: [String: String] = [
        "say": "said", "make": "made", "take": "took", "give": "gave", "meet": "met", "lead": "led",
        "hold": "held", "win": "won", "lose": "lost", "begin": "began", "bring": "brought", "build": "built",
        "buy": "bought", "sell": "sold", "spend": "spent", "send": "sent", "set": "set", "cut": "cut",
        "put": "put", "hit": "hit", "seek": "sought", "tell": "told", "find": "found", "keep": "kept",
        "leave": "left", "pay": "paid", "rise": "rose", "fall": "fell", "grow": "grew", "know": "knew",
        "see": "saw", "speak": "spoke", "write": "wrote", "run": "ran", "come": "came", "go": "went",
        "get": "got", "break": "broke", "choose": "chose", "drive": "drove", "fight": "fought",
        "draw": "drew", "stand": "stood", "plan": "planned", "ban": "banned", "stop": "stopped",
        "drop": "dropped", "admit": "admitted", "commit": "committed", "submit": "submitted",
        "ship": "shipped", "step": "stepped", "occur": "occurred", "control": "controlled",
        "forecast": "forecast", "beat": "beat", "sweep": "swept", "strike": "struck", "freeze": "froze",
        "emit": "emitted", "teach": "taught", "fly": "flew", "star": "starred", "lend": "lent",
        "show": "showed", "learn": "learned", "house": "housed", "plead": "pleaded", "rally": "rallied",
        "acquit": "acquitted", "regret": "regretted", "refer": "referred", "prefer": "preferred",
        "swim": "swam", "shop": "shopped", "forget": "forgot",
    ]

    static let irregularPlural: [String: String] = [
        "child": "children", "person": "people", "man": "men", "woman": "women", "crisis": "crises",
        "analysis": "analyses", "life": "lives", "series": "series", "news": "news", "data": "data",
        "evidence": "evidence", "research": "research", "health": "health", "weather": "weather",
        "traffic": "traffic", "housing": "housing", "climate": "climate", "care": "care",
        "technology": "technologies", "equipment": "equipment", "aid": "aid", "relief": "relief",
        "homelessness": "homelessness", "inflation": "inflation", "unemployment": "unemployment",
        "pollution": "pollution", "privacy": "privacy", "literacy": "literacy", "enrollment": "enrollments",
        "fish": "fish", "species": "species", "staff": "staff", "police": "police", "music": "music", "money": "money",
        "economy": "economies", "military": "military", "parliament": "parliaments", "biodiversity": "biodiversity",
        "affordability": "affordability", "flooding": "flooding", "emissions": "emissions",
        "recycling": "recycling", "rainfall": "rainfall", "snow": "snow", "rain": "rain", "heat": "heat",
        "fog": "fog", "ice": "ice", "frost": "frost", "wildlife": "wildlife", "carbon": "carbon",
        "conservation": "conservation", "waste": "waste", "plastic": "plastics", "construction": "construction",
        "planning": "planning", "zoning": "zoning", "tuition": "tuition", "testimony": "testimony",
        "custody": "custody", "bail": "bail", "fraud": "fraud", "theft": "thefts", "murder": "murders",
        "software": "software", "surgery": "surgeries", "therapy": "therapies", "infrastructure": "infrastructure",
        "growth": "growth", "output": "output", "productivity": "productivity", "demand": "demand",
        "turnout": "turnout", "legislation": "legislation", "energy": "energy", "electricity": "electricity",
        "water": "water", "oil": "oil", "gas": "gas", "food": "food", "land": "land", "power": "power",
        "history": "histories", "peace": "peace", "rent": "rents", "debt": "debts", "hundred": "hundreds",
        "thousand": "thousands", "million": "millions", "billion": "billions", "dozen": "dozens",
    ]

    static func past(_ v: String) -> String {
        if let p = irregularPast[v] { return p }
        if v.hasSuffix("e") { return v + "d" }
        if v.hasSuffix("y"), v.count > 1 {
            let before = v[v.index(v.endIndex, offsetBy: -2)]
            if !"aeiou".contains(before) { return String(v.dropLast()) + "ied" }
        }
        return v + "ed"
    }

    /// Verbs that double their final consonant (plan -> planning).
    static let doubling: Set<String> = [
        "cut", "put", "hit", "win", "run", "begin", "set", "get", "plan", "ban", "stop", "drop", "admit",
        "commit", "submit", "ship", "step", "occur", "control", "emit", "star", "swim", "shop",
        "acquit", "regret", "refer", "prefer", "forget",
    ]

    static func ing(_ v: String) -> String {
        if doubling.contains(v) { return v + String(v.last!) + "ing" }
        if v.hasSuffix("ie") { return String(v.dropLast(2)) + "ying" }
        if v.hasSuffix("e"), !v.hasSuffix("ee"), !v.hasSuffix("ye"), !v.hasSuffix("oe"), v != "be" {
            return String(v.dropLast()) + "ing"
        }
        return v + "ing"
    }

    static func third(_ v: String) -> String {
        if v == "have" { return "has" }
        if v.hasSuffix("s") || v.hasSuffix("x") || v.hasSuffix("z") || v.hasSuffix("ch") || v.hasSuffix("sh")
            || v.hasSuffix("o")
        {
            return v + "es"
        }
        if v.hasSuffix("y"), v.count > 1 {
            let before = v[v.index(v.endIndex, offsetBy: -2)]
            if !"aeiou".contains(before) { return String(v.dropLast()) + "ies" }
        }
        return v + "s"
    }

    static func plural(_ n: String) -> String {
        if let p = irregularPlural[n] { return p }
        if n.hasSuffix("s") || n.hasSuffix("x") || n.hasSuffix("z") || n.hasSuffix("ch") || n.hasSuffix("sh") {
            return n + "es"
        }
        if n.hasSuffix("y"), n.count > 1 {
            let before = n[n.index(n.endIndex, offsetBy: -2)]
            if !"aeiou".contains(before) { return String(n.dropLast()) + "ies" }
        }
        return n + "s"
    }
}

/// Nouns and verbs with their inflected forms at the same ranks.
struct NounList: Sendable {
    let singular: WordList
    let plural: [Bytes]
    init(_ words: [String], exponent: Double, offset: Double = 0) {
        singular = WordList(words, exponent: exponent, offset: offset)
        plural = words.map { bytes(Morph.plural($0)) }
    }
}

struct VerbList: Sendable {
    let base: WordList
    let past: [Bytes]
    let third: [Bytes]
    let ing: [Bytes]
    init(_ words: [String], exponent: Double, offset: Double = 0) {
        base = WordList(words, exponent: exponent, offset: offset)
        past = words.map { bytes(Morph.past($0)) }
        third = words.map { bytes(Morph.third($0)) }
        ing = words.map { bytes(Morph.ing($0)) }
    }
}

struct Topic: Sendable {
    let name: String
    let nouns: NounList
    let verbs: VerbList
    let adjectives: WordList
    let orgs: [[Piece]]
    let orgZipf: Zipf
    let roles: [[Piece]]
}

// MARK: - Vocabulary (built once, shared read-only by all threads)

final class Vocab: Sendable {
    let nouns: NounList
    let verbs: VerbList
    let adjectives: WordList
    let adverbs: WordList
    let openers: WordList
    let times: WordList
    let months: [Bytes]
    let weekdays: [Bytes]
    let prepositions: WordList
    let conjunctions: WordList
    let stock: WordList
    let female: WordList
    let male: WordList
    let last: WordList
    let places: WordList
    let countries: WordList
    let roles: [[Piece]]
    let reporting: WordList
    /// Verbs introducing reported speech ("said that", "warned that").
    let reportVerbs: WordList
    let topics: [Topic]
    let smallTitleWords: Set<Bytes>
    /// Every past-tense form (for the reviser's adverb insertion).
    let pastForms: Set<Bytes>
    let adverbSet: Set<Bytes>

    init() {
        nouns = NounList(wordsOf(Lexicon.nouns), exponent: 0.9, offset: 8)
        verbs = VerbList(wordsOf(Lexicon.verbs), exponent: 0.9, offset: 5)
        adjectives = WordList(wordsOf(Lexicon.adjectives), exponent: 0.9, offset: 5)
        adverbs = WordList(wordsOf(Lexicon.adverbs), exponent: 1.0)
        openers = WordList(linesOf(Lexicon.openers), exponent: 0.8)
        times = WordList(linesOf(Lexicon.times), exponent: 0.6)
        months = wordsOf(Lexicon.months).map(bytes)
        weekdays = wordsOf(Lexicon.weekdays).map(bytes)
        prepositions = WordList(wordsOf(Lexicon.prepositions), exponent: 0.8)
        conjunctions = WordList(linesOf(Lexicon.conjunctions), exponent: 1.0)
        stock = WordList(linesOf(Lexicon.stockSentences), exponent: 0.7)
        female = WordList(wordsOf(Lexicon.femaleFirstNames), exponent: 0.7)
        male = WordList(wordsOf(Lexicon.maleFirstNames), exponent: 0.7)
        last = WordList(wordsOf(Lexicon.lastNames), exponent: 0.7)
        places = WordList(linesOf(Lexicon.places), exponent: 0.8)
        countries = WordList(linesOf(Lexicon.countries), exponent: 0.8)
        roles = linesOf(Lexicon.roles).map(pieces)
        reporting = WordList(linesOf(Lexicon.reportingVerbs), exponent: 0.5)
        reportVerbs = WordList(wordsOf(Lexicon.reportVerbs), exponent: 0.6)
        topics = Lexicon.topics.map { t in
            let orgs = linesOf(t.orgs).map(pieces)
            return Topic(
                name: t.name,
                nouns: NounList(wordsOf(t.nouns), exponent: 0.7),
                verbs: VerbList(wordsOf(t.verbs), exponent: 0.7),
                adjectives: WordList(wordsOf(t.adjectives), exponent: 0.7),
                orgs: orgs,
                orgZipf: Zipf(count: orgs.count, exponent: 0.8),
                roles: linesOf(t.roles).map(pieces)
            )
        }
        smallTitleWords = Set(wordsOf(Lexicon.titleSmallWords).map(bytes))
        var past = Set<Bytes>(verbs.past)
        for t in topics { past.formUnion(t.verbs.past) }
        pastForms = past
        adverbSet = Set(adverbs.items)
    }

    /// Number of distinct vocabulary entries (for the report).
    var size: Int {
        var all = Set<Bytes>()
        for l in [nouns.singular, verbs.base, adjectives, adverbs, female, male, last, places, countries] {
            all.formUnion(l.items)
        }
        all.formUnion(nouns.plural)
        all.formUnion(verbs.past)
        for t in topics {
            all.formUnion(t.nouns.singular.items); all.formUnion(t.nouns.plural)
            all.formUnion(t.verbs.base.items); all.formUnion(t.verbs.past); all.formUnion(t.adjectives.items)
        }
        return all.count
    }
}

// MARK: - Coined names and compounds

/// Pronounceable invented names (towns, surnames, companies) built from
/// syllables, so that the corpus has the long tail of rare proper nouns that
/// real news has, and compound modifiers ("state-funded", "two-year").
enum Coin {
    static let onsets = wordsOf(
        "b c d f g h k l m n p r s t v w b d g h k m p r br ch cl dr gr st tr th bl fr pl")
    static let vowels = ["a", "e", "i", "o", "u", "a", "e", "o", "a", "ai", "ea", "ou"]
    static let plainVowels = ["a", "e", "i", "o", "u", "a", "e", "o"]
    static let codas = ["", "", "", "n", "r", "l", "s", "t", "m", "nd", "rt", "ck", "ll", "rn", "lm", "nt"]
    static let surnameEndings = wordsOf(
        "son ton ley man berg ski elli ez ani er stein ard ic enko sen ford well ing wood ner lund")
    static let townEndings = wordsOf(
        "ford bury ton field wood brook port vale mouth ham wick stead ridge haven dale more by worth")
    static let companySuffixes = wordsOf(
        "Holdings Group Foods Energy Logistics Partners Labs Motors Health Bank Insurance Media Systems Construction Airlines Pharma Capital Retail"
    )

    static let participles = wordsOf(
        "backed funded led owned run based controlled approved sponsored linked related supported financed"
    ).map(bytes)
    static let ingModifiers = wordsOf(
        "rising growing falling ongoing leading remaining existing increasing continuing emerging developing upcoming working missing competing visiting striking governing opposing mounting"
    ).map(bytes)
    static let compoundNumbers = wordsOf("two three four five six ten 12 18 20 30 40 50 100").map(bytes)
    static let compoundUnits = wordsOf("year month week day hour mile minute point member story seat game").map(bytes)
    static let compoundHeads = wordsOf("low high long short full part well hard far top mid cross large small").map(
        bytes)

    private static func stem(_ rng: inout SplitMix64) -> String {
        var s = rng.pick(onsets) + rng.pick(vowels) + rng.pick(codas)
        if rng.chance(0.25) { s += rng.pick(["l", "r", "n", "m", "d", "v"]) + rng.pick(plainVowels) }
        return s
    }

    private static func capitalized(_ s: String) -> Bytes {
        var b = bytes(s)
        if let f = b.first, f >= 97, f <= 122 { b[0] = f - 32 }
        return b
    }

    static func surname(_ rng: inout SplitMix64) -> Bytes { capitalized(stem(&rng) + rng.pick(surnameEndings)) }
    static func town(_ rng: inout SplitMix64) -> Bytes { capitalized(stem(&rng) + rng.pick(townEndings)) }
    static func company(_ rng: inout SplitMix64) -> Bytes {
        capitalized(stem(&rng) + (rng.chance(0.5) ? rng.pick(plainVowels) : "")) + [32]
            + bytes(rng.pick(companySuffixes))
    }
}

// MARK: - Output buffer with spacing and capitalisation

struct TextBuffer {
    var bytes: Bytes = []
    var needSpace = false
    var capNext = true
    var words = 0

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    @inline(__always)
    mutating func word(_ w: Bytes) { w.withUnsafeBufferPointer { word($0) } }

    @inline(__always)
    mutating func word(_ s: StaticString) { s.withUTF8Buffer { word($0) } }

    mutating func word(_ p: UnsafeBufferPointer<UInt8>) {
        guard let first = p.first else { return }
        if needSpace { bytes.append(32) }
        if capNext, first >= 97, first <= 122 {
            bytes.append(first - 32)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[1...]))
        } else {
            bytes.append(contentsOf: p)
        }
        capNext = false
        needSpace = true
        words += 1
    }

    /// Punctuation glued to the previous word (",", ".", ":").
    @inline(__always)
    mutating func punct(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
        needSpace = true
    }

    mutating func number(_ n: Int, commas: Bool = true) {
        if needSpace { bytes.append(32) }
        appendDigits(n, commas: commas)
        needSpace = true
        capNext = false
        words += 1
    }

    mutating func appendDigits(_ n: Int, commas: Bool) {
        var digits = [UInt8]()
        var v = n
        var count = 0
        repeat {
            if commas, count > 0, count % 3 == 0 { digits.append(44) }
            digits.append(UInt8(48 + v % 10))
            v /= 10
            count += 1
        } while v > 0
        bytes.append(contentsOf: digits.reversed())
    }

    mutating func openQuote() {
        if needSpace { bytes.append(32) }
        bytes.append(contentsOf: [0xE2, 0x80, 0x9C])  // “
        needSpace = false
        capNext = true
    }

    mutating func closeQuote() {
        bytes.append(contentsOf: [0xE2, 0x80, 0x9D])  // ”
        needSpace = true
    }

    /// ’s on the previous word.
    mutating func possessive() {
        bytes.append(contentsOf: [0xE2, 0x80, 0x99, 0x73])
    }

    mutating func endSentence() {
        if bytes.last != 46 { bytes.append(46) }  // "a.m." already ends with a period
        needSpace = true
        capNext = true
    }

    mutating func endParagraph() {
        bytes.append(10)
        bytes.append(10)
        needSpace = false
        capNext = true
    }
}

// MARK: - Article generator

struct Person {
    var first: Bytes
    var last: Bytes
    var female: Bool
    var role: [Piece]
    var mentions = 0
}

struct Generator {
    let v: Vocab
    var rng: SplitMix64
    var out: TextBuffer
    let topic: Topic
    let place: Bytes
    var orgs: [Bytes] = []
    var people: [Person] = []
    let honorifics: Bool
    var lastPerson = -1

    init(vocab: Vocab, rng: SplitMix64, topicIndex: Int? = nil) {
        v = vocab
        var r = rng
        out = TextBuffer(capacity: 4096)
        let ti = topicIndex ?? r.below(vocab.topics.count)
        topic = vocab.topics[ti]
        // Real news is full of names seen nowhere else; coin some.
        place = r.chance(0.3) ? Coin.town(&r) : vocab.places.pick(&r)
        honorifics = r.chance(0.25)
        self.rng = r
        if self.rng.chance(0.4) { orgs.append(Coin.company(&self.rng)) }
        for _ in 0..<(1 + self.rng.below(3)) {
            orgs.append(resolve(topic.orgs[topic.orgZipf.sample(&self.rng)], orgFallback: nil))
        }
        for _ in 0..<(2 + self.rng.below(3)) {
            let female = self.rng.chance(0.5)
            let first = female ? vocab.female.pick(&self.rng) : vocab.male.pick(&self.rng)
            let role = self.rng.chance(0.55) ? self.rng.pick(topic.roles) : self.rng.pick(vocab.roles)
            let last = self.rng.chance(0.5) ? vocab.last.pick(&self.rng) : Coin.surname(&self.rng)
            people.append(Person(first: first, last: last, female: female, role: role))
        }
    }

    /// Fills ORG/PLACE placeholders of a phrase.
    mutating func resolve(_ ps: [Piece], orgFallback: Bytes?) -> Bytes {
        var b = Bytes()
        for p in ps {
            if !b.isEmpty { b.append(32) }
            switch p {
            case .text(let t): b.append(contentsOf: t)
            case .place: b.append(contentsOf: rng.chance(0.7) ? place : v.places.pick(&rng))
            case .org:
                if let o = orgFallback { b.append(contentsOf: o) } else { b.append(contentsOf: bytes("the council")) }
            }
        }
        return b
    }

    // MARK: Words

    mutating func noun() -> Bytes {
        rng.chance(0.45) ? topic.nouns.singular.pick(&rng) : v.nouns.singular.pick(&rng)
    }

    mutating func plural() -> Bytes {
        if rng.chance(0.45) {
            return topic.nouns.plural[topic.nouns.singular.index(&rng)]
        }
        return v.nouns.plural[v.nouns.singular.index(&rng)]
    }

    mutating func adjective() -> Bytes {
        let r = rng.uniform()
        if r < 0.05 {
            // "government-backed", "police-led"
            return v.nouns.singular.pick(&rng) + [45] + rng.pick(Coin.participles)
        } else if r < 0.10 {
            // "three-year", "12-hour"
            return rng.pick(Coin.compoundNumbers) + [45] + rng.pick(Coin.compoundUnits)
        } else if r < 0.13 {
            // "low-income", "long-term"
            return rng.pick(Coin.compoundHeads) + [45] + noun()
        }
        return rng.chance(0.35) ? topic.adjectives.pick(&rng) : v.adjectives.pick(&rng)
    }

    enum Form { case base, past, third, ing }

    mutating func verb(_ form: Form) -> Bytes {
        let list = rng.chance(0.4) ? topic.verbs : v.verbs
        let i = list.base.index(&rng)
        switch form {
        case .base: return list.base.items[i]
        case .past: return list.past[i]
        case .third: return list.third[i]
        case .ing: return list.ing[i]
        }
    }

    mutating func org() -> Bytes {
        if !orgs.isEmpty, rng.chance(0.6) { return orgs[rng.below(orgs.count)] }
        return resolve(topic.orgs[topic.orgZipf.sample(&rng)], orgFallback: nil)
    }

    mutating func otherPlace() -> Bytes {
        let r = rng.uniform()
        if r < 0.35 { return place }
        if r < 0.45 { return Coin.town(&rng) }
        return r < 0.85 ? v.places.pick(&rng) : v.countries.pick(&rng)
    }

    /// "a" or "an" for the following word.
    mutating func indefinite(before w: Bytes) {
        guard let f = w.first else { return }
        let vowel = "aeiouAEIOU".utf8.contains(f)
        var an = vowel
        if vowel, w.count >= 3 {
            let p3 = (w[0] | 0x20, w[1], w[2])
            if p3 == (117, 110, 105) || p3 == (117, 115, 101) || p3 == (111, 110, 101) || p3 == (101, 117, 114) {
                an = false  // university, use, one, euro
            }
        }
        if f == 104 || f == 72, w.starts(with: bytes("hour")) || w.starts(with: bytes("honest")) { an = true }
        if an { out.word("an") } else { out.word("a") }
    }

    // MARK: Numbers

    mutating func quantity() {
        switch rng.below(10) {
        case 0:
            out.word(
                ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve"].map(bytes)[
                    rng.below(10)])
        case 1: out.word(rng.chance(0.5) ? "dozens of" : "hundreds of")
        case 2: out.word(rng.chance(0.5) ? "several" : "a few")
        case 3:
            let q: [StaticString] = [
                "many", "some", "one of the", "some of the", "most of the", "many of the", "all of the", "none of the",
            ]
            out.word(q[rng.below(q.count)])
        case 4: out.word("more than"); out.number(roundish())
        case 5: out.word("about"); out.number(roundish())
        case 6: out.word("at least"); out.number(rng.int(2, 60))
        case 7: out.word("nearly"); out.number(roundish())
        default: out.number(rng.int(2, 950))
        }
    }

    /// Numbers like 40, 250, 1,200 or 35,000.
    mutating func roundish() -> Int {
        switch rng.below(4) {
        case 0: return rng.int(1, 9) * 10
        case 1: return rng.int(1, 9) * 100 + (rng.chance(0.5) ? 50 : 0)
        case 2: return rng.int(1, 20) * 1000 + rng.int(0, 9) * 100
        default: return rng.int(2, 95) * 1000
        }
    }

    mutating func percent() {
        if rng.chance(0.5) {
            out.number(rng.int(1, 60))
        } else {
            if out.needSpace { out.bytes.append(32) }
            out.appendDigits(rng.int(0, 12), commas: false)
            out.bytes.append(46)
            out.appendDigits(rng.int(1, 9), commas: false)
            out.needSpace = true
            out.capNext = false
        }
        out.word("percent")
    }

    mutating func money() {
        if out.needSpace { out.bytes.append(32) }
        let cur: [UInt8]
        switch rng.below(6) {
        case 0, 1, 2: cur = [36]  // $
        case 3, 4: cur = [0xE2, 0x82, 0xAC]  // €
        default: cur = [0xC2, 0xA3]  // £
        }
        if out.capNext { out.capNext = false }
        out.bytes.append(contentsOf: cur)
        out.appendDigits(rng.int(1, 950), commas: false)
        if rng.chance(0.3) {
            out.bytes.append(46)
            out.appendDigits(rng.int(1, 9), commas: false)
        }
        out.needSpace = true
        out.words += 1
        out.word(rng.chance(0.7) ? "million" : "billion")
    }

    mutating func date() {
        out.word(v.months[rng.below(12)])
        out.number(rng.int(1, 28))
    }

    mutating func year() { out.number(rng.int(1995, 2025), commas: false) }

    // MARK: Phrases

    /// Writes a noun phrase; returns true when it is plural.
    @discardableResult
    mutating func nounPhrase(depth: Int = 0) -> Bool {
        let r = rng.uniform()
        if r < 0.17 {
            out.word("the")
            if rng.chance(0.3) { out.word(adjective()) }
            if rng.chance(0.15) { out.word(noun()) }  // noun compound: "the health budget"
            out.word(noun())
            return false
        } else if r < 0.36 {
            if rng.chance(0.35) { out.word(adjective()) }
            if rng.chance(0.15) { out.word(noun()) }
            out.word(plural())
            return true
        } else if r < 0.46 {
            let a = rng.chance(0.5) ? adjective() : Bytes()
            let n = noun()
            indefinite(before: a.isEmpty ? n : a)
            if !a.isEmpty { out.word(a) }
            out.word(n)
            return false
        } else if r < 0.54 {
            quantity()
            if rng.chance(0.25) { out.word(adjective()) }
            out.word(plural())
            return true
        } else if r < 0.60 {
            out.word("the")
            out.word(noun())
            out.word(rng.chance(0.7) ? "of" : "for")
            if rng.chance(0.5) {
                out.word("the")
                out.word(noun())
            } else {
                out.word(plural())
            }
            return false
        } else if r < 0.66 {
            switch rng.below(8) {
            case 0: out.word("the city")
            case 1: out.word("the company")
            case 2, 3, 4: out.word(otherPlace())
            default: out.word("the"); out.word(noun())
            }
            out.possessive()
            if rng.chance(0.3) { out.word(adjective()) }
            out.word(noun())
            return false
        } else if r < 0.71 {
            out.word(org())
            return false
        } else if r < 0.79 {
            let dets: [StaticString] = [
                "this", "that", "its", "their", "another", "each", "every", "his", "her", "our", "one",
                "any", "no", "such a", "the same", "the next", "the first", "the last",
            ]
            out.word(dets[rng.below(dets.count)])
            if rng.chance(0.3) { out.word(adjective()) }
            out.word(noun())
            return false
        } else if r < 0.84 {
            let dets: [StaticString] = [
                "these", "those", "other", "some", "more", "fewer", "most", "all", "both", "many",
            ]
            out.word(dets[rng.below(dets.count)])
            if rng.chance(0.3) { out.word(adjective()) }
            out.word(plural())
            return true
        } else if r < 0.89, depth == 0 {
            // Coordination: "schools and hospitals", "the mayor and the council"
            nounPhrase(depth: 1)
            out.word(rng.chance(0.85) ? "and" : "or")
            nounPhrase(depth: 1)
            return true
        } else if r < 0.97 {
            // -ing modifier: "rising prices", "the growing number of"
            if rng.chance(0.5) { out.word("the") }
            out.word(rng.pick(Coin.ingModifiers))
            out.word(plural())
            return true
        } else {
            out.word(rng.chance(0.5) ? adjective() : noun())
            out.word(plural())
            out.word(rng.chance(0.5) ? "such as" : "including")
            nounPhrase(depth: 1)
            return true
        }
    }

    /// A reference to one of the article's people. The first mention carries
    /// the full name and, as a subject, the role in an apposition.
    mutating func personRef(asSubject: Bool, appositive: Bool = true) {
        // Earlier people are mentioned more often.
        var i = 0
        while i + 1 < people.count, rng.chance(0.4) { i += 1 }
        lastPerson = i
        let p = people[i]
        if p.mentions == 0 {
            out.word(p.first)
            out.word(p.last)
            if asSubject, appositive {
                out.punct(",")
                let role = resolve(p.role, orgFallback: org())
                out.word(role)
                out.punct(",")
            }
        } else if honorifics {
            out.word(p.female ? "Ms." : "Mr.")
            out.word(p.last)
        } else {
            out.word(p.last)
        }
        people[i].mentions += 1
    }

    /// Writes a subject; returns true when plural.
    @discardableResult
    mutating func subject() -> Bool {
        let r = rng.uniform()
        if r < 0.28 {
            personRef(asSubject: true)
            return false
        } else if r < 0.36 {
            out.word(org())
            return false
        } else if r < 0.48 {
            let group: [StaticString] = [
                "officials", "police", "critics", "residents", "analysts", "experts", "authorities",
                "investigators", "supporters", "local officials", "campaigners", "lawmakers",
            ]
            out.word(group[rng.below(group.count)])
            return true
        } else if r < 0.54, lastPerson >= 0 {
            out.word(people[lastPerson].female ? "she" : "he")
            return false
        } else {
            return nounPhrase()
        }
    }

    mutating func prepPhrase() {
        let r = rng.uniform()
        if r < 0.70 {
            out.word(v.prepositions.pick(&rng))
            nounPhrase()
        } else if r < 0.77 {
            out.word(rng.chance(0.8) ? "in" : "outside")
            out.word(otherPlace())
        } else if r < 0.89 {
            out.word(v.times.pick(&rng))
        } else if r < 0.93 {
            out.word("on")
            date()
        } else if r < 0.97 {
            // "on Brenwick Road"
            let kinds: [StaticString] = ["Road", "Street", "Avenue", "Lane", "Square", "Park", "Bridge"]
            out.word(rng.chance(0.5) ? "on" : "near")
            out.word(Coin.surname(&rng))
            out.word(kinds[rng.below(kinds.count)])
        } else {
            // "at 9:40 a.m."
            out.word("at")
            out.number(rng.int(1, 12))
            out.bytes.append(58)
            out.appendDigits(rng.int(0, 5), commas: false)
            out.appendDigits(rng.int(0, 9), commas: false)
            out.word(rng.chance(0.5) ? "a.m." : "p.m.")
        }
    }

    mutating func verbPhrase(plural: Bool) {
        let r = rng.uniform()
        if r < 0.32 {
            out.word(verb(.past))
            nounPhrase()
        } else if r < 0.38 {
            out.word(verb(.past))
            out.word(rng.chance(0.7) ? "and" : "then")
            out.word(verb(.past))
            nounPhrase()
        } else if r < 0.55 {
            let modals: [StaticString] = ["would", "could", "will", "may", "might", "should", "would not", "can"]
            out.word(modals[rng.below(modals.count)])
            out.word(verb(.base))
            nounPhrase()
        } else if r < 0.62 {
            out.word(plural ? "are" : "is")
            out.word(rng.chance(0.6) ? "expected to" : "likely to")
            out.word(verb(.base))
            nounPhrase()
        } else if r < 0.72 {
            let to: [StaticString] = [
                "planned to", "hoped to", "tried to", "agreed to", "refused to", "declined to", "voted to",
                "moved to", "failed to", "promised to", "wanted to", "decided to",
            ]
            out.word(to[rng.below(to.count)])
            out.word(verb(.base))
            nounPhrase()
        } else if r < 0.79 {
            out.word(plural ? "were" : "was")
            if rng.chance(0.3) { out.word(v.adverbs.pick(&rng)) }
            out.word(adjective())
        } else if r < 0.84 {
            out.word(v.adverbs.pick(&rng))
            out.word(verb(.past))
            nounPhrase()
        } else if r < 0.90 {
            out.word(plural ? "are" : "is")
            if rng.chance(0.3) { out.word(v.adverbs.pick(&rng)) }
            out.word(verb(.ing))
            nounPhrase()
        } else if r < 0.94 {
            if plural { out.word(verb(.base)) } else { out.word(verb(.third)) }
            nounPhrase()
            if rng.chance(0.5) {
                out.word(rng.chance(0.5) ? "and" : "but"); out.word(plural ? verb(.base) : verb(.third)); nounPhrase()
            }
        } else {
            let ask: [StaticString] = [
                "urged", "asked", "called on", "encouraged", "told", "forced", "allowed", "advised", "pressed",
            ]
            out.word(ask[rng.below(ask.count)])
            nounPhrase()
            out.word("to")
            out.word(verb(.base))
            nounPhrase()
        }
    }

    mutating func clause() {
        let pl = subject()
        verbPhrase(plural: pl)
    }

    /// Adds prepositional phrases until the sentence reaches `target` words.
    mutating func pad(from start: Int, to target: Int) {
        var guardCount = 0
        while out.words - start < target, guardCount < 4 {
            if target - (out.words - start) >= 6, guardCount > 0, rng.chance(0.5) {
                out.punct(",")
                out.word(v.conjunctions.pick(&rng))
                clause()
            } else {
                prepPhrase()
            }
            guardCount += 1
        }
    }

    mutating func sentenceLength() -> Int {
        // Roughly triangular between 8 and 30, peak near 18.
        let a = rng.int(8, 30), b = rng.int(8, 30)
        return (a + b) / 2 + rng.int(-3, 3)
    }

    // MARK: Sentences

    mutating func sentence() {
        let start = out.words
        let target = sentenceLength()
        let r = rng.uniform()
        if r < 0.30 {
            // Plain clause, padded with phrases and subordinate clauses.
            if rng.chance(0.2) { out.word(v.openers.pick(&rng)); out.punct(",") }
            clause()
            pad(from: start, to: target - (rng.chance(0.3) ? 8 : 0))
            if out.words - start < target - 4, rng.chance(0.5) {
                out.punct(",")
                out.word(v.conjunctions.pick(&rng))
                clause()
            }
        } else if r < 0.45 {
            // Reported speech.
            if rng.chance(0.6) { personRef(asSubject: true) } else { subject() }
            out.word(rng.chance(0.6) ? v.reporting.items[0] : v.reportVerbs.pick(&rng))
            if rng.chance(0.4) { out.word(v.times.pick(&rng)) }
            if rng.chance(0.7) { out.word("that") }
            let pl = rng.chance(0.5) ? nounPhrase() : subject()
            if rng.chance(0.5) {
                let modals: [StaticString] = [
                    "would", "could", "might", "would not", "had to", "was ready to", "intended to",
                ]
                out.word(modals[rng.below(modals.count)])
                out.word(verb(.base))
                nounPhrase()
            } else {
                verbPhrase(plural: pl)
            }
            pad(from: start, to: target)
        } else if r < 0.50 {
            // Statistics.
            let src: [StaticString] = [
                "According to", "Figures from", "Data published by", "A report by", "Estimates from",
            ]
            let pick = rng.below(src.count)
            out.word(src[pick])
            out.word(org())
            if pick == 0 {
                out.punct(",")
            } else {
                let show: [StaticString] = ["showed", "suggested", "indicated", "found"]
                out.word(show[rng.below(show.count)])
            }
            let what: [StaticString] = [
                "the number of", "the share of", "the cost of", "spending on", "demand for", "the price of",
            ]
            out.word(what[rng.below(what.count)])
            out.word(plural())
            if rng.chance(0.5) { out.word("in"); out.word(otherPlace()) }
            let move: [StaticString] = [
                "rose", "fell", "climbed", "dropped", "increased", "declined", "jumped", "slipped",
            ]
            out.word(move[rng.below(move.count)])
            if rng.chance(0.6) { out.word("by") }
            percent()
            if rng.chance(0.5) { out.word("in"); year() } else { out.word(v.times.pick(&rng)) }
            if rng.chance(0.3) { out.punct(","); out.word("to"); out.number(roundish()) }
        } else if r < 0.57 {
            out.word(rng.chance(0.8) ? "in" : "across")
            out.word(otherPlace())
            out.punct(",")
            clause()
            pad(from: start, to: target)
        } else if r < 0.65 {
            clause()
            let link: [StaticString] = ["after", "before", "when", "because", "even though", "until", "once"]
            out.word(link[rng.below(link.count)])
            clause()
            pad(from: start, to: target - 4)
        } else if r < 0.68 {
            let w: [StaticString] = ["whether", "how", "when", "why", "how soon", "whether or not"]
            let lead: [StaticString] = [
                "it was not immediately clear", "it remains unclear", "officials did not say",
                "it is not yet known", "no one would say",
            ]
            out.word(lead[rng.below(lead.count)])
            out.word(w[rng.below(w.count)])
            subject()
            out.word(rng.chance(0.7) ? "would" : "might")
            out.word(verb(.base))
            nounPhrase()
        } else if r < 0.74 {
            out.word(rng.chance(0.7) ? "the" : "a")
            if rng.chance(0.4) { out.word(adjective()) }
            out.word(noun())
            let fut: [StaticString] = ["is expected to", "will", "is due to", "is set to", "could", "aims to"]
            out.word(fut[rng.below(fut.count)])
            out.word(verb(.base))
            nounPhrase()
            if rng.chance(0.5) { out.word(v.times.pick(&rng)) } else { prepPhrase() }
        } else if r < 0.80 {
            personRef(asSubject: false)
            out.punct(",")
            out.word("who")
            out.word(verb(.past))
            nounPhrase()
            if rng.chance(0.5) { out.word(v.times.pick(&rng)) }
            out.punct(",")
            out.word(rng.chance(0.6) ? v.reporting.items[0] : v.reportVerbs.pick(&rng))
            if rng.chance(0.5) {
                out.word(rng.chance(0.5) ? "the" : "this")
                out.word(noun())
                out.word(rng.chance(0.7) ? "was" : "had been")
                out.word(adjective())
            } else {
                clause()
            }
        } else if r < 0.84 {
            out.word(rng.chance(0.7) ? "the" : "a")
            if rng.chance(0.4) { out.word(adjective()) }
            out.word(noun())
            let cost: [StaticString] = [
                "will cost", "is expected to cost", "could cost", "is worth", "is valued at", "cost",
            ]
            out.word(cost[rng.below(cost.count)])
            money()
            out.punct(",")
            out.word(rng.chance(0.5) ? "and" : "but")
            clause()
        } else if r < 0.855 {
            out.word(v.stock.pick(&rng))
            out.bytes.removeLast()  // stock sentences carry their own period
        } else if r < 0.92 {
            switch rng.below(3) {
            case 0: out.word("on"); date()
            case 1: out.word("in"); year()
            default: out.word(rng.chance(0.5) ? "by" : "since"); year()
            }
            out.punct(",")
            clause()
            pad(from: start, to: target)
        } else {
            // A person with an age or a count.
            personRef(asSubject: false)
            out.punct(",")
            out.number(rng.int(19, 84))
            out.punct(",")
            out.word(verb(.past))
            if rng.chance(0.5) { out.word("more than"); out.number(roundish()) } else { out.number(rng.int(2, 99)) }
            out.word(plural())
            pad(from: start, to: target)
        }
        out.endSentence()
    }

    mutating func quoteBody() {
        switch rng.below(10) {
        case 0:
            let m: [StaticString] = ["we will", "we want to", "we need to", "we’re going to", "we have to", "we can’t"]
            out.word(m[rng.below(m.count)])
            out.word(verb(.base))
            nounPhrase()
            if rng.chance(0.6) { prepPhrase() }
        case 1:
            out.word("this is")
            let a = adjective()
            indefinite(before: a)
            out.word(a)
            out.word(noun())
            out.word("for")
            nounPhrase()
        case 2:
            out.word(rng.chance(0.5) ? "I think" : "I don’t think")
            clause()
        case 3:
            out.word("it’s")
            out.word(adjective())
            out.word("that")
            clause()
        case 4:
            out.word("there is no")
            out.word(noun())
            out.word("for")
            out.word(plural())
            if rng.chance(0.5) { prepPhrase() }
        case 5:
            out.word(rng.chance(0.5) ? "nobody" : "no one")
            out.word(verb(.past))
            nounPhrase()
        case 6:
            out.word("people are")
            out.word(adjective())
            out.punct(",")
            out.word("and they want")
            nounPhrase()
        case 7:
            out.word("we did not expect")
            nounPhrase()
            if rng.chance(0.5) { prepPhrase() }
        case 8:
            out.word("our")
            out.word(noun())
            out.word("is")
            out.word(adjective())
            prepPhrase()
        default:
            out.word(rng.chance(0.5) ? "we’ve" : "they’ve")
            out.word("been")
            out.word(adjective())
            out.word("about")
            nounPhrase()
            out.word(v.times.pick(&rng))
        }
    }

    mutating func quoteSentence() {
        let style = rng.below(3)
        if style == 2 {
            personRef(asSubject: true)
            out.word(v.reporting.pick(&rng))
            out.punct(":")
            out.openQuote()
            quoteBody()
            if rng.chance(0.4) { out.endSentence(); out.needSpace = true; quoteBody() }
            out.endSentence()
            out.closeQuote()
            out.capNext = true
            return
        }
        out.openQuote()
        quoteBody()
        if rng.chance(0.3) { out.endSentence(); quoteBody() }
        out.punct(",")
        out.closeQuote()
        out.capNext = false
        if style == 0 {
            personRef(asSubject: false)
            out.word(v.reporting.pick(&rng))
        } else {
            out.word("said")
            personRef(asSubject: false)
            if lastPerson >= 0, people[lastPerson].mentions == 1 {
                out.punct(",")
                out.word(resolve(people[lastPerson].role, orgFallback: org()))
            }
        }
        out.endSentence()
    }

    // MARK: Article

    mutating func paragraph(first: Bool) {
        if first, rng.chance(0.35) {
            var p = place
            for i in p.indices where p[i] >= 97 && p[i] <= 122 { p[i] -= 32 }
            out.word(p)
            out.word("—")
            out.capNext = true
        }
        if !first, rng.chance(0.22) {
            quoteSentence()
            if rng.chance(0.4) { sentence() }
        } else {
            let n = first ? 1 + rng.below(2) : 1 + rng.below(3)
            for _ in 0..<n { sentence() }
        }
        out.endParagraph()
    }

    mutating func title() {
        let start = out.bytes.count
        switch rng.below(7) {
        case 0:
            out.word(rng.chance(0.5) ? org() : place)
            out.word(verb(.third))
            if rng.chance(0.5) { out.word(adjective()) }
            out.word(rng.chance(0.5) ? noun() : plural())
            if rng.chance(0.6) { titlePrep() }
        case 1:
            out.word(people[0].last)
            out.word("says")
            out.word(noun())
            out.word("will")
            out.word(verb(.base))
            out.word(plural())
        case 2:
            if rng.chance(0.5) { out.word(adjective()) }
            out.word(plural())
            out.word(verb(.base))
            out.word(rng.chance(0.5) ? noun() : plural())
            titlePrep()
        case 3:
            out.word(place)
            out.word("to")
            out.word(verb(.base))
            if rng.chance(0.5) { out.word(adjective()) }
            out.word(noun())
            if rng.chance(0.5) { out.word("as"); out.word(noun()); out.word(rng.chance(0.5) ? "rises" : "falls") }
        case 4:
            out.word("what the")
            out.word(adjective())
            out.word(noun())
            out.word("means for")
            out.word(plural())
        case 5:
            out.word(adjective())
            out.word(noun())
            out.word("in")
            out.word(place)
            out.punct(":")
            out.word(plural())
            out.word("urged to")
            out.word(verb(.base))
            out.word(noun())
        default:
            out.word(rng.chance(0.5) ? noun() : plural())
            out.word(rng.chance(0.5) ? "rises" : "falls")
            out.number(rng.int(2, 40))
            out.word("percent in")
            out.word(place)
        }
        titleCase(from: start)
        out.bytes.append(10)
        out.bytes.append(10)
        out.needSpace = false
        out.capNext = true
    }

    mutating func titlePrep() {
        switch rng.below(4) {
        case 0: out.word("in"); out.word(place)
        case 1: out.word("after"); out.word(noun())
        case 2: out.word("over"); out.word(plural())
        default: out.word("amid"); out.word(adjective()); out.word(noun())
        }
    }

    /// Headline capitalisation: every word except short function words.
    mutating func titleCase(from start: Int) {
        var i = start
        let end = out.bytes.count
        var firstWord = true
        var afterColon = false
        while i < end {
            while i < end, out.bytes[i] == 32 { i += 1 }
            var j = i
            while j < end, out.bytes[j] != 32 { j += 1 }
            if i < j {
                let token = Array(out.bytes[i..<j])
                let small = v.smallTitleWords.contains(token)
                if firstWord || afterColon || !small, out.bytes[i] >= 97, out.bytes[i] <= 122 {
                    out.bytes[i] -= 32
                }
                firstWord = false
                afterColon = token.last == 58
            }
            i = j
        }
    }

    /// A full article of at least `target` bytes (title, blank line,
    /// paragraphs separated by blank lines, final newline).
    mutating func article(targetBytes: Int) -> Bytes {
        title()
        var first = true
        while out.bytes.count < targetBytes {
            paragraph(first: first)
            first = false
        }
        if rng.chance(0.08) {
            out.word(v.stock.pick(&rng))
            out.endParagraph()
        }
        if rng.chance(0.1) {
            out.word("Reporting by")
            out.word(v.female.pick(&rng)); out.word(v.last.pick(&rng))
            out.punct(";")
            out.word("editing by")
            out.word(v.male.pick(&rng)); out.word(v.last.pick(&rng))
            out.endParagraph()
        }
        // Paragraphs end with "\n\n"; the file ends with a single newline.
        out.bytes.removeLast()
        return out.bytes
    }

    /// An "Update:" paragraph for a revised article (without trailing newline).
    mutating func updateParagraph() -> Bytes {
        out = TextBuffer(capacity: 512)
        out.word("Update:")
        out.capNext = true
        if rng.chance(0.5) {
            out.word(v.times.pick(&rng))
            out.punct(",")
            clause()
            out.endSentence()
        } else {
            sentence()
        }
        if rng.chance(0.5) { sentence() }
        return out.bytes
    }

    /// A fresh headline line (without newline).
    mutating func headline() -> Bytes {
        out = TextBuffer(capacity: 128)
        title()
        return Array(out.bytes.dropLast(2))
    }
}
