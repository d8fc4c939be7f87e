public import AssessmentKernel
public import Foundation
import GRDB

/// The survey server's storage in SQLite.
///
/// A questionnaire from the web or typed in by an operator is written by the same `ResponseWriter` as an
/// imported one (a `response` row, its counts added to `answer_tally`), so `sample` and the rankings count it. `response.import_id` points to one
/// `import_file` row per campaign and channel (kind `survey`, path «nok-survey: …»), whose `rows` grows with
/// each submission; `survey_submission` adds how it arrived (operator, cookie, salted address hash, time,
/// suspicion).
public struct SQLiteSurveyStore: SurveyStore {
    let database: AppDatabase
    let now: @Sendable () -> Date

    public init(database: AppDatabase, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.now = now
    }

    public func campaigns() throws -> [Campaign] {
        try SQLiteCampaignStore(database: database, now: now).campaigns()
    }

    public func institutions(campaign: String) throws -> [Organization] {
        try database.writer.read { db in try Self.institutions(db, campaign) }
    }

    public func createLink(_ link: SurveyLink, actor: String) throws {
        guard SurveyLink.isWellFormed(link.code) else { throw SurveyStoreError.malformedCode(link.code) }
        try database.writer.write { db in
            guard try Self.includes(db, campaign: link.campaign, organization: link.organization) else {
                throw SurveyStoreError.organizationOutsideCampaign(link.organization, campaign: link.campaign)
            }
            if let existing = try String.fetchOne(db, sql: "SELECT code FROM survey_link WHERE campaign_id = ? AND organization_id = ?",
                                                  arguments: [link.campaign, link.organization.rawValue]) {
                throw SurveyStoreError.linkExists(campaign: link.campaign, organization: link.organization, code: existing)
            }
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM survey_link WHERE code = ?", arguments: [link.code]) ?? 0 > 0 {
                throw SurveyStoreError.codeTaken(link.code)
            }
            let stamp = Ledger.iso(now())
            try db.execute(sql: "INSERT INTO survey_link (code, campaign_id, organization_id, created_at, strict) VALUES (?, ?, ?, ?, ?)",
                           arguments: [link.code, link.campaign, link.organization.rawValue, stamp, link.strict])
            try Ledger.audit(db, at: stamp, actor: actor, action: "create", entity: "survey_link", id: link.code,
                             details: "кампания \(link.campaign), организация \(link.organization)\(link.strict ? ", только по талонам" : "")")
        }
    }

    public func setStrict(_ strict: Bool, campaign: String, organizations: [OrganizationID], actor: String) throws -> Int {
        try database.writer.write { db in
            var changed: [String] = []
            for organization in organizations {
                if let code = try String.fetchOne(db, sql: """
                    UPDATE survey_link SET strict = ? WHERE campaign_id = ? AND organization_id = ? AND strict <> ? RETURNING code
                    """, arguments: [strict, campaign, organization.rawValue, strict]) {
                    changed.append(code)
                }
            }
            let stamp = Ledger.iso(now())
            for code in changed {
                try Ledger.audit(db, at: stamp, actor: actor, action: strict ? "strict" : "open", entity: "survey_link", id: code,
                                 details: strict ? "кампания \(campaign): только по талонам" : "кампания \(campaign): без талонов")
            }
            return changed.count
        }
    }

    public func links(campaign: String) throws -> [SurveyLink] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM survey_link WHERE campaign_id = ? ORDER BY organization_id", arguments: [campaign]).map(Self.link)
        }
    }

    public func target(code: String) throws -> SurveyTarget? {
        try database.writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM survey_link WHERE code = ?", arguments: [code]) else { return nil }
            let link = Self.link(row)
            guard let campaignRow = try Row.fetchOne(db, sql: "SELECT * FROM campaign WHERE id = ?", arguments: [link.campaign]),
                  let organization = try SQLiteRegistryStore.fetch(db, link.organization)
            else { return nil }
            let sectors = try String.fetchAll(db, sql: "SELECT sector FROM campaign_sector WHERE campaign_id = ? ORDER BY sector",
                                              arguments: [link.campaign])
            let campaign = Campaign(id: campaignRow["id"], title: campaignRow["title"], year: campaignRow["year"],
                                    methodology: MethodologyID(campaignRow["methodology"]), sectors: sectors.map { SectorID($0) },
                                    status: Campaign.Status(rawValue: campaignRow["status"]) ?? .approved,
                                    planTemplate: campaignRow["plan_template"])
            return SurveyTarget(link: link, campaign: campaign, organization: organization)
        }
    }

    public func submit(_ submission: SurveySubmission) throws -> SubmissionReceipt {
        try submitAll([submission])[0].get()
    }

    /// One transaction and one fsync for the whole batch. Every check that may refuse a questionnaire (campaign
    /// open, institution assessed, ticket) runs before its first write, so a refused questionnaire writes nothing
    /// and the batch needs no savepoint per questionnaire. A write that fails all the same (a constraint) rolls the
    /// batch back, and the batch runs again without that questionnaire: the others are stored, it alone fails.
    public func submitAll(_ submissions: [SurveySubmission]) throws -> [Result<SubmissionReceipt, any Error>] {
        var failedWrites: [Int: any Error] = [:]
        while true {
            do {
                return try database.writer.write { db in
                    var batch = try SurveyBatch(db, now: now)
                    var results: [Result<SubmissionReceipt, any Error>] = []
                    results.reserveCapacity(submissions.count)
                    for (index, submission) in submissions.enumerated() {
                        if let error = failedWrites[index] {
                            results.append(.failure(error))
                            continue
                        }
                        let admission: SurveyBatch.Admission
                        do {
                            admission = try batch.admit(submission)
                        } catch {
                            results.append(.failure(error))
                            continue
                        }
                        do {
                            results.append(.success(try batch.write(submission, admission)))
                        } catch {
                            throw FailedWrite(index: index, error: error)
                        }
                    }
                    try batch.finish()
                    return results
                }
            } catch let failed as FailedWrite {
                // A fault that is not one questionnaire's (a full disk) would fail every retry: give up after a few.
                guard failedWrites.count < 8 else { throw failed.error }
                failedWrites[failed.index] = failed.error
            }
        }
    }

    /// A write of one questionnaire failed after its checks passed; the batch is rolled back and runs again without it.
    private struct FailedWrite: Error {
        var index: Int
        var error: any Error
    }

    public func issueTickets(campaign: String, organization: OrganizationID, codes: [String], actor: String) throws {
        try database.writer.write { db in
            guard try Self.includes(db, campaign: campaign, organization: organization) else {
                throw SurveyStoreError.organizationOutsideCampaign(organization, campaign: campaign)
            }
            let stamp = Ledger.iso(now())
            for code in codes {
                guard SurveyLink.isWellFormed(code) else { throw SurveyStoreError.malformedCode(code) }
                if try Int.fetchOne(db, sql: "SELECT count(*) FROM survey_ticket WHERE code = ?", arguments: [code]) ?? 0 > 0 {
                    throw SurveyStoreError.codeTaken(code)
                }
                try db.execute(sql: "INSERT INTO survey_ticket (code, campaign_id, organization_id, issued_at) VALUES (?, ?, ?, ?)",
                               arguments: [code, campaign, organization.rawValue, stamp])
            }
            try Ledger.audit(db, at: stamp, actor: actor, action: "issue", entity: "survey_ticket", id: organization.rawValue,
                             details: "кампания \(campaign): талонов \(codes.count)")
        }
    }

    public func progress(campaign: String, policy: MinimumSample) throws -> [InstitutionProgress] {
        try database.writer.read { db in
            var counts: [OrganizationID: [SurveyChannel: Int]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT organization_id, channel, n FROM response_count WHERE campaign_id = ?
                """, arguments: [campaign]) {
                guard let channel = SurveyChannel(rawValue: row["channel"]) else { continue }
                counts[OrganizationID(row["organization_id"]), default: [:]][channel] = row["n"]
            }
            var flagged: [OrganizationID: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT r.organization_id, count(*) AS n FROM survey_submission s JOIN response r ON r.id = s.response_id
                WHERE r.campaign_id = ? AND s.suspicion IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM response_exclusion e WHERE e.response_id = s.response_id)
                GROUP BY r.organization_id
                """, arguments: [campaign]) {
                flagged[OrganizationID(row["organization_id"])] = row["n"]
            }
            return try Self.institutions(db, campaign).map {
                InstitutionProgress(organization: $0, byChannel: counts[$0.id] ?? [:], suspicious: flagged[$0.id] ?? 0, policy: policy)
            }
        }
    }

    public func flaggedSubmissions(campaign: String) throws -> [FlaggedSubmission] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.external_id, r.organization_id, r.channel, s.received_at, s.suspicion
                FROM survey_submission s JOIN response r ON r.id = s.response_id
                WHERE r.campaign_id = ? AND s.suspicion IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM response_exclusion e WHERE e.response_id = s.response_id)
                ORDER BY s.received_at, r.id
                """, arguments: [campaign]).map { row in
                FlaggedSubmission(externalID: row["external_id"], organization: OrganizationID(row["organization_id"]),
                                  channel: SurveyChannel(rawValue: row["channel"]) ?? .web,
                                  receivedAt: Date(timeIntervalSince1970: row["received_at"]), reason: row["suspicion"])
            }
        }
    }

    public func forgetClientHashes(receivedBefore date: Date) throws -> Int {
        try database.writer.write { db in
            try db.execute(sql: "UPDATE survey_submission SET client_hash = NULL WHERE client_hash IS NOT NULL AND received_at < ?",
                           arguments: [date.timeIntervalSince1970])
            return db.changesCount
        }
    }

    public func addOperator(_ account: OperatorAccount, actor: String) throws {
        try database.writer.write { db in
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM survey_operator WHERE login = ?", arguments: [account.login]) ?? 0 > 0 {
                throw SurveyStoreError.operatorExists(account.login)
            }
            let stamp = Ledger.iso(now())
            try db.execute(sql: "INSERT INTO survey_operator (login, name, password_hash, active, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [account.login, account.name, account.passwordHash, account.active, stamp])
            try Ledger.audit(db, at: stamp, actor: actor, action: "create", entity: "survey_operator", id: account.login, details: account.name)
        }
    }

    public func operatorAccount(login: String) throws -> OperatorAccount? {
        try database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM survey_operator WHERE login = ?", arguments: [login]).map(Self.account)
        }
    }

    public func operators() throws -> [OperatorAccount] {
        try database.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM survey_operator ORDER BY login").map(Self.account) }
    }

    public func setOperatorActive(login: String, active: Bool, actor: String) throws {
        try database.writer.write { db in
            try db.execute(sql: "UPDATE survey_operator SET active = ? WHERE login = ?", arguments: [active, login])
            guard db.changesCount > 0 else { throw SurveyStoreError.operatorNotFound(login) }
            if !active { try db.execute(sql: "DELETE FROM survey_session WHERE login = ?", arguments: [login]) }
            try Ledger.audit(db, at: Ledger.iso(now()), actor: actor, action: active ? "activate" : "deactivate",
                             entity: "survey_operator", id: login, details: active ? "вход разрешён" : "вход запрещён, сессии завершены")
        }
    }

    public func startSession(tokenHash: String, session: OperatorSession) throws {
        try database.writer.write { db in
            // Expired sessions go when a new one starts, so the table never grows without bound.
            try db.execute(sql: "DELETE FROM survey_session WHERE expires_at <= ?", arguments: [now().timeIntervalSince1970])
            try db.execute(sql: "INSERT INTO survey_session (token_hash, login, expires_at) VALUES (?, ?, ?)",
                           arguments: [tokenHash, session.login, session.expiresAt.timeIntervalSince1970])
        }
    }

    public func session(tokenHash: String, now: Date) throws -> OperatorSession? {
        try database.writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT s.login, s.expires_at FROM survey_session s JOIN survey_operator o ON o.login = s.login
                WHERE s.token_hash = ? AND s.expires_at > ? AND o.active = 1
                """, arguments: [tokenHash, now.timeIntervalSince1970]).map {
                OperatorSession(login: $0["login"], expiresAt: Date(timeIntervalSince1970: $0["expires_at"]))
            }
        }
    }

    public func endSession(tokenHash: String) throws {
        try database.writer.write { db in try db.execute(sql: "DELETE FROM survey_session WHERE token_hash = ?", arguments: [tokenHash]) }
    }

    private static func link(_ row: Row) -> SurveyLink {
        SurveyLink(code: row["code"], campaign: row["campaign_id"], organization: OrganizationID(row["organization_id"]), strict: row["strict"])
    }

    private static func account(_ row: Row) -> OperatorAccount {
        OperatorAccount(login: row["login"], name: row["name"], passwordHash: row["password_hash"], active: row["active"])
    }

    /// The campaign's approved list, or every active institution of its sectors (as scoring reads it).
    static func institutions(_ db: Database, _ campaign: String) throws -> [Organization] {
        let sectors = Set(try String.fetchAll(db, sql: "SELECT sector FROM campaign_sector WHERE campaign_id = ?", arguments: [campaign]))
        guard !sectors.isEmpty else { throw StoreError.campaignNotFound(campaign) }
        let listed = Set(try SQLiteCampaignStore.institutions(db, campaign))
        return try SQLiteRegistryStore.organizations(db, includeInactive: false)
            .filter { sectors.contains($0.sector.rawValue) && (listed.isEmpty || listed.contains($0.id)) }
    }

    /// Whether one active institution is assessed in the campaign: its sector is the campaign's, and it is on
    /// the council's list when there is one. One indexed query, not the whole registry, for every submission.
    static func includes(_ db: Database, campaign: String, organization: OrganizationID) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (
                SELECT 1 FROM organization o
                WHERE o.id = ? AND o.active = 1
                  AND o.sector IN (SELECT sector FROM campaign_sector WHERE campaign_id = ?)
                  AND (NOT EXISTS (SELECT 1 FROM campaign_organization WHERE campaign_id = ?)
                       OR EXISTS (SELECT 1 FROM campaign_organization WHERE campaign_id = ? AND organization_id = o.id)))
            """), arguments: [organization.rawValue, campaign, campaign, campaign]) ?? false
    }

    /// The repeat check's query for `cookie` or `client_hash` (a test reads its query plan): a count over the
    /// entries of the cookie or address-hash index that share campaign and institution (migration v13), stopped
    /// at `RepeatScreening.countLimit` so that a browser sending thousands does not make each next write slower.
    static func earlierSQL(column: String) -> String {
        """
        SELECT count(*) FROM (SELECT 1 FROM survey_submission WHERE \(column) = ? AND campaign_id = ? AND organization_id = ? \
        LIMIT \(RepeatScreening.countLimit))
        """
    }
}
