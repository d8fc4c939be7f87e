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

/// Two culture institutions and campaign «2025» over culture, for the `sql` of `oldDatabase`.
let campaign2025SQL = """
    INSERT INTO organization (id, name, sector) VALUES ('cul-01', 'ЦБС', 'culture'), ('cul-02', 'Клуб', 'culture');
    INSERT INTO campaign (id, title, year, methodology) VALUES ('2025', 'НОК 2025', 2025, '344n-2024');
    INSERT INTO campaign_sector (campaign_id, sector) VALUES ('2025', 'culture');

    """
