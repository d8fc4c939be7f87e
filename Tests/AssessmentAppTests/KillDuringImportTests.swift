import AssessmentKernel
import AssessmentStorage
import Foundation
import GRDB
import Testing
import TestSupport

@Suite("A killed import")
struct KillDuringImportTests {
    @Test("kill -9 of a real nok-admin in the middle of a large import leaves the database as it was")
    func killNine() throws {
        let binary = RepositoryPaths.root.appendingPathComponent(".build/debug/nok-admin")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build nok-admin first (swift build --build-tests)")
        let folder = try RepositoryPaths.temporaryDirectory("kill")
        let databasePath = folder.appendingPathComponent("db.sqlite").path

        // Registry and campaign, written before the child starts.
        do {
            let database = try AppDatabase(path: databasePath)
            let organizations = [Organization(id: "lib", name: "Библиотека", sector: "culture", type: "library")]
            _ = try SQLiteRegistryStore(database: database).importOrganizations(
                organizations, file: ImportedFile(kind: "organizations", path: "-", sha256: "x", rows: 1, format: ""), actor: "тест")
            try SQLiteCampaignStore(database: database).createCampaign(
                Campaign(id: "2025", title: "НОК", year: 2025, methodology: "344n-2024", sectors: ["culture"]), actor: "тест")
        }

        // 300 000 questionnaires: long enough that the child is still writing when it is killed.
        var text = "response_id,organization_id,channel,q1,q2,q3,q4,q5,q8,q9,q12,q13,q14\n"
        text.reserveCapacity(300_000 * 48)
        for index in 0..<300_000 {
            text += "r\(index),lib,web,да,да,нет,,да,да,да,да,нет,да\n"
        }
        let file = folder.appendingPathComponent("responses.csv")
        try Data(text.utf8).write(to: file)

        let process = Process()
        process.executableURL = binary
        process.arguments = ["import", "responses", "--campaign", "2025", file.path,
                             "--database", databasePath, "--config-dir", RepositoryPaths.configs.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        let wasRunning = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(wasRunning, "the import finished before it could be killed; make the file larger")
        #expect(process.terminationReason == .uncaughtSignal)

        // The database opens, nothing of the file is in it, and a new import works.
        let database = try AppDatabase(path: databasePath)
        let store = SQLiteCampaignStore(database: database)
        #expect(try store.organizationData(campaign: "2025").map(\.respondents) == [0])
        #expect(try SQLiteRegistryStore(database: database).organizations(includeInactive: true).count == 1)
        // The import was alone, so it wrote through a rollback journal; the journal was rolled back, the WAL is on.
        #expect(try database.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
        #expect(!FileManager.default.fileExists(atPath: databasePath + "-journal"))
    }
}
