import AssessmentKernel
@testable import AssessmentStorage
import Foundation
import GRDB
import Testing
import TestSupport

@Suite("Migration of stored answers")
struct AnswerMigrationTests {
    @Test("A database with answer rows (v7) opens with the answers packed per response and the same counts")
    func packsAnswers() throws {
        let path = try oldDatabase("v7", upTo: "v7-campaign-institutions", sql: """
            INSERT INTO organization (id, name, sector) VALUES ('cul-01', 'ЦБС', 'culture'), ('cul-02', 'Клуб', 'culture');
            INSERT INTO campaign (id, title, year, methodology) VALUES ('2024', 'НОК 2024', 2024, '344n-2024');
            INSERT INTO campaign_sector (campaign_id, sector) VALUES ('2024', 'culture');
            INSERT INTO import_file (kind, path, sha256, rows, format, imported_at, actor, campaign_id)
                VALUES ('responses', 'r.csv', 'abc', 3, '', '2024-05-01T00:00:00Z', 'оператор', '2024');
            INSERT INTO response (id, campaign_id, organization_id, external_id, channel, import_id) VALUES
                (1, '2024', 'cul-01', 'r1', 'web', 1), (2, '2024', 'cul-01', 'r2', 'paper', 1), (3, '2024', 'cul-02', 'r3', 'web', 1);
            INSERT INTO answer (response_id, question, value, counted) VALUES
                (1, 'q1', 'yes', 1), (1, 'q2', 'no', 1), (2, 'q1', 'yes', 1), (2, 'q2', 'yes', 0), (3, 'q1', 'no', 1);
            """)

        let database = try AppDatabase(path: path)
        let packed = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT external_id, answers, ignored FROM response ORDER BY external_id").map {
                [$0["external_id"] as String, $0["answers"], $0["ignored"]]
            }
        }
        #expect(packed == [["r1", #"{"q1":"yes","q2":"no"}"#, "{}"], ["r2", #"{"q1":"yes"}"#, #"{"q2":"yes"}"#], ["r3", #"{"q1":"no"}"#, "{}"]])
        let data = try SQLiteCampaignStore(database: database).organizationData(campaign: "2024")
        let library = try #require(data.first { $0.organization.id == "cul-01" })
        #expect(library.respondents == 2)
        #expect(library.tallies["q1"] == AnswerTally(answered: 2, counts: ["yes": 2]))
        #expect(library.tallies["q2"] == AnswerTally(answered: 1, counts: ["no": 1], ignoredByFilter: 1))
    }

    @Test("Packed answers are valid JSON whatever the text holds")
    func escaping() throws {
        let json = PackedAnswers.json([("q2", "a\"b\\c\nd\u{1}"), ("q1", "да")])
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
        #expect(decoded == ["q1": "да", "q2": "a\"b\\c\nd\u{1}"])
        #expect(json.hasPrefix(#"{"q1":"#))
    }
}

