import AssessmentKernel
import Foundation
import GRDB

/// The questionnaires of one write transaction of the survey server (group commit).
///
/// What cannot change while the transaction holds the writer is read once per batch: whether a campaign is open
/// and an institution assessed in it, whether its link is strict, the `import_file` row of a channel. Answer counts
/// and each `import_file.rows` are summed in memory and written once, in `finish()`.
struct SurveyBatch {
    /// What the checks of a questionnaire found, for its write.
    struct Admission {
        /// The ticket to spend (a web questionnaire for a strict link).
        var ticket: String?
    }

    private struct Institution: Hashable {
        var campaign: String
        var organization: OrganizationID
    }

    private struct Channel: Hashable {
        var campaign: String
        var channel: SurveyChannel
    }

    private let db: Database
    private let now: @Sendable () -> Date
    /// Per institution: its link's `strict`, or why it takes no questionnaires.
    private var institutions: [Institution: Result<Bool, any Error>] = [:]
    private var imports: [Channel: Int64] = [:]
    private var importedRows: [Int64: Int] = [:]
    private var writers: [String: ResponseWriter] = [:]
    /// The statements run for every questionnaire, looked up once per batch and bound through the C API.
    private let earlierByCookie: OpaquePointer
    private let earlierByClient: OpaquePointer
    private let insertSubmission: OpaquePointer

