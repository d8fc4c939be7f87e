import AssessmentApp
import AssessmentKernel
import AssessmentStorage
import Foundation
import Testing
import TestSupport

/// What the administration and the council set around a campaign: extra criteria, operator, control, registry fixes.
@Suite("Campaign settings, public control, registry edits")
struct CampaignSettingsTests {
    @Test("Extra criteria attached per campaign: without them the heads column disappears and their questions are refused")
    func extraCriteriaPerCampaign() throws {
        let session = try AdminSession("extra-criteria")
        try session.loadDemo()
        let environment = try AppEnvironment(configDirectory: RepositoryPaths.configs)
        let withRegion = try ScoredCampaign.load(campaign: "2025", store: try session.store, environment: environment)
        #expect(withRegion.scores.allSatisfy { $0.extra.map(\.id) == ["heads"] })
        #expect(withRegion.scores.contains { $0.regionalIndex != nil })

        try session.run(["campaign", "extra-criteria", "--campaign", "2025", "--none"])
        #expect(try session.store.campaign("2025")?.extraCriteria == [])
        let without = try ScoredCampaign.load(campaign: "2025", store: try session.store, environment: environment)
        #expect(without.scores.allSatisfy { $0.extra.isEmpty && $0.regionalIndex == nil })
        // Federal scores do not depend on the extra criteria.
        #expect(without.scores.map(\.total) == withRegion.scores.map(\.total))

        // A campaign created without heads refuses a file with heads' question.
        try session.run(["campaign", "create", "--id", "2026", "--year", "2026", "--sectors", "culture", "--extra-criteria", "heads"])
        #expect(try session.store.campaign("2026")?.extraCriteria == ["heads"])
        #expect(throws: (any Error).self) {
            try session.run(["campaign", "create", "--id", "2027", "--year", "2027", "--sectors", "culture", "--extra-criteria", "nonexistent"])
        }
        try session.run(["campaign", "extra-criteria", "--campaign", "2025", "--region"])
        #expect(try session.store.campaign("2025")?.extraCriteria == nil)
    }

    @Test("The operator and its terms of reference are recorded; a wrong INN is refused")
    func campaignOperator() throws {
        let session = try AdminSession("operator")
        try session.run(["campaign", "create", "--id", "2025", "--year", "2025", "--sectors", "culture"])
        #expect(throws: (any Error).self) {
            try session.run(["campaign", "operator", "--campaign", "2025", "--name", "ООО «Оператор»", "--inn", "7707083894"])
        }
        try session.run(["campaign", "operator", "--campaign", "2025", "--name", "ООО «Оператор»", "--inn", "7707083893",
                         "--contract", "Контракт № 15 от 10.04.2025", "--terms", "Протокол совета № 2 от 01.04.2025"])
        #expect(try session.store.campaignOperator(campaign: "2025") == CampaignOperator(
            name: "ООО «Оператор»", inn: "7707083893", contract: "Контракт № 15 от 10.04.2025", termsOfReference: "Протокол совета № 2 от 01.04.2025"))
    }

    @Test("Control visits are kept; the check of last year's plans counts on time, late and overdue per institution")
    func publicControl() throws {
        let session = try AdminSession("public-control")
        try session.run(["registry", "import", RepositoryPaths.demo.appendingPathComponent("organizations.csv").path])
        for year in ["2025", "2026"] {
            try session.run(["campaign", "create", "--id", year, "--year", year, "--sectors", "culture"])
        }
        try session.run(["council", "visit", "--campaign", "2026", "--org", "cul-01", "--on", "2026-02-10",
                         "--members", "Петров И. И.", "--findings", "Пандус установлен, кнопка вызова не работает"])
        #expect(throws: (any Error).self) {
            try session.run(["council", "visit", "--campaign", "2026", "--org", "cul-99", "--on", "2026-02-10", "--members", "Петров И. И.", "--findings", "—"])
        }
        let database = try AppDatabase(path: session.database)
        #expect(try SQLitePublicControlStore(database: database).visits(campaign: "2026").map(\.findings)
                == ["Пандус установлен, кнопка вызова не работает"])

        func measure(_ org: OrganizationID, _ key: String, planned: Day, actual: Day?) -> ImprovementMeasure {
            ImprovementMeasure(organization: org, criterion: "K1", shortcomingKey: key, shortcoming: key, measure: "мера",
                               plannedOn: planned, implemented: actual == nil ? nil : "сделано", actualOn: actual)
        }
        let day = { (m: Int, d: Int) in Day(year: 2025, month: m, day: d)! }
        _ = try SQLiteImprovementPlanStore(database: database).importPlan(campaign: "2025", measures: [
            measure("cul-01", "a", planned: day(6, 1), actual: day(5, 20)),
            measure("cul-01", "b", planned: day(6, 1), actual: day(7, 1)),
            measure("cul-04", "a", planned: day(6, 1), actual: nil),
            measure("cul-04", "b", planned: Day(year: 2026, month: 6, day: 1)!, actual: nil),
        ], file: ImportedFile(kind: "plan", path: "plan.csv", sha256: "x", rows: 4, format: ""), actor: "тест")
        try session.run(["council", "check-plans", "--campaign", "2026", "--previous", "2025", "--today", "2026-03-01", "--record"])
        let check = try #require(try SQLitePublicControlStore(database: database).planCheck(campaign: "2026"))
        #expect(check.previousCampaign == "2025")
        #expect(check.execution == [
            PlanExecution(organization: "cul-01", measures: 2, doneOnTime: 1, doneLate: 1, overdue: 0, pending: 0),
            PlanExecution(organization: "cul-04", measures: 2, doneOnTime: 0, doneLate: 0, overdue: 1, pending: 1),
        ])
        #expect(check.execution.map(\.verdict) == [.done, .notDone])
    }

    @Test("registry edit changes the named fields, checks codes and config, and logs old → new")
    func registryEdit() throws {
        let session = try AdminSession("registry-edit")
        try session.run(["registry", "import", RepositoryPaths.demo.appendingPathComponent("organizations.csv").path])
        try session.run(["registry", "edit", "cul-01", "--recipients", "500", "--website", "https://cbs.example.ru", "--short-name", "",
                         "--reason", "письмо учредителя"])
        let registry = SQLiteRegistryStore(database: try AppDatabase(path: session.database))
        let edited = try #require(try registry.organization("cul-01"))
        #expect(edited.recipients == 500)
        #expect(edited.website == "https://cbs.example.ru")
        #expect(edited.shortName == nil)
        let entry = try #require(try registry.auditLog(limit: 1).first)
        #expect(entry.action == "update" && entry.reason == "письмо учредителя")
        #expect(entry.details.contains("recipients: «420» → «500»") || entry.details.contains("recipients: 420 → 500"))
        #expect(entry.details.contains("short_name: «МБУК «ЦБС»» → пусто"))

        for bad in [["--inn", "7707083894"], ["--kind", "opera_house"], ["--recipients", "-3"], ["--parent", "cul-99"]] {
            #expect(throws: (any Error).self, "\(bad)") { try session.run(["registry", "edit", "cul-01"] + bad) }
        }
        #expect(try registry.organization("cul-01") == edited)
    }
}

