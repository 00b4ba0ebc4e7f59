import Foundation
import GRDB

/// A stored content that tells the same story as another.
struct NearMatch: Sendable {
    var object: Int64
    var score: Double
    var link: DuplicateLink
}

/// Finds, verifies and records near-duplicates in the store's anchor index.
struct NearIndex {
    let db: Database
    let objects: ObjectRows
    /// Edge paragraph counts of this transaction's contents; whoever indexes
    /// with ``add(_:_:skipping:)`` writes them with
    /// ``Boilerplate/Counts/flush(_:)`` before committing.
    var edges = Boilerplate.Counts()
    /// When set, ``add(_:_:skipping:)`` leaves the anchors here, for
    /// ``WaitingAnchors/flush(_:)`` to write before the transaction commits.
    var waiting: WaitingAnchors?

    /// Candidates must share this many anchors (or all, for very short texts).
    static let sharedAnchors = 2
    /// Texts with fewer anchors sampled by value need to share only one.
    static let sampledForTwo = 3
    /// The most contents one anchor leads to.
    static let postingLimit = 64
    /// The most candidates verified for one text.
    static let candidateLimit = 16
    /// A candidate is the same story when this share of the shorter text's
    /// shingles is in the other.
    static let threshold = 0.6

    /// Stored contents of other articles that contain, or are contained in,
    /// the text with `signature`, best first.
    ///
    /// `postings` are the contents each anchor leads to, as ``postings(_:of:)``
    /// reads them. `full` receives the anchors that already lead to
    /// `postingLimit` contents, which ``add(_:_:skipping:)`` does not extend.
    func matches(
        of signature: NearSignature, postings: [Int64: [Int64]], besides key: String, excluding object: Int64? = nil,
        full: inout Set<Int64>
    ) throws -> [NearMatch] {
        var shared: [Int64: Int] = [:]
        for (anchor, objects) in postings {
            if objects.count >= Self.postingLimit { full.insert(anchor) }
            for object in objects { shared[object, default: 0] += 1 }
        }
        return try verified(signature, shared: shared, besides: key, excluding: object)
    }

    /// The contents each of `anchors` leads to, for the anchors that lead
    /// to any. One statement reads them all; postings never grow past
    /// `postingLimit`.
    static func postings(_ db: Database, of anchors: [Int64]) throws -> [Int64: [Int64]] {
        var postings: [Int64: [Int64]] = [:]
        guard !anchors.isEmpty else { return postings }
        try db.cachedStatement(sql: lookupSQL[anchors.count]).forEachRow(binding: anchors) {
            postings[$0[0], default: []].append($0[1])
        }
        return postings
    }

    /// The same matches, for a text that will not be indexed: anchors are
    /// looked up one at a time, and the lookup stops once no stored content
    /// can reach the anchors a candidate needs. A text with no stored copy,
    /// the usual case, is done after about half of its anchors.
    func matches(of signature: NearSignature, besides key: String, excluding object: Int64? = nil) throws
        -> [NearMatch]
    {
        let needed = Self.needed(signature)
        var shared: [Int64: Int] = [:]
        var best = 0
        let statement = try db.cachedStatement(sql: "SELECT object FROM near_anchor WHERE anchor = ?")
        for (index, anchor) in signature.anchors.enumerated() {
            if best + signature.anchors.count - index < needed { break }
            try statement.forEachRow(binding: CollectionOfOne(anchor)) {
                let count = shared[$0[0], default: 0] + 1
                shared[$0[0]] = count
                best = max(best, count)
            }
        }
        return try verified(signature, shared: shared, besides: key, excluding: object)
    }

    /// How many anchors a stored content must share with the text to be a
    /// candidate. Copies share most of their lead, so most of its sampled
    /// anchors; unrelated stories share an anchor or two through common phrases.
    private static func needed(_ signature: NearSignature) -> Int {
        signature.sampled < sampledForTwo ? 1 : max(sharedAnchors, (signature.sampled + 1) / 2)
    }

    /// The candidates (contents sharing enough anchors, counted in `shared`)
    /// that the exact comparison confirms.
    private func verified(
        _ signature: NearSignature, shared: [Int64: Int], besides key: String, excluding object: Int64?
    ) throws -> [NearMatch] {
        let needed = Self.needed(signature)
        let candidates = shared.filter { $0.value >= needed }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            .prefix(Self.candidateLimit).map(\.key)
        var found: [NearMatch] = []
        let mine = candidates.isEmpty ? ShingleSet([]) : signature.shingleSet
        // Read the text's furniture only when a candidate could be decided by it.
        var bare: ShingleSet??
        for candidate in candidates where candidate != object {
            guard let link = try article(holding: candidate, besides: key) else { continue }
            let body = ArticleText.bodyBytes(of: try objects.bytes(rowID: candidate))
            let other = NearSignature.shingleSet(of: body)
            let plain = ShingleSet.containment(mine, other)
            // Furniture matters only where it could decide.
            var score = plain
            if plain >= Self.threshold {
                let mineBare = try bare ?? Boilerplate.withoutFurniture(signature.body, db, waiting: edges)
                bare = mineBare
                score = try Boilerplate.containment(
                    (mine, mineBare), (body, other), plain: plain, db, waiting: edges)
            }
            if score >= Self.threshold {
                found.append(NearMatch(object: candidate, score: score, link: link.with(score: score)))
            }
        }
        return found.sorted { $0.score > $1.score }
    }

