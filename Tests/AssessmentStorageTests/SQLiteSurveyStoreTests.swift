import AssessmentKernel
@testable import AssessmentStorage
import Foundation
import GRDB
import Testing
import TestSupport

private let library = Organization(id: "cul-01", name: "Центральная библиотека", sector: "culture", recipients: 10)
private let museum = Organization(id: "cul-02", name: "Музей", sector: "culture")
private let school = Organization(id: "edu-01", name: "Школа № 1", sector: "education", recipients: 100)
private let questions = [
    Question(id: "q1", text: "Обращались ли Вы к стендам?", answer: .yesNo),
    Question(id: "q2", text: "Удовлетворены ли стендами?", answer: .yesNo, filter: QuestionFilter(question: "q1", answer: "yes")),
]
private let start = Date(timeIntervalSince1970: 1_760_000_000)

@Suite("SQLite survey store")
struct SQLiteSurveyStoreTests {
    /// A file database with the registry, an open culture campaign and a link for the library.
    func world() throws -> (SQLiteSurveyStore, SQLiteCampaignStore, AppDatabase) {
        let path = try RepositoryPaths.temporaryDirectory("survey").appendingPathComponent("opennok.sqlite")
        let database = try AppDatabase(path: path.path)
        _ = try SQLiteRegistryStore(database: database).importOrganizations(
            [library, museum, school], file: ImportedFile(kind: "organizations", path: "organizations.csv", sha256: "aaa", rows: 3, format: ""),
            actor: "тест")
        let campaigns = SQLiteCampaignStore(database: database)
        try campaigns.createCampaign(Campaign(id: "2025", title: "НОК 2025", year: 2025, methodology: "344n-2024", sectors: ["culture"]), actor: "тест")
        let store = SQLiteSurveyStore(database: database)
        try store.createLink(SurveyLink(code: "abcd2345", campaign: "2025", organization: library.id), actor: "тест")
        return (store, campaigns, database)
    }

    func web(_ answers: [QuestionID: String], cookie: String? = nil, client: String? = nil, at date: Date = start) -> SurveySubmission {
        SurveySubmission(campaign: "2025", organization: library.id, channel: .web, answers: answers,
                         asked: ResponseTallier.askedQuestions(answers, questions: questions), clientHash: client, cookie: cookie, receivedAt: date)
    }

