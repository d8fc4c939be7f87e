import AssessmentKernel
import Foundation
import GRDB

/// Writes questionnaires of one campaign: a row per response with its answers packed as JSON, and the
/// campaign's answer counts kept current, so scoring reads a few thousand tally rows instead of grouping
/// every answer. Every path that stores a response (file import, web survey) goes through here.
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
    private var tallies: [TallyKey: Int] = [:]
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
        inserted += 1
        return responseID
    }

    /// Adds the counts gathered so far to the campaign's tallies. Call before the transaction commits.
    mutating func finish() throws {
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO answer_tally (campaign_id, organization_id, question, value, counted, n) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (campaign_id, organization_id, question, value, counted) DO UPDATE SET n = n + excluded.n
            """)
        for (key, count) in tallies {
            try upsert.execute(arguments: [campaign, key.organization, key.question, key.value, key.counted, count])
        }
        tallies.removeAll()
    }
}

/// Answers as a JSON object with sorted keys: codes of questions and options, escaped as JSON requires.
enum PackedAnswers {
    static func json(_ pairs: [(String, String)]) -> String {
        "{" + pairs.sorted { $0.0 < $1.0 }.map { "\(quoted($0.0)):\(quoted($0.1))" }.joined(separator: ",") + "}"
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
