import AssessmentKernel
import AssessmentStorage
import Foundation
import GRDB
import Testing
import TestSupport

@Suite("A database held by another program")
struct BusyDatabaseTests {
    @Test("a write that waited out another program's exclusive lock gets the Russian message; other errors do not")
    func busyWrite() throws {
        let path = try RepositoryPaths.temporaryDirectory("busy").appendingPathComponent("db.sqlite").path
        let database = try AppDatabase(path: path)
        let other = try DatabaseQueue(path: path)
        var refused: (any Error)?
        try other.inTransaction(.exclusive) { _ in
            do {
                try SQLiteCampaignStore(database: database).createCampaign(
                    Campaign(id: "2025", title: "НОК", year: 2025, methodology: "344n-2024", sectors: ["culture"]), actor: "тест")
            } catch {
                refused = error
            }
            return .rollback
        }
        let error = try #require(refused)
        #expect(BusyDatabase.message(for: error)?.hasPrefix("База данных занята другой программой") == true)
        #expect(BusyDatabase.message(for: StoreError.campaignNotFound("2025")) == nil)
        // Nothing was written, and the same write goes through once the other program is done.
        #expect(try SQLiteCampaignStore(database: database).campaigns().isEmpty)
        try SQLiteCampaignStore(database: database).createCampaign(
            Campaign(id: "2025", title: "НОК", year: 2025, methodology: "344n-2024", sectors: ["culture"]), actor: "тест")
        #expect(try SQLiteCampaignStore(database: database).campaigns().map(\.id) == ["2025"])
    }
}