    init(_ db: Database, now: @escaping @Sendable () -> Date) throws {
        self.db = db
        self.now = now
        earlierByCookie = try db.cachedStatement(sql: SQLiteSurveyStore.earlierSQL(column: "cookie")).sqliteStatement
        earlierByClient = try db.cachedStatement(sql: SQLiteSurveyStore.earlierSQL(column: "client_hash")).sqliteStatement
        insertSubmission = try db.cachedStatement(sql: """
            INSERT INTO survey_submission (response_id, operator_login, client_hash, cookie, received_at, suspicion, campaign_id, organization_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).sqliteStatement
    }

    /// Every check that may refuse the questionnaire, before anything of it is written; reads only.
    mutating func admit(_ submission: SurveySubmission) throws -> Admission {
        let key = Institution(campaign: submission.campaign, organization: submission.organization)
        let checked: Result<Bool, any Error>
        if let known = institutions[key] {
            checked = known
        } else {
            checked = Result { try Self.checkInstitution(db, submission) }
            institutions[key] = checked
        }
        let strict = try checked.get()
        guard strict && submission.channel == .web else { return Admission(ticket: nil) }
        guard let typed = submission.ticket.map(SurveyLink.normalisedTicket), !typed.isEmpty else { throw SurveyStoreError.ticketRequired }
        // Read per questionnaire: an earlier one of the same batch may have spent it.
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT response_id FROM survey_ticket WHERE code = ? AND campaign_id = ? AND organization_id = ?
            """), arguments: [typed, submission.campaign, submission.organization.rawValue])
        else { throw SurveyStoreError.ticketUnknown(typed) }
        guard (row["response_id"] as Int64?) == nil else { throw SurveyStoreError.ticketUsed(typed) }
        return Admission(ticket: typed)
    }

    /// The campaign is open and assesses the institution; returns whether the institution's link is strict.
    private static func checkInstitution(_ db: Database, _ submission: SurveySubmission) throws -> Bool {
        guard let status = try String.fetchOne(db.cachedStatement(sql: "SELECT status FROM campaign WHERE id = ?"), arguments: [submission.campaign]) else {
            throw StoreError.campaignNotFound(submission.campaign)
        }
        guard status == Campaign.Status.open.rawValue else { throw StoreError.campaignApproved(submission.campaign) }
        guard try SQLiteSurveyStore.includes(db, campaign: submission.campaign, organization: submission.organization) else {
            throw SurveyStoreError.organizationOutsideCampaign(submission.organization, campaign: submission.campaign)
        }
        return try Bool.fetchOne(db.cachedStatement(sql: "SELECT strict FROM survey_link WHERE campaign_id = ? AND organization_id = ?"),
                                 arguments: [submission.campaign, submission.organization.rawValue]) ?? false
    }

    /// Writes an admitted questionnaire: the response (its counts in memory), how it arrived, its ticket spent.
    mutating func write(_ submission: SurveySubmission, _ admission: Admission) throws -> SubmissionReceipt {
        let importID = try channelImport(campaign: submission.campaign, channel: submission.channel)
        let suspicion = RepeatScreening.suspicion(
            sameCookie: try earlier(submission, earlierByCookie, value: submission.cookie),
            sameClient: try earlier(submission, earlierByClient, value: submission.clientHash))
        let externalID = "\(submission.channel.rawValue)-\(Self.timeOrderedUUID(at: now()))"
        if writers[submission.campaign] == nil { writers[submission.campaign] = try ResponseWriter(db, campaign: submission.campaign) }
        let responseID = try writers[submission.campaign]!.insert(
            StoredResponse(externalID: externalID, organization: submission.organization, channel: submission.channel.rawValue,
                           answers: submission.answers, asked: submission.asked, comments: submission.comments,
                           submittedAt: Ledger.iso(submission.receivedAt)),
            importID: importID)
        RawStatement.bind(insertSubmission, 1, responseID)
        RawStatement.bind(insertSubmission, 2, submission.operatorLogin)
        RawStatement.bind(insertSubmission, 3, submission.clientHash)
        RawStatement.bind(insertSubmission, 4, submission.cookie)
        RawStatement.bind(insertSubmission, 5, submission.receivedAt.timeIntervalSince1970)
        RawStatement.bind(insertSubmission, 6, suspicion)
        RawStatement.bind(insertSubmission, 7, submission.campaign)
        RawStatement.bind(insertSubmission, 8, submission.organization.rawValue)
        try RawStatement.execute(insertSubmission, db)
        if let ticket = admission.ticket {
            try db.cachedStatement(sql: "UPDATE survey_ticket SET response_id = ? WHERE code = ?").execute(arguments: [responseID, ticket])
        }
        importedRows[importID, default: 0] += 1
        return SubmissionReceipt(externalID: externalID, suspicion: suspicion)
    }

    /// A time-ordered (version 7, RFC 9562) UUID in lower case: milliseconds since 1970, then 74 random bits.
    /// Ordered ids go to the right edge of the unique `external_id` index, so a batch writes one leaf page of it
    /// instead of one random page per questionnaire (each page also copied again at the next checkpoint); and the
    /// system generator, not `UUID()`, which opened /dev/urandom for every call inside the writer.
    static func timeOrderedUUID(at date: Date) -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 16)
        bytes.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: generator.next() as UInt64, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: generator.next() as UInt64, toByteOffset: 8, as: UInt64.self)
        }
        let milliseconds = UInt64(max(0, (date.timeIntervalSince1970 * 1_000).rounded(.down)))
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
        bytes[6] = bytes[6] & 0x0f | 0x70
        bytes[8] = bytes[8] & 0x3f | 0x80
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The batch's answer counts and row counts; call before the transaction commits.
    mutating func finish() throws {
        for campaign in writers.keys { try writers[campaign]!.finish() }
        for (importID, rows) in importedRows {
            try db.cachedStatement(sql: "UPDATE import_file SET rows = rows + ? WHERE id = ?").execute(arguments: [rows, importID])
        }
    }

    /// The `import_file` row all of a campaign's questionnaires of one channel point to, made on first use.
    private mutating func channelImport(campaign: String, channel: SurveyChannel) throws -> Int64 {
        let key = Channel(campaign: campaign, channel: channel)
        if let id = imports[key] { return id }
        let hash = ContentHash.sha256(of: Data("nok-survey/\(campaign)/\(channel.rawValue)".utf8))
        let id: Int64
        if let existing = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM import_file WHERE kind = 'survey' AND sha256 = ?"), arguments: [hash]) {
            id = existing
        } else {
            let path = channel == .web ? "nok-survey: веб-анкета" : "nok-survey: ввод оператором (\(channel.title))"
            id = try Ledger.record(db, ImportedFile(kind: "survey", path: path, sha256: hash, rows: 0, format: "nok-survey"),
                                   campaign: campaign, actor: "nok-survey", at: Ledger.iso(now()))
        }
        imports[key] = id
        return id
    }

    /// Earlier submissions for the same campaign and institution sharing a cookie or an address hash, up to
    /// `RepeatScreening.countLimit` (earlier questionnaires of this batch included: they are already inserted).
    private func earlier(_ submission: SurveySubmission, _ statement: OpaquePointer, value: String?) throws -> Int {
        guard let value else { return 0 }
        RawStatement.bind(statement, 1, value)
        RawStatement.bind(statement, 2, submission.campaign)
        RawStatement.bind(statement, 3, submission.organization.rawValue)
        return try RawStatement.integer(statement, db)
    }
}
