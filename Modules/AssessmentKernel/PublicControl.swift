/// A public-control visit by council members to an institution (Kilmez 2.3) and what they found.
public struct ControlVisit: Sendable, Equatable, Codable {
    public var id: Int?
    public var campaign: String
    public var organization: OrganizationID
    public var visitedOn: Day
    /// Who visited: «Петров И. И., Сидорова А. В.».
    public var members: String
    public var findings: String
    /// Act or protocol of the visit, if drawn up.
    public var document: String?

    public init(id: Int? = nil, campaign: String, organization: OrganizationID, visitedOn: Day, members: String, findings: String,
                document: String? = nil) {
        self.id = id
        self.campaign = campaign
        self.organization = organization
        self.visitedOn = visitedOn
        self.members = members
        self.findings = findings
        self.document = document
    }
}

/// How an institution carried out last campaign's improvement plan, as of a day (Kilmez 2.5).
public struct PlanExecution: Sendable, Equatable, Codable {
    public enum Verdict: String, Sendable, Codable {
        case done, partly, notDone = "not_done", noPlan = "no_plan"

        public var title: String {
            switch self {
            case .done: "выполнен"
            case .partly: "выполнен частично"
            case .notDone: "не выполнен"
            case .noPlan: "плана нет"
            }
        }
    }

    public var organization: OrganizationID
    public var measures: Int
    public var doneOnTime: Int
    public var doneLate: Int
    /// Past their planned date and not reported done.
    public var overdue: Int
    /// Not done, not yet due.
    public var pending: Int

    public init(organization: OrganizationID, measures: [ImprovementMeasure], today: Day) {
        self.organization = organization
        self.measures = measures.count
        doneOnTime = measures.filter { measure in
            guard let actual = measure.actualOn else { return false }
            return measure.plannedOn.map { actual <= $0 } ?? true
        }.count
        doneLate = measures.filter { measure in
            guard let actual = measure.actualOn, let planned = measure.plannedOn else { return false }
            return actual > planned
        }.count
        overdue = measures.filter { $0.status(today: today) == .overdue }.count
        pending = measures.filter { $0.status(today: today) == .planned }.count
    }

    public init(organization: OrganizationID, measures: Int, doneOnTime: Int, doneLate: Int, overdue: Int, pending: Int) {
        self.organization = organization
        self.measures = measures
        self.doneOnTime = doneOnTime
        self.doneLate = doneLate
        self.overdue = overdue
        self.pending = pending
    }

    public var verdict: Verdict {
        let done = doneOnTime + doneLate
        if measures == 0 { return .noPlan }
        if done == measures { return .done }
        return done > 0 ? .partly : .notDone
    }

    /// One line per institution of the plan, in organisation order.
    public static func of(_ plan: [ImprovementMeasure], today: Day) -> [PlanExecution] {
        Dictionary(grouping: plan, by: \.organization)
            .sorted { $0.key < $1.key }
            .map { PlanExecution(organization: $0.key, measures: $0.value, today: today) }
    }
}

/// A council's check of last campaign's plans, recorded under this campaign.
public struct PlanCheck: Sendable, Equatable, Codable {
    public var campaign: String
    public var previousCampaign: String
    public var checkedOn: Day
    public var execution: [PlanExecution]

    public init(campaign: String, previousCampaign: String, checkedOn: Day, execution: [PlanExecution]) {
        self.campaign = campaign
        self.previousCampaign = previousCampaign
        self.checkedOn = checkedOn
        self.execution = execution
    }
}

/// Public control as a port: visits and the check of last year's plans.
public protocol PublicControlStore: Sendable {
    func addVisit(_ visit: ControlVisit, actor: String) throws -> Int
    func visits(campaign: String) throws -> [ControlVisit]
    /// Replaces the campaign's earlier check.
    func recordPlanCheck(_ check: PlanCheck, actor: String) throws
    func planCheck(campaign: String) throws -> PlanCheck?
}
