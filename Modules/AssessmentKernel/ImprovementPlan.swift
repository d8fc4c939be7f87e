/// One row of an institution's improvement plan (form of Постановление Правительства № 457):
/// shortcoming; measure; planned date; responsible (name, position); implemented measures; actual date.
public struct ImprovementMeasure: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        case planned
        case done
        case overdue

        public var title: String {
            switch self {
            case .planned: "в работе"
            case .done: "выполнено"
            case .overdue: "просрочено"
            }
        }
    }

    /// Assigned by the store.
    public var id: Int?
    public var organization: OrganizationID
    /// К1–К5, or an extra criterion's id.
    public var criterion: String
    /// `Shortcoming.key`: how the next campaign recognises the same shortcoming.
    public var shortcomingKey: String
    public var shortcoming: String
    public var measure: String
    public var plannedOn: Day?
    public var responsibleName: String?
    public var responsiblePosition: String?
    public var implemented: String?
    public var actualOn: Day?
    public var evidence: String?

    public init(id: Int? = nil, organization: OrganizationID, criterion: String, shortcomingKey: String, shortcoming: String,
                measure: String, plannedOn: Day? = nil, responsibleName: String? = nil, responsiblePosition: String? = nil,
                implemented: String? = nil, actualOn: Day? = nil, evidence: String? = nil) {
        self.id = id
        self.organization = organization
        self.criterion = criterion
        self.shortcomingKey = shortcomingKey
        self.shortcoming = shortcoming
        self.measure = measure
        self.plannedOn = plannedOn
        self.responsibleName = responsibleName
        self.responsiblePosition = responsiblePosition
        self.implemented = implemented
        self.actualOn = actualOn
        self.evidence = evidence
    }

    /// A draft row from a scored shortcoming, with its recommended measure; dates and people are left to the institution.
    public init(_ shortcoming: Shortcoming, organization: OrganizationID) {
        self.init(organization: organization, criterion: shortcoming.criterion?.rawValue ?? "", shortcomingKey: shortcoming.key,
                  shortcoming: shortcoming.text, measure: shortcoming.measure)
    }

    /// Status on `today` (passed in, never read from a clock).
    public func status(today: Day) -> Status {
        if actualOn != nil { return .done }
        if let plannedOn, plannedOn < today { return .overdue }
        return .planned
    }
}

/// Improvement plans as a port.
public protocol ImprovementPlanStore: Sendable {
    /// Adds or updates the rows of a plan file in one transaction (matched by organisation and shortcoming key).
    func importPlan(campaign: String, measures: [ImprovementMeasure], file: ImportedFile, actor: String) throws -> ImportReceipt
    func measures(campaign: String) throws -> [ImprovementMeasure]
    func completeMeasure(id: Int, on day: Day, implemented: String, evidence: String?, actor: String) throws
}
