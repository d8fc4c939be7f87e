import AssessmentApp
import AssessmentKernel
import Foundation
import Testing
import TestSupport

@Suite("JSON rankings")
struct JSONReportTests {
    @Test("Written score by score, the JSON is byte for byte the whole array encoded at once, and reads back")
    func streamedEqualsWhole() throws {
        let written = try ReportRunner().run(["rankings", "--format", "json"] + ReportRunner.demoArguments, output: "r.json")
        let campaign = try ScoredCampaign.load(from: RepositoryPaths.demo, environment: try AppEnvironment(configDirectory: RepositoryPaths.configs))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        #expect(written == (try encoder.encode(campaign.scores)) + Data("\n".utf8))
        #expect(try JSONDecoder().decode([OrganizationScore].self, from: written) == campaign.scores)
    }
}
