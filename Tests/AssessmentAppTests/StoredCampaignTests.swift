import AssessmentApp
import AssessmentConfig
import AssessmentFiles
import AssessmentKernel
import AssessmentReporting
@testable import AssessmentStorage
import Foundation
import Testing
import TestSupport
import GRDB

/// The demo municipality loaded into a fresh database: registry, a campaign, its check-lists and responses.
private struct StoredDemo {
    let environment: AppEnvironment
    let database: AppDatabase
    let store: SQLiteCampaignStore
    let organizations: [Organization]
    let questions: [SectorID: [Question]]

    init() throws {
        environment = try AppEnvironment(configDirectory: RepositoryPaths.configs)
        database = try AppDatabase(path: try RepositoryPaths.temporaryDirectory("stored").appendingPathComponent("db.sqlite").path)
        store = SQLiteCampaignStore(database: database)
        let organizationsURL = RepositoryPaths.demo.appendingPathComponent("organizations.csv")
        organizations = try OrganizationsFile.read(organizationsURL).organizations
        _ = try SQLiteRegistryStore(database: database).importOrganizations(
            organizations, file: ImportedFile(kind: "organizations", path: "organizations.csv", sha256: try ContentHash.sha256(of: organizationsURL), rows: 30, format: ""),
            actor: "тест")
        try store.createCampaign(Campaign(id: "2025", title: "НОК 2025", year: 2025, methodology: "344n-2024",
                                          sectors: ["culture", "education", "social-services"]), actor: "тест")
        let environment = environment
        questions = Dictionary(uniqueKeysWithValues: environment.config.sectors.map { ($0.id, environment.questions(for: $0)) })
    }

    func importChecklists() throws {
        let url = RepositoryPaths.demo.appendingPathComponent("checklists.csv")
        let checklists = Dictionary(uniqueKeysWithValues: environment.config.sectors.map { ($0.id, environment.checklists(for: $0)) })
        let (marks, audits, _) = try ChecklistsFile.read(url, organizations: organizations, checklists: checklists)
        _ = try store.importChecklists(campaign: "2025", marks: marks, audits: audits, file: file(url, kind: "checklists"), actor: "тест")
    }

    /// Through the bulk path the command uses (`visitPacked`, `importPackedResponses`) or, with `packed: false`,
    /// row by row (`visit`, `importResponses`).
    func importResponses(_ url: URL, packed: Bool, rejected: ((RejectedRow) -> Void)? = nil) throws -> ImportReceipt {
        guard packed else { return try importResponses(url, rejected: rejected) }
        return try store.importPackedResponses(campaign: "2025", file: try file(url, kind: "responses"), actor: "тест") { sink in
            let read = try ResponsesFile.visitPacked(url, organizations: organizations, questions: questions, rejected: rejected, into: sink)
            return PackedResponsesSummary(format: read.format.description, counts: read.counts, respondents: read.respondents)
        }
    }

