// `make-corpus neardup`: a labeled near-duplicate set. Every story comes with
// variants of itself (the kinds of copies a news archive meets: new headline,
// byline, dateline, truncation, site boilerplate, curly quotes, re-wrapped
// lines, HTML, copy edits), and some pairs of different stories share only a
// long site footer. labels.json records which files tell the same story.
//
// Stories are plain Strings here: the set is small (a few thousand files).

import Foundation

/// One article as title + body paragraphs (a paragraph may hold newlines once
/// re-wrapped).
struct Doc {
    var title: String
    var paras: [String]

    var text: String { title + "\n\n" + paras.joined(separator: "\n\n") + "\n" }

    init(title: String, paras: [String]) {
        self.title = title
        self.paras = paras
    }

    /// Parses generator output: title line, blank line, paragraphs separated
    /// by blank lines.
    init(parsing text: String) {
        var blocks = text.components(separatedBy: "\n\n").map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }.filter { !$0.isEmpty }
        title = blocks.isEmpty ? "" : blocks.removeFirst()
        paras = blocks
    }

    var bodyWordCount: Int { paras.reduce(0) { $0 + $1.split(whereSeparator: { $0 == " " || $0 == "\n" }).count } }
}

enum VariantKind: Int, CaseIterable {
    // Raw values give the order in which combined kinds are applied.
    case headline, copyEdit, truncate, byline, dateline, boilerplate, curlyQuotes, rewrap, html

    var name: String {
        switch self {
        case .headline: return "headline"
        case .copyEdit: return "copy-edit"
        case .truncate: return "truncated"
        case .byline: return "byline"
        case .dateline: return "dateline"
        case .boilerplate: return "boilerplate"
        case .curlyQuotes: return "curly-quotes"
        case .rewrap: return "rewrapped"
        case .html: return "html"
        }
    }
}

enum NearDupText {
    /// The same long footer for every story that gets site boilerplate.
    static let footer = """
        Sign up for The Evening Dispatch, our free newsletter with the day's most important stories, \
        local weather and community events, delivered to your inbox every weekday at 5 p.m. You can \
        unsubscribe at any time using the link at the bottom of each email. Our journalism depends on \
        readers like you: subscribe today for unlimited access to reporting, analysis & archives. \
        Copyright 2024 Riverside Media Group. All rights reserved. This material may not be published, \
        broadcast, rewritten or redistributed without written permission. Questions about this story \
        can be sent to the newsroom through the contact page on our website.
        """

    static let advertisement = "Advertisement"

    static let agencies = [
        "Continental Press", "Meridian Wire", "Harbor News Agency", "Capital Newswire", "Pacific Bulletin Service",
        "Northern Press Association", "Lakeshore Wire", "Union News Service", "Staff Reporter", "Metro Desk",
    ]

    static let firms = [
        "consultancy", "law firm", "accounting firm", "engineering firm", "research group", "auditor",
    ]
}

struct NearDupMaker {
    let vocab: Vocab
    let reviser: Reviser
    let seed: UInt64

    // MARK: Stories

    /// The canonical text of story `index` (straight quotes, no boilerplate).
    /// `short` stories are 70–140 words of body.
    func story(index: Int, salt: UInt64, short: Bool) -> (Doc, Generator) {
        var rng = SplitMix64(seed: seed, index: UInt64(index), salt: 0x4E45_4152 &+ salt)
        let topic = rng.below(vocab.topics.count)
        let target = short ? rng.int(520, 900) : targetSize(&rng)
        var g = Generator(vocab: vocab, rng: SplitMix64(seed: rng.next()), topicIndex: topic)
        let raw = String(decoding: g.article(targetBytes: target), as: UTF8.self)
        var doc = Doc(parsing: NearDupMaker.straighten(raw))
        // Some stories mention a firm with an ampersand (exercises &amp;).
        if rng.chance(0.5), !doc.paras.isEmpty {
            let a = String(decoding: Coin.surname(&rng), as: UTF8.self)
            let b = String(decoding: Coin.surname(&rng), as: UTF8.self)
            let where_ = String(decoding: g.otherPlace(), as: UTF8.self)
            let s = "The work was reviewed by \(a) & \(b), a \(rng.pick(NearDupText.firms)) based in \(where_)."
            let p = rng.below(doc.paras.count)
            doc.paras[p] += " " + s
        }
        return (doc, g)
    }

