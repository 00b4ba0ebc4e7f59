import Foundation
import GRDB

/// The `stems` fuzz target: a text tokenized by FTS5's porter and by the
/// store's stem cache (`ArticleStore.installStemCache`), and indexed from a
/// stream of its tokens made ahead (`SearchTokenizer`), must give the same
/// terms at the same positions. A difference stops the process. The bytes
/// are also read as a stream, which may be refused but must not crash.
enum StemCacheCheck {
    /// Both tables, one with each tokenizer, in one in-memory database.
    static let database: DatabaseQueue = {
        do {
            let queue = try DatabaseQueue()
            try queue.write { db in
                try ArticleStore.installStemCache(db, as: "cached_porter")
                for (name, tokenizer) in [("own", "porter"), ("cached", "cached_porter"), ("streams", "cached_porter")]
                {
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

    /// One tokenizer for the streams; fuzzing runs on one thread.
    nonisolated(unsafe) static let tokenizer = SearchTokenizer()

    /// Hands `bytes` to the stream reader as a stream: any bytes may be
    /// refused, none may crash it.
    static func replay(_ bytes: [UInt8]) {
        try? database.write { db in
            try db.execute(sql: "DELETE FROM streams")
            try db.execute(
                sql: "INSERT INTO streams(rowid, title, body) VALUES (1, '', ?)",
                arguments: [Data([0xFF, 0x41, 0x54, 0x53] + bytes)])
        }
    }

    static func compare(_ text: String) {
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let title = parts.first.map(String.init) ?? ""
        let body = parts.count > 1 ? String(parts[1]) : ""
        do {
            try database.write { db in
                for table in ["own", "cached", "streams"] {
                    try db.execute(sql: "DELETE FROM \(table)")
                }
                for table in ["own", "cached"] {
                    try db.execute(
                        sql: "INSERT INTO \(table)(rowid, title, body) VALUES (1, ?, ?)", arguments: [title, body])
                }
                // The same text as tokens made ahead (`SearchTokenizer`).
                guard let titleStream = tokenizer?.stream(title.utf8), let bodyStream = tokenizer?.stream(body.utf8)
                else { preconditionFailure("cannot make a stream of tokens") }
                try db.execute(
                    sql: "INSERT INTO streams(rowid, title, body) VALUES (1, ?, ?)",
                    arguments: [Data(titleStream), Data(bodyStream)])
                let instances = "SELECT term, col, offset FROM %@_terms ORDER BY col, offset"
                let own = try Row.fetchAll(db, sql: instances.replacingOccurrences(of: "%@", with: "own"))
                let cached = try Row.fetchAll(db, sql: instances.replacingOccurrences(of: "%@", with: "cached"))
                precondition(own == cached, "the stem cache's tokens differ from FTS5's for \(text.debugDescription)")
                // Only texts without NUL reach the index (`ArticleText` refuses
                // them), and GRDB binds a string up to its first NUL.
                if !text.utf8.contains(0) {
                    let streams = try Row.fetchAll(db, sql: instances.replacingOccurrences(of: "%@", with: "streams"))
                    precondition(
                        streams == own, "a stream's tokens differ from its text's for \(text.debugDescription)")
                }
            }
        } catch {
            preconditionFailure("the stem cache check failed: \(error)")
        }
    }
}
