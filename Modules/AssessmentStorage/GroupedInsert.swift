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
    /// Prepared once per row count (and kept by the connection: a group commit of the survey server would
    /// otherwise compile its count statements again for every batch).
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
        let statement = try db.cachedStatement(sql: head + Array(repeating: values, count: rows).joined(separator: ", ") + tail)
        prepared[rows] = statement
        return statement.sqliteStatement
    }

    /// Steps `statement` once (then resets it and clears its bindings); throws the connection's error unless done.
    func execute(_ statement: OpaquePointer) throws {
        try RawStatement.execute(statement, db)
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
}
