import AssessmentConfig
import AssessmentFiles
public import AssessmentKernel
public import Foundation

/// A scored campaign, from CSV files or from the database: what every report starts from.
public struct ScoredCampaign: Sendable {
    public var organizations: [Organization]
    /// One score per institution for rankings (branches folded in under `branches: mean_of_units`).
    public var scores: [OrganizationScore]
    /// Every assessed unit as scored on its own data.
    public var unitScores: [OrganizationScore]
    public var suggestions: [OrganizationID: [String]]
    /// What was detected in each file, in Russian, for the user to check.
    public var formats: [String]

    /// Reads `organizations.csv`, `checklists.csv` and `responses.csv` from `directory` and scores every organisation.
    public static func load(from directory: URL, environment: AppEnvironment, methodology: MethodologyID? = nil) throws -> ScoredCampaign {
        try load(
            organizations: directory.appendingPathComponent("organizations.csv"),
            checklists: directory.appendingPathComponent("checklists.csv"),
            responses: directory.appendingPathComponent("responses.csv"),
            environment: environment, methodology: methodology)
    }

    public static func load(organizations organizationsURL: URL, checklists checklistsURL: URL, responses responsesURL: URL,
                            environment: AppEnvironment, methodology: MethodologyID? = nil) throws -> ScoredCampaign {
        for url in [organizationsURL, checklistsURL, responsesURL] where !FileManager.default.fileExists(atPath: url.path) {
            throw AppError.missingDataFile(url.path)
        }
        let engine = try environment.engine(methodology: methodology)
        let (organizations, organizationsFormat) = try OrganizationsFile.read(organizationsURL)
        let sectors = try RegistryValidation.sectors(of: organizations, config: environment.config)
        for sector in sectors.values where !sector.methodologies.contains(engine.methodology.id) {
            throw AppError.sectorNotForMethodology(sector: sector.id.rawValue, methodology: engine.methodology.id.rawValue)
        }
        let (marks, _, checklistsFormat) = try ChecklistsFile.read(
            checklistsURL, organizations: organizations, checklists: sectors.mapValues(environment.checklists(for:)))
        let responses = try ResponsesFile.read(
            responsesURL, organizations: organizations, questions: sectors.mapValues(environment.questions(for:)))

        let data = organizations.map { organization in
            let tallier = responses.tallies[organization.id]
            return OrganizationData(
                organization: organization, respondents: tallier?.respondents ?? 0,
                tallies: tallier?.tallies ?? [:], checklists: marks[organization.id] ?? [:])
        }
        let unitScores = score(data, sectors: sectors, engine: engine, environment: environment)
        return ScoredCampaign(
            organizations: organizations, scores: BranchAggregation.apply(unitScores, policies: engine.policies),
            unitScores: unitScores, suggestions: responses.suggestions,
            formats: [
                "\(organizationsURL.lastPathComponent): \(organizationsFormat)",
                "\(checklistsURL.lastPathComponent): \(checklistsFormat)",
                "\(responsesURL.lastPathComponent): \(responses.format), анкет: \(responses.rows)",
            ])
    }

    /// Scores a stored campaign under the edition it was created with.
    public static func load(campaign id: String, store: any CampaignStore, environment: AppEnvironment) throws -> ScoredCampaign {
        guard let campaign = try store.campaign(id) else { throw StoreError.campaignNotFound(id) }
        let environment = environment.scoped(to: campaign)
        let engine = try environment.engine(methodology: campaign.methodology)
        let data = try store.organizationData(campaign: id)
        let sectors = try RegistryValidation.sectors(of: data.map(\.organization), config: environment.config)
        let unitScores = score(data, sectors: sectors, engine: engine, environment: environment)
        return ScoredCampaign(
            organizations: data.map(\.organization), scores: BranchAggregation.apply(unitScores, policies: engine.policies),
            unitScores: unitScores, suggestions: try store.suggestions(campaign: id),
            formats: ["кампания «\(campaign.title)» (\(campaign.id)), методика \(campaign.methodology), организаций: \(data.count)"])
    }

    private static func score(_ data: [OrganizationData], sectors: [SectorID: SectorDefinition], engine: ScoringEngine,
                              environment: AppEnvironment) -> [OrganizationScore] {
        data.map { organization in
            let sector = sectors[organization.organization.sector]!
            return engine.score(
                organization, sector: sector, extraCriteria: environment.extraCriteria(for: sector.id),
                regionalIndex: environment.config.region.regionalIndex)
        }
    }

    /// The institution's ranked score, or a branch's own score.
    public func score(for id: OrganizationID) -> OrganizationScore? {
        scores.first { $0.organization.id == id } ?? unitScores.first { $0.organization.id == id }
    }
}