    /// Indexes a stored content's anchors, and counts its edge paragraphs
    /// (``Boilerplate``). An anchor that already leads to
    /// `postingLimit` contents is a common phrase, not a story: it is not
    /// extended, which keeps lookups and the index bounded.
    /// Returns the anchors it was indexed under.
    @discardableResult
    func add(_ object: Int64, _ signature: NearSignature, skipping full: Set<Int64>) throws -> [Int64] {
        edges.add(signature.body)
        let anchors = full.isEmpty ? signature.anchors : signature.anchors.filter { !full.contains($0) }
        guard !anchors.isEmpty else { return [] }
        if let waiting {
            waiting.add(object, anchors: anchors)
        } else {
            try db.cachedStatement(sql: Self.insertSQL[anchors.count]).execute(
                binding: anchors.flatMap { [$0, object] })
        }
        return anchors
    }

    /// The lookup and insert statements for each number of anchors, built once.
    private static let lookupSQL = (0...NearSignature.maximumAnchors).map {
        "SELECT anchor, object FROM near_anchor WHERE anchor IN (\(Array(repeating: "?", count: $0).joined(separator: ", ")))"
    }
    private static let insertSQL = (0...NearSignature.maximumAnchors).map {
        "INSERT OR IGNORE INTO near_anchor (anchor, object) VALUES "
            + Array(repeating: "(?, ?)", count: $0).joined(separator: ", ")
    }

    /// Records that `object` tells the same story as each match.
    func link(_ object: Int64, to matches: [NearMatch]) throws {
        for match in matches {
            try db.cachedStatement(
                sql: "INSERT OR REPLACE INTO near_link (object, of_object, score) VALUES (?, ?, ?)"
            ).execute(arguments: [object, match.object, match.score])
        }
    }

    /// An article other than `key` whose versions hold the content `object`.
    private func article(holding object: Int64, besides key: String) throws -> DuplicateLink? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT article.key, article.number, object.hash, version.hash AS version FROM version
                        JOIN article ON article.id = version.article JOIN object ON object.id = version.content
                        WHERE version.content = ? AND article.key != ? LIMIT 1
                        """), arguments: [object, key])
        else { return nil }
        return DuplicateLink(
            kind: .near, key: row["key"], number: row["number"], content: VersionRows.id(row["hash"]),
            version: VersionRows.id(row["version"]))
    }
}

/// Anchors indexed in one write transaction, written together in key order
/// (``flush(_:)``). Written one article at a time, each article's ten or so
/// anchors went to random places all over the index: in the sqlite3 shell,
/// 43,151 anchors went into an index of 797,470 in 53 ms in the order of
/// their articles and in 29-31 ms in key order.
///
/// Whoever reads the index in the transaction flushes it first.
final class WaitingAnchors {
    private var pairs: [(anchor: Int64, object: Int64)] = []
    /// Rows per insert statement.
    static let chunk = 500
    private static func insertSQL(rows: Int) -> String {
        "INSERT OR IGNORE INTO near_anchor (anchor, object) VALUES "
            + Array(repeating: "(?, ?)", count: rows).joined(separator: ", ")
    }
    private static let fullInsertSQL = insertSQL(rows: chunk)

    func add(_ object: Int64, anchors: [Int64]) {
        pairs.append(contentsOf: anchors.lazy.map { ($0, object) })
    }

    /// Writes the waiting anchors, in key order, and forgets them.
    func flush(_ db: Database) throws {
        pairs.sort { ($0.anchor, $0.object) < ($1.anchor, $1.object) }
        for start in stride(from: 0, to: pairs.count, by: Self.chunk) {
            let rows = pairs[start..<min(pairs.count, start + Self.chunk)]
            let sql = rows.count == Self.chunk ? Self.fullInsertSQL : Self.insertSQL(rows: rows.count)
            try db.cachedStatement(sql: sql).execute(binding: rows.flatMap { [$0.anchor, $0.object] })
        }
        pairs.removeAll(keepingCapacity: true)
    }
}