@Suite("Migration of approved versions")
struct ApprovedPayloadMigrationTests {
    @Test("Versions approved before v10 read back unchanged once the text moves to the last column; a new one is added")
    func keepsVersions() throws {
        let path = try oldDatabase("v9", upTo: "v9-survey", sql: """
            INSERT INTO campaign (id, title, year, methodology, status) VALUES ('2024', 'НОК 2024', 2024, '344n-2024', 'approved');
            INSERT INTO result_version (campaign_id, version, content_hash, payload, approved_at, actor, decision, reason) VALUES
                ('2024', 1, 'aaa', '[\n  {\n    "итог": 81.5\n  }\n]\n', '2024-12-01T00:00:00Z', 'председатель', 'Протокол № 5', NULL),
                ('2024', 2, 'bbb', '[\n\n]\n', '2024-12-02T00:00:00Z', 'председатель', 'Протокол № 6', 'опечатка');
            """)

        let store = SQLiteCampaignStore(database: try AppDatabase(path: path))
        let versions = try store.approvedVersions(campaign: "2024")
        #expect(versions.map(\.version) == [1, 2])
        #expect(versions.map(\.payload) == ["[\n  {\n    \"итог\": 81.5\n  }\n]\n", "[\n\n]\n"])
        #expect(versions.map(\.contentHash) == ["aaa", "bbb"])
        #expect(versions.map(\.decision) == ["Протокол № 5", "Протокол № 6"])
        #expect(versions.map(\.approvedAt) == ["2024-12-01T00:00:00Z", "2024-12-02T00:00:00Z"])
        #expect(versions.map(\.reason) == [nil, "опечатка"])
        let text = Array("[\n\n]\n".utf8)
        let third = try store.approve(campaign: "2024", results: ApprovedResults(contentHash: "ccc", payload: "", decision: "Протокол № 7"),
                                      actor: "x", reason: "пересчёт", byteCount: text.count) { write in try text.withUnsafeBytes { try write($0) } }
        #expect(third == 3)
        #expect(try store.approvedVersions(campaign: "2024").last?.payload == "[\n\n]\n")
    }

    @Test("Web questionnaires stored before v13 still count as earlier ones from the same browser, per institution")
    func keepsRepeats() throws {
        let path = try oldDatabase("v11", upTo: "v11-approved-payload-last", sql: campaign2025SQL + """
            INSERT INTO import_file (id, kind, path, sha256, rows, format, imported_at, actor, campaign_id)
                VALUES (1, 'survey', 'nok-survey: веб-анкета', 'x', 3, 'nok-survey', '2025-05-01T00:00:00Z', 'nok-survey', '2025');
            INSERT INTO response (id, campaign_id, organization_id, external_id, channel, import_id) VALUES
                (1, '2025', 'cul-01', 'web-1', 'web', 1), (2, '2025', 'cul-01', 'web-2', 'web', 1), (3, '2025', 'cul-02', 'web-3', 'web', 1);
            INSERT INTO survey_submission (response_id, client_hash, cookie, received_at) VALUES
                (1, NULL, 'c1', 1), (2, NULL, 'c1', 2), (3, NULL, 'c1', 3);
            """)

        let store = SQLiteSurveyStore(database: try AppDatabase(path: path))
        let receipt = try store.submit(SurveySubmission(campaign: "2025", organization: "cul-01", channel: .web, answers: ["q1": "yes"],
                                                        asked: ["q1"], cookie: "c1", receivedAt: Date(timeIntervalSince1970: 10)))
        #expect(receipt.suspicion == "повтор из того же браузера (cookie), ранее анкет: 2")
    }
}

@Suite("Migration of respondent counts")
struct RespondentCountMigrationTests {
    @Test("Responses stored before v14 are counted per institution and channel; the index they needed is gone")
    func countsStoredResponses() throws {
        let path = try oldDatabase("v13", upTo: "v13-survey-repeat-index", sql: campaign2025SQL + """
            INSERT INTO import_file (id, kind, path, sha256, rows, format, imported_at, actor, campaign_id)
                VALUES (1, 'responses', 'r.csv', 'abc', 4, '', '2025-05-01T00:00:00Z', 'оператор', '2025');
            INSERT INTO response (campaign_id, organization_id, external_id, channel, import_id) VALUES
                ('2025', 'cul-01', 'r1', 'web', 1), ('2025', 'cul-01', 'r2', 'paper', 1), ('2025', 'cul-01', 'r3', 'web', 1),
                ('2025', 'cul-02', 'r4', 'phone', 1);
            """)

        let database = try AppDatabase(path: path)
        let store = SQLiteCampaignStore(database: database)
        #expect(try store.responsesByChannel(campaign: "2025") == ["cul-01": ["web": 2, "paper": 1], "cul-02": ["phone": 1]])
        #expect(try store.organizationData(campaign: "2025").map(\.respondents).sorted() == [1, 3])
        let index = try database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'response_organization'")
        }
        #expect(index == 0)
    }
}
