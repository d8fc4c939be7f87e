import GRDB
import GRDBSQLite

/// SQLite's C API for the statements of hot paths (bulk imports, the survey server's writer): GRDB's arguments box
/// every value, which there costs as much as the step itself. Every text is bound as a copy, so it may go before
/// the step; every step resets the statement and clears its bindings, whatever it returns.
enum RawStatement {
    static func bind(_ statement: OpaquePointer, _ index: CInt, _ text: String?) {
        guard let text else {
            sqlite3_bind_null(statement, index)
            return
        }
        _ = text.withCString { sqlite3_bind_text(statement, index, $0, CInt(text.utf8.count), transient) }
    }

    static func bind(_ statement: OpaquePointer, _ index: CInt, _ value: Int64) {
        sqlite3_bind_int64(statement, index, value)
    }

    static func bind(_ statement: OpaquePointer, _ index: CInt, _ value: Double) {
        sqlite3_bind_double(statement, index, value)
    }

    /// Steps a statement that returns no rows; throws the connection's error unless it is done.
    static func execute(_ statement: OpaquePointer, _ db: Database) throws {
        let code = sqlite3_step(statement)
        defer { clear(statement) }
        guard code == SQLITE_DONE else { throw error(db) }
    }

    /// Steps a statement whose first row's first column is an integer (a count) and returns it.
    static func integer(_ statement: OpaquePointer, _ db: Database) throws -> Int {
        let code = sqlite3_step(statement)
        defer { clear(statement) }
        guard code == SQLITE_ROW else { throw error(db) }
        return Int(sqlite3_column_int64(statement, 0))
    }

    private static func clear(_ statement: OpaquePointer) {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }

    /// The connection's last error with its extended code (a unique constraint is told apart from the others).
    private static func error(_ db: Database) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(db.sqliteConnection)),
                      message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