    /// Every stored row of the responses, their comments and the tallies, as text, in a fixed order.
    func storedResponses() throws -> [String] {
        try database.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT campaign_id || '|' || organization_id || '|' || external_id || '|' || channel || '|' || import_id || '|'
                    || ifnull(submitted_at, '-') || '|' || answers || '|' || ignored FROM response ORDER BY id
                """)
            + String.fetchAll(db, sql: """
                SELECT r.external_id || '|' || c.question || '|' || c.text FROM response_comment c JOIN response r ON r.id = c.response_id
                ORDER BY r.id, c.question
                """)
            + String.fetchAll(db, sql: """
                SELECT campaign_id || '|' || organization_id || '|' || question || '|' || value || '|' || counted || '|' || n
                FROM answer_tally ORDER BY campaign_id, organization_id, question, value, counted
                """)
        }
    }

    func importResponses(_ url: URL, rejected: ((RejectedRow) -> Void)? = nil) throws -> ImportReceipt {
        let sectorOf = Dictionary(uniqueKeysWithValues: organizations.map { ($0.id, $0.sector) })
        return try store.importResponses(campaign: "2025", file: try file(url, kind: "responses"), actor: "тест") { insert in
            try ResponsesFile.visit(url, organizations: organizations, questions: questions, rejected: rejected) { row in
                try insert(StoredResponse(externalID: row.externalID, organization: row.organization, channel: row.channel, answers: row.answers,
                                          asked: ResponseTallier.askedQuestions(row.answers, questions: questions[sectorOf[row.organization]!]!),
                                          comments: row.comments, submittedAt: row.submittedAt))
            }.format.description
        }
    }

    func file(_ url: URL, kind: String) throws -> ImportedFile {
        ImportedFile(kind: kind, path: url.lastPathComponent, sha256: try ContentHash.sha256(of: url), rows: 0, format: "")
    }

    /// The hash an approval would record for the campaign now.
    func digest() throws -> String {
        let campaign = try ScoredCampaign.load(campaign: "2025", store: store, environment: environment)
        return try ResultsDigest.make(campaign).hash
    }

    /// The campaign's plan from Kaspiysk's 16-step template.
    func planFromKaspiysk() throws -> SQLiteStageStore {
        let template = try #require(try PlanTemplateLoader(directory: RepositoryPaths.configs.appendingPathComponent("plans")).load()
            .first { $0.id == "kaspiysk" })
        let stages = SQLiteStageStore(database: database)
        try stages.setStages(campaign: "2025", template: "kaspiysk",
                             stages: template.stages.map { CampaignStage.from($0, of: template, year: 2025) }, actor: "секретарь")
        return stages
    }

    func responseCount() throws -> Int {
        try store.organizationData(campaign: "2025").reduce(0) { $0 + $1.respondents }
    }
}

@Suite("Campaigns in the database")
struct StoredCampaignTests {
    @Test("Scoring from the database gives byte-identical rankings to scoring from the files")
    func sameAsFiles() throws {
        let demo = try StoredDemo()
        try demo.importChecklists()
        let receipt = try demo.importResponses(RepositoryPaths.demo.appendingPathComponent("responses.csv"))
        #expect(receipt.inserted == 2963)
        func csv(_ campaign: ScoredCampaign) throws -> String {
            RankingReport(scores: campaign.scores, sectors: demo.environment.config.sectors,
                          methodology: try demo.environment.engine().methodology, region: demo.environment.config.region).csv()
        }
        let stored = try ScoredCampaign.load(campaign: "2025", store: demo.store, environment: demo.environment)
        let files = try ScoredCampaign.load(from: RepositoryPaths.demo, environment: demo.environment)
        #expect(try csv(stored) == csv(files))
    }

    @Test("The marks' version that loading compares across its two reads moves with a check-list import and nothing else")
    func checklistImportVersion() throws {
        let demo = try StoredDemo()
        func version() throws -> Int64 {
            try demo.database.writer.read { db in try SQLiteCampaignStore.lastChecklistImport(db, "2025") }
        }
        #expect(try version() == 0)
        try demo.importChecklists()
        let afterMarks = try version()
        #expect(afterMarks > 0)
        _ = try demo.importResponses(RepositoryPaths.demo.appendingPathComponent("responses.csv"))
        #expect(try version() == afterMarks)
        // The same file again changes nothing, so nothing is recorded.
        try demo.importChecklists()
        #expect(try version() == afterMarks)
        #expect(try demo.store.organizationData(campaign: "2025").contains { !$0.checklists.isEmpty })
    }

    @Test("The bulk import stores the same rows, answers, comments and tallies as the row-by-row import")
    func bulkSameAsRowByRow() throws {
        let url = RepositoryPaths.demo.appendingPathComponent("responses.csv")
        let rowByRow = try StoredDemo(), bulk = try StoredDemo()
        #expect(try rowByRow.importResponses(url, packed: false).inserted == 2963)
        #expect(try bulk.importResponses(url, packed: true).inserted == 2963)
        let expected = try rowByRow.storedResponses()
        #expect(expected.contains { $0.contains("\"q2\":") } && expected.count > 2963)
        #expect(try bulk.storedResponses() == expected)
        // A second file adds to the same tallies.
        let folder = try RepositoryPaths.temporaryDirectory("responses")
        let more = folder.appendingPathComponent("more.csv")
        try Data("response_id,organization_id,channel,q1,q2\nx1,cul-01,web,да,нет\nx2,cul-01,paper,нет,да\n".utf8).write(to: more)
        _ = try rowByRow.importResponses(more, packed: false)
        _ = try bulk.importResponses(more, packed: true)
        #expect(try bulk.storedResponses() == rowByRow.storedResponses())
    }

    @Test("A responses file with a bad last row stores nothing; the fixed file then loads; the same file twice is a no-op",
          arguments: [false, true])
    func allOrNothing(packed: Bool) throws {
        let demo = try StoredDemo()
        let original = try String(contentsOf: RepositoryPaths.demo.appendingPathComponent("responses.csv"), encoding: .utf8)
        let folder = try RepositoryPaths.temporaryDirectory("responses")
        let broken = folder.appendingPathComponent("broken.csv")
        let lastLine = try #require(original.split(separator: "\n").last)
        let badRow = lastLine.replacingOccurrences(of: ",web,", with: ",почтой,").replacingOccurrences(of: ",paper,", with: ",почтой,")
            .replacingOccurrences(of: ",phone,", with: ",почтой,").replacingOccurrences(of: ",interview,", with: ",почтой,")
        try Data((original.dropLast(lastLine.count + 1) + "\n" + badRow + "\n").utf8).write(to: broken)
        #expect(throws: DataFileError.self) { try demo.importResponses(broken, packed: packed) }
        #expect(try demo.responseCount() == 0)

        let good = RepositoryPaths.demo.appendingPathComponent("responses.csv")
        #expect(try demo.importResponses(good, packed: packed).inserted == 2963)
        #expect(try demo.importResponses(good, packed: packed).alreadyImported)
        #expect(try demo.responseCount() == 2963)
    }

    @Test("The same questionnaire number from another file is refused, naming it", arguments: [false, true])
    func duplicateAcrossFiles(packed: Bool) throws {
        let demo = try StoredDemo()
        let folder = try RepositoryPaths.temporaryDirectory("responses")
        let first = folder.appendingPathComponent("a.csv")
        let second = folder.appendingPathComponent("b.csv")
        try Data("response_id,organization_id,channel,q1\nr1,cul-01,web,да\n".utf8).write(to: first)
        try Data("response_id,organization_id,channel,q1\nr1,cul-01,paper,нет\n".utf8).write(to: second)
        _ = try demo.importResponses(first, packed: packed)
        do {
            _ = try demo.importResponses(second, packed: packed)
            Issue.record("a duplicate questionnaire number was accepted")
        } catch {
            #expect((error as? DataFileError)?.problems.first?.message.contains("Анкета с номером «r1» уже загружена в кампанию «2025»") == true)
        }
        #expect(try demo.responseCount() == 1)
    }

    @Test("A second check-list file updates the marks it changes, adds new ones, keeps the rest; audits follow the marks")
    func checklistReimport() throws {
        let demo = try StoredDemo()
        func file(_ hash: String, rows: Int) -> ImportedFile {
            ImportedFile(kind: "checklists", path: "checklists-\(hash).csv", sha256: hash, rows: rows, format: "")
        }
        let first = try demo.store.importChecklists(
            campaign: "2025", marks: ["cul-01": ["stand": ["CUL-01": .present, "CUL-02": .absent, "CUL-03": .notApplicable]]],
            audits: [:], file: file("a", rows: 3), actor: "тест")
        #expect(first == ImportReceipt(inserted: 3, updated: 0, unchanged: 0, alreadyImported: false))
        let audit = ItemAudit(auditor: "Иванова", checkedOn: Day(iso: "2025-04-01"), evidence: "фото стенда")
        let second = try demo.store.importChecklists(
            campaign: "2025", marks: ["cul-01": ["stand": ["CUL-01": .present, "CUL-02": .present, "CUL-04": .absent]]],
            audits: ["cul-01": ["stand": ["CUL-02": audit]]], file: file("b", rows: 3), actor: "тест")
        #expect(second == ImportReceipt(inserted: 1, updated: 1, unchanged: 1, alreadyImported: false))
        let library = try #require(try demo.store.organizationData(campaign: "2025").first { $0.organization.id == "cul-01" })
        let marks: [ChecklistItemID: ItemMark] = ["CUL-01": .present, "CUL-02": .present, "CUL-03": .notApplicable, "CUL-04": .absent]
        #expect(library.checklists["stand"] == marks)
        let audits: [ChecklistID: [ChecklistItemID: ItemAudit]] = ["stand": ["CUL-02": audit]]
        #expect(try demo.store.checklistAudits(campaign: "2025", organization: "cul-01") == audits)
    }

    @Test("Data for a campaign that does not exist is refused")
    func unknownCampaign() throws {
        let demo = try StoredDemo()
        #expect(throws: StoreError.campaignNotFound("2030")) {
            try demo.store.importChecklists(campaign: "2030", marks: [:], audits: [:], file: ImportedFile(kind: "checklists", path: "x", sha256: "x", rows: 0, format: ""), actor: "тест")
        }
    }
}

@Suite("Approval")
struct ApprovalTests {
    @Test("Approval freezes the campaign; a recompute gives the same hash; a new version needs a reason")
    func approve() throws {
        let demo = try StoredDemo()
        try demo.importChecklists()
        _ = try demo.importResponses(RepositoryPaths.demo.appendingPathComponent("responses.csv"))
        let hash = try demo.digest()
        let version = try demo.store.approve(campaign: "2025", results: ApprovedResults(contentHash: hash, payload: "{}", decision: "Протокол № 5"),
                                             actor: "председатель", reason: nil)
        #expect(version == 1)
        #expect(try demo.store.campaign("2025")?.status == .approved)
        #expect(try demo.digest() == hash)
        #expect(throws: StoreError.campaignApproved("2025")) { try demo.importChecklists() }
        #expect(throws: StoreError.newVersionNeedsReason("2025")) {
            try demo.store.approve(campaign: "2025", results: ApprovedResults(contentHash: hash, payload: "{}", decision: "Протокол № 6"), actor: "x", reason: nil)
        }
        #expect(try demo.store.approve(campaign: "2025", results: ApprovedResults(contentHash: hash, payload: "{}", decision: "Протокол № 6"),
                                       actor: "x", reason: "исправлена опечатка в решении") == 2)
        #expect(try demo.store.approvedVersions(campaign: "2025").map(\.version) == [1, 2])
    }

    @Test("Results approved in pieces read back as the same text; pieces that do not add up store nothing")
    func approveInPieces() throws {
        let demo = try StoredDemo()
        let text = "[\n  {\n    \"название\": \"Дом культуры «Заря»\"\n  }\n]\n"
        let bytes = Array(text.utf8)
        let results = ApprovedResults(contentHash: ContentHash.sha256(of: Data(bytes)), payload: "", decision: "Протокол № 5")
        #expect(throws: StoreError.payloadSizeMismatch(expected: bytes.count + 1)) {
            try demo.store.approve(campaign: "2025", results: results, actor: "x", reason: nil, byteCount: bytes.count + 1) { write in
                try bytes.withUnsafeBytes { try write($0) }
            }
        }
        #expect(throws: StoreError.payloadSizeMismatch(expected: 4)) {
            try demo.store.approve(campaign: "2025", results: results, actor: "x", reason: nil, byteCount: 4) { write in
                try bytes.withUnsafeBytes { try write($0) }
            }
        }
        #expect(try demo.store.approvedVersions(campaign: "2025").isEmpty)
        #expect(try demo.store.campaign("2025")?.status == .open)

        let version = try demo.store.approve(campaign: "2025", results: results, actor: "x", reason: nil, byteCount: bytes.count) { write in
            // Uneven pieces, one of them empty, one splitting a Cyrillic letter.
            try bytes.withUnsafeBytes { all in
                for range in [0..<5, 5..<5, 5..<18, 18..<bytes.count] { try write(UnsafeRawBufferPointer(rebasing: all[range])) }
            }
        }
        #expect(version == 1)
        let stored = try #require(try demo.store.approvedVersions(campaign: "2025").last)
        #expect(stored.payload == text)
        #expect(stored.contentHash == results.contentHash)
        #expect(try demo.store.campaign("2025")?.status == .approved)

        // A damaged frame is named with its campaign and version; the hashes are still listed.
        try demo.database.writer.write { db in
            try db.execute(sql: "UPDATE result_version SET payload = substr(payload, 1, length(payload) - 3)")
        }
        #expect(throws: StoreError.unreadableApproval(campaign: "2025", version: 1)) {
            try demo.store.approvedVersions(campaign: "2025")
        }
        #expect(try demo.store.approvedVersions(campaign: "2025", payloads: false).map(\.contentHash) == [results.contentHash])
    }
}

@Suite("Campaign plan")
struct CampaignPlanTests {
    @Test("A campaign on Kaspiysk's plan: done, overdue, due soon and planned stages on fixed days")
    func kaspiysk() throws {
        let demo = try StoredDemo()
        let stages = try demo.planFromKaspiysk()
        try stages.completeStage(campaign: "2025", number: "1", on: Day(iso: "2025-03-28")!, evidence: "Постановление № 112", actor: "секретарь")
        #expect(throws: StoreError.stageNotFound(campaign: "2025", number: "99")) {
            try stages.completeStage(campaign: "2025", number: "99", on: Day(iso: "2025-03-28")!, evidence: "x", actor: "x")
        }
        let stored = try stages.stages(campaign: "2025")
        #expect(stored.count == 16)
        let today = Day(iso: "2025-04-10")!
        func status(_ number: String) -> StageProgress? {
            stored.first { $0.number == number }?.progress(year: 2025, today: today)
        }
        #expect(status("1")?.status == .done)                       // «до 1 апреля», done 28.03
        #expect(status("2")?.status == .overdue)                    // «…до 1 апреля», not done
        #expect(status("2")?.daysLeft == -9)
        #expect(status("5")?.status == .inProgress)                 // «До 15 апреля»: 5 days left
        #expect(status("5")?.isDueSoon == true)
        #expect(status("8")?.status == .planned)                    // «Май- октябрь»
        #expect(stored.first { $0.number == "8" }?.resolution(year: 2025).window?.periods.first?.description == "2025-05-01…2025-10-31")
        #expect(stored.first?.evidence == "Постановление № 112")
    }
}

@Suite("Improvement plans (457)")
struct ImprovementPlanTests {
    @Test("Draft from shortcomings → filled file in Windows-1251 → import → overdue on a fixed day → done")
    func cycle() throws {
        let demo = try StoredDemo()
        try demo.importChecklists()
        _ = try demo.importResponses(RepositoryPaths.demo.appendingPathComponent("responses.csv"))
        let scored = try ScoredCampaign.load(campaign: "2025", store: demo.store, environment: demo.environment)
        let library = try #require(scored.score(for: "cul-01"))
        var draft = library.shortcomings.map { ImprovementMeasure($0, organization: "cul-01") }
        #expect(!draft.isEmpty)
        #expect(draft.allSatisfy { !$0.measure.isEmpty && $0.plannedOn == nil })
        draft[0].plannedOn = Day(iso: "2026-03-01")
        draft[0].responsibleName = "Иванова А. П."
        let folder = try RepositoryPaths.temporaryDirectory("plan")
        let url = folder.appendingPathComponent("plan.csv")
        let text = ImprovementPlanFile.write(draft).replacingOccurrences(of: "\u{FEFF}", with: "")
        try #require(text.data(using: .windowsCP1251)).write(to: url)
        let (read, format) = try ImprovementPlanFile.read(url, organizations: demo.organizations.map(\.id))
        #expect(format.description == "кодировка Windows-1251, разделитель «;»")
        #expect(read == draft)

        let plans = SQLiteImprovementPlanStore(database: demo.database)
        let receipt = try plans.importPlan(campaign: "2025", measures: read, file: try demo.file(url, kind: "improvement-plan"), actor: "учреждение")
        #expect(receipt.inserted == draft.count)
        #expect(try plans.importPlan(campaign: "2025", measures: read, file: try demo.file(url, kind: "improvement-plan"), actor: "x").alreadyImported)
        let stored = try plans.measures(campaign: "2025")
        let first = try #require(stored.first { $0.shortcomingKey == draft[0].shortcomingKey })
        #expect(first.status(today: Day(iso: "2026-04-01")!) == .overdue)
        #expect(first.status(today: Day(iso: "2026-02-01")!) == .planned)
        try plans.completeMeasure(id: try #require(first.id), on: Day(iso: "2026-03-10")!, implemented: "Стенд обновлён", evidence: "фото", actor: "учреждение")
        #expect(try plans.measures(campaign: "2025").first { $0.id == first.id }?.status(today: Day(iso: "2026-04-01")!) == .done)
        #expect(throws: StoreError.measureNotFound(999_999)) {
            try plans.completeMeasure(id: 999_999, on: Day(iso: "2026-03-10")!, implemented: "x", evidence: nil, actor: "x")
        }
    }
}

@Suite("Public council")
struct CouncilTests {
    @Test("A decision on a plan stage completes it on the meeting day with the protocol as evidence")
    func decisionCompletesStage() throws {
        let demo = try StoredDemo()
        let stages = try demo.planFromKaspiysk()
        let council = SQLiteCouncilStore(database: demo.database)
        #expect(try council.addMember(CouncilMember(name: "Петров И. И.", role: "председатель"), actor: "секретарь") == 1)
        let meeting = try council.addMeeting(CouncilMeeting(campaign: "2025", heldOn: Day(iso: "2025-03-25")!, agenda: "Перечень"), actor: "секретарь")
        try council.addDecision(CouncilDecision(subject: .institutions, text: "Утвердить перечень", document: "Протокол № 1 от 25.03.2025", stage: "2"),
                                meeting: meeting, actor: "секретарь")
        let stage = try #require(try stages.stages(campaign: "2025").first { $0.number == "2" })
        #expect(stage.completedOn == Day(iso: "2025-03-25"))
        #expect(stage.evidence == "Протокол № 1 от 25.03.2025")
        #expect(stage.progress(year: 2025, today: Day(iso: "2025-04-10")!).status == .done)
        #expect(try council.meetings(campaign: "2025").first?.decisions.map(\.subject) == [.institutions])
        // A decision naming a stage the plan does not have is refused, and nothing of it is written.
        #expect(throws: StoreError.stageNotFound(campaign: "2025", number: "77")) {
            try council.addDecision(CouncilDecision(subject: .results, text: "x", document: "y", stage: "77"), meeting: meeting, actor: "x")
        }
        #expect(try council.meetings(campaign: "2025").first?.decisions.count == 1)
        #expect(throws: StoreError.meetingNotFound(42)) {
            try council.addDecision(CouncilDecision(subject: .results, text: "x", document: "y"), meeting: 42, actor: "x")
        }
    }
}

@Suite("Institutions of a campaign")
struct CampaignInstitutionsTests {
    @Test("A council-approved list limits scoring to it; an institution outside the campaign's sectors is refused")
    func approvedList() throws {
        let demo = try StoredDemo()
        try demo.importChecklists()
        #expect(try demo.store.organizationData(campaign: "2025").count == 30)
        try demo.store.setInstitutions(campaign: "2025", institutions: ["cul-01", "edu-06"], actor: "секретарь")
        #expect(try demo.store.organizationData(campaign: "2025").map(\.organization.id) == ["cul-01", "edu-06"])
        let scored = try ScoredCampaign.load(campaign: "2025", store: demo.store, environment: demo.environment)
        #expect(scored.scores.count == 2)
        #expect(throws: StoreError.institutionOutsideCampaign("nope", campaign: "2025")) {
            try demo.store.setInstitutions(campaign: "2025", institutions: ["nope"], actor: "x")
        }
        try demo.store.setInstitutions(campaign: "2025", institutions: [], actor: "секретарь")
        #expect(try demo.store.organizationData(campaign: "2025").count == 30)
    }
}

/// The bulk import reads on one thread while the store writes batches of 2 048 rows on another: files here are
/// several batches long, and outcomes are compared with the row-by-row import, which does both on one thread. (Where
/// the database refuses a row, the row-by-row path also refuses the next one: GRDB's statement is not reset after a
/// failed step. The bulk path resets it, so there the refusals are written out instead.)
@Suite("The bulk import on two threads")
struct PipelinedImportTests {
    /// The demo's 2 963 questionnaires `copies` times (numbers `c<copy>-…`, 11 852 rows for 4): the row of
    /// `copy` and demo row `index` (from 0) is on line 2 + copy × 2 963 + index. `edit` may change any data line.
    private static func bigFile(copies: Int = 4, edit: (_ line: Int, _ text: String) -> String = { $1 }) throws -> URL {
        let demo = try String(contentsOf: RepositoryPaths.demo.appendingPathComponent("responses.csv"), encoding: .utf8)
        let lines = demo.split(separator: "\n").map(String.init)
        var text = lines[0] + "\n"
        var line = 1
        for copy in 0..<copies {
            for row in lines.dropFirst() {
                line += 1
                text += edit(line, "c\(copy)-" + row) + "\n"
            }
        }
        let url = try RepositoryPaths.temporaryDirectory("pipelined").appendingPathComponent("big.csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    private static func line(copy: Int, index: Int) -> Int { 2 + copy * 2963 + index }

    /// The row with an organisation no campaign has: a problem of the reader's own.
    private static func unknownOrganization(_ text: String) -> String {
        var fields = text.split(separator: ",", omittingEmptySubsequences: false)
        fields[1] = "нет-" + fields[1]
        return fields.joined(separator: ",")
    }

    /// A small file of the given questionnaire numbers (all «cul-01», «web»), loaded before the big one.
    private static func earlierFile(_ numbers: [String]) throws -> URL {
        let url = try RepositoryPaths.temporaryDirectory("pipelined").appendingPathComponent("earlier.csv")
        try Data(("response_id,organization_id,channel,q1\n" + numbers.map { "\($0),cul-01,web,да\n" }.joined()).utf8).write(to: url)
        return url
    }

    private static func failure(_ body: () throws -> ImportReceipt) -> DataFileError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error as? DataFileError
        }
    }

    private static func counts(_ demo: StoredDemo) throws -> [Int] {
        try demo.database.writer.read { db in
            try ["response", "response_comment", "answer_tally", "response_count", "import_file"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1 }
        }
    }

    /// `answer_tally` and `response_count` rows that differ from counting the stored responses again (none when
    /// they agree).
    private static func countsNotMatchingResponses(_ demo: StoredDemo) throws -> [Row] {
        try demo.database.writer.read { db in
            try Row.fetchAll(db, sql: """
                WITH counted AS (SELECT campaign_id, organization_id, channel, count(*) AS n FROM response GROUP BY 1, 2, 3)
                SELECT * FROM (SELECT * FROM counted EXCEPT SELECT campaign_id, organization_id, channel, n FROM response_count)
                UNION ALL
                SELECT * FROM (SELECT campaign_id, organization_id, channel, n FROM response_count EXCEPT SELECT * FROM counted)
                """) + Row.fetchAll(db, sql: """
                WITH counted AS (
                    SELECT r.campaign_id, r.organization_id, j.key AS question, j.value AS value, 1 AS counted, count(*) AS n
                    FROM response r, json_each(r.answers) j GROUP BY 1, 2, 3, 4
                    UNION ALL
                    SELECT r.campaign_id, r.organization_id, j.key, j.value, 0, count(*)
                    FROM response r, json_each(r.ignored) j GROUP BY 1, 2, 3, 4)
                SELECT * FROM (SELECT * FROM counted EXCEPT SELECT campaign_id, organization_id, question, value, counted, n FROM answer_tally)
                UNION ALL
                SELECT * FROM (SELECT campaign_id, organization_id, question, value, counted, n FROM answer_tally EXCEPT SELECT * FROM counted)
                """)
        }
    }

    @Test("Several batches store the same rows, comments and tallies as the import on one thread")
    func sameAsOneThread() throws {
        let url = try Self.bigFile()
        let rowByRow = try StoredDemo(), bulk = try StoredDemo()
        #expect(try rowByRow.importResponses(url, packed: false).inserted == 4 * 2963)
        #expect(try bulk.importResponses(url, packed: true).inserted == 4 * 2963)
        let expected = try rowByRow.storedResponses()
        #expect(expected.count > 4 * 2963)
        #expect(try bulk.storedResponses() == expected)
        #expect(try Self.countsNotMatchingResponses(bulk).isEmpty)
        #expect(try Self.countsNotMatchingResponses(rowByRow).isEmpty)
        // A second file adds to the counts of the first.
        let more = try Self.bigFile(copies: 1) { _, text in "second-" + text }
        #expect(try bulk.importResponses(more, packed: true).inserted == 2963)
        #expect(try Self.countsNotMatchingResponses(bulk).isEmpty)
        let respondents = try bulk.database.writer.read { db in try Int.fetchOne(db, sql: "SELECT sum(n) FROM response_count") }
        #expect(respondents == 5 * 2963)
    }

    @Test("Foreign keys, not looked up while a bulk import writes, are enforced again after it, stored or failed")
    func keysEnforcedAfterBulkImport() throws {
        let demo = try StoredDemo()
        func unknownInstitutionRefused() -> Bool {
            do {
                try demo.database.writer.write { db in
                    try db.execute(sql: """
                        INSERT INTO response (campaign_id, organization_id, external_id, channel, import_id)
                        VALUES ('2025', 'нет-такого', 'x-1', 'web', (SELECT max(id) FROM import_file))
                        """)
                }
                return false
            } catch {
                return (error as? DatabaseError)?.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY
            }
        }
        let bad = try Self.bigFile(copies: 1) { line, text in line == 100 ? Self.unknownOrganization(text) : text }
        #expect(Self.failure { try demo.importResponses(bad, packed: true) } != nil)
        #expect(unknownInstitutionRefused())
        #expect(try demo.importResponses(try Self.bigFile(copies: 1), packed: true).inserted == 2963)
        #expect(unknownInstitutionRefused())
    }

    @Test("A bulk import alone writes its pages once (rollback journal); with another connection open, through the WAL; WAL is on after both")
    func journalOfBulkImport() throws {
        let demo = try StoredDemo()
        let path = demo.database.writer.path
        func walBytes() -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int) ?? 0
        }
        func journalMode() throws -> String? {
            try demo.database.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        }
        let rowBytes = 4 * 2963 * 150

        #expect(try demo.importResponses(try Self.bigFile(), packed: true).inserted == 4 * 2963)
        #expect(walBytes() < rowBytes / 10, "the rows went through the WAL")
        #expect(try journalMode() == "wal")

        // Another process holding the database open (the survey server) keeps a shared lock: no switch, no waiting.
        let other = try DatabaseQueue(path: path)
        #expect(try other.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM response") } == 4 * 2963)
        let second = try Self.bigFile(copies: 1) { _, text in "second-" + text }
        #expect(try demo.importResponses(second, packed: true).inserted == 2963)
        #expect(walBytes() > rowBytes / 4)
        #expect(try other.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM response") } == 5 * 2963)
        #expect(try journalMode() == "wal")
        try other.close()

        // A failed import alone rolls its journal back and switches the WAL on again.
        let bad = try Self.bigFile(copies: 1) { line, text in line == 100 ? "third-" + Self.unknownOrganization(text) : "third-" + text }
        #expect(Self.failure { try demo.importResponses(bad, packed: true) } != nil)
        #expect(try journalMode() == "wal")
        #expect(try demo.database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM response") } == 5 * 2963)
        #expect(try Self.countsNotMatchingResponses(demo).isEmpty)
    }

    @Test("An invalid row in the middle of the file stores nothing and is named by its line")
    func invalidRowInTheMiddle() throws {
        let bad = Self.line(copy: 2, index: 17)
        let url = try Self.bigFile { line, text in
            line == bad ? text.replacingOccurrences(of: ",web,", with: ",почтой,").replacingOccurrences(of: ",paper,", with: ",почтой,")
                .replacingOccurrences(of: ",phone,", with: ",почтой,").replacingOccurrences(of: ",interview,", with: ",почтой,") : text
        }
        let rowByRow = try StoredDemo(), bulk = try StoredDemo()
        let before = try Self.counts(bulk)
        let expected = try #require(Self.failure { try rowByRow.importResponses(url, packed: false) })
        let error = try #require(Self.failure { try bulk.importResponses(url, packed: true) })
        #expect(error.problems.map(\.line) == [bad])
        #expect(error.problems.first?.field == "channel")
        #expect(error.problems == expected.problems)
        #expect(try Self.counts(bulk) == before)
    }

    @Test("A row the database refuses in the middle rolls back the whole file and is named by its line",
          arguments: ["duplicate", "trigger"])
    func refusedRowInTheMiddle(cause: String) throws {
        let refused = "c2-r00100", refusedLine = Self.line(copy: 2, index: 99)
        let url = try Self.bigFile()
        let bulk = try StoredDemo()
        if cause == "duplicate" {
            _ = try bulk.importResponses(try Self.earlierFile([refused]), packed: true)
        } else {
            try bulk.database.writer.write { db in
                try db.execute(sql: """
                    CREATE TRIGGER refuse_one BEFORE INSERT ON response WHEN NEW.external_id = '\(refused)'
                    BEGIN SELECT RAISE(ABORT, 'запись запрещена'); END
                    """)
            }
        }
        let before = try Self.counts(bulk), stored = try bulk.storedResponses()
        let error = try #require(Self.failure { try bulk.importResponses(url, packed: true) })
        #expect(error.problems.map(\.line) == [refusedLine])
        #expect(error.problems.map(\.message) == ["строку не удалось сохранить: " + (cause == "duplicate"
            ? "Анкета с номером «\(refused)» уже загружена в кампанию «2025» из другого файла." : "SQLite error 19: запись запрещена")])
        #expect(error.problems.first?.field == nil)
        #expect(try Self.counts(bulk) == before)
        #expect(try bulk.storedResponses() == stored)
    }

    @Test("Under --skip-invalid, rows the database refuses join the rejected rows in line order, with their cells")
    func skipInvalidWithRefusals() throws {
        // Refused: three rows far apart; invalid: rows between and after them, one in the same batch as a refusal.
        let refused = ["c0-r00003", "c1-r02000", "c3-r02900"]
        let invalid: Set<Int> = [Self.line(copy: 0, index: 1), Self.line(copy: 0, index: 5), Self.line(copy: 2, index: 0),
                                 Self.line(copy: 3, index: 2961)]
        let url = try Self.bigFile { line, text in invalid.contains(line) ? Self.unknownOrganization(text) : text }
        let refusedLines: Set<Int> = [Self.line(copy: 0, index: 2), Self.line(copy: 1, index: 1999), Self.line(copy: 3, index: 2899)]
        // The reader's own rejections, as the row-by-row import finds them (no row of it reaches the database).
        var own: [RejectedRow] = []
        _ = try StoredDemo().importResponses(url, packed: false) { own.append($0) }
        #expect(own.map { $0.problems.first?.line ?? 0 } == invalid.sorted())

        let demo = try StoredDemo()
        _ = try demo.importResponses(try Self.earlierFile(refused), packed: true)
        var rejections: [RejectedRow] = []
        let receipt = try demo.importResponses(url, packed: true) { rejections.append($0) }
        #expect(receipt.inserted == 4 * 2963 - invalid.count - refused.count)
        #expect(rejections.map { $0.problems.first?.line ?? 0 } == invalid.union(refusedLines).sorted())
        // The refused rows were skipped: their answers are not counted either.
        #expect(try Self.countsNotMatchingResponses(demo).isEmpty)
        let fileLines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        for rejection in rejections {
            let line = try #require(rejection.problems.first?.line)
            #expect(rejection.header == fileLines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init))
            #expect(rejection.fields == fileLines[line - 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init))
            if refusedLines.contains(line) {
                #expect(rejection.problems.map(\.message) == [
                    "строку не удалось сохранить: Анкета с номером «\(rejection.fields[0])» уже загружена в кампанию «2025» из другого файла."])
            } else {
                #expect(rejection.problems == own.first { $0.problems.first?.line == line }?.problems)
            }
        }
    }

    @Test("Past 5 000 problems, refusals learnt late keep the same problems and the same count omitted")
    func capWithLateRefusals() throws {
        // The first 100 rows are refused (numbers stored before); the next 6 000 are invalid. The refusals come back
        // only when the last batch is written, after the invalid rows have filled the collector.
        let refused = (1...100).map { String(format: "c0-r%05d", $0) }
        let url = try Self.bigFile { line, text in line > 101 && line <= 6101 ? Self.unknownOrganization(text) : text }
        var errors: [DataFileError] = []
        for packed in [false, true] {
            let demo = try StoredDemo()
            _ = try demo.importResponses(try Self.earlierFile(refused), packed: true)
            let before = try Self.counts(demo)
            errors.append(try #require(Self.failure { try demo.importResponses(url, packed: packed) }))
            #expect(try Self.counts(demo) == before)
        }
        #expect(errors[0].problems.count == 5000 && errors[0].omitted > 0)
        #expect(errors[1].problems.prefix(100).allSatisfy { $0.message.contains("уже загружена") })
        #expect(errors[1].problems == errors[0].problems)
        #expect(errors[1].omitted == errors[0].omitted)
    }
}
