@testable import AssessmentStorage
import Foundation
import GRDB
import TestSupport

/// A database file left as an earlier version wrote it: migrated up to `migration`, then filled by `sql`.
/// Returns its path; opening it with `AppDatabase` runs the later migrations.
func oldDatabase(_ name: String, upTo migration: String, sql: String) throws -> String {
    let path = try RepositoryPaths.temporaryDirectory(name).appendingPathComponent("old.sqlite").path
    let old = try DatabaseQueue(path: path)
    try AppDatabase.migrator.migrate(old, upTo: migration)
    try old.write { db in try db.execute(sql: sql) }
    try old.close()
    return path
}
