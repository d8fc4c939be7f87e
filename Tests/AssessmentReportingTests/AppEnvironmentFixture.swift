import AssessmentApp
import AssessmentConfig
import AssessmentKernel
import TestSupport

/// The demo municipality scored from its files, for tests that build report values directly.
struct AppEnvironmentFixture {
    var environment: AppEnvironment
    var campaign: ScoredCampaign
    var criteria: [Criterion]
    var sectors: [SectorDefinition] { environment.config.sectors }
    var region: RegionSettings { environment.config.region }
    var methodology: Methodology

    static func load() throws -> AppEnvironmentFixture {
        let environment = try AppEnvironment(configDirectory: RepositoryPaths.configs)
        let methodology = try environment.engine().methodology
        return AppEnvironmentFixture(environment: environment, campaign: try ScoredCampaign.load(from: RepositoryPaths.demo, environment: environment),
                                     criteria: methodology.criteria, methodology: methodology)
    }
}
