/// The public council (общественный совет) that runs the assessment: members, meetings, decisions.
public struct CouncilMember: Sendable, Equatable, Codable {
    public var id: Int?
    public var name: String
    public var position: String?
    /// «председатель», «секретарь», «член совета».
    public var role: String

    public init(id: Int? = nil, name: String, position: String? = nil, role: String) {
        self.id = id
        self.name = name
        self.position = position
        self.role = role
    }
}

public struct CouncilMeeting: Sendable, Equatable, Codable {
    public var id: Int?
    public var campaign: String
    public var heldOn: Day
    public var agenda: String
    public var decisions: [CouncilDecision]

    public init(id: Int? = nil, campaign: String, heldOn: Day, agenda: String, decisions: [CouncilDecision] = []) {
        self.id = id
        self.campaign = campaign
        self.heldOn = heldOn
        self.agenda = agenda
        self.decisions = decisions
    }
}

/// What a council decision approved (the seeds' council work).
public struct CouncilDecision: Sendable, Equatable, Codable {
    public enum Subject: String, Sendable, Codable, CaseIterable {
        case institutions, plan, terms, extraCriteria = "extra_criteria", results, proposals, controlVisit = "control_visit",
             planCheck = "plan_check", other

        public var title: String {
            switch self {
            case .institutions: "перечень организаций"
            case .plan: "план работы"
            case .terms: "техническое задание оператору"
            case .extraCriteria: "дополнительные критерии"
            case .results: "результаты оценки"
            case .proposals: "предложения администрации"
            case .controlVisit: "общественный контроль (посещение)"
            case .planCheck: "проверка выполнения планов прошлого года"
            case .other: "иное"
            }
        }
    }

    public var subject: Subject
    public var text: String
    /// Document: «Протокол № 5 от 01.12.2025».
    public var document: String
    /// The plan stage this decision completes, if any.
    public var stage: String?

    public init(subject: Subject, text: String, document: String, stage: String? = nil) {
        self.subject = subject
        self.text = text
        self.document = document
        self.stage = stage
    }
}

/// The council as a port.
public protocol CouncilStore: Sendable {
    func addMember(_ member: CouncilMember, actor: String) throws -> Int
    func members() throws -> [CouncilMember]
    func addMeeting(_ meeting: CouncilMeeting, actor: String) throws -> Int
    /// A decision linked to a stage also marks that stage done on the meeting day, with the document as evidence.
    func addDecision(_ decision: CouncilDecision, meeting: Int, actor: String) throws
    func meetings(campaign: String) throws -> [CouncilMeeting]
}
