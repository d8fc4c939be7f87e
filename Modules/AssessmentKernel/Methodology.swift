/// One edition of the federal method (344н 2018, 344н as amended by 408н in 2024).
///
/// An edition is data, so a campaign keeps the edition it was scored under and recomputes the same.
public struct Methodology: Sendable, Equatable {
    public var id: MethodologyID
    public var title: String
    /// ISO dates, `YYYY-MM-DD`.
    public var validFrom: String
    public var validTo: String?
    public var criteria: [Criterion]

    public init(id: MethodologyID, title: String, validFrom: String, validTo: String? = nil, criteria: [Criterion]) {
        self.id = id
        self.title = title
        self.validFrom = validFrom
        self.validTo = validTo
        self.criteria = criteria
    }

    public func criterion(_ id: CriterionID) -> Criterion? { criteria.first { $0.id == id } }
}

public struct Criterion: Sendable, Equatable {
    public var id: CriterionID
    public var title: String

    public init(id: CriterionID, title: String) {
        self.id = id
        self.title = title
    }
}
