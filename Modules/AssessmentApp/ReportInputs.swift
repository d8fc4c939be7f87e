import ArgumentParser
import AssessmentFiles
import AssessmentKernel
import AssessmentReporting
import AssessmentStorage
import Foundation

/// What the reports compare against and show beside the scores: the previous campaign, the improvement
/// plans, the day statuses are told on.
struct ComparisonOptions: ParsableArguments {
    @Option(name: .customLong("previous-campaign"), help: "Прошлая кампания из базы для столбца «Изменение» (по умолчанию — кампания предыдущего года, если есть).")
    var previousCampaign: String?

    @Option(name: .customLong("previous-data"), help: "Папка с файлами прошлой кампании (режим --data).")
    var previousData: String?

    @Option(name: .customLong("plan"), help: "Файл плана мероприятий (режим --data; в режиме --campaign план берётся из базы).")
    var planFile: String?

    @Option(help: "День, на который показываются статусы мероприятий и этапов, ГГГГ-ММ-ДД (по умолчанию сегодня).")
    var today: Day?
}

/// A campaign with everything the reports around it need, loaded once.
struct ReportInputs {
    var environment: AppEnvironment
    var campaign: ScoredCampaign
    /// The stored campaign (database mode only).
    var stored: Campaign?
    var previous: ScoredCampaign?
    var previousTitle: String?
    var plan: [ImprovementMeasure]
    var previousPlan: [ImprovementMeasure]
    var today: Day
    var database: AppDatabase?

    /// `explanations: false` scores the campaign without explanations, for reports that show only numbers; the
    /// previous campaign is always scored without them (only its totals and shortcomings are compared).
    static func load(config: ConfigOptions, data: DataOptions, comparison: ComparisonOptions,
                     explanations: Bool = true) throws -> ReportInputs {
        let (environment, campaign) = try data.load(config, explanations: explanations)
        let today = comparison.today ?? Day(Date())
        if let id = data.campaign {
            var options = DatabaseOptions()
            options.path = data.databasePath
            let database = try options.open()
            let store = SQLiteCampaignStore(database: database)
            let stored = try store.campaign(id)
            let previousStored: Campaign? = try comparison.previousCampaign.map { previousID in
                guard let found = try store.campaign(previousID) else { throw StoreError.campaignNotFound(previousID) }
                return found
            } ?? stored.flatMap { current in
                try store.campaigns().filter { $0.year < current.year }.max { ($0.year, $0.id) < ($1.year, $1.id) }
            }
            let plans = SQLiteImprovementPlanStore(database: database)
            var previous: ScoredCampaign?
            var previousPlan: [ImprovementMeasure] = []
            if let previousStored {
                // Only its totals and shortcomings are shown: never its explanations, which were most of its cost.
                previous = try ScoredCampaign.load(campaign: previousStored.id, store: store, environment: environment,
                                                   explanations: false)
                previousPlan = try plans.measures(campaign: previousStored.id)
            }
            return ReportInputs(
                environment: environment, campaign: campaign, stored: stored, previous: previous,
                previousTitle: previousStored.map { "\($0.title) (\($0.year))" }, plan: try plans.measures(campaign: id),
                previousPlan: previousPlan, today: today, database: database)
        }
        var previous: ScoredCampaign?
        if let directory = comparison.previousData {
            previous = try ScoredCampaign.load(from: URL(fileURLWithPath: directory), environment: environment,
                                               methodology: data.methodology.map { MethodologyID($0) }, explanations: false)
        }
        var plan: [ImprovementMeasure] = []
        if let file = comparison.planFile {
            plan = try ImprovementPlanFile.read(URL(fileURLWithPath: file), organizations: campaign.organizations.map(\.id)).measures
        }
        return ReportInputs(environment: environment, campaign: campaign, stored: nil, previous: previous,
                            previousTitle: comparison.previousData.map { "данные из \($0)" }, plan: plan, previousPlan: [],
                            today: today, database: nil)
    }

    /// Totals of the previous campaign by institution, nil without one.
    var previousTotals: [OrganizationID: Double]? {
        previous.map { previous in
            Dictionary(previous.scores.compactMap { score in score.total.map { (score.organization.id, $0) } }) { first, _ in first }
        }
    }

    /// «Кампания «…» (2025)» or the data folder, for report subtitles.
    var title: String {
        stored.map { "Кампания «\($0.title)», \($0.year) год" } ?? "Данные из файлов"
    }
}

/// Writes a report through a sink to --output or stdout.
func withSink(_ path: String?, _ body: (any ReportSink) throws -> Void) throws {
    let sink = try path.map { try FileSink(url: URL(fileURLWithPath: $0)) } ?? FileSink(handle: .standardOutput)
    try body(sink)
    try sink.finish()
    if let path { printError("Записано: \(path)") }
}
