import Foundation
import GRDB

/// Search index changes of one write transaction, written together at its
/// end. FTS5 flushes its pending terms to a new segment whenever another
/// statement opens a savepoint, which every insert that fires a trigger
/// does; interleaving index writes with version writes therefore made one
/// tiny segment per article (in a profile of a 10,000-article clone, 21% of
/// the samples were in those flushes, `sqlite3VtabSavepoint`).
///
/// Per article it keeps the entry indexed before the transaction (to delete)
/// and the entry to index at its end; an entry added and replaced within the
/// transaction never reaches the index.
///
/// Both are written in ascending rowid order. FTS5 also flushes its pending
/// terms whenever a rowid is not larger than the one before; the updates of
/// a pull come in no particular order, and flushing on nearly every one made
/// deleting and re-adding 10,000 random entries of a 100,000-entry index take
/// 3.9 s instead of 0.9 s (Python's sqlite3 on the same libsqlite3).
///
/// An entry to index may come as tokens made ahead (``SearchTokenizer``),
/// which FTS5 indexes as it would the text.
struct SearchWrites {
    typealias Entry = (title: String, body: String)
    /// The token streams of an entry's title and body.
    typealias Tokens = (title: [UInt8], body: [UInt8])

    private enum Indexed {
        case text(Entry)
        case tokens(Tokens)
    }

    private var old: [Int64: Entry] = [:]
    private var new: [Int64: Indexed] = [:]

    /// Removes the article's entry as the index holds it now.
    mutating func delete(_ article: Int64, _ entry: Entry?) {
        guard let entry, new[article] == nil, old[article] == nil else { return }
        old[article] = entry
    }

    /// Cancels an entry added earlier in this transaction. Returns false
    /// when there is none: the index holds the article's entry, which the
    /// caller must delete.
    mutating func dropInsert(_ article: Int64) -> Bool {
        new.removeValue(forKey: article) != nil
    }

    /// Indexes the article's new entry.
    mutating func insert(_ article: Int64, _ entry: Entry?) {
        guard let entry else { return }
        new[article] = .text(entry)
    }

    /// Indexes the article's new entry from its tokens.
    mutating func insert(_ article: Int64, tokens: Tokens) {
        new[article] = .tokens(tokens)
    }

    /// Writes the deletions, then the insertions, and forgets them.
    mutating func write(_ db: Database) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT INTO search (search, rowid, title, body) VALUES (?, ?, ?, ?)")
        for (article, entry) in old.sorted(by: { $0.key < $1.key }) {
            try statement.execute(arguments: ["delete", article, entry.title, entry.body])
        }
        for (article, entry) in new.sorted(by: { $0.key < $1.key }) {
            switch entry {
            case .text(let entry): try statement.execute(arguments: [nil, article, entry.title, entry.body])
            case .tokens(let tokens):
                try statement.execute(arguments: [nil, article, Data(tokens.title), Data(tokens.body)])
            }
        }
        self = SearchWrites()
    }
}
