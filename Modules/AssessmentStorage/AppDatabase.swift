import Foundation
public import GRDB

/// The SQLite database of one municipality or region: opened once, migrated on open.
///
/// A file database is a WAL pool with `synchronous = FULL`; `inMemory()` is a queue for tests. Foreign keys are on (GRDB's default).
public final class AppDatabase: Sendable {
    public let writer: any DatabaseWriter

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        // GRDB's WAL default (NORMAL) may lose the last commits on power loss; the survey promises a citizen
        // that a questionnaire is stored before «спасибо», so every commit waits for fsync. Group commit in the
        // survey server and one transaction per import keep the number of fsyncs small.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let pool = try DatabasePool(path: path, configuration: configuration)
        // GRDB turns WAL on after `prepareDatabase` and sets the writer back to NORMAL then: FULL again.
        try pool.barrierWriteWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
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
