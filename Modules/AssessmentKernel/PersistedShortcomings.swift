/// Shortcomings of this campaign that were already in last campaign's improvement plans: the
/// measure did not remove them. The council checks these (Kilmez 2.5).
public struct PersistedShortcoming: Sendable, Equatable, Codable {
    public var organization: OrganizationID
    public var shortcoming: String
    /// What was planned last time, and whether the institution reported it done.
    public var previousMeasure: ImprovementMeasure
}

public enum PersistedShortcomings {
    public static func find(current: [OrganizationScore], previousPlan: [ImprovementMeasure]) -> [PersistedShortcoming] {
        let planned = Dictionary(previousPlan.map { ("\($0.organization)\u{1F}\($0.shortcomingKey)", $0) }) { first, _ in first }
        return current.flatMap { score in
            score.shortcomings.compactMap { shortcoming in
                planned["\(score.organization.id)\u{1F}\(shortcoming.key)"].map {
                    PersistedShortcoming(organization: score.organization.id, shortcoming: shortcoming.text, previousMeasure: $0)
                }
            }
        }
    }
}