    static func straighten(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "\u{201C}", "\u{201D}": out.append("\"")
            case "\u{2018}", "\u{2019}": out.append("'")
            default: out.append(ch)
            }
        }
        return out
    }

    // MARK: Variant kinds

    func newHeadline(_ d: inout Doc, gen: inout Generator, rng: inout SplitMix64) {
        var title: String
        if rng.chance(0.5) || d.paras.isEmpty {
            title = NearDupMaker.straighten(String(decoding: gen.headline(), as: UTF8.self))
        } else {
            // The lede, cut short and title-cased, as a sub-editor might.
            var words = d.paras[0].split(separator: " ").map(String.init)
            if let dash = words.firstIndex(of: "—"), dash < 4 { words.removeFirst(dash + 1) }
            words = Array(words.prefix(rng.int(7, 11)))
            title = words.map { w -> String in
                let bare = w.trimmingCharacters(in: .punctuationCharacters)
                if vocab.smallTitleWords.contains(Array(bare.lowercased().utf8)) { return w.lowercased() }
                return w.prefix(1).uppercased() + w.dropFirst()
            }.joined(separator: " ")
            while let last = title.last, ",.;:\"".contains(last) { title.removeLast() }
            title = title.prefix(1).uppercased() + title.dropFirst()
        }
        if title == d.title { title += rng.chance(0.5) ? ": What We Know" : " (Updated)" }
        d.title = title
    }

    func copyEdit(_ d: inout Doc, rng: inout SplitMix64) {
        let want = rng.int(2, 5)
        // Candidate words: (paragraph, word index) whose lower-case form has a substitute.
        var cands: [(Int, Int)] = []
        var tokens = d.paras.map { $0.components(separatedBy: " ") }
        for (p, ws) in tokens.enumerated() {
            for (i, w) in ws.enumerated() {
                let core = w.trimmingCharacters(in: .punctuationCharacters)
                if reviser.substitutions[Array(core.lowercased().utf8)] != nil
                    || vocab.adjectives.items.contains(Array(core.utf8))
                {
                    cands.append((p, i))
                }
            }
        }
        var done = 0
        while done < want, !cands.isEmpty {
            let (p, i) = cands.remove(at: rng.below(cands.count))
            let w = tokens[p][i]
            let core = w.trimmingCharacters(in: .punctuationCharacters)
            var rep: String
            if let s = reviser.substitutions[Array(core.lowercased().utf8)] {
                rep = String(decoding: s, as: UTF8.self)
                if core.first?.isUppercase == true { rep = rep.prefix(1).uppercased() + rep.dropFirst() }
            } else {
                rep = String(decoding: vocab.adjectives.uniform(&rng), as: UTF8.self)
                if rep == core { continue }
            }
            tokens[p][i] = w.replacingOccurrences(of: core, with: rep)
            done += 1
        }
        d.paras = tokens.map { $0.joined(separator: " ") }
    }

    func truncate(_ d: inout Doc, rng: inout SplitMix64) {
        let total = d.bodyWordCount
        let keep = max(25, Int(Double(total) * (0.45 + 0.25 * rng.uniform())))
        guard keep < total else { return }
        var left = keep
        var paras: [String] = []
        for p in d.paras {
            let ws = p.split(separator: " ")
            if ws.count <= left {
                paras.append(p)
                left -= ws.count
            } else {
                if left > 0 { paras.append(ws.prefix(left).joined(separator: " ")) }
                break
            }
            if left == 0 { break }
        }
        d.paras = paras
    }

    func byline(_ d: inout Doc, rng: inout SplitMix64) {
        let female = rng.chance(0.5)
        let first = String(decoding: female ? vocab.female.uniform(&rng) : vocab.male.uniform(&rng), as: UTF8.self)
        let last = String(decoding: rng.chance(0.5) ? vocab.last.uniform(&rng) : Coin.surname(&rng), as: UTF8.self)
        d.paras.insert("By \(first) \(last), \(rng.pick(NearDupText.agencies))", at: 0)
    }

    func dateline(_ d: inout Doc, gen: Generator, rng: inout SplitMix64) {
        guard !d.paras.isEmpty else { return }
        let city = String(decoding: gen.place, as: UTF8.self).uppercased()
        let agency = rng.pick(Array(NearDupText.agencies.prefix(6)))
        // The generator sometimes opens with "CITY — " already.
        if d.paras[0].hasPrefix(city + " — ") {
            d.paras[0] = city + " (" + agency + ")" + d.paras[0].dropFirst(city.count)
        } else {
            d.paras[0] = city + " (" + agency + ") — " + d.paras[0]
        }
    }

    func boilerplate(_ d: inout Doc) {
        d.paras.insert(NearDupText.advertisement, at: 0)
        d.paras.append(NearDupText.footer)
    }

    /// Typographer's quotes: an opening mark after a space, dash, bracket or
    /// at the start of a line, a closing mark otherwise.
    static func curl(_ s: String) -> String {
        var out = ""
        var prev: Character = " "
        for ch in s {
            let opening = prev == " " || prev == "\n" || prev == "(" || prev == "—" || prev == "["
            switch ch {
            case "\"": out.append(opening ? "\u{201C}" : "\u{201D}")
            case "'": out.append(opening ? "\u{2018}" : "\u{2019}")
            default: out.append(ch)
            }
            prev = ch
        }
        return out
    }

    func curlyQuotes(_ d: inout Doc) {
        d.title = NearDupMaker.curl(d.title)
        d.paras = d.paras.map(NearDupMaker.curl)
    }

    func rewrap(_ d: inout Doc, rng: inout SplitMix64) {
        let width = rng.int(56, 64)
        d.paras = d.paras.map { p in
            var lines: [String] = []
            var line = ""
            for w in p.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                if !line.isEmpty, line.count + 1 + w.count > width {
                    lines.append(line)
                    line = ""
                }
                line += line.isEmpty ? String(w) : " " + w
            }
            if !line.isEmpty { lines.append(line) }
            return lines.joined(separator: "\n")
        }
    }

    func html(_ d: inout Doc, rng: inout SplitMix64) {
        let nbsp = 0.04 + 0.08 * rng.uniform()
        func escape(_ s: String) -> String {
            var out = ""
            for ch in s {
                switch ch {
                case "&": out += "&amp;"
                case "'", "\u{2019}": out += "&#8217;"
                case " ": out += rng.chance(nbsp) ? "&nbsp;" : " "
                default: out.append(ch)
                }
            }
            return out
        }
        d.title = escape(d.title)
        d.paras = d.paras.map { "<p>" + escape($0) + "</p>" }
    }

    func apply(_ kind: VariantKind, to d: inout Doc, gen: inout Generator, rng: inout SplitMix64) {
        switch kind {
        case .headline: newHeadline(&d, gen: &gen, rng: &rng)
        case .copyEdit: copyEdit(&d, rng: &rng)
        case .truncate: truncate(&d, rng: &rng)
        case .byline: byline(&d, rng: &rng)
        case .dateline: dateline(&d, gen: gen, rng: &rng)
        case .boilerplate: boilerplate(&d)
        case .curlyQuotes: curlyQuotes(&d)
        case .rewrap: rewrap(&d, rng: &rng)
        case .html: html(&d, rng: &rng)
        }
    }
}

