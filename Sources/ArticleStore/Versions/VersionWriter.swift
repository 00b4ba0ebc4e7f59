import Foundation
import GRDB

/// Writes prepared articles inside one write transaction: stores content,
/// records versions, moves heads and keeps the search index on the winners.
/// Call ``finish()`` before the transaction ends: search entries, edge
/// paragraph counts and near-duplicate anchors are written then, all
/// together (see ``SearchWrites``, ``Boilerplate/Counts`` and
/// ``WaitingAnchors``).
final class VersionWriter {
    let db: Database
    let objects: ObjectRows
    /// The import time recorded in new versions, in milliseconds.
    let imported: Int64
    /// What to do with near-duplicates of stored stories.
    let policy: NearDuplicatePolicy
    /// Numbers for new articles.
    var numbers: ArticleNumbers
    /// Search index changes waiting for ``finish()``.
    private var search = SearchWrites()
    /// Edge paragraph counts waiting for ``finish()``.
    private let edges = Boilerplate.Counts()
    /// Near-duplicate anchors waiting for ``finish()``.
    private let anchors = WaitingAnchors()
    /// The anchors recent transactions indexed, when articles come with
    /// postings read before the transaction (``PreparedArticle/postings``);
    /// `snapshotHolds` says whether the log completes those postings.
    var recent: RecentAnchors?
    var snapshotHolds = false

    init(db: Database, codec: ObjectCodec, imported: Date, policy: NearDuplicatePolicy = .link) {
        self.db = db
        self.objects = ObjectRows(db: db, codec: codec)
        self.imported = VersionRecord.milliseconds(imported)
        self.policy = policy
        self.numbers = ArticleNumbers(db: db)
    }

