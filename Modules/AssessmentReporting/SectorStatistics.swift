public import AssessmentKernel

/// A sector's mean and best per criterion, indicator and total, computed once for all its cards: a site of
/// 10 000 institution pages recomputed them per page (quadratic in the sector's size).
public struct SectorStatistics: Sendable {
    public struct Figure: Sendable {
        public var mean: Double?
        public var best: Double?
    }

    private var criteria: [CriterionID: Figure] = [:]
    private var indicators: [IndicatorID: Figure] = [:]
    public private(set) var total = Figure()

    /// Sums in the order of `scores`, as the per-card means did, so the figures are the same to the last bit.
    public init(_ scores: [OrganizationScore]) {
        var criterionValues: [CriterionID: [Double]] = [:]
        var indicatorValues: [IndicatorID: [Double]] = [:]
        var totals: [Double] = []
        for score in scores {
            for criterion in score.criteria { if let value = criterion.value { criterionValues[criterion.id, default: []].append(value) } }
            for indicator in score.indicators { if let value = indicator.value { indicatorValues[indicator.id, default: []].append(value) } }
            if let value = score.total { totals.append(value) }
        }
        criteria = criterionValues.mapValues(Self.figure)
        indicators = indicatorValues.mapValues(Self.figure)
        total = Self.figure(totals)
    }

    public func criterion(_ id: CriterionID) -> Figure { criteria[id] ?? Figure() }
    public func indicator(_ id: IndicatorID) -> Figure { indicators[id] ?? Figure() }

    private static func figure(_ values: [Double]) -> Figure {
        guard !values.isEmpty else { return Figure() }
        return Figure(mean: values.reduce(0, +) / Double(values.count), best: values.max())
    }
}
