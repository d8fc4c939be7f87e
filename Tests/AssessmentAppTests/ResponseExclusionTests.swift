import AssessmentKernel
import AssessmentStorage
import Foundation
import GRDB
import Testing
import TestSupport

/// An operator takes questionnaires out of the calculation and puts them back, through nok-admin as typed.
@Suite("Questionnaires excluded from the calculation")
struct ResponseExclusionTests {
    /// What scoring and the reports read: the answer tallies and respondent counts, row by row.
    private static func counts(_ database: AppDatabase) throws -> [String] {
        try database.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT campaign_id || '|' || organization_id || '|' || question || '|' || value || '|' || counted || '|' || n FROM answer_tally
                UNION ALL SELECT campaign_id || '|' || organization_id || '|' || channel || '|' || n FROM response_count ORDER BY 1
                """)
        }
    }

    /// The same counts made again from the stored questionnaires that are not excluded.
    private static func recounted(_ database: AppDatabase) throws -> [String] {
        try database.writer.read { db in
            try String.fetchAll(db, sql: """
                WITH kept AS (SELECT * FROM response r WHERE NOT EXISTS (SELECT 1 FROM response_exclusion e WHERE e.response_id = r.id))
                SELECT campaign_id || '|' || organization_id || '|' || question || '|' || value || '|' || counted || '|' || n FROM (
                    SELECT r.campaign_id, r.organization_id, j.key AS question, j.value AS value, 1 AS counted, count(*) AS n
                    FROM kept r, json_each(r.answers) j GROUP BY 1, 2, 3, 4
                    UNION ALL
                    SELECT r.campaign_id, r.organization_id, j.key, j.value, 0, count(*) FROM kept r, json_each(r.ignored) j GROUP BY 1, 2, 3, 4)
                UNION ALL
                SELECT campaign_id || '|' || organization_id || '|' || channel || '|' || count(*) FROM kept GROUP BY campaign_id, organization_id, channel
                ORDER BY 1
                """)
        }
    }

    @Test("exclude takes the answers, respondents and comments out; restore brings back exactly what was there; both are logged")
    func excludeAndRestore() throws {
        let session = try AdminSession("exclude")
        try session.loadDemo()
        let database = try AppDatabase(path: session.database)
        let store = SQLiteCampaignStore(database: database)
        let before = try Self.counts(database)
        #expect(before == (try Self.recounted(database)))
        let suggestionsBefore = try store.suggestions(campaign: "2025").values.reduce(0) { $0 + $1.count }

        // A questionnaire with a comment and another of the same institution.
        let (organization, withComment, other) = try database.writer.read { db in
            let row = try #require(try Row.fetchOne(db, sql: """
                SELECT r.organization_id, r.external_id FROM response r JOIN response_comment c ON c.response_id = r.id ORDER BY r.id LIMIT 1
                """))
            let organization: String = row[0], first: String = row[1]
            let second = try #require(try String.fetchOne(db, sql: """
                SELECT external_id FROM response WHERE organization_id = ? AND external_id <> ? ORDER BY id LIMIT 1
                """, arguments: [organization, first]))
            return (OrganizationID(organization), first, second)
        }
        let respondents = { try store.organizationData(campaign: "2025").first { $0.organization.id == organization }?.respondents }
        let respondentsBefore = try respondents()

        try session.run(["responses", "exclude", "--campaign", "2025", withComment, other, withComment, "--reason", "повтор с того же адреса", "--actor", "оператор"])
        #expect(try Self.counts(database) == Self.recounted(database))
        #expect(try Self.counts(database) != before)
        #expect(try respondents() == respondentsBefore.map { $0 - 2 })
        #expect(try store.suggestions(campaign: "2025").values.reduce(0) { $0 + $1.count } < suggestionsBefore)
        let excluded = try store.excludedResponses(campaign: "2025")
        #expect(excluded.map(\.externalID).sorted() == [withComment, other].sorted())
        #expect(excluded.allSatisfy { $0.reason == "повтор с того же адреса" && $0.actor == "оператор" && $0.organization == organization })

        // An unknown number among known ones changes nothing, and is named.
        let excludedCounts = try Self.counts(database)
        let refused = #expect(throws: StoreError.self) {
            try store.excludeResponses(campaign: "2025", externalIDs: [withComment, "нет-такой", "d-0001"], reason: "тест", actor: "тест")
        }
        #expect(refused?.localizedDescription.contains("«нет-такой»") == true)
        #expect(try Self.counts(database) == excludedCounts)
        #expect(try store.excludedResponses(campaign: "2025").count == 2)
        // Excluding one already excluded keeps its first reason.
        #expect(try store.excludeResponses(campaign: "2025", externalIDs: [other], reason: "другая", actor: "тест") == 0)
        #expect(try store.excludedResponses(campaign: "2025").allSatisfy { $0.reason == "повтор с того же адреса" })

        try session.run(["responses", "restore", "--campaign", "2025", withComment, other, "--reason", "исключены по ошибке"])
        #expect(try Self.counts(database) == before)
        #expect(try respondents() == respondentsBefore)
        #expect(try store.suggestions(campaign: "2025").values.reduce(0) { $0 + $1.count } == suggestionsBefore)
        #expect(try store.excludedResponses(campaign: "2025").isEmpty)
        let log = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT action, details, reason FROM audit_log WHERE entity = 'responses' AND action IN ('exclude', 'restore') ORDER BY id")
        }
        #expect(log.map { $0["action"] as String } == ["exclude", "exclude", "restore"])
        #expect((log.first?["details"] as String?)?.contains(withComment) == true)
        #expect(log.map { $0["reason"] as String } == ["повтор с того же адреса", "другая", "исключены по ошибке"])
    }

    @Test("scores follow the exclusion; an approved campaign refuses it")
    func scoresAndApproval() throws {
        let session = try AdminSession("exclude-score")
        try session.loadDemo()
        let database = try AppDatabase(path: session.database)
        let store = SQLiteCampaignStore(database: database)
        let organization = try #require(try store.organizationData(campaign: "2025").max { $0.respondents < $1.respondents })
        let numbers = try database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT external_id FROM response WHERE organization_id = ? ORDER BY id LIMIT 10",
                                arguments: [organization.organization.id.rawValue])
        }
        try session.run(["score", "--campaign", "2025"])
        let hashBefore = try #require(try store.scoreRuns(campaign: "2025").last?.contentHash)
        #expect(try store.excludeResponses(campaign: "2025", externalIDs: numbers, reason: "тестовые анкеты", actor: "тест") == 10)
        try session.run(["score", "--campaign", "2025"])
        #expect(try store.scoreRuns(campaign: "2025").last?.contentHash != hashBefore)
        #expect(try store.organizationData(campaign: "2025").first { $0.organization.id == organization.organization.id }?.respondents
                == organization.respondents - 10)

        try session.run(["approve", "--campaign", "2025", "--decision", "Протокол № 1", "--force"])
        #expect(throws: StoreError.campaignApproved("2025")) {
            try store.restoreResponses(campaign: "2025", externalIDs: numbers, reason: "поздно", actor: "тест")
        }
        #expect(try store.excludedResponses(campaign: "2025").count == 10)
    }

    @Test("a flagged web questionnaire, once excluded, leaves the review list and the progress counts")
    func flaggedLeavesReview() throws {
        let session = try AdminSession("exclude-flagged")
        try session.loadDemo()
        let database = try AppDatabase(path: session.database)
        let survey = SQLiteSurveyStore(database: database)
        let institution = try #require(try survey.institutions(campaign: "2025").first)
        let submission = SurveySubmission(campaign: "2025", organization: institution.id, channel: .web, answers: ["q1": "yes"],
                                          asked: ["q1"], cookie: "браузер-1", receivedAt: Date(timeIntervalSince1970: 1_750_000_000))
        #expect(try survey.submit(submission).suspicion == nil)
        let repeated = try survey.submit(submission)
        #expect(repeated.suspicion != nil)
        let policy = MinimumSample()
        let progress = { try survey.progress(campaign: "2025", policy: policy).first { $0.organization.id == institution.id } }
        let before = try #require(try progress())
        #expect(before.suspicious == 1)
        #expect(try survey.flaggedSubmissions(campaign: "2025").map(\.externalID) == [repeated.externalID])

        try session.run(["responses", "exclude", "--campaign", "2025", repeated.externalID, "--reason", "повтор из того же браузера"])
        let after = try #require(try progress())
        #expect(after.suspicious == 0)
        #expect(after.byChannel[.web] == (before.byChannel[.web] ?? 0) - 1)
        #expect(try survey.flaggedSubmissions(campaign: "2025").isEmpty)
    }
}
