public import AssessmentKernel
public import Foundation
import GRDB

/// Public-control visits and the council's check of last campaign's improvement plans.
public struct SQLitePublicControlStore: PublicControlStore {
    let database: AppDatabase
    let now: @Sendable () -> Date

    public init(database: AppDatabase, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.now = now
    }

    public func addVisit(_ visit: ControlVisit, actor: String) throws -> Int {
        try database.writer.write { db in
            guard try SQLiteCampaignStore.fetch(db, visit.campaign) != nil else { throw StoreError.campaignNotFound(visit.campaign) }
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM organization WHERE id = ?", arguments: [visit.organization.rawValue]) == 1 else {
                throw StoreError.organizationNotFound(visit.organization)
            }
            try db.execute(sql: """
                INSERT INTO control_visit (campaign_id, organization_id, visited_on, members, findings, document) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [visit.campaign, visit.organization.rawValue, visit.visitedOn.iso, visit.members, visit.findings, visit.document])
            let id = Int(db.lastInsertedRowID)
            try Ledger.audit(db, at: Ledger.iso(now()), actor: actor, action: "create", entity: "control-visit", id: String(id),
                             details: "\(visit.organization), \(visit.visitedOn.russian): \(visit.findings)")
            return id
        }
    }

    public func visits(campaign: String) throws -> [ControlVisit] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM control_visit WHERE campaign_id = ? ORDER BY visited_on, id", arguments: [campaign]).map { row in
                ControlVisit(id: row["id"], campaign: row["campaign_id"], organization: OrganizationID(row["organization_id"]),
                             visitedOn: Day(iso: row["visited_on"])!, members: row["members"], findings: row["findings"], document: row["document"])
            }
        }
    }

    public func recordPlanCheck(_ check: PlanCheck, actor: String) throws {
        try database.writer.write { db in
            for id in [check.campaign, check.previousCampaign] where try SQLiteCampaignStore.fetch(db, id) == nil {
                throw StoreError.campaignNotFound(id)
            }
            try db.execute(sql: "DELETE FROM plan_check WHERE campaign_id = ?", arguments: [check.campaign])
            for line in check.execution {
                try db.execute(sql: """
                    INSERT INTO plan_check (campaign_id, organization_id, previous_campaign, checked_on, measures, done_on_time, done_late, overdue, pending)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [check.campaign, line.organization.rawValue, check.previousCampaign, check.checkedOn.iso, line.measures,
                                     line.doneOnTime, line.doneLate, line.overdue, line.pending])
            }
            let done = check.execution.filter { $0.verdict == .done }.count
            try Ledger.audit(db, at: Ledger.iso(now()), actor: actor, action: "plan-check", entity: "campaign", id: check.campaign,
                             details: "планы кампании \(check.previousCampaign) на \(check.checkedOn.russian): выполнены \(done) из \(check.execution.count)")
        }
    }

    public func planCheck(campaign: String) throws -> PlanCheck? {
        try database.writer.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM plan_check WHERE campaign_id = ? ORDER BY organization_id", arguments: [campaign])
            guard let first = rows.first else { return nil }
            return PlanCheck(
                campaign: campaign, previousCampaign: first["previous_campaign"], checkedOn: Day(iso: first["checked_on"])!,
                execution: rows.map { row in
                    PlanExecution(organization: OrganizationID(row["organization_id"]), measures: row["measures"], doneOnTime: row["done_on_time"],
                                  doneLate: row["done_late"], overdue: row["overdue"], pending: row["pending"])
                })
        }
    }
}
