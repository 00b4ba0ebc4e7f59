import GRDB

/// How many digits the numbers in exported names have: as many as the
/// widest `NNN_<16 hex>.txt` name the store imported, and at least three,
/// so that a re-export matches the names it came from.
enum NumberWidth {
    static func read(_ db: Database) throws -> Int {
        max(
            3,
            try Int.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM store_info WHERE name = 'number_width'") ?? 3)
    }

    /// Records `width` when it is wider than what the store has.
    static func widen(_ db: Database, to width: Int) throws {
        guard width > (try read(db)) else { return }
        try db.execute(
            sql: "INSERT OR REPLACE INTO store_info (name, value) VALUES ('number_width', ?)",
            arguments: [String(width)])
    }
}
