public import AssessmentKernel
import GRDB

/// What the administration sets for a campaign besides its data: extra criteria and the operator.
extension SQLiteCampaignStore {
    public func setExtraCriteria(campaign: String, _ criteria: [ExtraCriterionID]?, actor: String) throws {
        try database.writer.write { db in
            try Self.requireOpen(db, campaign)
            try db.execute(sql: "UPDATE campaign SET extra_criteria = ? WHERE id = ?", arguments: [try Self.encodeList(criteria), campaign])
            try Ledger.audit(db, at: Ledger.iso(now()), actor: actor, action: "extra-criteria", entity: "campaign", id: campaign,
                             details: criteria.map { $0.isEmpty ? "без дополнительных критериев" : $0.map(\.rawValue).joined(separator: ", ") }
                                ?? "дополнительные критерии региона (region.yaml)")
        }
    }

    public func setOperator(campaign: String, _ campaignOperator: CampaignOperator, actor: String) throws {
        try database.writer.write { db in
            guard try Self.fetch(db, campaign) != nil else { throw StoreError.campaignNotFound(campaign) }
            try db.execute(sql: """
                INSERT OR REPLACE INTO campaign_operator (campaign_id, name, inn, contract, terms) VALUES (?, ?, ?, ?, ?)
                """, arguments: [campaign, campaignOperator.name, campaignOperator.inn, campaignOperator.contract, campaignOperator.termsOfReference])
            try Ledger.audit(db, at: Ledger.iso(now()), actor: actor, action: "operator", entity: "campaign", id: campaign,
                             details: [campaignOperator.name, campaignOperator.contract, campaignOperator.termsOfReference.map { "ТЗ: \($0)" }]
                                .compactMap { $0 }.joined(separator: "; "))
        }
    }

    public func campaignOperator(campaign: String) throws -> CampaignOperator? {
        try database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM campaign_operator WHERE campaign_id = ?", arguments: [campaign]).map { row in
                CampaignOperator(name: row["name"], inn: row["inn"], contract: row["contract"], termsOfReference: row["terms"])
            }
        }
    }
}
