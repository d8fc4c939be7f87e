import GRDB

extension AppDatabase {
    /// One write transaction for a bulk import of rows whose keys are all known good (the caller checks them).
    ///
    /// Used by the responses import and the check-list import (689 000 marks: 6.5–7.6 s → 5.7–6.0 s).
    ///
    /// - No parent look-ups: SQLite does not look up the parents of the rows it inserts. For a million responses
    ///   those look-ups were a quarter of the insert (three per row). SQLite ignores the setting inside a
    ///   transaction, so it is changed around one.
    /// - A 64 MiB page cache, the size of the growing indexes: with SQLite's 2 MiB dirty pages spilled to the
    ///   journal again and again.
    /// - A rollback journal instead of the WAL when no other connection has the database open. A WAL transaction
    ///   writes every page twice (to the WAL, then into the database at the checkpoint); a rollback journal
    ///   writes new pages once. A million responses (~300 MB) went from 6.3–8.0 s to 4.9–5.6 s. SQLite's
    ///   own guidance: WAL does not suit transactions over about 100 MB. The switch needs an exclusive lock,
    ///   which fails at once while another process (the survey server) holds the database open; the import then
    ///   goes through the WAL as before. The WAL is switched back on after the transaction, commit or not.
    func writeInBulk<T>(_ body: (Database) throws -> T) throws -> T {
        // Idle readers of this pool hold a shared lock in WAL mode; closing them lets the switch succeed.
        (writer as? DatabasePool)?.releaseMemory()
        return try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -65536")
            let rollbackJournal = writer is DatabasePool && Self.leaveWAL(db)
            defer {
                if rollbackJournal { _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
                try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)")
                try? db.execute(sql: "PRAGMA foreign_keys = ON")
            }
            var result: T?
            try db.inTransaction {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    /// Switches the connection to a rollback journal; false (still WAL) when another connection holds the database.
    private static func leaveWAL(_ db: Database) -> Bool {
        (try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")) == "delete"
    }
}
