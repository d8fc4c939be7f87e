import AssessmentApp
import AssessmentConfig
import AssessmentKernel
import AssessmentReporting
import Foundation
import Testing
import TestSupport

@Suite("Scoring without explanations")
struct ExplanationsOmittedTests {
    @Test("Every number, flag and shortcoming is the same; only the explanations are left out; rankings are identical")
    func sameNumbers() throws {
        let environment = try AppEnvironment(configDirectory: RepositoryPaths.configs)
        let full = try ScoredCampaign.load(from: RepositoryPaths.demo, environment: environment)
        let light = try ScoredCampaign.load(from: RepositoryPaths.demo, environment: environment, explanations: false)
        #expect(full.unitScores.count == light.unitScores.count)
        for (a, b) in zip(full.unitScores + full.scores, light.unitScores + light.scores) {
            #expect(a.organization == b.organization)
            #expect(a.total == b.total && a.band == b.band && a.regionalIndex == b.regionalIndex)
            #expect(a.respondents == b.respondents && a.sample == b.sample)
            #expect(a.criteria.map { [$0.id.rawValue, "\($0.applied)", "\(String(describing: $0.value))"] }
                    == b.criteria.map { [$0.id.rawValue, "\($0.applied)", "\(String(describing: $0.value))"] })
            #expect(a.indicators.map(\.value) == b.indicators.map(\.value))
            #expect(a.indicators.map(\.id) == b.indicators.map(\.id))
            #expect(a.extra.map(\.value) == b.extra.map(\.value))
            #expect(a.extra.flatMap(\.indicators).map(\.value) == b.extra.flatMap(\.indicators).map(\.value))
            #expect(a.flags == b.flags)
            #expect(a.shortcomings == b.shortcomings)
            #expect(!a.totalExplanation.children.isEmpty)
            #expect(b.totalExplanation == .omitted(b.total))
            #expect(b.indicators.allSatisfy { $0.explanation == .omitted($0.value) })
            #expect(b.criteria.allSatisfy { $0.explanation == .omitted($0.value) })
        }
        let methodology = try environment.engine().methodology
        for grouping in [RankingReport.Grouping.sector, .type, .founder] {
            let reports = [full, light].map {
                RankingReport(scores: $0.scores, sectors: environment.config.sectors, methodology: methodology,
                              region: environment.config.region, grouping: grouping)
            }
            #expect(reports[0].markdown(regionName: "Округ") == reports[1].markdown(regionName: "Округ"))
            #expect(reports[0].csv() == reports[1].csv())
        }
    }
}