    @Test("A link resolves to its open campaign and institution; codes and institutions are checked")
    func links() throws {
        let (store, _, _) = try world()
        let target = try #require(try store.target(code: "abcd2345"))
        #expect(target.organization == library)
        #expect(target.campaign.id == "2025" && target.acceptsAnswers)
        #expect(try store.target(code: "zzzz2345") == nil)
        #expect(throws: SurveyStoreError.linkExists(campaign: "2025", organization: library.id, code: "abcd2345")) {
            try store.createLink(SurveyLink(code: "efgh2345", campaign: "2025", organization: library.id), actor: "тест")
        }
        #expect(throws: SurveyStoreError.codeTaken("abcd2345")) {
            try store.createLink(SurveyLink(code: "abcd2345", campaign: "2025", organization: museum.id), actor: "тест")
        }
        #expect(throws: SurveyStoreError.organizationOutsideCampaign(school.id, campaign: "2025")) {
            try store.createLink(SurveyLink(code: "efgh2345", campaign: "2025", organization: school.id), actor: "тест")
        }
        #expect(throws: SurveyStoreError.malformedCode("ab0")) {
            try store.createLink(SurveyLink(code: "ab0", campaign: "2025", organization: museum.id), actor: "тест")
        }
        #expect(try store.institutions(campaign: "2025").map(\.id) == [library.id, museum.id])
    }

    @Test("A batch is one commit; a refused questionnaire in it leaves the others stored")
    func batch() throws {
        let (store, campaigns, _) = try world()
        var outside = web(["q1": "yes"])
        outside.organization = school.id
        let results = try store.submitAll([web(["q1": "yes"]), outside, web(["q1": "no"])])
        #expect(results.map { (try? $0.get()) != nil } == [true, false, true])
        #expect(throws: SurveyStoreError.organizationOutsideCampaign(school.id, campaign: "2025")) { try results[1].get() }
        let data = try #require(try campaigns.organizationData(campaign: "2025").first { $0.organization.id == library.id })
        #expect(data.respondents == 2)
        #expect(data.tallies["q1"] == AnswerTally(answered: 2, counts: ["yes": 1, "no": 1]))
    }

    @Test("A write that fails after the checks (an unknown operator) is rolled back alone: the others, their counts and row counts stay")
    func failedWriteInBatch() throws {
        let (store, campaigns, database) = try world()
        let stranger = SurveySubmission(campaign: "2025", organization: library.id, channel: .paper, answers: ["q1": "yes", "q2": "yes"],
                                        asked: ["q1", "q2"], operatorLogin: "nobody", receivedAt: start)
        let results = try store.submitAll([web(["q1": "yes", "q2": "no"], cookie: "c1"), stranger, web(["q1": "no"], cookie: "c1")])
        #expect(results.map { (try? $0.get()) != nil } == [true, false, true])
        #expect(throws: DatabaseError.self) { try results[1].get() }
        // The third saw the first (same batch) as an earlier questionnaire from the same browser.
        #expect(try results[2].get().suspicion == "повтор из того же браузера (cookie), ранее анкет: 1")
        let data = try #require(try campaigns.organizationData(campaign: "2025").first { $0.organization.id == library.id })
        #expect(data.respondents == 2)
        #expect(data.tallies["q1"] == AnswerTally(answered: 2, counts: ["yes": 1, "no": 1]))
        #expect(data.tallies["q2"] == AnswerTally(answered: 1, counts: ["no": 1]))
        let (arrivals, imports) = try database.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM survey_submission"),
             try Row.fetchAll(db, sql: "SELECT path, rows FROM import_file WHERE kind = 'survey'").map { "\($0["path"] as String) \($0["rows"] as Int)" })
        }
        #expect(arrivals == 2)
        // The paper channel's import row was made in the rolled-back attempt only.
        #expect(imports == ["nok-survey: веб-анкета 2"])
        // The next batch adds to the same counts.
        _ = try store.submitAll([web(["q1": "yes", "q2": "yes"])])
        #expect(try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT rows FROM import_file WHERE kind = 'survey'") } == 3)
        #expect(try campaigns.organizationData(campaign: "2025").first { $0.organization.id == library.id }?.tallies["q2"]
                == AnswerTally(answered: 2, counts: ["no": 1, "yes": 1]))
    }

    @Test("One ticket twice in a batch: the first questionnaire spends it, the second is refused, the rest are stored")
    func ticketTwiceInBatch() throws {
        let (store, campaigns, _) = try world()
        try store.createLink(SurveyLink(code: "efgh2345", campaign: "2025", organization: museum.id, strict: true), actor: "тест")
        try store.issueTickets(campaign: "2025", organization: museum.id, codes: ["aaaa2345"], actor: "тест")
        func museumWeb(_ ticket: String?) -> SurveySubmission {
            SurveySubmission(campaign: "2025", organization: museum.id, channel: .web, answers: ["q1": "no"], asked: ["q1"], ticket: ticket, receivedAt: start)
        }
        let results = try store.submitAll([museumWeb("aaaa2345"), museumWeb("AAAA-2345"), web(["q1": "yes"]), museumWeb(nil)])
        #expect(results.map { (try? $0.get()) != nil } == [true, false, true, false])
        #expect(throws: SurveyStoreError.ticketUsed("aaaa2345")) { try results[1].get() }
        #expect(throws: SurveyStoreError.ticketRequired) { try results[3].get() }
        #expect(try campaigns.responsesByChannel(campaign: "2025") == [museum.id: ["web": 1], library.id: ["web": 1]])
    }

    @Test("Timestamps written by hand are the ISO 8601 formatter's text: whole milliseconds, then whole seconds")
    func isoTimestamps() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var generator = SystemRandomNumberGenerator()
        var dates = [0, 59.999, 59.9994, 59.9996, 951_782_400, 951_868_799.5, 1_709_164_800, 1_764_000_000.9994, 1_764_000_000.9996,
                     4_107_542_400, 36_349_051_839.99966, 253_402_300_799.9].map(Date.init(timeIntervalSince1970:))
        dates += (0..<2_000).map { _ in Date(timeIntervalSince1970: Double.random(in: 0..<253_402_300_800, using: &generator)) }
        for date in dates {
            #expect(Ledger.iso(date) == formatter.string(from: date), "\(date.timeIntervalSince1970)")
        }
    }

    @Test("External ids of web questionnaires are version-7 UUIDs in lower case: unique, ordered by their millisecond")
    func externalIDs() {
        let first = Date(timeIntervalSince1970: 1_764_000_000.5)
        // Steps of 125 ms: exact in binary, so each date is a whole millisecond.
        let ids = (0..<1_000).map { SurveyBatch.timeOrderedUUID(at: first.addingTimeInterval(Double($0 / 10) * 0.125)) }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(UUID(uuidString: id)?.uuidString.lowercased() == id)
            let characters = Array(id)
            #expect(characters[14] == "7" && "89ab".contains(characters[19]), "\(id)")
        }
        // The first 48 bits are the milliseconds since 1970.
        #expect(ids[0].hasPrefix("019ab697-e9f4-7"))
        let prefixes = ids.map { $0.prefix(13) }
        #expect(prefixes == prefixes.sorted())
        #expect(Set(prefixes).count == 100)
    }

    @Test("An institution left off the council's list or taken out of the registry gets no questionnaires")
    func outsideTheList() throws {
        let (store, campaigns, database) = try world()
        try campaigns.setInstitutions(campaign: "2025", institutions: [museum.id], actor: "тест")
        #expect(throws: SurveyStoreError.organizationOutsideCampaign(library.id, campaign: "2025")) { try store.submit(web(["q1": "yes"])) }
        try campaigns.setInstitutions(campaign: "2025", institutions: [], actor: "тест")
        _ = try store.submit(web(["q1": "yes"]))
        try SQLiteRegistryStore(database: database).deactivate(library.id, actor: "тест", reason: "ликвидация")
        #expect(throws: SurveyStoreError.organizationOutsideCampaign(library.id, campaign: "2025")) { try store.submit(web(["q1": "no"])) }
    }

    @Test("Web answers land in response and answer_tally, so scoring counts them; one import_file row per channel")
    func submissionsAreResponses() throws {
        let (store, campaigns, database) = try world()
        _ = try store.submit(web(["q1": "yes", "q2": "no"]))
        _ = try store.submit(web(["q1": "no", "q2": "yes"]))
        _ = try store.submit(SurveySubmission(campaign: "2025", organization: library.id, channel: .paper, answers: ["q1": "yes", "q2": "yes"],
                                              asked: ["q1", "q2"], receivedAt: start))
        let data = try #require(try campaigns.organizationData(campaign: "2025").first { $0.organization.id == library.id })
        #expect(data.respondents == 3)
        #expect(data.tally("q1") == AnswerTally(answered: 3, counts: ["yes": 2, "no": 1]))
        // The "yes" to q2 after q1 = "no" is kept but not counted.
        #expect(data.tally("q2") == AnswerTally(answered: 2, counts: ["no": 1, "yes": 1], ignoredByFilter: 1))
        #expect(try campaigns.responsesByChannel(campaign: "2025")[library.id] == ["web": 2, "paper": 1])
        let imports = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, path, rows, campaign_id FROM import_file WHERE kind = 'survey' ORDER BY id")
                .map { "\($0["path"] as String)|\($0["rows"] as Int)|\($0["campaign_id"] as String)" }
        }
        #expect(imports == ["nok-survey: веб-анкета|2|2025", "nok-survey: ввод оператором (бумага)|1|2025"])
    }

    @Test("A free-text answer from the web is a suggestion on the card, not a counted value")
    func suggestions() throws {
        let (store, campaigns, _) = try world()
        _ = try store.submit(SurveySubmission(campaign: "2025", organization: library.id, channel: .web, answers: ["q1": "yes"], asked: ["q1"],
                                              comments: ["q_text": "Больше книг <для детей>"], receivedAt: start))
        #expect(try campaigns.suggestions(campaign: "2025") == [library.id: ["Больше книг <для детей>"]])
        let data = try #require(try campaigns.organizationData(campaign: "2025").first { $0.organization.id == library.id })
        #expect(data.tallies["q_text"] == nil)
    }

    @Test("An approved campaign refuses new questionnaires")
    func approved() throws {
        let (store, campaigns, _) = try world()
        _ = try campaigns.approve(campaign: "2025", results: ApprovedResults(contentHash: "h", payload: "{}", decision: "Протокол № 1"),
                                  actor: "тест", reason: nil)
        #expect(try store.target(code: "abcd2345")?.acceptsAnswers == false)
        #expect(throws: StoreError.campaignApproved("2025")) { try store.submit(web(["q1": "no"])) }
    }

    @Test("Repeats by cookie or address hash are stored and flagged; progress counts them with imports")
    func repeatsAndProgress() throws {
        let (store, _, _) = try world()
        let hash = String(repeating: "a", count: 64), other = String(repeating: "b", count: 64)
        #expect(try store.submit(web(["q1": "no"], cookie: "c1", client: hash)).suspicion == nil)
        #expect(try store.submit(web(["q1": "no"], cookie: "c1", client: other)).suspicion == "повтор из того же браузера (cookie), ранее анкет: 1")
        #expect(try store.submit(web(["q1": "no"], cookie: "c2", client: hash)).suspicion == "повтор с того же адреса (хеш IP), ранее анкет: 1")
        #expect(try store.flaggedSubmissions(campaign: "2025").count == 2)
        let progress = try store.progress(campaign: "2025", policy: MinimumSample())
        let line = try #require(progress.first { $0.organization.id == library.id })
        #expect(line.byChannel == [.web: 3])
        #expect(line.suspicious == 2)
        #expect(line.sample == SampleCheck(required: 4, actual: 3, status: .insufficient))
        #expect(progress.first { $0.organization.id == museum.id }?.sample.status == .unknown)
    }

    @Test("The repeat check counts one range of the cookie or address-hash index, never every response of the institution",
          arguments: ["cookie", "client_hash"])
    func repeatCheckPlan(column: String) throws {
        let (_, _, database) = try world()
        let plan = try database.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + SQLiteSurveyStore.earlierSQL(column: column),
                             arguments: ["x", "2025", library.id.rawValue]).map { $0["detail"] as String }
        }
        let index = column == "cookie" ? "survey_submission_cookie" : "survey_submission_client"
        // One range of the index, counted where it lies: no look-up per earlier questionnaire, no scan of the table.
        #expect(plan.contains("SEARCH survey_submission USING COVERING INDEX \(index) (\(column)=? AND campaign_id=? AND organization_id=?)"))
        #expect(!plan.contains { $0.hasPrefix("SCAN survey_submission") })
    }

    @Test("A browser that keeps sending is counted up to the limit: the reason says «100 и более», the batch still writes")
    func repeatCountLimit() throws {
        let (store, _, database) = try world()
        let results = try store.submitAll((0...RepeatScreening.countLimit + 2).map { _ in web(["q1": "no"], cookie: "bot") })
        let reasons = try results.map { try $0.get().suspicion }
        #expect(reasons[0] == nil)
        #expect(reasons[RepeatScreening.countLimit - 1] == "повтор из того же браузера (cookie), ранее анкет: \(RepeatScreening.countLimit - 1)")
        #expect(reasons[RepeatScreening.countLimit] == "повтор из того же браузера (cookie), ранее анкет: 100 и более")
        #expect(reasons.last == "повтор из того же браузера (cookie), ранее анкет: 100 и более")
        let stored = try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM survey_submission WHERE cookie = 'bot'") }
        #expect(stored == RepeatScreening.countLimit + 3)
    }

    @Test("Client hashes older than the retention period are erased, the questionnaires stay")
    func retention() throws {
        let (store, campaigns, database) = try world()
        _ = try store.submit(web(["q1": "no"], client: String(repeating: "a", count: 64), at: start))
        _ = try store.submit(web(["q1": "no"], client: String(repeating: "b", count: 64), at: start + 40 * 86_400))
        #expect(try store.forgetClientHashes(receivedBefore: start + 30 * 86_400) == 1)
        let hashes = try database.writer.read { db in try String?.fetchAll(db, sql: "SELECT client_hash FROM survey_submission ORDER BY received_at") }
        #expect(hashes == [nil, String(repeating: "b", count: 64)])
        #expect(try campaigns.organizationData(campaign: "2025").first { $0.organization.id == library.id }?.respondents == 2)
    }

    @Test("Operators and sessions: a session ends at its expiry or on logout")
    func operators() throws {
        let (store, _, _) = try world()
        try store.addOperator(OperatorAccount(login: "ivanova", name: "Иванова А. А.", passwordHash: "$2b$04$hash"), actor: "тест")
        #expect(throws: SurveyStoreError.operatorExists("ivanova")) {
            try store.addOperator(OperatorAccount(login: "ivanova", name: "Другая", passwordHash: "x"), actor: "тест")
        }
        #expect(try store.operatorAccount(login: "ivanova")?.name == "Иванова А. А.")
        try store.startSession(tokenHash: "t1", session: OperatorSession(login: "ivanova", expiresAt: start + 3_600))
        #expect(try store.session(tokenHash: "t1", now: start)?.login == "ivanova")
        #expect(try store.session(tokenHash: "t1", now: start + 3_601) == nil)
        #expect(try store.session(tokenHash: "t2", now: start) == nil)
        try store.endSession(tokenHash: "t1")
        #expect(try store.session(tokenHash: "t1", now: start) == nil)
    }

    @Test("A strict link: a web questionnaire needs an unused ticket of that institution, spent in the same transaction")
    func tickets() throws {
        let (store, campaigns, _) = try world()
        try store.createLink(SurveyLink(code: "efgh2345", campaign: "2025", organization: museum.id, strict: true), actor: "тест")
        #expect(try store.links(campaign: "2025").map(\.strict) == [false, true])
        try store.issueTickets(campaign: "2025", organization: museum.id, codes: ["aaaa2345", "bbbb2345"], actor: "тест")
        #expect(throws: SurveyStoreError.codeTaken("aaaa2345")) {
            try store.issueTickets(campaign: "2025", organization: museum.id, codes: ["aaaa2345"], actor: "тест")
        }
        func museumWeb(_ ticket: String?) -> SurveySubmission {
            SurveySubmission(campaign: "2025", organization: museum.id, channel: .web, answers: ["q1": "no"], asked: ["q1"], ticket: ticket, receivedAt: start)
        }
        #expect(throws: SurveyStoreError.ticketRequired) { try store.submit(museumWeb(nil)) }
        #expect(throws: SurveyStoreError.ticketUnknown("zzzz2345")) { try store.submit(museumWeb("zzzz2345")) }
        _ = try store.submit(museumWeb("AAAA-2345"))
        #expect(throws: SurveyStoreError.ticketUsed("aaaa2345")) { try store.submit(museumWeb("aaaa2345")) }
        // Operators' entries and the library's ordinary link need no ticket.
        _ = try store.submit(SurveySubmission(campaign: "2025", organization: museum.id, channel: .paper, answers: ["q1": "no"], asked: ["q1"], receivedAt: start))
        _ = try store.submit(web(["q1": "no"]))
        #expect(try campaigns.responsesByChannel(campaign: "2025") == [museum.id: ["web": 1, "paper": 1], library.id: ["web": 1]])
    }
}

@Suite("Survey store conformance: SQLite")
struct SQLiteConformanceTests {
    @Test("The SQLite store plays the shared scenario as expected")
    func scenario() throws {
        let database = try AppDatabase.inMemory()
        _ = try SQLiteRegistryStore(database: database).importOrganizations(
            [SurveyStoreConformance.library, SurveyStoreConformance.museum],
            file: ImportedFile(kind: "organizations", path: "organizations.csv", sha256: "aaa", rows: 2, format: ""), actor: "тест")
        try SQLiteCampaignStore(database: database).createCampaign(SurveyStoreConformance.campaign, actor: "тест")
        let log = SurveyStoreConformance.run(SQLiteSurveyStore(database: database))
        #expect(log == SurveyStoreConformance.expected, "\(zip(log, SurveyStoreConformance.expected).filter { $0 != $1 })")
    }
}
