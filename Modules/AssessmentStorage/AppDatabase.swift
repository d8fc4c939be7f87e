import Foundation
public import GRDB

/// The SQLite database of one municipality or region: opened once, migrated on open.
///
/// A file database is a WAL pool with `synchronous = FULL`; `inMemory()` is a queue for tests. Foreign keys are on (GRDB's default).
public final class AppDatabase: Sendable {
    public let writer: any DatabaseWriter

    /// The writer's page cache for a long-running server: 64 MiB instead of SQLite's 2 MiB. Under the survey
    /// server's load the default missed on the random leaves of the address-hash and external-id indexes, three
    /// `pread`s of the database file per questionnaire inside the writer (the pages are in the OS cache; the cost is
    /// the system calls). Commands keep the default: `score` would fill the whole cache with the pages it writes
    /// (peak memory 293 MiB instead of 211), and the bulk import raises it for its own transaction.
    public static let serverWriterCacheKiB = 65_536

    /// Opens (creating if needed) the database at `path` and brings its schema up to date; `writerCacheKiB` sets
    /// the writer connection's page cache (SQLite's default when nil).
    public init(path: String, writerCacheKiB: Int? = nil) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        let pool = try DatabasePool(path: path, configuration: configuration)
        // GRDB's WAL setup leaves NORMAL, which may lose the last commits on power loss; the survey promises a
        // citizen that a questionnaire is stored before «спасибо», so every commit waits for fsync. Group commit
        // in the survey server and one transaction per import keep the number of fsyncs small. The pool has one
        // writer connection, so setting it once holds for every write.
        try pool.barrierWriteWithoutTransaction {
            try $0.execute(sql: "PRAGMA synchronous = FULL")
            if let writerCacheKiB { try $0.execute(sql: "PRAGMA cache_size = -\(writerCacheKiB)") }
        }
        writer = pool
        try Self.migrator.migrate(writer)
    }

    private init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(writer: DatabaseQueue())
    }

    /// Applied migration names, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Self.migrator.appliedMigrations(db) }
    }
}
