import GRDB

/// The `stems` fuzz target: a text tokenized by FTS5's porter and by the
/// store's stem cache (`ArticleStore.installStemCache`) must give the same
/// terms at the same positions. A difference stops the process.
enum StemCacheCheck {
    /// Both tables, one with each tokenizer, in one in-memory database.
    static let database: DatabaseQueue = {
        do {
            let queue = try DatabaseQueue()
            try queue.write { db in
                try ArticleStore.installStemCache(db, as: "cached_porter")
                for (name, tokenizer) in [("own", "porter"), ("cached", "cached_porter")] {
                    try db.execute(
                        sql: """
                            CREATE VIRTUAL TABLE \(name) USING fts5(title, body,
                              tokenize = '\(tokenizer) unicode61 remove_diacritics 2');
                            CREATE VIRTUAL TABLE \(name)_terms USING fts5vocab(\(name), 'instance');
                            """)
                }
            }
            return queue
        } catch {
            preconditionFailure("cannot set up the stem cache check: \(error)")
        }
    }()

    static func compare(_ text: String) {
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let title = parts.first.map(String.init) ?? ""
        let body = parts.count > 1 ? String(parts[1]) : ""
        do {
            try database.write { db in
                for table in ["own", "cached"] {
                    try db.execute(sql: "DELETE FROM \(table)")
                    try db.execute(
                        sql: "INSERT INTO \(table)(rowid, title, body) VALUES (1, ?, ?)", arguments: [title, body])
                }
                let instances = "SELECT term, col, offset FROM %@_terms ORDER BY col, offset"
                let own = try Row.fetchAll(db, sql: instances.replacingOccurrences(of: "%@", with: "own"))
                let cached = try Row.fetchAll(db, sql: instances.replacingOccurrences(of: "%@", with: "cached"))
                precondition(own == cached, "the stem cache's tokens differ from FTS5's for \(text.debugDescription)")
            }
        } catch {
            preconditionFailure("the stem cache check failed: \(error)")
        }
    }
}
