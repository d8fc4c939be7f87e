public import AssessmentKernel
public import Foundation
import GRDB

/// Multi-year programmes and the campaigns of their years.
public struct SQLiteProgrammeStore: ProgrammeStore {
    let database: AppDatabase
    let now: @Sendable () -> Date

    public init(database: AppDatabase, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.now = now
    }

    public func createProgramme(_ programme: Programme, actor: String) throws {
        try database.writer.write { db in
            if try Self.fetch(db, programme.id) != nil { throw StoreError.programmeExists(programme.id) }
            try db.execute(sql: "INSERT INTO programme (id, title, plan_template, first_year, last_year) VALUES (?, ?, ?, ?, ?)",
                           arguments: [programme.id, programme.title, programme.planTemplate, programme.firstYear, programme.lastYear])
            try Ledger.audit(db, at: Ledger.iso(now()), actor: actor, action: "create", entity: "programme", id: programme.id,
                             details: "\(programme.title), \(programme.firstYear)–\(programme.lastYear), план \(programme.planTemplate)")
        }
    }

    public func programmes() throws -> [Programme] {
        try database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM programme ORDER BY first_year, id").compactMap { try Self.fetch(db, $0) }
        }
    }

    public func programme(_ id: String) throws -> Programme? {
        try database.writer.read { db in try Self.fetch(db, id) }
    }

    public func attach(campaign: String, to programme: String, actor: String) throws {
        try database.writer.write { db in
            guard let stored = try Self.fetch(db, programme) else { throw StoreError.programmeNotFound(programme) }
            guard let year = try Int.fetchOne(db, sql: "SELECT year FROM campaign WHERE id = ?", arguments: [campaign]) else {
                throw StoreError.campaignNotFound(campaign)
            }
            guard stored.years.contains(year) else {
                throw StoreError.campaignOutsideProgramme(campaign: campaign, year: year, programme: programme, years: stored.years)
            }
            if let other = stored.campaigns[year] {
                if other == campaign { return }
                throw StoreError.programmeYearTaken(programme: programme, year: year, campaign: other)
            }
            try db.execute(sql: "INSERT INTO programme_campaign (programme_id, campaign_id, year) VALUES (?, ?, ?)",
                           arguments: [programme, campaign, year])
            try Ledger.audit(db, at: Ledger.iso(now()), actor: actor, action: "attach", entity: "programme", id: programme,
                             details: "кампания \(campaign) (\(year))")
        }
    }

    private static func fetch(_ db: Database, _ id: String) throws -> Programme? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM programme WHERE id = ?", arguments: [id]) else { return nil }
        var campaigns: [Int: String] = [:]
        for link in try Row.fetchAll(db, sql: "SELECT year, campaign_id FROM programme_campaign WHERE programme_id = ?", arguments: [id]) {
            campaigns[link["year"]] = link["campaign_id"]
        }
        return Programme(id: row["id"], title: row["title"], planTemplate: row["plan_template"], firstYear: row["first_year"],
                         lastYear: row["last_year"], campaigns: campaigns)
    }
}
