import GRDB
import GRDBSQLite

extension Statement {
    /// Binds `values` to the statement's parameters, in order, and runs it,
    /// passing each result row's integer columns to `row`.
    ///
    /// This goes through SQLite's C API. The near-duplicate index runs a few
    /// such statements for every imported article; without GRDB's argument
    /// and cursor types, `dupes --of` went from 31–33k to 36k texts/s. The
    /// statement is reset before and after, so GRDB can run it again as usual.
    func forEachRow(binding values: some Collection<Int64>, _ row: (IntegerColumns) throws -> Void) throws {
        try run(row) { statement in
            for (offset, value) in values.enumerated() {
                let code = sqlite3_bind_int64(statement, Int32(offset + 1), value)
                guard code == SQLITE_OK else { throw error(code) }
            }
        }
    }

    /// Binds `text` to the statement's only parameter and runs it, as
    /// ``forEachRow(binding:_:)`` does.
    func forEachRow(bindingText text: String, _ row: (IntegerColumns) throws -> Void) throws {
        try run(row) { statement in
            // SQLITE_TRANSIENT: SQLite copies the text before the call returns.
            let code = sqlite3_bind_text(statement, 1, text, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            guard code == SQLITE_OK else { throw error(code) }
        }
    }

    private func run(_ row: (IntegerColumns) throws -> Void, bind: (OpaquePointer?) throws -> Void) throws {
        let statement = sqliteStatement
        sqlite3_reset(statement)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        try bind(statement)
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw error(code) }
            try row(IntegerColumns(statement: statement))
        }
    }

    /// Binds `values` and runs the statement, ignoring any result rows.
    func execute(binding values: some Collection<Int64>) throws {
        try forEachRow(binding: values) { _ in }
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code),
            message: String(cString: sqlite3_errmsg(sqlite3_db_handle(sqliteStatement))), sql: sql)
    }
}

/// The current row of a statement run by ``Statement/forEachRow(binding:_:)``.
struct IntegerColumns {
    fileprivate let statement: OpaquePointer?

    subscript(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    /// The text in `column`, or nil when it is NULL.
    func text(_ column: Int32) -> String? {
        sqlite3_column_text(statement, column).map { String(cString: $0) }
    }
}
