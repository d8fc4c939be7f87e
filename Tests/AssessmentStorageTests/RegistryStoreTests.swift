import AssessmentKernel
import AssessmentStorage
import Foundation
import GRDB
import Testing
import TestSupport

private func file(_ sha: String, rows: Int = 2) -> ImportedFile {
    ImportedFile(kind: "organizations", path: "organizations.csv", sha256: sha, rows: rows, format: "кодировка UTF-8, разделитель «,»")
}

private let library = Organization(id: "cul-01", name: "Централизованная библиотечная система", sector: "culture",
                                   type: "library", recipients: 400, inn: "7707083893", ogrn: "1027700132195")
private let branch = Organization(id: "cul-02", name: "Детская библиотека", sector: "culture", type: "library", parent: "cul-01")

/// A fixed clock so audit entries are reproducible.
private let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_764_000_000) }

@Suite("SQLite registry")
struct RegistryStoreTests {
    func store() throws -> (SQLiteRegistryStore, AppDatabase, URL) {
        let path = try RepositoryPaths.temporaryDirectory("db").appendingPathComponent("opennok.sqlite")
        let database = try AppDatabase(path: path.path)
        return (SQLiteRegistryStore(database: database, now: clock), database, path)
    }

    @Test("Migrations run from an empty file: tables, WAL, foreign keys, commits synchronous")
    func migrations() throws {
        let (_, database, _) = try store()
        #expect(try database.appliedMigrations() == ["v1-registry", "v2-campaign-data", "v3-approval", "v4-plan-stages", "v5-improvement-plans", "v6-council", "v7-campaign-institutions", "v8-scores-and-details", "v9-survey", "v10-checklist-scoring-index", "v11-approved-payload-last", "v12-score-payload-encoding", "v13-survey-repeat-index", "v14-response-count", "v15-score-payload-reference", "v16-response-exclusion", "v17-approved-payload-encoding"])
        let (tables, journal, foreignKeys) = try database.writer.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name"),
             try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(tables == ["answer_tally", "audit_log", "campaign", "campaign_operator", "campaign_organization", "campaign_sector", "checklist_mark", "control_visit", "council_decision", "council_meeting", "council_member", "import_file", "improvement_measure", "organization", "plan_check", "programme", "programme_campaign", "response", "response_comment", "response_count", "response_exclusion", "result_version", "score_result", "score_run", "stage", "survey_link", "survey_operator", "survey_session", "survey_submission", "survey_ticket"])
        #expect(journal == "wal")
        #expect(foreignKeys == 1)
        // A commit is on disk before the call returns (the survey's «спасибо» relies on it): FULL = 2.
        #expect(try database.writer.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
    }

    @Test("The writer's page cache is SQLite's default for commands and 64 MiB when the survey server asks for it")
    func writerCache() throws {
        let folder = try RepositoryPaths.temporaryDirectory("cache")
        let command = try AppDatabase(path: folder.appendingPathComponent("a.sqlite").path)
        let server = try AppDatabase(path: folder.appendingPathComponent("b.sqlite").path, writerCacheKiB: AppDatabase.serverWriterCacheKiB)
        #expect(try command.writer.write { try Int.fetchOne($0, sql: "PRAGMA cache_size") } == -2000)
        #expect(try server.writer.write { try Int.fetchOne($0, sql: "PRAGMA cache_size") } == -65_536)
    }

    @Test("The registry survives closing and reopening the file")
    func reopen() throws {
        let (store, _, path) = try store()
        _ = try store.importOrganizations([library, branch], file: file("aaa"), actor: "оператор")
        let reopened = SQLiteRegistryStore(database: try AppDatabase(path: path.path))
        #expect(try reopened.organizations(includeInactive: true) == [library, branch])
    }
}

/// The implementations of the registry port, held to one contract.
enum RegistryStoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, memory

    var testDescription: String { rawValue }

    func make() throws -> any RegistryStore {
        switch self {
        case .sqlite:
            let path = try RepositoryPaths.temporaryDirectory("db").appendingPathComponent("opennok.sqlite")
            return SQLiteRegistryStore(database: try AppDatabase(path: path.path), now: clock)
        case .memory:
            return InMemoryRegistryStore(now: clock)
        }
    }
}

