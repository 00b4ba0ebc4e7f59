import Foundation
import GRDB

extension ArticleStore {
    /// Checks the whole store: re-hashes every content object, re-derives every
    /// version ID from its record, checks that parents and contents exist,
    /// recomputes heads and winners, and checks the search index against the
    /// heads. Problems are returned, not thrown; the report says where each is.
    public func verify(progress: (@Sendable (StoreProgress) -> Void)? = nil) async throws -> VerifyReport {
        let clock = ContinuousClock.now
        // The search index's check tokenises every head again, the longest
        // part, on one core; everything else runs beside it on a reader.
        // FTS5's check is issued as an INSERT, which needs the writer.
        async let search = offload { [self] in
            do {
                return try pool.write { db in try Self.checkSearchIndex(db) }
            } catch {
                throw databaseError(error, "verify could not check the search index")
            }
        }
        var report = try await offload { [self] in
            var report = VerifyReport()
            do {
                try pool.read { db in
                    try Self.checkHistory(db, codec: codec, &report, progress)
                    try Self.checkDatabase(db, &report)
                }
            } catch {
                throw databaseError(error, "verify could not read the store")
            }
            return report
        }
        report.problems += try await search
        report.elapsed = (ContinuousClock.now - clock).seconds
        return report
    }

    /// Checks objects, versions and heads: everything but the indexes.
    /// Objects may not be larger than `sizeLimit`.
    static func checkHistory(
        _ db: Database, codec: ObjectCodec, sizeLimit: Int = 1 << 30, _ report: inout VerifyReport,
        _ progress: (@Sendable (StoreProgress) -> Void)?
    ) throws {
        try checkTypes(db, sizeLimit: sizeLimit, &report)
        // The other checks read rows as the writer wrote them.
        guard report.problems.isEmpty else { return }
        try checkObjects(db, codec: codec, &report, progress)
        try checkVersions(db, &report)
        try checkHeads(db, &report)
    }

    /// What each table's values must be, whatever SQLite let a file hold:
    /// the schema declares types, but does not enforce them.
    private static let columnTypes: [(table: String, condition: String)] = [
        (
            "object",
            """
            typeof(hash) = 'blob' AND length(hash) = 32 AND typeof(size) = 'integer' AND size BETWEEN 0 AND ?1
            AND typeof(fingerprint) = 'integer' AND typeof(codec) = 'integer'
            AND typeof(dictionary) IN ('integer', 'null') AND typeof(data) = 'blob'
            """
        ),
        (
            "version",
            """
            typeof(hash) = 'blob' AND length(hash) = 32 AND typeof(article) = 'integer'
            AND typeof(content) = 'integer' AND typeof(generation) = 'integer' AND typeof(number) = 'integer'
            AND typeof(title) = 'text' AND typeof(source) IN ('text', 'null') AND typeof(url) IN ('text', 'null')
            AND typeof(author) IN ('text', 'null') AND typeof(published) IN ('integer', 'null')
            AND typeof(imported) = 'integer' AND typeof(origin) IN ('text', 'null') AND typeof(encoding) = 'text'
            AND typeof(is_head) = 'integer' AND (title_derived IS NULL OR title_derived = 1)
            """
        ),
        ("version_parent", "typeof(version) = 'integer' AND typeof(parent) = 'integer'"),
        ("article", "typeof(key) = 'text' AND typeof(number) = 'integer' AND typeof(head) IN ('integer', 'null')"),
        ("dictionary", "typeof(data) = 'blob'"),
        ("pending_version", "typeof(hash) = 'blob' AND length(hash) = 32 AND typeof(record) = 'blob'"),
        ("near_anchor", "typeof(anchor) = 'integer' AND typeof(object) = 'integer'"),
        ("near_edge", "typeof(hash) = 'integer' AND typeof(count) = 'integer'"),
        (
            "near_link",
            "typeof(object) = 'integer' AND typeof(of_object) = 'integer' AND typeof(score) IN ('real', 'integer')"
        ),
        ("store_info", "typeof(value) = 'text'"),
    ]

