/// A stage of a campaign's plan as stored: the template's words, snapshotted when the campaign was
/// created, plus what happened (completion day, evidence).
public struct CampaignStage: Sendable, Equatable, Codable {
    public var number: String
    public var title: String
    /// Russian titles of the executors, as the plan names them.
    public var executors: String
    public var result: String?
    /// The deadline as the plan writes it: «до 1 апреля», «май–октябрь», «1 раз в квартал».
    public var deadlineText: String
    /// Years written in the deadline move by this much (a template made for another year).
    public var yearShift: Int
    public var completedOn: Day?
    /// Document number and date, or a link.
    public var evidence: String?

    public init(number: String, title: String, executors: String, result: String?, deadlineText: String, yearShift: Int,
                completedOn: Day? = nil, evidence: String? = nil) {
        self.number = number
        self.title = title
        self.executors = executors
        self.result = result
        self.deadlineText = deadlineText
        self.yearShift = yearShift
        self.completedOn = completedOn
        self.evidence = evidence
    }

    /// The stage's dates in the campaign year, or why they cannot be given.
    public func resolution(year: Int) -> DeadlineResolution {
        Deadline.parse(deadlineText).shiftingYears(by: yearShift).resolution(year: year, eventDays: [:])
    }

    /// Status on `today` (always passed in, never read from a clock).
    public func progress(year: Int, today: Day, dueSoonWithin days: Int = 7) -> StageProgress {
        StageProgress.evaluate(window: resolution(year: year).window, completed: completedOn, today: today, dueSoonWithin: days)
    }

    /// Snapshots a template's stage for a campaign year.
    public static func from(_ stage: StageTemplate, of template: PlanTemplate, year: Int) -> CampaignStage {
        CampaignStage(
            number: stage.number, title: stage.title,
            executors: stage.executorText ?? stage.executors.map(\.title).joined(separator: ", "),
            result: stage.resultText ?? stage.result?.title, deadlineText: stage.deadlineText,
            yearShift: template.baseYear.map { year - $0 } ?? 0)
    }
}

/// The plan of a campaign as a port.
public protocol StageStore: Sendable {
    func setStages(campaign: String, template: String, stages: [CampaignStage], actor: String) throws
    func stages(campaign: String) throws -> [CampaignStage]
    func completeStage(campaign: String, number: String, on day: Day, evidence: String, actor: String) throws
}
