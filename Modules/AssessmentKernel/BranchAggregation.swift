/// Policy `branches: mean_of_units`: an institution's value is the mean of its assessed units
/// (the head office and its branches), as operators do for networks of libraries or clubs.
public enum BranchAggregation {
    /// With `separate` the scores are returned as they are. With `mean_of_units` every institution that
    /// has branches gets the per-criterion mean of its units, and the branches leave the list.
    public static func apply(_ scores: [OrganizationScore], policies: ScoringPolicies) -> [OrganizationScore] {
        guard policies.branches == .meanOfUnits else { return scores }
        let branchesByParent = Dictionary(grouping: scores.filter { $0.organization.parent != nil }) { $0.organization.parent! }
        let ids = Set(scores.map(\.organization.id))
        return scores.compactMap { score -> OrganizationScore? in
            if let parent = score.organization.parent, ids.contains(parent) {
                return nil
            }
            guard let branches = branchesByParent[score.organization.id], !branches.isEmpty else { return score }
            return combine(head: score, units: [score] + branches, policies: policies)
        }
    }

    /// How many entries `apply` leaves for these units, without scoring them.
    public static func rankedCount(_ units: [Organization], policies: ScoringPolicies) -> Int {
        guard policies.branches == .meanOfUnits else { return units.count }
        let ids = Set(units.map(\.id))
        return units.filter { unit in unit.parent.map { !ids.contains($0) } ?? true }.count
    }

    static func combine(head: OrganizationScore, units: [OrganizationScore], policies: ScoringPolicies) -> OrganizationScore {
        func mean(_ values: [Double?]) -> Double? {
            let present = values.compactMap { $0 }
            guard !present.isEmpty else { return nil }
            return DecimalRounding.round(present.reduce(0, +) / Double(present.count), decimals: policies.decimals)
        }
        let names = units.map(\.organization.displayName).joined(separator: ", ")
        var result = head
        result.criteria = head.criteria.map { criterion in
            var combined = criterion
            guard criterion.applied else { return combined }
            let values = units.map { $0.criterion(criterion.id)?.value }
            combined.value = mean(values)
            combined.explanation = Explanation(
                subject: criterion.explanation.subject, value: combined.value,
                rule: "среднее по подразделениям (branches = mean_of_units): \(names)",
                children: units.compactMap { unit in unit.criterion(criterion.id).map {
                    var child = $0.explanation
                    child.subject = "\(unit.organization.displayName): \(child.subject)"
                    return child
                } })
            return combined
        }
        result.indicators = head.indicators.map { indicator in
            var combined = indicator
            combined.value = mean(units.map { $0.indicator(indicator.id)?.value })
            return combined
        }
        let counted = result.criteria.filter { $0.applied && $0.value != nil }
        result.total = counted.isEmpty ? nil
            : DecimalRounding.round(counted.compactMap(\.value).reduce(0, +) / Double(counted.count), decimals: policies.decimals)
        result.band = result.total.flatMap { policies.band(for: $0)?.title }
        result.totalExplanation = Explanation(
            subject: head.totalExplanation.subject, value: result.total,
            rule: "среднее применённых критериев; критерии — средние по подразделениям",
            children: counted.map(\.explanation))
        result.respondents = units.reduce(0) { $0 + $1.respondents }
        var seen: Set<String> = []
        result.shortcomings = units.flatMap(\.shortcomings).filter { seen.insert($0.key).inserted }
        result.flags = units.flatMap { unit in
            unit.flags.map { ScoreFlag(code: $0.code, message: "\(unit.organization.displayName): \($0.message)") }
        }
        return result
    }
}