    private static func checkTypes(_ db: Database, sizeLimit: Int, _ report: inout VerifyReport) throws {
        for (table, condition) in columnTypes {
            let arguments: StatementArguments = condition.contains("?1") ? [sizeLimit] : []
            let count =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM \(table) WHERE NOT (\(condition))", arguments: arguments)
                ?? 0
            if count > 0 { report.problem("table \(table)", "\(count) rows hold a value of the wrong type or size") }
        }
    }

    private static func checkObjects(
        _ db: Database, codec: ObjectCodec, _ report: inout VerifyReport,
        _ progress: (@Sendable (StoreProgress) -> Void)?
    ) throws {
        // Objects are decoded on other threads, which cannot load a
        // dictionary from this connection: all are loaded first.
        for row in try Row.fetchAll(db, sql: "SELECT id, data FROM dictionary") where !codec.hasDictionary(row["id"]) {
            try codec.install(id: row["id"], bytes: [UInt8](row["data"] as Data), activate: false)
        }
        let objects = ObjectRows(db: db, codec: codec)
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM object") ?? 0
        var last: Int64 = 0
        while true {
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, hash, size, codec, dictionary, data FROM object WHERE id > ? ORDER BY id LIMIT 2000
                    """, arguments: [last])
            guard let final = rows.last else { break }
            last = final["id"]
            let problems = Parallel.map(rows) { row -> VerifyReport.Problem? in
                let subject = "object " + Hex.encode(row["hash"] as Data)
                do {
                    let actual = ObjectID.hashing(try objects.decode(row))
                    guard actual.data == row["hash"] as Data else {
                        return .init(subject: subject, message: "stored bytes hash to \(actual.hex)")
                    }
                    return nil
                } catch let error as StoreError {
                    return .init(subject: subject, message: error.message)
                } catch {
                    return .init(subject: subject, message: "\(error)")
                }
            }
            report.problems += problems.compactMap { $0 }
            report.objects += rows.count
            progress?(StoreProgress(done: report.objects, total: total))
        }
    }

    private static func checkVersions(_ db: Database, _ report: inout VerifyReport) throws {
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT version.id, version.hash FROM version
                LEFT JOIN object ON object.id = version.content WHERE object.id IS NULL
                """)
        {
            report.problem("version " + Hex.encode(row["hash"] as Data), "its content object is missing")
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT child.hash, version_parent.parent FROM version_parent
                JOIN version child ON child.id = version_parent.version
                LEFT JOIN version parent ON parent.id = version_parent.parent WHERE parent.id IS NULL
                """)
        {
            report.problem(
                "version " + Hex.encode(row["hash"] as Data), "parent row \(row["parent"] as Int64) is missing")
        }
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT version.*, article.key, object.hash AS contentHash,
                       (SELECT group_concat(hex(p.hash)) FROM version_parent JOIN version p ON p.id = version_parent.parent
                        WHERE version_parent.version = version.id) AS parents,
                       (SELECT max(p.generation) FROM version_parent JOIN version p ON p.id = version_parent.parent
                        WHERE version_parent.version = version.id) AS parentGeneration
                FROM version JOIN article ON article.id = version.article JOIN object ON object.id = version.content
                """)
        while let row = try cursor.next() {
            report.versions += 1
            let stored = Hex.encode(row["hash"] as Data)
            let parents =
                (row["parents"] as String?)?.split(separator: ",").compactMap { ObjectID(hex: String($0)) } ?? []
            let record = VersionRecord(
                key: row["key"], content: VersionRows.id(row["contentHash"]), parents: parents,
                number: row["number"], title: row["title"], titleDerived: (row["title_derived"] as Int?) == 1,
                source: row["source"], url: row["url"], author: row["author"], published: row["published"],
                imported: row["imported"], origin: row["origin"], encoding: row["encoding"])
            if record.id.hex != stored {
                report.problem("version \(stored)", "its record hashes to \(record.id.hex)")
            }
            let generation = ((row["parentGeneration"] as Int?) ?? 0) + 1
            if generation != row["generation"] as Int {
                report.problem("version \(stored)", "generation is \(row["generation"] as Int), expected \(generation)")
            }
        }
    }

