/// Region-wide settings: policies, the default edition, extra criteria and an optional combined index.
public struct RegionSettings: Sendable, Equatable {
    public var name: String
    public var methodology: MethodologyID
    public var policies: ScoringPolicies
    public var extraCriteria: [ExtraCriterion]
    public var regionalIndex: RegionalIndex?

    public init(
        name: String, methodology: MethodologyID, policies: ScoringPolicies = .defaults,
        extraCriteria: [ExtraCriterion] = [], regionalIndex: RegionalIndex? = nil
    ) {
        self.name = name
        self.methodology = methodology
        self.policies = policies
        self.extraCriteria = extraCriteria
        self.regionalIndex = regionalIndex
    }
}

/// A criterion the administration adds (Kaspiysk step 3, Amur's assessment of heads).
///
/// Scored and reported beside the federal total, never mixed into it.
public struct ExtraCriterion: Sendable, Equatable {
    public var id: ExtraCriterionID
    public var title: String
    public var sectors: [SectorID]
    public var questions: [Question]
    public var checklists: [Checklist]
    public var indicators: [Indicator]
    public var weights: [IndicatorWeight]

    public init(
        id: ExtraCriterionID, title: String, sectors: [SectorID], questions: [Question] = [],
        checklists: [Checklist] = [], indicators: [Indicator], weights: [IndicatorWeight]
    ) {
        self.id = id
        self.title = title
        self.sectors = sectors
        self.questions = questions
        self.checklists = checklists
        self.indicators = indicators
        self.weights = weights
    }
}

/// A combined regional index: the federal total and extra criteria with explicit weights.
public struct RegionalIndex: Sendable, Equatable {
    public var title: String
    public var federalWeight: Double
    public var extraWeights: [ExtraWeight]

    public init(title: String, federalWeight: Double, extraWeights: [ExtraWeight]) {
        self.title = title
        self.federalWeight = federalWeight
        self.extraWeights = extraWeights
    }

    public struct ExtraWeight: Sendable, Equatable {
        public var criterion: ExtraCriterionID
        public var weight: Double

        public init(criterion: ExtraCriterionID, weight: Double) {
            self.criterion = criterion
            self.weight = weight
        }
    }
}
