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
    /// `explanations: false` leaves every explanation out (`Explanation.omitted`): for reports that show only numbers.
    public static func load(from directory: URL, environment: AppEnvironment, methodology: MethodologyID? = nil,
                            explanations: Bool = true) throws -> ScoredCampaign {
        try load(
            organizations: directory.appendingPathComponent("organizations.csv"),
            checklists: directory.appendingPathComponent("checklists.csv"),
            responses: directory.appendingPathComponent("responses.csv"),
            environment: environment, methodology: methodology, explanations: explanations)
    }

    public static func load(organizations organizationsURL: URL, checklists checklistsURL: URL, responses responsesURL: URL,
                            environment: AppEnvironment, methodology: MethodologyID? = nil,
                            explanations: Bool = true) throws -> ScoredCampaign {
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
        let unitScores = CampaignScorer(data: data, sectors: sectors, engine: engine, environment: environment)
            .scoreAll(explanations: explanations)
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
    public static func load(campaign id: String, store: any CampaignStore, environment: AppEnvironment,
                            explanations: Bool = true) throws -> ScoredCampaign {
        let (campaign, scorer) = try CampaignScorer.load(campaign: id, store: store, environment: environment)
        let unitScores = scorer.scoreAll(explanations: explanations)
        return ScoredCampaign(
            organizations: scorer.data.map(\.organization), scores: BranchAggregation.apply(unitScores, policies: scorer.engine.policies),
            unitScores: unitScores, suggestions: try store.suggestions(campaign: id),
            formats: ["кампания «\(campaign.title)» (\(campaign.id)), методика \(campaign.methodology), организаций: \(scorer.data.count)"])
    }

    /// The institution's ranked score, or a branch's own score.
    public func score(for id: OrganizationID) -> OrganizationScore? {
        scores.first { $0.organization.id == id } ?? unitScores.first { $0.organization.id == id }
    }
}

/// A campaign's counts with the engine prepared per sector: scores any of its units, on any thread.
public struct CampaignScorer: Sendable {
    /// Every unit's counts, in the order results are listed and hashed.
    public let data: [OrganizationData]
    public let engine: ScoringEngine
    private let scorers: [SectorID: SectorScorer]

    init(data: [OrganizationData], sectors: [SectorID: SectorDefinition], engine: ScoringEngine, environment: AppEnvironment) {
        self.data = data
        self.engine = engine
        scorers = sectors.mapValues { sector in
            engine.scorer(for: sector, extraCriteria: environment.extraCriteria(for: sector.id),
                          regionalIndex: environment.config.region.regionalIndex)
        }
    }

    /// A stored campaign's counts, under the edition it was created with.
    public static func load(campaign id: String, store: any CampaignStore, environment: AppEnvironment) throws
        -> (campaign: Campaign, scorer: CampaignScorer)
    {
        guard let campaign = try store.campaign(id) else { throw StoreError.campaignNotFound(id) }
        let environment = environment.scoped(to: campaign)
        let engine = try environment.engine(methodology: campaign.methodology)
        let data = try store.organizationData(campaign: id)
        let sectors = try RegistryValidation.sectors(of: data.map(\.organization), config: environment.config)
        return (campaign, CampaignScorer(data: data, sectors: sectors, engine: engine, environment: environment))
    }

    /// The score of unit `index` (the engine is pure: any thread, any order).
    public func score(_ index: Int, explanations: Bool = true) -> OrganizationScore {
        scorers[data[index].organization.sector]!.score(data[index], explanations: explanations)
    }

    /// Every unit's score, in order, computed on every core.
    public func scoreAll(explanations: Bool = true) -> [OrganizationScore] {
        map(0..<data.count) { score($0, explanations: explanations) }
    }

    /// `transform` of every index in `range`, in order, the work split over every core.
    public func map<T: Sendable>(_ range: Range<Int>, _ transform: @Sendable (Int) -> T) -> [T] {
        // A few slices per core keep the cores busy when institutions differ in cost, with little locking.
        let slices = Swift.min(range.count, ProcessInfo.processInfo.activeProcessorCount * 4)
        guard slices > 0 else { return [] }
        let slots = ConcurrentSlots<[T]>(count: slices)
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let lower = range.lowerBound + range.count * slice / slices
            let upper = range.lowerBound + range.count * (slice + 1) / slices
            var results: [T] = []
            results.reserveCapacity(upper - lower)
            for index in lower..<upper { results.append(transform(index)) }
            slots.set(slice, .success(results))
        }
        return ((try? slots.values()) ?? []).flatMap { $0 }
    }
}