@Suite("Registry store conformance")
struct RegistryStoreConformanceTests {
    @Test("Import, then the same file again: detected by hash, nothing changes", arguments: RegistryStoreKind.allCases)
    func idempotent(kind: RegistryStoreKind) throws {
        let store = try kind.make()
        let first = try store.importOrganizations([branch, library], file: file("aaa"), actor: "оператор")
        #expect(first == ImportReceipt(inserted: 2, updated: 0, unchanged: 0, alreadyImported: false))
        let again = try store.importOrganizations([branch, library], file: file("aaa"), actor: "оператор")
        #expect(again.alreadyImported)
        #expect(try store.organizations(includeInactive: true) == [library, branch])
        #expect(try store.auditLog(limit: 10).count == 2)
    }

    @Test("A changed file updates what changed and leaves the rest", arguments: RegistryStoreKind.allCases)
    func update(kind: RegistryStoreKind) throws {
        let store = try kind.make()
        _ = try store.importOrganizations([library, branch], file: file("aaa"), actor: "оператор")
        var renamed = library
        renamed.recipients = 450
        let receipt = try store.importOrganizations([renamed, branch], file: file("bbb"), actor: "секретарь")
        #expect(receipt == ImportReceipt(inserted: 0, updated: 1, unchanged: 1, alreadyImported: false))
        #expect(try store.organization("cul-01")?.recipients == 450)
        let newest = try #require(try store.auditLog(limit: 1).first)
        #expect(newest.actor == "секретарь")
        #expect(newest.action == "update")
        #expect(newest.at == "2025-11-24T16:00:00Z")
    }

    @Test("All or nothing: a failure in the middle of an import leaves the registry as it was", arguments: RegistryStoreKind.allCases)
    func allOrNothing(kind: RegistryStoreKind) throws {
        let store = try kind.make()
        _ = try store.importOrganizations([library], file: file("aaa", rows: 1), actor: "оператор")
        // The second row breaks a database constraint (a negative recipient count) after the first was written.
        let good = Organization(id: "cul-03", name: "Музей", sector: "culture")
        let bad = Organization(id: "cul-04", name: "Клуб", sector: "culture", recipients: -5)
        #expect(throws: (any Error).self) {
            try store.importOrganizations([good, bad], file: file("ccc"), actor: "оператор")
        }
        #expect(try store.organizations(includeInactive: true).map(\.id) == ["cul-01"])
        #expect(try store.auditLog(limit: 10).count == 1)
        // The failed file was not recorded: importing it once fixed is not taken for a repeat.
        let fixed = try store.importOrganizations([good], file: file("ccc", rows: 1), actor: "оператор")
        #expect(!fixed.alreadyImported)
    }

    @Test("A branch whose head is neither in the file nor in the registry is refused, in Russian", arguments: RegistryStoreKind.allCases)
    func missingParent(kind: RegistryStoreKind) throws {
        let store = try kind.make()
        #expect(throws: StoreError.parentNotFound("cul-02", parent: "cul-01")) {
            try store.importOrganizations([branch], file: file("ddd", rows: 1), actor: "оператор")
        }
        #expect(StoreError.parentNotFound("cul-02", parent: "cul-01").errorDescription
                == "Организация «cul-02»: головной организации «cul-01» нет ни в файле, ни в реестре.")
    }

    @Test("Deactivation keeps the record and writes who and why to the log", arguments: RegistryStoreKind.allCases)
    func deactivate(kind: RegistryStoreKind) throws {
        let store = try kind.make()
        _ = try store.importOrganizations([library, branch], file: file("aaa"), actor: "оператор")
        try store.deactivate("cul-02", actor: "председатель совета", reason: "реорганизация: присоединена к ЦБС")
        #expect(try store.organizations(includeInactive: false).map(\.id) == ["cul-01"])
        #expect(try store.organization("cul-02")?.active == false)
        let entry = try #require(try store.auditLog(limit: 1).first)
        #expect(entry.action == "deactivate")
        #expect(entry.reason == "реорганизация: присоединена к ЦБС")
        #expect(throws: StoreError.alreadyInactive("cul-02")) { try store.deactivate("cul-02", actor: "x", reason: "y") }
        #expect(throws: StoreError.organizationNotFound("zzz")) { try store.deactivate("zzz", actor: "x", reason: "y") }
    }

    @Test("An edit replaces the record, logs who and why; an unknown institution or head is refused", arguments: RegistryStoreKind.allCases)
    func edit(kind: RegistryStoreKind) throws {
        let store = try kind.make()
        _ = try store.importOrganizations([library, branch], file: file("aaa"), actor: "оператор")
        var edited = library
        edited.recipients = 500
        edited.website = "https://cbs.example.ru"
        try store.update(edited, actor: "секретарь", reason: "письмо учредителя")
        #expect(try store.organization("cul-01") == edited)
        let entry = try #require(try store.auditLog(limit: 1).first)
        #expect(entry.action == "update" && entry.actor == "секретарь" && entry.reason == "письмо учредителя")
        // The same record again changes nothing and logs nothing.
        try store.update(edited, actor: "секретарь", reason: nil)
        #expect(try store.auditLog(limit: 10).count == 3)
        var unknown = library
        unknown.id = "zzz"
        #expect(throws: StoreError.organizationNotFound("zzz")) { try store.update(unknown, actor: "x", reason: nil) }
        var orphan = branch
        orphan.parent = "cul-99"
        #expect(throws: StoreError.parentNotFound("cul-02", parent: "cul-99")) { try store.update(orphan, actor: "x", reason: nil) }
    }
}

