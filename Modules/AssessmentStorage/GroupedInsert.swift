import GRDB
import GRDBSQLite

/// `INSERT INTO … VALUES (…), (…), …` with up to `maxRows` rows per statement, bound through SQLite's C API.
/// Executing a statement costs about as much as the row it inserts (cursors opened and closed, the AUTOINCREMENT
/// counter updated): a million one-row statements spent half the import there.
struct GroupedInsert {
    static let maxRows = 16

    private let db: Database
    private let head: String
    private let values: String
    private let tail: String
    private let columns: Int
    /// Prepared once per row count.
    private var prepared: [Int: Statement] = [:]

    /// `tail` follows the values, e.g. an `ON CONFLICT` clause.
    init(_ db: Database, table: String, columns: [String], tail: String = "") {
        self.db = db
        head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        values = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        self.tail = tail
        self.columns = columns.count
    }

    /// The statement for `rows` rows; its parameters for row `r` (from 0) and column `c` (from 1) are
    /// `r * columns + c`.
    mutating func statement(rows: Int) throws -> OpaquePointer {
        if let statement = prepared[rows] { return statement.sqliteStatement }
        let statement = try db.makeStatement(sql: head + Array(repeating: values, count: rows).joined(separator: ", ") + tail)
        prepared[rows] = statement
        return statement.sqliteStatement
    }

    /// Steps `statement` once, then resets it and clears its bindings; throws the connection's error unless done.
    func execute(_ statement: OpaquePointer) throws {
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(db.sqliteConnection)),
                                message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    /// Inserts `rows` by groups: `bind` binds one row's values, its first parameter's index given (columns follow
    /// from there).
    mutating func insert<Rows: RandomAccessCollection>(
        _ rows: Rows, bind: (_ statement: OpaquePointer, _ first: CInt, _ row: Rows.Element) -> Void
    ) throws where Rows.Index == Int {
        for group in stride(from: rows.startIndex, to: rows.endIndex, by: Self.maxRows) {
            let slice = rows[group..<min(group + Self.maxRows, rows.endIndex)]
            let statement = try statement(rows: slice.count)
            for (position, row) in slice.enumerated() { bind(statement, CInt(position * columns), row) }
            try execute(statement)
        }
    }

    /// Binds a copy of `text` (SQLite keeps its own, so the string may go before the step).
    static func bindCopy(_ statement: OpaquePointer, _ index: CInt, _ text: String) {
        text.withCString { sqlite3_bind_text(statement, index, $0, CInt(text.utf8.count), transient) }
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
