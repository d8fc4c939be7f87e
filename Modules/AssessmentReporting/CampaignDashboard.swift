public import AssessmentKernel

/// Where a campaign stands on a day: its stages against their deadlines, council meetings, the target
/// indicators, the sample of every institution, overdue plan measures, public control.
public struct CampaignDashboard: Sendable {
    /// A stage of the campaign's plan with its dates resolved in the campaign year and its status on `today`.
    public struct StageLine: Sendable, Equatable, Encodable {
        public var stage: CampaignStage
        /// «01.04.2025–30.04.2025», periods joined by «; », or why the deadline has no dates.
        public var dates: String
        public var status: StageStatus
        public var dueSoon: Bool
        public var message: String

        public init(_ stage: CampaignStage, year: Int, today: Day, dueWithin days: Int = 7) {
            let progress = stage.progress(year: year, today: today, dueSoonWithin: days)
            self.stage = stage
            dates = Self.dates(stage, year: year)
            status = progress.status
            dueSoon = progress.isDueSoon && progress.status != .done
            message = progress.message
        }

        public static func dates(_ stage: CampaignStage, year: Int) -> String {
            let resolution = stage.resolution(year: year)
            return resolution.window.map { $0.periods.map { "\($0.start.russian)–\($0.end.russian)" }.joined(separator: "; ") }
                ?? (resolution.reason ?? "срок не определён")
        }

        /// «просрочен», «скоро срок», «выполнен», …
        public var mark: String {
            status == .overdue ? "просрочен" : dueSoon ? "скоро срок" : status.title
        }
    }

    /// A target indicator: planned for the campaign year (when a programme or the plan template sets it) and actual.
    public struct TargetLine: Sendable, Equatable {
        public var title: String
        public var percent: Bool
        public var planned: Double?
        public var actual: Double?

        public var met: Bool? { planned.flatMap { plan in actual.map { $0 >= plan } } }

        /// The template's targets with this year's plan; without targets, the ones the system computes.
        public static func lines(targets: [PlanTarget], actuals: [String: Double], year: Int) -> [TargetLine] {
            guard !targets.isEmpty else {
                return TargetActuals.computable.map { id in
                    TargetLine(title: computableTitles[id] ?? id, percent: id != "council_meetings", planned: nil, actual: actuals[id])
                }
            }
            return targets.map { target in
                TargetLine(title: target.title, percent: target.unit == .percent, planned: target.value(for: year), actual: actuals[target.id.rawValue])
            }
        }

        static let computableTitles = [
            "assessed_share": "Доля организаций, прошедших оценку",
            "questionnaire_on_website_share": "Доля организаций с анкетой на официальном сайте",
            "council_meetings": "Заседаний общественного совета",
        ]

        func format(_ value: Double?) -> String {
            guard let value else { return "—" }
            return DecimalRounding.format(value, decimals: percent ? 2 : 0) + (percent ? " %" : "")
        }
    }

    /// A plan measure past its date, with the institution's name.
    public struct OverdueMeasure: Sendable, Equatable {
        public var organization: String
        public var measure: ImprovementMeasure
    }

    public var campaign: Campaign
    public var today: Day
    public var stages: [StageLine]
    public var meetings: [CouncilMeeting]
    public var targets: [TargetLine]
    /// The programme the targets' plan comes from, if the campaign is in one.
    public var programme: String?
    public var samples: [SampleProgress]
    public var overdue: [OverdueMeasure]
    /// The campaign's plans as a whole: measures done on time, late, overdue, pending.
    public var planTotals: PlanExecution
    public var visits: [ControlVisit]
    public var planCheck: PlanCheck?
    /// Institution names by id, for visits and the plan check.
    public var names: [OrganizationID: String]

    public init(campaign: Campaign, today: Day, stages: [CampaignStage], meetings: [CouncilMeeting], targets: [TargetLine],
                programme: String?, samples: [SampleProgress], plan: [ImprovementMeasure], organizations: [Organization],
                visits: [ControlVisit], planCheck: PlanCheck?, dueWithin days: Int = 7) {
        self.campaign = campaign
        self.today = today
        self.stages = stages.map { StageLine($0, year: campaign.year, today: today, dueWithin: days) }
        self.meetings = meetings.sorted { $0.heldOn < $1.heldOn }
        self.targets = targets
        self.programme = programme
        self.samples = samples
        let names = Dictionary(organizations.map { ($0.id, $0.displayName) }) { first, _ in first }
        self.names = names
        overdue = plan.filter { $0.status(today: today) == .overdue }
            .sorted { ($0.plannedOn ?? today, $0.organization.rawValue) < ($1.plannedOn ?? today, $1.organization.rawValue) }
            .map { OverdueMeasure(organization: names[$0.organization] ?? $0.organization.rawValue, measure: $0) }
        planTotals = PlanExecutionReport.sum(PlanExecution.of(plan, today: today))
        self.visits = visits.sorted { ($0.visitedOn, $0.organization.rawValue) < ($1.visitedOn, $1.organization.rawValue) }
        self.planCheck = planCheck
    }

    public func name(_ id: OrganizationID) -> String { names[id] ?? id.rawValue }

    /// The headline numbers, as label and value.
    public var facts: [(String, String)] {
        let done = stages.filter { $0.status == .done }.count
        let overdueStages = stages.filter { $0.status == .overdue }.count
        let soon = stages.filter(\.dueSoon).count
        let short = samples.filter { $0.shortfall > 0 }.count
        let unknown = samples.filter { $0.required == nil }.count
        return [
            ("Этапов плана", "\(stages.count): выполнено \(done), просрочено \(overdueStages), скоро срок \(soon)"),
            ("Заседаний общественного совета", "\(meetings.count)"),
            ("Организаций в выборке", "\(samples.count): анкет недостаточно у \(short), минимум не задан у \(unknown)"),
            ("Анкет получено", "\(samples.map(\.received).reduce(0, +))"),
            ("Мероприятий планов", "\(planTotals.measures): выполнено \(planTotals.doneOnTime + planTotals.doneLate), просрочено \(planTotals.overdue)"),
            ("Посещений (общественный контроль)", "\(visits.count)"),
        ]
    }
}