    func put(_ article: PreparedArticle) throws -> PutResult {
        let existing = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, number, head FROM article WHERE key = ?"), arguments: [article.key])
        let storedObject = try objects.rowID(of: article.content)
        if let existing, let storedObject,
            let head = try Data.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT hash FROM version WHERE article = ? AND content = ? AND is_head
                        """), arguments: [existing["id"], storedObject])
        {
            return PutResult(
                key: article.key, outcome: .unchanged, version: ObjectID(bytes: [UInt8](head))!,
                content: article.content, number: existing["number"], duplicate: nil, probableKeyCollision: false)
        }

        let objectRow: Int64
        var duplicate: DuplicateLink?
        if let storedObject {
            objectRow = storedObject
            duplicate = try link(.exact, sql: "version.content = ?", storedObject, besides: article.key)
        } else {
            duplicate = try link(.normalized, sql: "object.fingerprint = ?", article.fingerprint, besides: article.key)
            let near = NearIndex(db: db, objects: objects, edges: edges, waiting: anchors)
            var full = Set<Int64>()
            let signature = policy == .off ? nil : article.near
            let matches =
                try signature.map {
                    try near.matches(of: $0, postings: postings(of: article), besides: article.key, full: &full)
                } ?? []
            // Skipping drops copies, never an update of an article already stored.
            if policy == .skip, existing == nil, let best = matches.first, let version = best.link.version {
                return PutResult(
                    key: article.key, outcome: .skipped, version: version, content: article.content,
                    number: best.link.number, duplicate: duplicate ?? best.link, probableKeyCollision: false)
            }
            let blob = article.blob ?? objects.codec.encode(article.text.bytes)
            objectRow = try objects.insert(
                article.content, size: article.text.bytes.count, fingerprint: article.fingerprint, blob: blob)
            if let signature {
                let anchors = try near.add(objectRow, signature, skipping: full)
                recent?.record(objectRow, anchors: anchors)
            }
            if policy == .link { try near.link(objectRow, to: matches) }
            duplicate = duplicate ?? matches.first?.link
        }

        var parents: [HeadCandidate] = []
        var collision = false
        let articleRow: Int64
        let number: Int
        if let existing {
            articleRow = existing["id"]
            let headRow: Int64 = existing["head"]
            parents = try candidates(sql: "version.id = ?", headRow)
            number = existing["number"]
            let previous = try objects.bytes(rowID: contentRow(ofVersion: headRow))
            collision = Similarity.wordJaccard(previous, article.text.bytes) < Similarity.collisionThreshold
        } else {
            number = try numbers.assign(key: article.key, asking: article.metadata.number)
            try db.cachedStatement(sql: "INSERT INTO article (key, number) VALUES (?, ?)")
                .execute(arguments: [article.key, number])
            articleRow = db.lastInsertedRowID
        }

        let meta = article.metadata
        let record = VersionRecord(
            key: article.key, content: article.content,
            parents: parents.map { ObjectID(bytes: $0.hash)! }, number: number,
            title: article.text.title, titleDerived: meta.titleDerived, source: meta.source, url: meta.url,
            author: meta.author,
            published: meta.published.map(VersionRecord.milliseconds), imported: imported,
            origin: meta.origin, encoding: article.text.encoding)
        let versionID = record.id
        let versionRow = try insertVersion(
            record, id: versionID, article: articleRow, content: objectRow,
            parents: parents.map { ($0.rowID, $0.generation) })
        try updateWinner(
            article: articleRow, previous: existing?["head"], fresh: (versionRow, article.text, article.searchTokens))

        return PutResult(
            key: article.key, outcome: existing == nil ? .created : .newVersion, version: versionID,
            content: article.content, number: number, duplicate: duplicate, probableKeyCollision: collision)
    }

    /// Writes a version row and its parent links; the parents stop being
    /// heads. Returns the new row ID.
    func insertVersion(
        _ record: VersionRecord, id: ObjectID, article: Int64, content: Int64,
        parents: [(row: Int64, generation: Int)]
    ) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT OR ROLLBACK INTO version (hash, article, content, generation, number, title, source, url,
                                                 author, published, imported, origin, encoding, title_derived)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            id.data, article, content, (parents.map(\.generation).max() ?? 0) + 1, record.number, record.title,
            record.source, record.url, record.author, record.published, record.imported, record.origin,
            record.encoding, record.titleDerived ? 1 : nil,
        ])
        let version = db.lastInsertedRowID
        for parent in parents {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO version_parent (version, parent) VALUES (?, ?)")
                .execute(arguments: [version, parent.row])
            try db.cachedStatement(sql: "UPDATE version SET is_head = 0 WHERE id = ?").execute(arguments: [parent.row])
        }
        return version
    }

    /// Re-applies the winner rule to an article's heads. When the winner
    /// changes, the article row and its search entry follow. `fresh` is a
    /// version just written, whose text (and perhaps its search tokens) is at hand.
    func updateWinner(
        article: Int64, previous: Int64?,
        fresh: (row: Int64, text: ArticleText, tokens: SearchWrites.Tokens?)? = nil
    ) throws {
        // A new article's only head is its first version.
        let heads =
            try previous == nil && fresh != nil
            ? [HeadCandidate(rowID: fresh!.row, generation: 1, imported: imported, hash: [])]
            : candidates(sql: "article = ? AND is_head", article)
        guard let winner = HeadCandidate.winner(heads), winner.rowID != previous else { return }
        if previous != nil, !search.dropInsert(article) {
            search.delete(article, try headEntry(article))
        }
        try db.cachedStatement(
            sql: """
                UPDATE article SET head = ? WHERE id = ?
                """
        ).execute(arguments: [winner.rowID, article])
        if let fresh, fresh.row == winner.rowID {
            if let tokens = fresh.tokens {
                search.insert(article, tokens: tokens)
            } else {
                search.insert(article, (fresh.text.title, String(ArticleText.body(of: fresh.text.bytes))))
            }
        } else {
            search.insert(article, try headEntry(article))
        }
    }

    /// Writes the search index changes; call it once, before the
    /// transaction ends.
    func finish() throws {
        try search.write(db)
        try edges.flush(db)
        try anchors.flush(db)
    }

    /// The index's postings for the article's anchors: those read before
    /// the transaction and completed from ``recent`` when that holds, or else
    /// read now.
    private func postings(of article: PreparedArticle) throws -> [Int64: [Int64]] {
        let anchors = article.near?.anchors ?? []
        if snapshotHolds, let recent, let read = article.postings { return recent.postings(read, for: anchors) }
        try self.anchors.flush(db)
        return try NearIndex.postings(db, of: anchors)
    }

    /// The title and body of the article's current head, as indexed.
    private func headEntry(_ article: Int64) throws -> SearchWrites.Entry? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT version.title, version.content FROM article JOIN version ON version.id = article.head
                        WHERE article.id = ?
                        """), arguments: [article])
        else { return nil }
        return (row["title"], String(ArticleText.body(of: try objects.bytes(rowID: row["content"]))))
    }

    private func candidates(sql condition: String, _ argument: Int64) throws -> [HeadCandidate] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT id, generation, imported, hash FROM version WHERE \(condition)"),
            arguments: [argument]
        ).map {
            HeadCandidate(
                rowID: $0["id"], generation: $0["generation"], imported: $0["imported"],
                hash: [UInt8]($0["hash"] as Data))
        }
    }

    private func contentRow(ofVersion version: Int64) throws -> Int64 {
        guard
            let row = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT content FROM version WHERE id = ?"), arguments: [version])
        else { throw StoreError(.corrupt, "version row \(version) is missing") }
        return row
    }

    /// The first article, other than `key`, whose head content matches `condition`.
    private func link(_ kind: DuplicateLink.Kind, sql condition: String, _ value: Int64, besides key: String) throws
        -> DuplicateLink?
    {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT article.key, article.number, object.hash FROM version
                        JOIN article ON article.id = version.article JOIN object ON object.id = version.content
                        WHERE \(condition) AND article.key != ? LIMIT 1
                        """), arguments: [value, key])
        else { return nil }
        return DuplicateLink(
            kind: kind, key: row["key"], number: row["number"], content: ObjectID(bytes: [UInt8](row["hash"] as Data))!)
    }
}
