public import AssessmentKernel
import GRDB

/// Questionnaires taken out of the calculation and put back. The response row stays; its answers leave
/// `answer_tally` and `response_count` (which scoring reads) and come back, in the transaction that records it.
extension SQLiteCampaignStore {
    public func excludeResponses(campaign: String, externalIDs: [String], reason: String, actor: String) throws -> Int {
        try changeExclusion(campaign: campaign, externalIDs: externalIDs, exclude: true, reason: reason, actor: actor)
    }

    public func restoreResponses(campaign: String, externalIDs: [String], reason: String, actor: String) throws -> Int {
        try changeExclusion(campaign: campaign, externalIDs: externalIDs, exclude: false, reason: reason, actor: actor)
    }

    public func excludedResponses(campaign: String) throws -> [ExcludedResponse] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.external_id, r.organization_id, r.channel, e.reason, e.actor, e.excluded_at
                FROM response_exclusion e JOIN response r ON r.id = e.response_id
                WHERE r.campaign_id = ? ORDER BY e.excluded_at, r.id
                """, arguments: [campaign]).map { row in
                ExcludedResponse(externalID: row[0], organization: OrganizationID(row[1]), channel: row[2], reason: row[3],
                                 actor: row[4], excludedAt: row[5])
            }
        }
    }

    private func changeExclusion(campaign: String, externalIDs: [String], exclude: Bool, reason: String, actor: String) throws -> Int {
        try database.writer.write { db in
            try Self.requireOpen(db, campaign)
            var seen = Set<String>(), found: [StoredRow] = [], missing: [String] = []
            for id in externalIDs where seen.insert(id).inserted {
                if let row = try StoredRow.fetch(db, campaign, id) { found.append(row) } else { missing.append(id) }
            }
            guard missing.isEmpty else { throw StoreError.responseNotFound(campaign: campaign, externalIDs: missing) }
            let stamp = Ledger.iso(now())
            let changing = found.filter { $0.excluded != exclude }
            for row in changing {
                if exclude {
                    try db.execute(sql: "INSERT INTO response_exclusion (response_id, reason, actor, excluded_at) VALUES (?, ?, ?, ?)",
                                   arguments: [row.id, reason, actor, stamp])
                } else {
                    try db.execute(sql: "DELETE FROM response_exclusion WHERE response_id = ?", arguments: [row.id])
                }
                try row.count(db, campaign, by: exclude ? -1 : 1)
            }
            let unchanged = found.count - changing.count
            try Ledger.audit(db, at: stamp, actor: actor, action: exclude ? "exclude" : "restore", entity: "responses", id: campaign,
                             details: (exclude ? "исключено из расчёта анкет: " : "возвращено в расчёт анкет: ") + "\(changing.count)"
                                 + (changing.isEmpty ? "" : " (\(changing.prefix(20).map(\.externalID).joined(separator: ", "))\(changing.count > 20 ? ", …" : ""))")
                                 + (unchanged > 0 ? "; уже \(exclude ? "исключены" : "учитывались"): \(unchanged)" : ""),
                             reason: reason)
            return changing.count
        }
    }
}

/// One stored questionnaire as the counts see it.
private struct StoredRow {
    let id: Int64, externalID: String, organization: String, channel: String, answers: String, ignored: String, excluded: Bool

    static func fetch(_ db: Database, _ campaign: String, _ externalID: String) throws -> StoredRow? {
        try Row.fetchOne(db, sql: """
            SELECT r.id, r.organization_id, r.channel, r.answers, r.ignored, e.response_id IS NOT NULL
            FROM response r LEFT JOIN response_exclusion e ON e.response_id = r.id
            WHERE r.campaign_id = ? AND r.external_id = ?
            """, arguments: [campaign, externalID]).map { row in
            StoredRow(id: row[0], externalID: externalID, organization: row[1], channel: row[2], answers: row[3], ignored: row[4], excluded: row[5])
        }
    }

    /// Adds `delta` (+1 or −1) to the respondent count and to the tally of each answer (counted) and of each answer the
    /// filter ignored. A count that reaches zero is deleted: the tables keep only positive counts.
    func count(_ db: Database, _ campaign: String, by delta: Int) throws {
        for (json, counted) in [(answers, 1), (ignored, 0)] {
            let key: StatementArguments = [campaign, organization, counted, json]
            if delta > 0 {
                try db.execute(sql: """
                    INSERT INTO answer_tally (campaign_id, organization_id, counted, question, value, n)
                    SELECT ?1, ?2, ?3, key, value, 1 FROM json_each(?4) WHERE true
                    ON CONFLICT (campaign_id, organization_id, question, value, counted) DO UPDATE SET n = n + 1
                    """, arguments: key)
            } else {
                let matching = "campaign_id = ?1 AND organization_id = ?2 AND counted = ?3 AND (question, value) IN (SELECT key, value FROM json_each(?4))"
                try db.execute(sql: "DELETE FROM answer_tally WHERE \(matching) AND n = 1", arguments: key)
                try db.execute(sql: "UPDATE answer_tally SET n = n - 1 WHERE \(matching)", arguments: key)
            }
        }
        let key: StatementArguments = [campaign, organization, channel]
        if delta > 0 {
            try db.execute(sql: """
                INSERT INTO response_count (campaign_id, organization_id, channel, n) VALUES (?1, ?2, ?3, 1)
                ON CONFLICT (campaign_id, organization_id, channel) DO UPDATE SET n = n + 1
                """, arguments: key)
        } else {
            let matching = "campaign_id = ?1 AND organization_id = ?2 AND channel = ?3"
            try db.execute(sql: "DELETE FROM response_count WHERE \(matching) AND n = 1", arguments: key)
            try db.execute(sql: "UPDATE response_count SET n = n - 1 WHERE \(matching)", arguments: key)
        }
    }
}
