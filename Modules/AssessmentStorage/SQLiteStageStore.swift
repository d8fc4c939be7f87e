public import AssessmentKernel
public import Foundation
import GRDB

/// The plan of each campaign: stages snapshotted from a template, with completion and evidence.
public struct SQLiteStageStore: StageStore {
    let database: AppDatabase
    let now: @Sendable () -> Date

    public init(database: AppDatabase, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.now = now
    }

    public func setStages(campaign: String, template: String, stages: [CampaignStage], actor: String) throws {
        try database.writer.write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM campaign WHERE id = ?", arguments: [campaign]) == 1 else {
                throw StoreError.campaignNotFound(campaign)
            }
            try db.execute(sql: "DELETE FROM stage WHERE campaign_id = ?", arguments: [campaign])
            for (position, stage) in stages.enumerated() {
                try db.execute(sql: """
                    INSERT INTO stage (campaign_id, position, number, title, executors, result, deadline_text, year_shift, completed_on, evidence)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [campaign, position, stage.number, stage.title, stage.executors, stage.result, stage.deadlineText,
                                     stage.yearShift, stage.completedOn?.iso, stage.evidence])
            }
            try db.execute(sql: "UPDATE campaign SET plan_template = ? WHERE id = ?", arguments: [template, campaign])
            try Ledger.audit(db, at: Ledger.iso(now()), actor: actor, action: "plan", entity: "campaign", id: campaign,
                             details: "план по шаблону «\(template)»: этапов \(stages.count)")
        }
    }

    public func stages(campaign: String) throws -> [CampaignStage] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM stage WHERE campaign_id = ? ORDER BY position", arguments: [campaign]).map { row in
                CampaignStage(number: row["number"], title: row["title"], executors: row["executors"], result: row["result"],
                              deadlineText: row["deadline_text"], yearShift: row["year_shift"],
                              completedOn: (row["completed_on"] as String?).flatMap { Day(iso: $0) }, evidence: row["evidence"])
            }
        }
    }

    public func completeStage(campaign: String, number: String, on day: Day, evidence: String, actor: String) throws {
        try database.writer.write { db in
            try db.execute(sql: "UPDATE stage SET completed_on = ?, evidence = ? WHERE campaign_id = ? AND number = ?",
                           arguments: [day.iso, evidence, campaign, number])
            guard db.changesCount == 1 else { throw StoreError.stageNotFound(campaign: campaign, number: number) }
            try Ledger.audit(db, at: Ledger.iso(now()), actor: actor, action: "stage-done", entity: "campaign", id: campaign,
                             details: "этап № \(number) выполнен \(day.russian)", reason: evidence)
        }
    }
}
