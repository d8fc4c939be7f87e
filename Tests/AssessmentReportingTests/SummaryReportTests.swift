import AssessmentApp
import AssessmentKernel
import AssessmentReporting
import Foundation
import Testing
import TestSupport

@Suite("Shortcomings summary and plan execution")
struct SummaryReportTests {
    @Test("Golden files: Markdown, HTML and CSV of both reports on the demo municipality")
    func golden() throws {
        let runner = try ReportRunner()
        let plan = ["--plan", ReportRunner.plan, "--today", "2026-06-01"] + ReportRunner.demoArguments
        for (format, ext) in [("markdown", "md"), ("html", "html"), ("csv", "csv")] {
            try Golden.check("shortcomings.\(ext)", try runner.run(["shortcomings", "--format", format] + ReportRunner.demoArguments, output: "s.\(ext)"))
            try Golden.check("plan-execution.\(ext)", try runner.run(["plan-execution", "--format", format] + plan, output: "p.\(ext)"))
        }
    }

    @Test("Most frequent first; counts institutions once; persisted only where the previous campaign had the same shortcoming")
    func persisted() throws {
        let fixture = try AppEnvironmentFixture.load()
        let scores = fixture.campaign.unitScores
        // Last year: only cul-06 had its shortcomings.
        let previous = scores.map { score in
            var score = score
            if score.organization.id != "cul-06" { score.shortcomings = [] }
            return score
        }
        let summary = ShortcomingSummary(scores: scores, sectors: fixture.sectors, previous: previous)
        let culture = try #require(summary.sections.first { $0.sector.id == "culture" })
        #expect(culture.assessed == 12)
        let counts = culture.lines.map(\.institutions.count)
        #expect(counts == counts.sorted(by: >))
        let cul06 = try #require(scores.first { $0.organization.id == "cul-06" })
        let keys = Set(cul06.shortcomings.map(\.key))
        for line in culture.lines {
            #expect(line.persisted == (keys.contains(line.key) ? ["cul-06"] : []))
            #expect(Set(line.institutions).count == line.institutions.count)
        }
        let withoutPrevious = ShortcomingSummary(scores: scores, sectors: fixture.sectors, previous: nil)
        #expect(!withoutPrevious.markdown(regionName: "Округ").contains("Сохранился"))
    }

    @Test("A measure done after its date is late, one not done past its date is overdue; founders add up their institutions")
    func outcomes() throws {
        func measure(_ organization: OrganizationID, planned: String?, actual: String?) -> ImprovementMeasure {
            ImprovementMeasure(organization: organization, criterion: "K1", shortcomingKey: "k", shortcoming: "s", measure: "m",
                               plannedOn: planned.flatMap(Day.init(iso:)), actualOn: actual.flatMap(Day.init(iso:)))
        }
        let today = try #require(Day(iso: "2026-06-01"))
        let plan = [measure("cul-01", planned: "2026-03-01", actual: "2026-03-01"), measure("cul-01", planned: "2026-03-01", actual: "2026-03-02"),
                    measure("cul-02", planned: "2026-05-31", actual: nil), measure("cul-02", planned: "2026-06-01", actual: nil),
                    measure("cul-02", planned: nil, actual: nil)]
        let organizations = try AppEnvironmentFixture.load().campaign.organizations
        let report = PlanExecutionReport(plan: plan, organizations: organizations, today: today)
        let outcomes = PlanExecutionReport.Outcome.allCases
        #expect(report.institutions.map { line in outcomes.map(line.count) } == [[1, 1, 0, 0], [0, 0, 1, 2]])
        // Both demo libraries have the same founder.
        #expect(report.founders.count == 1 && report.founders[0].total == 5)
        #expect(outcomes.map(report.overall.count) == [1, 1, 1, 2])
        #expect(report.markdown(regionName: "Округ").contains("| Всего | 5 | 1 | 1 | 1 | 2 | 20,00 |"))
    }
}