    private static func checkHeads(_ db: Database, _ report: inout VerifyReport) throws {
        var expected: [Int64: [HeadCandidate]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT id, article, generation, imported, hash FROM version
                WHERE id NOT IN (SELECT parent FROM version_parent)
                """)
        {
            expected[row["article"], default: []].append(
                HeadCandidate(
                    rowID: row["id"], generation: row["generation"], imported: row["imported"],
                    hash: [UInt8](row["hash"] as Data)))
        }
        var recorded: [Int64: Set<Int64>] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT article, id AS version FROM version WHERE is_head") {
            recorded[row["article"], default: []].insert(row["version"])
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT article.id, article.key, article.head, article.number FROM article
                """)
        {
            report.articles += 1
            let id: Int64 = row["id"]
            let subject = "article \(row["key"] as String)"
            let heads = expected[id] ?? []
            if Set(heads.map(\.rowID)) != recorded[id] ?? [] {
                report.problem(
                    subject,
                    "\(recorded[id]?.count ?? 0) versions are marked as heads, the parent links give \(heads.count)")
            }
            if HeadCandidate.winner(heads)?.rowID != row["head"] {
                report.problem(subject, "winning head is not the one the winner rule picks")
            }
            if let owned = ArticleNumbers.owned(by: row["key"]), owned != row["number"] as Int {
                report.problem(subject, "holds number \(row["number"] as Int), not the number its key names")
            }
        }
    }

    /// FTS5's own check of the search index against the heads' texts, and
    /// a count of its entries against the articles.
    private static func checkSearchIndex(_ db: Database) throws -> [VerifyReport.Problem] {
        var report = VerifyReport()
        do {
            try db.execute(sql: "INSERT INTO search (search, rank) VALUES ('integrity-check', 1)")
        } catch let error as DatabaseError {
            report.problem("search index", "does not match the heads: \(error.message ?? "\(error)")")
        }
        let indexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM search_docsize") ?? 0
        let heads = try Int.fetchOne(db, sql: "SELECT count(*) FROM article WHERE head IS NOT NULL") ?? 0
        if indexed != heads {
            report.problem("search index", "holds \(indexed) entries for \(heads) articles")
        }
        return report.problems
    }

    /// SQLite's structural check, and every reference between tables.
    private static func checkDatabase(_ db: Database, _ report: inout VerifyReport) throws {
        for message in try String.fetchAll(db, sql: "PRAGMA quick_check") where message != "ok" {
            report.problem("database", message)
        }
        try checkReferences(db, &report)
    }

    /// What `PRAGMA foreign_key_check` finds, found faster: that pragma looks
    /// up the parent of each row, and the 970,000 near-duplicate anchors of a
    /// 100,000-article store took it 2.8 s, at random across the object
    /// table. Here each distinct value is looked for once in a list of the
    /// parent's keys (0.45 s). Every reference is a single integer column.
    private static func checkReferences(_ db: Database, _ report: inout VerifyReport) throws {
        let references = try Row.fetchAll(
            db,
            sql: """
                SELECT m.name AS child, f."from" AS "column", f."table" AS parent, f."to" AS "key"
                FROM sqlite_schema AS m, pragma_foreign_key_list(m.name) AS f
                WHERE m.type = 'table' ORDER BY m.name, f.id
                """)
        for reference in references {
            let child = quoted(reference["child"]), column = quoted(reference["column"])
            let parent = quoted(reference["parent"])
            let key = (reference["key"] as String?).map(quoted) ?? "rowid"
            // `+ 0` makes SQLite build a list of the keys from the smallest
            // index instead of seeking each one in the parent's table.
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(column), count(*) FROM \(child) WHERE \(column) IS NOT NULL
                      AND \(column) NOT IN (SELECT \(key) + 0 FROM \(parent))
                    GROUP BY \(column) ORDER BY \(column) LIMIT 100
                    """)
            for row in rows {
                let count: Int = row[1]
                report.problem(
                    "table \(reference["child"] as String)",
                    (count == 1 ? "1 row points" : "\(count) rows point")
                        + " to \(reference["parent"] as String) row \(row[0] as DatabaseValue), which is missing")
            }
        }
    }

    private static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
