public import AssessmentKernel
import Foundation
import GRDB

/// Scores with their payloads compressed for `score_result`, made by `SQLiteCampaignStore.encode` on any thread.
/// `reference` is the institution of the batch whose payload was the dictionary (nil for that one).
public struct CompressedScores: Sendable {
    let scores: [(organization: OrganizationID, total: Double?, payload: [UInt8], reference: OrganizationID?)]
}

/// Computed results beside the campaign's data: the latest scores and the history of runs.
extension SQLiteCampaignStore: ScoreStore {
    /// Compresses the payloads (zstd, spread over the cores), the batch's first one serving the others as their
    /// dictionary; pure, so the scoring threads can run it.
    public func encode(_ scores: [StoredScore]) -> CompressedScores {
        let compressed = PayloadCompression.compress(scores.map(\.payload))
        return CompressedScores(scores: zip(scores, compressed).enumerated().map { offset, pair in
            (pair.0.organization, pair.0.total, pair.1, offset == 0 ? nil : scores[0].organization)
        })
    }

    public func storeScores(campaign: String, actor: String,
                            scores: (_ insert: (CompressedScores) throws -> Void) throws -> String) throws -> ScoreRun {
        try database.writer.write { db in
            try Self.requireOpen(db, campaign)
            try db.execute(sql: "DELETE FROM score_result WHERE campaign_id = ?", arguments: [campaign])
            let insert = try db.makeStatement(sql: """
                INSERT INTO score_result (campaign_id, organization_id, total, payload_encoding, payload, payload_reference)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            var count = 0
            let contentHash = try scores { batch in
                for score in batch.scores {
                    try insert.execute(arguments: [campaign, score.organization.rawValue, score.total,
                                                   PayloadCompression.encoding, Data(score.payload), score.reference?.rawValue])
                }
                count += batch.scores.count
            }
            let last = try Int.fetchOne(db, sql: "SELECT max(run) FROM score_run WHERE campaign_id = ?", arguments: [campaign]) ?? 0
            let run = ScoreRun(run: last + 1, contentHash: contentHash, computedAt: Ledger.iso(now()), actor: actor, organizations: count)
            try db.execute(sql: """
                INSERT INTO score_run (campaign_id, run, content_hash, computed_at, actor, organizations) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [campaign, run.run, contentHash, run.computedAt, actor, count])
            try Ledger.audit(db, at: run.computedAt, actor: actor, action: "score", entity: "campaign", id: campaign,
                             details: "расчёт № \(run.run): организаций \(count), хеш \(contentHash)")
            return run
        }
    }

    public func scoreRuns(campaign: String) throws -> [ScoreRun] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM score_run WHERE campaign_id = ? ORDER BY run", arguments: [campaign]).map { row in
                ScoreRun(run: row["run"], contentHash: row["content_hash"], computedAt: row["computed_at"], actor: row["actor"],
                         organizations: row["organizations"])
            }
        }
    }

    public func storedScores(campaign: String) throws -> [StoredScore] {
        try database.writer.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT organization_id, total, payload_encoding, payload, payload_reference FROM score_result
                WHERE campaign_id = ? ORDER BY organization_id
                """, arguments: [campaign])
            // Payloads compressed alone first: the others need the one they were compressed against (v15).
            var payloads = [OrganizationID: [UInt8]]()
            for row in rows where (row["payload_reference"] as String?) == nil {
                let organization = OrganizationID(row["organization_id"])
                payloads[organization] = try Self.payload(row, organization: organization, campaign: campaign, dictionary: nil)
            }
            return try rows.map { row in
                let organization = OrganizationID(row["organization_id"])
                if let reference = (row["payload_reference"] as String?).map({ OrganizationID($0) }) {
                    guard let dictionary = payloads[reference] else {
                        throw StoreError.unreadablePayload(campaign: campaign, organization: organization.rawValue)
                    }
                    payloads[organization] = try Self.payload(row, organization: organization, campaign: campaign, dictionary: dictionary)
                }
                return StoredScore(organization: organization, total: row["total"], payload: payloads[organization]!)
            }
        }
    }

    /// A stored payload as JSON bytes: written before migration v12 as text, since then compressed (since v15 maybe
    /// against `dictionary`, the payload of the institution in `payload_reference`).
    private static func payload(_ row: Row, organization: OrganizationID, campaign: String, dictionary: [UInt8]?) throws -> [UInt8] {
        let stored: Data = row["payload"]
        switch row["payload_encoding"] as String {
        case "json" where dictionary == nil: return Array(stored)
        case PayloadCompression.encoding:
            if let bytes = PayloadCompression.decompress(Array(stored), dictionary: dictionary) { return bytes }
        default: break
        }
        throw StoreError.unreadablePayload(campaign: campaign, organization: organization.rawValue)
    }
}
