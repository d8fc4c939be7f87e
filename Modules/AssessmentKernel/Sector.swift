/// Everything the engine needs to know about one sector, validated and ready to score.
public struct SectorDefinition: Sendable, Equatable {
    public var id: SectorID
    public var title: String
    public var methodologies: [MethodologyID]
    public var legalBasis: [String]
    public var types: [InstitutionType]
    public var questions: [Question]
    public var checklists: [Checklist]
    public var indicators: [Indicator]
    public var criteria: [CriterionWeights]

    public init(
        id: SectorID, title: String, methodologies: [MethodologyID], legalBasis: [String] = [],
        types: [InstitutionType], questions: [Question], checklists: [Checklist],
        indicators: [Indicator], criteria: [CriterionWeights]
    ) {
        self.id = id
        self.title = title
        self.methodologies = methodologies
        self.legalBasis = legalBasis
        self.types = types
        self.questions = questions
        self.checklists = checklists
        self.indicators = indicators
        self.criteria = criteria
    }

    public func question(_ id: QuestionID) -> Question? { questions.first { $0.id == id } }
    public func checklist(_ id: ChecklistID) -> Checklist? { checklists.first { $0.id == id } }
    public func indicator(_ id: IndicatorID) -> Indicator? { indicators.first { $0.id == id } }
    public func type(_ id: InstitutionTypeID) -> InstitutionType? { types.first { $0.id == id } }

    /// Criteria applied to an institution of this type and kind (ст. 36.1: theatres get К1 and К3 only).
    public func appliedCriteria(type typeID: InstitutionTypeID?, kind kindID: InstitutionKindID?) -> [CriterionID]? {
        guard let typeID, let type = type(typeID) else { return nil }
        if let kindID, let kind = type.kinds.first(where: { $0.id == kindID }), let criteria = kind.criteria {
            return criteria
        }
        return type.criteria
    }
}

public struct InstitutionType: Sendable, Equatable {
    public var id: InstitutionTypeID
    public var title: String
    /// Criteria applied; nil means all criteria of the methodology.
    public var criteria: [CriterionID]?
    public var kinds: [InstitutionKind]

    public init(id: InstitutionTypeID, title: String, criteria: [CriterionID]? = nil, kinds: [InstitutionKind] = []) {
        self.id = id
        self.title = title
        self.criteria = criteria
        self.kinds = kinds
    }
}

public struct InstitutionKind: Sendable, Equatable {
    public var id: InstitutionKindID
    public var title: String
    public var criteria: [CriterionID]?

    public init(id: InstitutionKindID, title: String, criteria: [CriterionID]? = nil) {
        self.id = id
        self.title = title
        self.criteria = criteria
    }
}

public struct Indicator: Sendable, Equatable {
    public var id: IndicatorID
    public var title: String
    public var formula: Formula
    /// A survey indicator below the threshold becomes a shortcoming.
    public var shortcoming: ShortcomingRule?

    public init(id: IndicatorID, title: String, formula: Formula, shortcoming: ShortcomingRule? = nil) {
        self.id = id
        self.title = title
        self.formula = formula
        self.shortcoming = shortcoming
    }
}

public struct ShortcomingRule: Sendable, Equatable {
    public var below: Double
    public var text: String
    public var measure: String

    public init(below: Double, text: String, measure: String) {
        self.below = below
        self.text = text
        self.measure = measure
    }
}

/// A criterion of a sector: its indicators with their weights (sum 1), in report order.
public struct CriterionWeights: Sendable, Equatable {
    public var criterion: CriterionID
    public var weights: [IndicatorWeight]

    public init(criterion: CriterionID, weights: [IndicatorWeight]) {
        self.criterion = criterion
        self.weights = weights
    }
}

public struct IndicatorWeight: Sendable, Equatable {
    public var indicator: IndicatorID
    public var weight: Double

    public init(indicator: IndicatorID, weight: Double) {
        self.indicator = indicator
        self.weight = weight
    }
}
