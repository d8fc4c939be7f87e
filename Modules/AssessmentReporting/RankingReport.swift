public import AssessmentKernel

/// Rankings of one campaign: per sector, and within a sector per type, kind or founder.
public struct RankingReport: Sendable {
    public enum Grouping: String, Sendable, CaseIterable {
        case sector, type, kind, founder
    }

    public struct Group: Sendable {
        public var sector: SectorDefinition
        /// Title of the sub-group (type, kind or founder), nil for the whole sector.
        public var title: String?
        public var entries: [RankedScore]
        public var meanTotal: Double?
    }

    public var criteria: [Criterion]
    public var extraCriteria: [ExtraCriterion]
    public var regionalIndex: RegionalIndex?
    public var groups: [Group]
    /// Municipality / region summary: mean total per sector.
    public var sectorMeans: [(sector: SectorDefinition, mean: Double?, count: Int)]
    public var policies: ScoringPolicies
    /// Totals of the previous campaign by institution, for the change column; nil when there is none.
    public var previousTotals: [OrganizationID: Double]?

    public init(scores: [OrganizationScore], sectors: [SectorDefinition], methodology: Methodology,
                region: RegionSettings, grouping: Grouping = .sector) {
        let policies = region.policies
        self.policies = policies
        criteria = methodology.criteria
        extraCriteria = region.extraCriteria
        regionalIndex = region.regionalIndex
        var groups: [Group] = []
        var means: [(SectorDefinition, Double?, Int)] = []
        for sector in sectors {
            let inSector = scores.filter { $0.organization.sector == sector.id }
            guard !inSector.isEmpty else { continue }
            means.append((sector, Ranking.meanTotal(inSector, decimals: policies.decimals), inSector.count))
            for (title, members) in Self.split(inSector, sector: sector, by: grouping) {
                groups.append(Group(sector: sector, title: title, entries: Ranking.rank(members, policies: policies),
                                    meanTotal: Ranking.meanTotal(members, decimals: policies.decimals)))
            }
        }
        self.groups = groups
        self.sectorMeans = means
    }

    /// The group ranked by the combined regional index instead of the 344н total (nil when the region has none).
    public func regionalIndexRanking(_ group: Group) -> [(rank: Int?, score: OrganizationScore)]? {
        guard regionalIndex != nil else { return nil }
        let byIndex = group.entries.map { entry in
            var score = entry.score
            score.total = score.regionalIndex
            return score
        }
        let ranked = Ranking.rank(byIndex, policies: policies)
        let originals = Dictionary(group.entries.map { ($0.score.organization.id, $0.score) }) { first, _ in first }
        return ranked.map { (rank: $0.rank, score: originals[$0.score.organization.id] ?? $0.score) }
    }

    /// Change of the total since the previous campaign, when both exist.
    public func change(_ score: OrganizationScore) -> Double? {
        guard let total = score.total, let previous = previousTotals?[score.organization.id] else { return nil }
        return DecimalRounding.round(total - previous, decimals: policies.decimals)
    }

    /// Sub-groups in config order (types and kinds) or by name (founders); unknowns last.
    static func split(_ scores: [OrganizationScore], sector: SectorDefinition, by grouping: Grouping) -> [(String?, [OrganizationScore])] {
        switch grouping {
        case .sector:
            return [(nil, scores)]
        case .type:
            return sector.types.map { type in (type.title, scores.filter { $0.organization.type == type.id }) }
                .filter { !$0.1.isEmpty }
                + leftovers(scores) { $0.organization.type.flatMap(sector.type) == nil }
        case .kind:
            let kinds = sector.types.flatMap { type in type.kinds.map { (type, $0) } }
            return kinds.map { type, kind in
                ("\(type.title): \(kind.title)", scores.filter { $0.organization.type == type.id && $0.organization.kind == kind.id })
            }.filter { !$0.1.isEmpty }
                + leftovers(scores) { score in !kinds.contains { $0.0.id == score.organization.type && $0.1.id == score.organization.kind } }
        case .founder:
            let founders = Set(scores.compactMap(\.organization.founder)).sorted()
            return founders.map { founder in (founder, scores.filter { $0.organization.founder == founder }) }
                + leftovers(scores) { $0.organization.founder == nil }
        }
    }

    private static func leftovers(_ scores: [OrganizationScore], where isLeft: (OrganizationScore) -> Bool) -> [(String?, [OrganizationScore])] {
        let left = scores.filter(isLeft)
        return left.isEmpty ? [] : [("Не указано", left)]
    }
}

extension SampleCheck {
    /// Short Russian label for tables.
    public var label: String {
        switch status {
        case .sufficient: "достаточна"
        case .insufficient: "недостаточна (\(actual) из \(required ?? 0))"
        case .unknown: "не проверена"
        }
    }
}
