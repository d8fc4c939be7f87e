import AssessmentApp
import AssessmentConfig
import AssessmentFiles
import AssessmentKernel
import AssessmentStorage
import Foundation
import GRDB
import Testing
import TestSupport

/// What an import keeps beside the counts: times, suggestions, auditors and evidence; and --skip-invalid.
@Suite("Import details and skipped rows")
struct ImportDetailsTests {
    /// A session with the demo registry and an empty 2025 campaign.
    private func session(_ name: String) throws -> (AdminSession, URL) {
        let session = try AdminSession(name)
        try session.run(["registry", "import", RepositoryPaths.demo.appendingPathComponent("organizations.csv").path])
        try session.run(["campaign", "create", "--id", "2025", "--year", "2025", "--sectors", "culture", "education", "social-services"])
        return (session, URL(fileURLWithPath: session.database).deletingLastPathComponent())
    }

    private func write(_ text: String, _ url: URL) throws -> String {
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test("Response time and suggestions are stored; the stored campaign's card gets the suggestions")
    func timesAndSuggestions() throws {
        let (session, folder) = try session("details-responses")
        let file = try write("""
            response_id,organization_id,channel,submitted_at,q1,suggestions
            w1,cul-01,сайт,14.05.2025 10:32,да,"Больше ""новых"" книг"
            w2,cul-01,бумага,2025-05-15,нет,нет предложений
            """, folder.appendingPathComponent("responses.csv"))
        try session.run(["import", "responses", "--campaign", "2025", file])
        let database = try AppDatabase(path: session.database)
        let times = try database.writer.read { db in
            try String?.fetchAll(db, sql: "SELECT submitted_at FROM response ORDER BY external_id")
        }
        #expect(times == ["2025-05-14T10:32:00", "2025-05-15"])
        let suggestions = try SQLiteCampaignStore(database: database).suggestions(campaign: "2025")
        #expect(suggestions == ["cul-01": ["Больше \"новых\" книг"]])
        let scored = try ScoredCampaign.load(campaign: "2025", store: SQLiteCampaignStore(database: database),
                                             environment: try AppEnvironment(configDirectory: RepositoryPaths.configs))
        #expect(scored.suggestions["cul-01"] == ["Больше \"новых\" книг"])
    }

    @Test("A bad time is an error naming line, field and value")
    func badTime() throws {
        let url = try RepositoryPaths.temporaryDirectory("bad-time").appendingPathComponent("responses.csv")
        _ = try write("response_id,organization_id,channel,submitted_at,q1\nw1,cul-01,web,31.02.2025,да\n", url)
        let organizations = try OrganizationsFile.read(RepositoryPaths.demo.appendingPathComponent("organizations.csv")).organizations
        let environment = try AppEnvironment(configDirectory: RepositoryPaths.configs)
        let questions = Dictionary(uniqueKeysWithValues: environment.config.sectors.map { ($0.id, environment.questions(for: $0)) })
        let error = try #require(throws: DataFileError.self) {
            _ = try ResponsesFile.visit(url, organizations: organizations, questions: questions) { _ in }
        }
        #expect(error.problems.map(\.description) == [
            "\(url.path):2: поле «submitted_at»: значение «31.02.2025»: ожидалась дата 2025-05-14 или 14.05.2025, можно со временем 10:32 или 10:32:15",
        ])
    }

    @Test("Check-list auditor, date and evidence are kept per item")
    func audits() throws {
        let (session, folder) = try session("details-audits")
        let file = try write("""
            organization_id;checklist;item;value;auditor;checked_on;evidence
            cul-01;stand;CUL-01;да;Иванова А. А.;20.05.2025;photos/cul-01/stand.jpg
            cul-01;stand;CUL-02;нет;;;
            """, folder.appendingPathComponent("checklists.csv"))
        try session.run(["import", "checklists", "--campaign", "2025", file])
        let audits = try session.store.checklistAudits(campaign: "2025", organization: "cul-01")
        #expect(audits == ["stand": ["CUL-01": ItemAudit(auditor: "Иванова А. А.", checkedOn: Day(year: 2025, month: 5, day: 20),
                                                        evidence: "photos/cul-01/stand.jpg")]])
    }

    @Test("--skip-invalid loads the good rows, writes the bad ones with their problems; the corrected rejects file imports as it is")
    func skipInvalid() throws {
        let (session, folder) = try session("skip-invalid")
        let file = try write("""
            response_id,organization_id,channel,q1
            r1,cul-01,web,да
            r2,cul-99,web,да
            r3,cul-01,почта,нет
            r4,cul-02,paper,нет
            """, folder.appendingPathComponent("responses.csv"))
        // Without the flag nothing is loaded.
        #expect(throws: (any Error).self) { try session.run(["import", "responses", "--campaign", "2025", file]) }
        #expect(try session.store.organizationData(campaign: "2025").reduce(0) { $0 + $1.respondents } == 0)

        let rejects = folder.appendingPathComponent("rejects.csv")
        try session.run(["import", "responses", "--campaign", "2025", file, "--skip-invalid", "--rejects", rejects.path])
        #expect(try session.store.organizationData(campaign: "2025").reduce(0) { $0 + $1.respondents } == 2)
        let text = try String(contentsOf: rejects, encoding: .utf8)
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 3)
        #expect(try Data(contentsOf: rejects).prefix(3) == Data([0xEF, 0xBB, 0xBF]), "UTF-8 with BOM, as Excel opens it")
        #expect(lines[0].trimmingCharacters(in: ["\u{FEFF}"]) == "response_id;organization_id;channel;q1;ошибки")
        #expect(lines[1].hasPrefix("r2;cul-99;web;да;строка 3: поле «organization_id»: значение «cul-99»"))
        #expect(lines[2].hasPrefix("r3;cul-01;почта;нет;строка 4: поле «channel»: значение «почта»: ожидалось web"))

        // The operator fixes the cells and imports the rejects file without touching its header.
        let fixed = text.replacingOccurrences(of: "r2;cul-99;", with: "r2;cul-03;").replacingOccurrences(of: ";почта;", with: ";phone;")
        try session.run(["import", "responses", "--campaign", "2025", try write(fixed, folder.appendingPathComponent("fixed.csv"))])
        #expect(try session.store.organizationData(campaign: "2025").reduce(0) { $0 + $1.respondents } == 4)
    }
}

@Suite("Files across campaigns")
struct FilesAcrossCampaignsTests {
    @Test("The same responses file goes into two campaigns; into the same campaign twice it changes nothing")
    func sameFileTwoCampaigns() throws {
        let session = try AdminSession("two-campaigns")
        try session.loadDemo()
        try session.run(["campaign", "create", "--id", "2026", "--year", "2026", "--sectors", "culture", "education", "social-services"])
        let responses = RepositoryPaths.demo.appendingPathComponent("responses.csv").path
        try session.run(["import", "responses", "--campaign", "2026", responses])
        try session.run(["import", "responses", "--campaign", "2026", responses])
        let store = try session.store
        let count = { (campaign: String) in try store.organizationData(campaign: campaign).reduce(0) { $0 + $1.respondents } }
        #expect(try count("2026") == count("2025"))
        #expect(try count("2026") > 0)
    }
}