@Suite("Backup and restore")
struct BackupTests {
    @Test("Backup → restore into a fresh database gives the same registry and log")
    func roundTrip() throws {
        let folder = try RepositoryPaths.temporaryDirectory("backup")
        let original = try AppDatabase(path: folder.appendingPathComponent("a.sqlite").path)
        let store = SQLiteRegistryStore(database: original, now: clock)
        _ = try store.importOrganizations([library, branch], file: file("aaa"), actor: "оператор")
        try store.deactivate("cul-02", actor: "секретарь", reason: "реорганизация")
        let backupPath = folder.appendingPathComponent("backup.sqlite").path
        try original.backup(to: backupPath, actor: "администратор", at: clock())
        #expect(throws: BackupError.destinationExists(backupPath)) { try original.backup(to: backupPath, actor: "администратор") }

        let fresh = try AppDatabase(path: folder.appendingPathComponent("b.sqlite").path)
        try fresh.restore(from: backupPath, actor: "администратор", at: clock())
        let restored = SQLiteRegistryStore(database: fresh, now: clock)
        #expect(try restored.organizations(includeInactive: true) == store.organizations(includeInactive: true))
        // The restored log is the original's, the backup entry included, plus one entry for the restore.
        let log = try restored.auditLog(limit: 100)
        #expect(Array(log.dropFirst()) == (try store.auditLog(limit: 100)))
        #expect(log.first?.action == "restore")
        #expect(log.first?.actor == "администратор")
        #expect(log.first?.details.contains(backupPath) == true)
        #expect(log.dropFirst().first?.action == "backup")
    }

    @Test("A file that is not an OpenNOK database is refused and nothing changes")
    func notOpenNOK() throws {
        let folder = try RepositoryPaths.temporaryDirectory("backup")
        let foreign = folder.appendingPathComponent("foreign.sqlite").path
        let other = try DatabaseQueue(path: foreign)
        try other.write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        try other.close()
        let database = try AppDatabase(path: folder.appendingPathComponent("a.sqlite").path)
        _ = try SQLiteRegistryStore(database: database, now: clock).importOrganizations([library], file: file("aaa", rows: 1), actor: "оператор")
        #expect(throws: BackupError.notOpenNOK(foreign)) { try database.restore(from: foreign, actor: "администратор") }
        #expect(try SQLiteRegistryStore(database: database).organizations(includeInactive: true).count == 1)
    }
}
