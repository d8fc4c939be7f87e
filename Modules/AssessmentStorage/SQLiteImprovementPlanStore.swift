public import AssessmentKernel
public import Foundation
import GRDB

/// Improvement plans (Постановление № 457) per campaign, with execution control.
public struct SQLiteImprovementPlanStore: ImprovementPlanStore {
    let database: AppDatabase
    let now: @Sendable () -> Date

    public init(database: AppDatabase, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.now = now
    }

    public func importPlan(campaign: String, measures: [ImprovementMeasure], file: ImportedFile, actor: String) throws -> ImportReceipt {
        try database.writer.write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM campaign WHERE id = ?", arguments: [campaign]) == 1 else {
                throw StoreError.campaignNotFound(campaign)
            }
            if try Ledger.alreadyImported(db, file, campaign: campaign) {
                return ImportReceipt(inserted: 0, updated: 0, unchanged: measures.count, alreadyImported: true)
            }
            let stamp = Ledger.iso(now())
            _ = try Ledger.record(db, file, campaign: campaign, actor: actor, at: stamp)
            var receipt = ImportReceipt(inserted: 0, updated: 0, unchanged: 0, alreadyImported: false)
            let existing = try Self.measures(db, campaign: campaign)
            for measure in measures {
                let current = existing.first { $0.organization == measure.organization && $0.shortcomingKey == measure.shortcomingKey }
                var incoming = measure
                incoming.id = current?.id
                if let current, current == incoming {
                    receipt.unchanged += 1
                    continue
                }
                let values: StatementArguments = [
                    campaign, measure.organization.rawValue, measure.criterion, measure.shortcomingKey, measure.shortcoming, measure.measure,
                    measure.plannedOn?.iso, measure.responsibleName, measure.responsiblePosition, measure.implemented,
                    measure.actualOn?.iso, measure.evidence,
                ]
                if let id = current?.id {
                    try db.execute(sql: """
                        UPDATE improvement_measure SET campaign_id = ?, organization_id = ?, criterion = ?, shortcoming_key = ?, shortcoming = ?,
                        measure = ?, planned_on = ?, responsible_name = ?, responsible_position = ?, implemented = ?, actual_on = ?, evidence = ?
                        WHERE id = ?
                        """, arguments: values + [id])
                    receipt.updated += 1
                } else {
                    try db.execute(sql: """
                        INSERT INTO improvement_measure (campaign_id, organization_id, criterion, shortcoming_key, shortcoming, measure,
                        planned_on, responsible_name, responsible_position, implemented, actual_on, evidence)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: values)
                    receipt.inserted += 1
                }
            }
            try Ledger.audit(db, at: stamp, actor: actor, action: "import", entity: "improvement-plan", id: campaign,
                             details: "\(file.path): новых мероприятий \(receipt.inserted), изменено \(receipt.updated)")
            return receipt
        }
    }

    public func measures(campaign: String) throws -> [ImprovementMeasure] {
        try database.writer.read { db in try Self.measures(db, campaign: campaign) }
    }

    public func completeMeasure(id: Int, on day: Day, implemented: String, evidence: String?, actor: String) throws {
        try database.writer.write { db in
            try db.execute(sql: "UPDATE improvement_measure SET actual_on = ?, implemented = ?, evidence = ? WHERE id = ?",
                           arguments: [day.iso, implemented, evidence, id])
            guard db.changesCount == 1 else { throw StoreError.measureNotFound(id) }
            try Ledger.audit(db, at: Ledger.iso(now()), actor: actor, action: "measure-done", entity: "improvement-measure", id: String(id),
                             details: "выполнено \(day.russian): \(implemented)", reason: evidence)
        }
    }

    static func measures(_ db: Database, campaign: String) throws -> [ImprovementMeasure] {
        try Row.fetchAll(db, sql: "SELECT * FROM improvement_measure WHERE campaign_id = ? ORDER BY organization_id, id", arguments: [campaign]).map { row in
            ImprovementMeasure(
                id: row["id"], organization: OrganizationID(row["organization_id"]), criterion: row["criterion"],
                shortcomingKey: row["shortcoming_key"], shortcoming: row["shortcoming"], measure: row["measure"],
                plannedOn: (row["planned_on"] as String?).flatMap { Day(iso: $0) }, responsibleName: row["responsible_name"],
                responsiblePosition: row["responsible_position"], implemented: row["implemented"],
                actualOn: (row["actual_on"] as String?).flatMap { Day(iso: $0) }, evidence: row["evidence"])
        }
    }
}
