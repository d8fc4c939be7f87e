/// How an indicator's 0–100 value is computed: the config language of methodology.md §3.
public indirect enum Formula: Sendable, Equatable {
    /// 100 × (answers in `positive`) / (respondents who answered and passed the filter).
    case share(question: QuestionID, positive: [String])
    /// `pointsPerItem` for every present item, capped at `cap`.
    case checklistPoints(checklist: ChecklistID, pointsPerItem: Double, cap: Double)
    /// 100 × mean over the lists of (present / applicable).
    case checklistRatio([ChecklistID])
    /// Mean over respondents of points read from a table by their answer.
    case lookup(question: QuestionID, table: [LookupRow])
    /// Plain mean of sub-measures.
    case mean([Formula])
    /// Weighted sum; weights add up to 1.
    case weightedSum([WeightedTerm])
    /// A kind supplied by a Swift sector plugin.
    case custom(kind: String, parameters: [String: String])

    /// Questions this formula reads.
    public var questions: [QuestionID] {
        switch self {
        case .share(let question, _), .lookup(let question, _): [question]
        case .checklistPoints, .checklistRatio, .custom: []
        case .mean(let parts): parts.flatMap(\.questions)
        case .weightedSum(let terms): terms.flatMap(\.formula.questions)
        }
    }

    /// Check-lists this formula reads.
    public var checklists: [ChecklistID] {
        switch self {
        case .checklistPoints(let checklist, _, _): [checklist]
        case .checklistRatio(let lists): lists
        case .share, .lookup, .custom: []
        case .mean(let parts): parts.flatMap(\.checklists)
        case .weightedSum(let terms): terms.flatMap(\.formula.checklists)
        }
    }
}

public struct WeightedTerm: Sendable, Equatable {
    public var weight: Double
    public var formula: Formula

    public init(weight: Double, formula: Formula) {
        self.weight = weight
        self.formula = formula
    }
}

/// One row of a lookup table: a numeric range [from, below) or a graded answer option.
public struct LookupRow: Sendable, Equatable {
    public var from: Double?
    public var below: Double?
    public var answer: String?
    public var points: Double

    public init(from: Double? = nil, below: Double? = nil, answer: String? = nil, points: Double) {
        self.from = from
        self.below = below
        self.answer = answer
        self.points = points
    }

    func matches(_ raw: String) -> Bool {
        if let answer { return raw == answer }
        guard let number = Double(raw) else { return false }
        if let from, number < from { return false }
        if let below, number >= below { return false }
        return true
    }
}
