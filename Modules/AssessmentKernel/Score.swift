/// The result for one organisation in one campaign, with an explanation of every number.
public struct OrganizationScore: Sendable, Equatable, Codable {
    public var organization: Organization
    public var methodology: MethodologyID
    public var respondents: Int
    public var sample: SampleCheck
    public var indicators: [IndicatorScore]
    public var criteria: [CriterionScore]
    /// Mean of the applied criteria; nil when no criterion has a value.
    public var total: Double?
    public var band: String?
    public var totalExplanation: Explanation
    /// Administration's criteria, reported beside the federal total.
    public var extra: [ExtraCriterionScore]
    public var regionalIndex: Double?
    public var shortcomings: [Shortcoming]
    public var flags: [ScoreFlag]

    public func criterion(_ id: CriterionID) -> CriterionScore? { criteria.first { $0.id == id } }
    public func indicator(_ id: IndicatorID) -> IndicatorScore? { indicators.first { $0.id == id } }
}

public struct IndicatorScore: Sendable, Equatable, Codable {
    public var id: IndicatorID
    public var title: String
    public var criterion: CriterionID
    public var value: Double?
    public var explanation: Explanation
}

public struct CriterionScore: Sendable, Equatable, Codable {
    public var id: CriterionID
    public var title: String
    /// False when the institution's kind is not assessed on this criterion (ст. 36.1).
    public var applied: Bool
    public var value: Double?
    public var explanation: Explanation
}

public struct ExtraCriterionScore: Sendable, Equatable, Codable {
    public var id: ExtraCriterionID
    public var title: String
    public var value: Double?
    public var indicators: [IndicatorScore]
    public var explanation: Explanation
}

public struct SampleCheck: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        case sufficient
        case insufficient
        /// The registry has no recipient count for the organisation.
        case unknown
    }

    public var required: Int?
    public var actual: Int
    public var status: Status

    public init(required: Int?, actual: Int, status: Status) {
        self.required = required
        self.actual = actual
        self.status = status
    }

    public var shortfall: Int { max((required ?? 0) - actual, 0) }
}

/// A shortcoming found by the scoring, with its standard wording and recommended measure.
public struct Shortcoming: Sendable, Equatable, Codable {
    public enum Source: String, Sendable, Codable {
        case checklistItem
        case surveyIndicator
    }

    public var source: Source
    public var criterion: CriterionID?
    public var indicator: IndicatorID?
    public var checklist: ChecklistID?
    public var item: ChecklistItemID?
    public var text: String
    public var measure: String
    /// The indicator value that fell below the threshold.
    public var value: Double?

    /// Stable key to compare shortcomings across campaigns.
    public var key: String {
        switch source {
        case .checklistItem: "item:\(checklist?.rawValue ?? "")/\(item?.rawValue ?? "")"
        case .surveyIndicator: "indicator:\(indicator?.rawValue ?? "")"
        }
    }
}

/// Something a report must show next to the numbers.
public struct ScoreFlag: Sendable, Equatable, Codable {
    public enum Code: String, Sendable, Codable {
        case zeroDenominator
        case insufficientSample
        case unknownSample
        case missingChecklist
        case criterionWithoutValue
        case extraWithoutValue
    }

    public var code: Code
    public var message: String
}
