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

    private let db: Database
    private let campaign: String
    private let insertResponse: Statement
    private let insertComment: Statement
    private struct RespondentKey: Hashable {
        var organization: String
        var channel: String
    }

    private var groupStatements: [Int: Statement] = [:]
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
        do {
            try insertResponse.execute(arguments: [campaign, response.organization.rawValue, response.externalID, response.channel,
                                                   importID, response.submittedAt, PackedAnswers.json(counted), PackedAnswers.json(ignored)])
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

    /// Rows of a bulk import go in by groups of up to this many per statement. Executing a statement has a cost of
    /// its own (cursors opened, the AUTOINCREMENT counter updated), which for one row each was half the insert.
    static let groupRows = 16

    /// Inserts the rows of a bulk import, binding their text where it lies (SQLite's C API, no arguments arrays),
    /// and says by index which it could not keep. Their counts come with the file's (`finish(adding:respondents:)`).
    /// A row with comments goes in alone: their rows need its id.
    mutating func insert(_ batch: PackedRows, importID: Int64, refuse: (_ index: Int, _ error: any Error) -> Void) {
        var start = 0
        while start < batch.count {
            var end = start + 1
            if batch.rows[start].comments.isEmpty {
                while end < batch.count, end - start < Self.groupRows, batch.rows[end].comments.isEmpty { end += 1 }
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
        let statement = try groupStatement(rows: range.count).sqliteStatement
        let code = batch.bytes.withUnsafeBufferPointer { bytes -> CInt in
            let base = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
            return campaign.withCString { campaignText in
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
                let code = sqlite3_step(statement)
                sqlite3_reset(statement)
                sqlite3_clear_bindings(statement)
                return code
            }
        }
        guard code == SQLITE_DONE else {
            let extended = sqlite3_extended_errcode(db.sqliteConnection)
            if extended == 2067 /* SQLITE_CONSTRAINT_UNIQUE */ && range.count == 1 {
                throw StoreError.duplicateResponse(campaign: campaign, externalID: batch.text(batch.rows[range.lowerBound].externalID))
            }
            throw DatabaseError(resultCode: ResultCode(rawValue: extended), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        if range.count == 1 {
            let responseID = db.lastInsertedRowID
            for (question, text) in batch.rows[range.lowerBound].comments {
                try insertComment.execute(arguments: [responseID, question.rawValue, text])
            }
        }
        inserted += range.count
    }

    /// `INSERT INTO response … VALUES (…), (…)` for `rows` rows, prepared once.
    private mutating func groupStatement(rows: Int) throws -> Statement {
        if rows == 1 { return insertResponse }
        if let prepared = groupStatements[rows] { return prepared }
        let values = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
        let statement = try db.makeStatement(sql: """
            INSERT INTO response (campaign_id, organization_id, external_id, channel, import_id, submitted_at, answers, ignored)
            VALUES \(values)
            """)
        groupStatements[rows] = statement
        return statement
    }

    /// Adds the counts gathered so far, and `counts` and `respondents` (a bulk import's, summed by its reader), to
    /// the campaign's. Call before the transaction commits.
    mutating func finish(adding counts: [AnswerCount] = [], respondents fileRespondents: [RespondentCount] = []) throws {
        let addRespondents = try db.cachedStatement(sql: """
            INSERT INTO response_count (campaign_id, organization_id, channel, n) VALUES (?, ?, ?, ?)
            ON CONFLICT (campaign_id, organization_id, channel) DO UPDATE SET n = n + excluded.n
            """)
        for (key, n) in respondents {
            try addRespondents.execute(arguments: [campaign, key.organization, key.channel, n])
        }
        respondents.removeAll()
        for count in fileRespondents {
            try addRespondents.execute(arguments: [campaign, count.organization.rawValue, count.channel.rawValue, count.n])
        }
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO answer_tally (campaign_id, organization_id, question, value, counted, n) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (campaign_id, organization_id, question, value, counted) DO UPDATE SET n = n + excluded.n
            """)
        for (key, count) in tallies {
            try upsert.execute(arguments: [campaign, key.organization, key.question, key.value, key.counted, count])
        }
        tallies.removeAll()
        // A bulk import's counts are bound where their text lies, as its rows are (no arguments array per count).
        let statement = upsert.sqliteStatement
        try campaign.withCString { campaignText in
            for count in counts {
                let code = count.organization.rawValue.withCString { organization in
                    count.question.rawValue.withCString { question in
                        count.value.withCString { value -> CInt in
                            sqlite3_bind_text(statement, 1, campaignText, -1, nil)
                            sqlite3_bind_text(statement, 2, organization, -1, nil)
                            sqlite3_bind_text(statement, 3, question, -1, nil)
                            sqlite3_bind_text(statement, 4, value, -1, nil)
                            sqlite3_bind_int64(statement, 5, count.counted ? 1 : 0)
                            sqlite3_bind_int64(statement, 6, Int64(count.n))
                            let code = sqlite3_step(statement)
                            sqlite3_reset(statement)
                            sqlite3_clear_bindings(statement)
                            return code
                        }
                    }
                }
                guard code == SQLITE_DONE else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(db.sqliteConnection)),
                                        message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
            }
        }
    }
}