@Suite("Programmes across campaigns")
struct ProgrammeTests {
    @Test("Dalnegorsk 2016–2018: each year's plan from the template against the fact of that year's campaign")
    func dalnegorsk() throws {
        let session = try AdminSession("programme")
        try session.loadDemo()   // campaign 2025, every demo institution assessed
        try session.run(["campaign", "create", "--id", "2026", "--year", "2026", "--sectors", "culture"])
        try session.run(["programme", "create", "--id", "p", "--title", "Программа 2025–2027", "--plan", "dalnegorsk", "--from", "2025", "--to", "2027"])
        try session.run(["programme", "attach", "--programme", "p", "--campaign", "2025"])
        try session.run(["programme", "attach", "--programme", "p", "--campaign", "2026"])
        try session.run(["council", "add-meeting", "--campaign", "2025", "--on", "2025-03-25", "--agenda", "Перечень"])
        #expect(throws: (any Error).self) {   // a year has one campaign
            try session.run(["campaign", "create", "--id", "2026b", "--year", "2026", "--sectors", "culture"])
            try session.run(["programme", "attach", "--programme", "p", "--campaign", "2026b"])
        }

        let database = try AppDatabase(path: session.database)
        let programme = try #require(try SQLiteProgrammeStore(database: database).programme("p"))
        #expect(programme.campaigns == [2025: "2025", 2026: "2026"])
        // The template's plan is for 2016–2018; shift it onto this programme's years to compare.
        let targets = [
            PlanTarget(id: "assessed_share", title: "Доля оценённых", unit: .percent,
                       values: [.init(year: 2025, value: 75), .init(year: 2026, value: 100), .init(year: 2027, value: 100)]),
            PlanTarget(id: "council_meetings", title: "Заседания совета", unit: .count,
                       values: [.init(year: 2025, value: 3), .init(year: 2026, value: 3)]),
        ]
        let organizations = try SQLiteCampaignStore(database: database).organizationData(campaign: "2025")
        let actuals: [Int: [String: Double]] = [
            2025: TargetActuals.compute(organizations, councilMeetings: 1),
            2026: TargetActuals.compute(try SQLiteCampaignStore(database: database).organizationData(campaign: "2026"), councilMeetings: 0),
        ]
        let progress = TargetProgress.of(programme, targets: targets, actuals: actuals)
        #expect(progress[0].years.map(\.actual) == [100, 0, nil])
        #expect(progress[0].years.map(\.met) == [true, false, nil])
        #expect(progress[1].years.map(\.actual) == [1, 0, nil])
        #expect(progress[1].years.map(\.met) == [false, false, nil])
        try session.run(["programme", "show", "--programme", "p"])
    }
}
