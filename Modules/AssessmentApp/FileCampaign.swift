import AssessmentConfig
import AssessmentFiles
public import AssessmentKernel
public import Foundation

/// A campaign scored straight from CSV files: the vertical slice before storage exists.
public struct FileCampaign: Sendable {
    public var organizations: [Organization]
    /// One score per institution for rankings (branches folded in under `branches: mean_of_units`).
    public var scores: [OrganizationScore]
    /// Every assessed unit as scored on its own data.
    public var unitScores: [OrganizationScore]
    public var suggestions: [OrganizationID: [String]]
    /// What was detected in each file, in Russian, for the user to check.
    public var formats: [String]

    /// Reads `organizations.csv`, `checklists.csv` and `responses.csv` from `directory` and scores every organisation.
    public static func load(from directory: URL, environment: AppEnvironment, methodology: MethodologyID? = nil) throws -> FileCampaign {
        try load(
            organizations: directory.appendingPathComponent("organizations.csv"),
            checklists: directory.appendingPathComponent("checklists.csv"),
            responses: directory.appendingPathComponent("responses.csv"),
            environment: environment, methodology: methodology)
    }

    public static func load(organizations organizationsURL: URL, checklists checklistsURL: URL, responses responsesURL: URL,
                            environment: AppEnvironment, methodology: MethodologyID? = nil) throws -> FileCampaign {
        for url in [organizationsURL, checklistsURL, responsesURL] where !FileManager.default.fileExists(atPath: url.path) {
            throw AppError.missingDataFile(url.path)
        }
        let engine = try environment.engine(methodology: methodology)
        let (organizations, organizationsFormat) = try OrganizationsFile.read(organizationsURL)
        let sectors = try RegistryValidation.sectors(of: organizations, config: environment.config)
        for sector in sectors.values where !sector.methodologies.contains(engine.methodology.id) {
            throw AppError.sectorNotForMethodology(sector: sector.id.rawValue, methodology: engine.methodology.id.rawValue)
        }
        let (marks, checklistsFormat) = try ChecklistsFile.read(
            checklistsURL, organizations: organizations, checklists: sectors.mapValues(environment.checklists(for:)))
        let responses = try ResponsesFile.read(
            responsesURL, organizations: organizations, questions: sectors.mapValues(environment.questions(for:)))

        let unitScores = organizations.map { organization in
            let sector = sectors[organization.sector]!
            let tallier = responses.tallies[organization.id]
            let data = OrganizationData(
                organization: organization, respondents: tallier?.respondents ?? 0,
                tallies: tallier?.tallies ?? [:], checklists: marks[organization.id] ?? [:])
            return engine.score(
                data, sector: sector, extraCriteria: environment.extraCriteria(for: sector.id),
                regionalIndex: environment.config.region.regionalIndex)
        }
        return FileCampaign(
            organizations: organizations, scores: BranchAggregation.apply(unitScores, policies: engine.policies),
            unitScores: unitScores, suggestions: responses.suggestions,
            formats: [
                "\(organizationsURL.lastPathComponent): \(organizationsFormat)",
                "\(checklistsURL.lastPathComponent): \(checklistsFormat)",
                "\(responsesURL.lastPathComponent): \(responses.format), анкет: \(responses.rows)",
            ])
    }

    /// The institution's ranked score, or a branch's own score.
    public func score(for id: OrganizationID) -> OrganizationScore? {
        scores.first { $0.organization.id == id } ?? unitScores.first { $0.organization.id == id }
    }
}
