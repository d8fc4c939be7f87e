import AssessmentKernel
import Foundation
import GRDB
import GRDBSQLite

/// Writes questionnaires of one campaign: a row per response with its answers packed as JSON, and the
/// campaign's answer and respondent counts kept current, so scoring reads a few thousand count rows instead of
/// grouping every answer. Every path that stores a response (file import, web survey) goes through here.
struct ResponseWriter {
    private struct TallyKey: Hashable {
        var organization: String
        var question: String
        var value: String
        var counted: Bool
    }

    private struct RespondentKey: Hashable {
        var organization: String
        var channel: String
    }

    private let db: Database
    private let campaign: String
    private let insertResponse: Statement
    private let insertComment: Statement
    private var responses: GroupedInsert
    private var tallies: [TallyKey: Int] = [:]
    private var respondents: [RespondentKey: Int] = [:]
    private(set) var inserted = 0

    init(_ db: Database, campaign: String) throws {
        self.db = db
        self.campaign = campaign
        insertResponse = try db.cachedStatement(sql: """
            INSERT INTO response (campaign_id, organization_id, external_id, channel, import_id, submitted_at, answers, ignored)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertComment = try db.cachedStatement(sql: "INSERT INTO response_comment (response_id, question, text) VALUES (?, ?, ?)")
        responses = GroupedInsert(db, table: "response", columns: [
            "campaign_id", "organization_id", "external_id", "channel", "import_id", "submitted_at", "answers", "ignored"])
    }

    /// Inserts one response; its counts are added in memory until `finish()`. Returns the response's row id.
    @discardableResult
    mutating func insert(_ response: StoredResponse, importID: Int64) throws -> Int64 {
        var counted: [(String, String)] = []
        var ignored: [(String, String)] = []
        for (question, value) in response.answers {
            let isCounted = response.asked.contains(question)
            if isCounted { counted.append((question.rawValue, value)) } else { ignored.append((question.rawValue, value)) }
            tallies[TallyKey(organization: response.organization.rawValue, question: question.rawValue, value: value, counted: isCounted),
                    default: 0] += 1
        }
        let statement = insertResponse.sqliteStatement
        RawStatement.bind(statement, 1, campaign)
        RawStatement.bind(statement, 2, response.organization.rawValue)
        RawStatement.bind(statement, 3, response.externalID)
        RawStatement.bind(statement, 4, response.channel)
        RawStatement.bind(statement, 5, importID)
        RawStatement.bind(statement, 6, response.submittedAt)
        RawStatement.bind(statement, 7, PackedAnswers.json(counted))
        RawStatement.bind(statement, 8, PackedAnswers.json(ignored))
        do {
            try RawStatement.execute(statement, db)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw StoreError.duplicateResponse(campaign: campaign, externalID: response.externalID)
        }
        let responseID = db.lastInsertedRowID
        for (question, text) in response.comments {
            try insertComment.execute(arguments: [responseID, question.rawValue, text])
        }
        respondents[RespondentKey(organization: response.organization.rawValue, channel: response.channel), default: 0] += 1
        inserted += 1
        return responseID
    }

    /// Inserts the rows of a bulk import, binding their text where it lies (SQLite's C API, no arguments arrays),
    /// and says by index which it could not keep. Their counts come with the file's (`finish(adding:respondents:)`).
    /// Rows go in by groups (`GroupedInsert`); a row with comments goes in alone, as their rows need its id.
    mutating func insert(_ batch: PackedRows, importID: Int64, refuse: (_ index: Int, _ error: any Error) -> Void) {
        var start = 0
        while start < batch.count {
            var end = start + 1
            if batch.rows[start].comments.isEmpty {
                while end < batch.count, end - start < GroupedInsert.maxRows, batch.rows[end].comments.isEmpty { end += 1 }
            }
            do {
                try insert(batch, start..<end, importID: importID)
            } catch where end - start > 1 {
                // One refused row undoes its whole statement: the group again row by row finds it and keeps the rest.
                for index in start..<end {
                    do { try insert(batch, index..<index + 1, importID: importID) } catch { refuse(index, error) }
                }
            } catch {
                refuse(start, error)
            }
            start = end
        }
    }

    /// One statement for `range` (with comments only when it is one row).
    private mutating func insert(_ batch: PackedRows, _ range: Range<Int>, importID: Int64) throws {
        let statement = try responses.statement(rows: range.count)
        do {
            try batch.bytes.withUnsafeBufferPointer { bytes in
                let base = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
                try campaign.withCString { campaignText in
                    // SQLITE_STATIC (a nil destructor): the bytes outlive the step, and the bindings are cleared after it.
                    for (position, index) in range.enumerated() {
                        let row = batch.rows[index]
                        let first = CInt(position * 8)
                        func bind(_ column: CInt, _ text: Range<Int>) {
                            sqlite3_bind_text(statement, first + column, base + text.lowerBound, CInt(text.count), nil)
                        }
                        sqlite3_bind_text(statement, first + 1, campaignText, -1, nil)
                        bind(2, row.organization)
                        bind(3, row.externalID)
                        bind(4, row.channel)
                        sqlite3_bind_int64(statement, first + 5, importID)
                        if let submittedAt = row.submittedAt { bind(6, submittedAt) } else { sqlite3_bind_null(statement, first + 6) }
                        bind(7, row.answers)
                        bind(8, row.ignored)
                    }
                    try responses.execute(statement)
                }
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE && range.count == 1 {
            throw StoreError.duplicateResponse(campaign: campaign, externalID: batch.text(batch.rows[range.lowerBound].externalID))
        }
        if range.count == 1 {
            let responseID = db.lastInsertedRowID
            for (question, text) in batch.rows[range.lowerBound].comments {
                try insertComment.execute(arguments: [responseID, question.rawValue, text])
            }
        }
        inserted += range.count
    }

    /// Adds the counts gathered so far, and `counts` and `respondents` (a bulk import's, summed by its reader), to
    /// the campaign's. Call before the transaction commits.
    mutating func finish(adding fileCounts: [AnswerCount] = [], respondents fileRespondents: [RespondentCount] = []) throws {
        let counts = tallies.map { key, n in
            AnswerCount(organization: OrganizationID(key.organization), question: QuestionID(key.question), value: key.value,
                        counted: key.counted, n: n)
        } + fileCounts
        tallies.removeAll()
        let respondentCounts = respondents.compactMap { key, n in
            SurveyChannel(rawValue: key.channel).map { RespondentCount(organization: OrganizationID(key.organization), channel: $0, n: n) }
        } + fileRespondents
        respondents.removeAll()
        try campaign.withCString { campaignText in
            // SQLITE_STATIC for the campaign, which outlives every step; the other texts are bound as copies.
            var addRespondents = GroupedInsert(db, table: "response_count", columns: ["campaign_id", "organization_id", "channel", "n"],
                                               tail: " ON CONFLICT (campaign_id, organization_id, channel) DO UPDATE SET n = n + excluded.n")
            try addRespondents.insert(respondentCounts) { statement, first, count in
                sqlite3_bind_text(statement, first + 1, campaignText, -1, nil)
                RawStatement.bind(statement, first + 2, count.organization.rawValue)
                RawStatement.bind(statement, first + 3, count.channel.rawValue)
                sqlite3_bind_int64(statement, first + 4, Int64(count.n))
            }
            var addCounts = GroupedInsert(db, table: "answer_tally", columns: ["campaign_id", "organization_id", "question", "value", "counted", "n"],
                                          tail: " ON CONFLICT (campaign_id, organization_id, question, value, counted) DO UPDATE SET n = n + excluded.n")
            try addCounts.insert(counts) { statement, first, count in
                sqlite3_bind_text(statement, first + 1, campaignText, -1, nil)
                RawStatement.bind(statement, first + 2, count.organization.rawValue)
                RawStatement.bind(statement, first + 3, count.question.rawValue)
                RawStatement.bind(statement, first + 4, count.value)
                sqlite3_bind_int64(statement, first + 5, count.counted ? 1 : 0)
                sqlite3_bind_int64(statement, first + 6, Int64(count.n))
            }
        }
    }
}
