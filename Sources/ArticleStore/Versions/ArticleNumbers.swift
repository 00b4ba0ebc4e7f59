import GRDB

/// Article numbers: unique within a store, whatever mix of keys it holds
/// and in whatever order articles arrive (imports, feeds, sync).
///
/// A new article asks for a number: the one in its file name, or the one
/// the store that wrote its first version gave it. It gets that number when
/// no article holds it. A numbered key (`007`, the form numbered files get)
/// owns its number: an article with another key that holds it moves to a new
/// number. Anything else gets one more than the largest number in the store.
/// Numbers are local, like the rowids behind them: two stores that sync may
/// number an article differently, and version records keep the number of
/// the store that wrote them.
struct ArticleNumbers {
    let db: Database
    /// One more than the largest number, once looked up.
    private var next: Int?

    init(db: Database) { self.db = db }

    /// The number a key owns: `7` for `007`, nil for any other form.
    static func owned(by key: String) -> Int? {
        guard key.count >= 3, key.count <= 18, key.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let number = Int(key), FileKeys.key(forNumber: number) == key
        else { return nil }
        return number
    }

    /// Takes a number for a new article with `key`, moving a holder of the
    /// number `key` owns when there is one.
    mutating func assign(key: String, asking wanted: Int?) throws -> Int {
        let owned = Self.owned(by: key)
        guard let wanted = owned ?? wanted, wanted >= 0 else { return try fresh() }
        guard
            let holder = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT id, key FROM article WHERE number = ?"), arguments: [wanted])
        else { return taken(wanted) }
        if owned == wanted, Self.owned(by: holder["key"]) != wanted {
            try db.cachedStatement(sql: "UPDATE article SET number = ? WHERE id = ?")
                .execute(arguments: [try fresh(), holder["id"]])
            return taken(wanted)
        }
        return try fresh()
    }

    private mutating func taken(_ number: Int) -> Int {
        if let next, number >= next { self.next = number + 1 }
        return number
    }

    private mutating func fresh() throws -> Int {
        let number =
            try next ?? Int.fetchOne(db.cachedStatement(sql: "SELECT max(number) FROM article")).map { $0 + 1 } ?? 0
        next = number + 1
        return number
    }

    /// Gives every article that shares its number with another a new number,
    /// keeping each number with the key that owns it, or else the oldest
    /// article. Stores written before numbers were unique need it once.
    static func renumberDuplicates(_ db: Database) throws {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, key, number FROM article
                WHERE number IN (SELECT number FROM article GROUP BY number HAVING count(*) > 1)
                ORDER BY number, id
                """)
        var groups: [Int: [(id: Int64, key: String)]] = [:]
        for row in rows { groups[row["number"], default: []].append((row["id"], row["key"])) }
        var numbers = ArticleNumbers(db: db)
        for (number, members) in groups.sorted(by: { $0.key < $1.key }) {
            let keeper = members.first { owned(by: $0.key) == number } ?? members[0]
            for member in members where member.id != keeper.id {
                try db.execute(
                    sql: "UPDATE article SET number = ? WHERE id = ?", arguments: [try numbers.fresh(), member.id])
            }
        }
    }
}