// MARK: - Command

func neardup(_ args: Args) throws {
    try args.check(known: ["out", "stories", "seed", "variants", "footer-only-pairs", "sentence-footer-pairs"])
    let out = try args.string("out")
    let stories = try args.int("stories", 300)
    let seed = UInt64(try args.int("seed", 3))
    let variantsPerStory = try args.int("variants", 6)
    let footerPairs = try args.int("footer-only-pairs", 20)
    let sentencePairs = try args.int("sentence-footer-pairs", 20)
    guard variantsPerStory <= VariantKind.allCases.count else {
        throw CLIError("--variants must be at most \(VariantKind.allCases.count)")
    }
    try prepareOutput(out, force: args.flags.contains("force"))

    let clock = ContinuousClock.now
    let vocab = Vocab()
    let maker = NearDupMaker(vocab: vocab, reviser: Reviser(vocab: vocab), seed: seed)
    let width = max(5, String(stories * (variantsPerStory + 1) + 2 * (footerPairs + sentencePairs)).count)

    var ordinal = 0
    var clusters: [[String]] = []
    var kinds: [(String, String)] = []
    var footerPairNames: [[String]] = []
    var seenParas = Set<String>()
    var seenTitles = Set<String>()
    var seenFiles = Set<String>()
    var dropped = 0, regenerated = 0
    var sizes: [Int] = []

    /// A story unlike all earlier ones: no paragraph or headline seen before.
    func freshStory(_ index: Int, short: Bool) -> (Doc, Generator) {
        var salt: UInt64 = 0
        while true {
            var (doc, gen) = maker.story(index: index, salt: salt, short: short)
            let before = doc.paras.count
            var local = Set<String>()
            doc.paras = doc.paras.filter { !seenParas.contains($0) && local.insert($0).inserted }
            let minWords = short ? 50 : 60
            if !seenTitles.contains(doc.title), doc.paras.count >= 2, doc.bodyWordCount >= minWords {
                dropped += before - doc.paras.count
                seenParas.formUnion(doc.paras)
                seenTitles.insert(doc.title)
                return (doc, gen)
            }
            salt += 1
            regenerated += 1
        }
    }

    func emit(_ text: String, kind: String) throws -> String {
        let data = Array(text.utf8)
        let name = padded(ordinal, width: width) + "_" + hash16(data) + ".txt"
        ordinal += 1
        try writeFile(out + "/" + name, data)
        kinds.append((name, kind))
        sizes.append(data.count)
        return name
    }

    for s in 0..<stories {
        let (doc, gen) = freshStory(s, short: false)
        var rng = SplitMix64(seed: seed, index: UInt64(s), salt: 0x5641_5249)
        var texts = Set<String>([doc.text])
        var cluster = [try emit(doc.text, kind: "original")]
        // Each variant gets its own primary kind; some add a second one.
        var order = VariantKind.allCases
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.below(i + 1)) }
        for primary in order.prefix(variantsPerStory) {
            var set: [VariantKind] = [primary]
            if rng.chance(0.35) {
                let other = VariantKind.allCases.filter { $0 != primary }
                set.append(rng.pick(other))
            }
            var attempt = 0
            while true {
                var v = doc
                var g = gen
                for k in set.sorted(by: { $0.rawValue < $1.rawValue }) { maker.apply(k, to: &v, gen: &g, rng: &rng) }
                if texts.insert(v.text).inserted {
                    cluster.append(
                        try emit(
                            v.text, kind: set.sorted { $0.rawValue < $1.rawValue }.map(\.name).joined(separator: "+")))
                    break
                }
                // Nothing changed (no quotes to curl, ...): add another kind.
                attempt += 1
                let rest = VariantKind.allCases.filter { !set.contains($0) }
                if attempt > 8 || rest.isEmpty { break }
                set.append(rng.pick(rest))
            }
        }
        clusters.append(cluster)
    }

    // Pairs of different (short) stories that share only the site boilerplate.
    for p in 0..<footerPairs {
        var pair: [String] = []
        for j in 0..<2 {
            var (doc, _) = freshStory(stories + 2 * p + j, short: true)
            NearDupMaker(vocab: vocab, reviser: maker.reviser, seed: seed).boilerplate(&doc)
            let name = try emit(doc.text, kind: "footer-only")
            pair.append(name)
            clusters.append([name])
        }
        footerPairNames.append(pair)
    }
    // Pairs of different short stories (a paragraph of about 30 words each,
    // so that the footer fills most of the 100 words whose shingles are
    // looked up) that share one sentence as well as the footer: counted in
    // full, the two look like one story.
    var sentencePairNames: [[String]] = []
    for p in 0..<sentencePairs {
        let base = stories + 2 * (footerPairs + p)
        let (source, _) = freshStory(base + 2 * sentencePairs, short: true)
        let sentence = source.paras[0].split(separator: " ").prefix(14).joined(separator: " ") + "."
        var pair: [String] = []
        for j in 0..<2 {
            var (doc, _) = freshStory(base + j, short: true)
            doc.paras = [doc.paras[0].split(separator: " ").prefix(30).joined(separator: " ") + ".", sentence]
            NearDupMaker(vocab: vocab, reviser: maker.reviser, seed: seed).boilerplate(&doc)
            let name = try emit(doc.text, kind: "sentence-and-footer")
            pair.append(name)
            clusters.append([name])
        }
        sentencePairNames.append(pair)
    }
    for (name, _) in kinds { precondition(seenFiles.insert(name).inserted, "duplicate file \(name)") }

    // labels.json (hand-written JSON: names are plain ASCII).
    func list(_ xs: [String]) -> String { "[" + xs.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
    var json = "{\n  \"clusters\": [\n"
    json += clusters.map { "    " + list($0) }.joined(separator: ",\n")
    json += "\n  ],\n  \"footer_only_pairs\": [\n"
    json += footerPairNames.map { "    " + list($0) }.joined(separator: ",\n")
    json += "\n  ],\n  \"sentence_footer_pairs\": [\n"
    json += sentencePairNames.map { "    " + list($0) }.joined(separator: ",\n")
    json += "\n  ],\n  \"kinds\": {\n"
    json += kinds.map { "    \"\($0.0)\": \"\($0.1)\"" }.joined(separator: ",\n")
    json += "\n  }\n}\n"
    try writeFile(out + "/labels.json", Array(json.utf8))

    let total = sizes.reduce(0, +)
    FileHandle.standardError.write(
        Data(
            ("make-corpus: \(stories) stories with \(variantsPerStory) variants each, \(footerPairs) "
                + "footer-only pairs and \(sentencePairs) sentence-and-footer pairs: \(ordinal) files, \(total) bytes (median \(median(sizes)) B), "
                + "\(clusters.count) label clusters, \(dropped) shared paragraphs dropped, "
                + "\(regenerated) stories regenerated, in \(fmt(seconds(since: clock))) s\n").utf8))
}
