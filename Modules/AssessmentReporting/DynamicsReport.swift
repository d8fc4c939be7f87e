public import AssessmentKernel

/// Results across campaigns, oldest first: an institution's total and К1–К5, a sector's means, or the
/// municipality's mean per sector. A value is missing (nil) where the campaign did not assess it.
public struct DynamicsReport: Sendable {
    /// One campaign's ranked scores (branches folded in), with the label its column shows.
    public struct CampaignScores: Sendable {
        public var id: String
        /// «2025» or «НОК 2025 (2025)».
        public var label: String
        public var scores: [OrganizationScore]

        public init(id: String, label: String, scores: [OrganizationScore]) {
            self.id = id
            self.label = label
            self.scores = scores
        }
    }

    public enum Scope: Sendable, Equatable {
        case organization(OrganizationID)
        case sector(SectorID)
        case municipality
    }

    /// One line of the chart and one column of the table: a value per campaign.
    public struct Line: Sendable, Equatable {
        public var name: String
        public var values: [Double?]
    }

    public var scope: Scope
    public var title: String
    public var campaigns: [String]
    public var lines: [Line]
    /// Institutions behind each campaign's values (1 or 0 for an institution).
    public var counts: [Int]
    /// The first line's change against the campaign before, per campaign (nil for the first or a gap).
    public var changes: [Double?]

    public init(campaigns: [CampaignScores], scope: Scope, sectors: [SectorDefinition], criteria: [Criterion], decimals: Int) throws {
        self.scope = scope
        self.campaigns = campaigns.map(\.label)
        let criterionIDs = criteria.map(\.id)
        func mean(_ values: [Double]) -> Double? {
            values.isEmpty ? nil : DecimalRounding.round(values.reduce(0, +) / Double(values.count), decimals: decimals)
        }
        func criterionValue(_ score: OrganizationScore, _ id: CriterionID) -> Double? {
            score.criterion(id).flatMap { $0.applied ? $0.value : nil }
        }
        switch scope {
        case .organization(let id):
            let found = campaigns.map { campaign in campaign.scores.first { $0.organization.id == id } }
            guard let latest = found.last(where: { $0 != nil }) ?? nil else { throw ReportError.organizationNotAssessed(id.rawValue) }
            title = latest.organization.displayName
            lines = [Line(name: "Итог", values: found.map { $0?.total })]
                + criterionIDs.map { criterion in Line(name: criterion.rawValue, values: found.map { $0.flatMap { criterionValue($0, criterion) } }) }
            counts = found.map { $0 == nil ? 0 : 1 }
        case .sector(let id):
            guard let sector = sectors.first(where: { $0.id == id }) else { throw ReportError.unknownSector(id.rawValue) }
            title = sector.title
            let inSector = campaigns.map { $0.scores.filter { $0.organization.sector == id } }
            lines = [Line(name: "Средний итог", values: inSector.map { mean($0.compactMap(\.total)) })]
                + criterionIDs.map { criterion in
                    Line(name: "Среднее \(criterion.rawValue)", values: inSector.map { mean($0.compactMap { criterionValue($0, criterion) }) })
                }
            counts = inSector.map(\.count)
        case .municipality:
            title = "Средний итог по сферам"
            let present = sectors.filter { sector in campaigns.contains { $0.scores.contains { $0.organization.sector == sector.id } } }
            lines = [Line(name: "Все сферы", values: campaigns.map { mean($0.scores.compactMap(\.total)) })] + present.map { sector in
                Line(name: sector.title, values: campaigns.map { mean($0.scores.filter { $0.organization.sector == sector.id }.compactMap(\.total)) })
            }
            counts = campaigns.map(\.scores.count)
        }
        let first = lines.first?.values ?? []
        changes = first.indices.map { index in
            guard index > 0, let current = first[index], let previous = first[index - 1] else { return nil }
            return DecimalRounding.round(current - previous, decimals: decimals)
        }
    }
}
