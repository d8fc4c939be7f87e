import ArgumentParser
import AssessmentConfig
import AssessmentKernel
import AssessmentReporting
import AssessmentStorage
import Foundation

/// `nok-report dashboard`: a stored campaign on a day — stages, council, targets, samples, plans, public control.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Ход кампании: этапы против сроков, заседания совета, целевые показатели, выборка, просроченные мероприятия, общественный контроль.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    @Option(help: "День, на который показывается состояние, ГГГГ-ММ-ДД (по умолчанию сегодня).")
    var today: Day?

    @Option(help: "Сколько дней до срока считать «скоро».")
    var dueWithin = 7

    @OptionGroup var output: OutputOptions

    func run() throws {
        try runReportingErrors {
            let context = try StoredCampaignContext(config: config, database: database, campaign: campaign)
            let (environment, opened, store, stored) = (context.environment, context.database, context.store, context.campaign)
            let scored = try ScoredCampaign.load(campaign: campaign, store: store, environment: environment)
            let meetings = try SQLiteCouncilStore(database: opened).meetings(campaign: campaign)
            let programme = try SQLiteProgrammeStore(database: opened).programmes().first { $0.campaigns.values.contains(campaign) }
            let templateID = programme?.planTemplate ?? stored.planTemplate
            let targets = try templateID.map { try CampaignTargets.template($0, environment: environment).targets } ?? []
            let actuals = try CampaignTargets.actuals(campaign: campaign, database: opened)
            let control = SQLitePublicControlStore(database: opened)
            let dashboard = CampaignDashboard(
                campaign: stored, today: today ?? Day(Date()), stages: try SQLiteStageStore(database: opened).stages(campaign: campaign),
                meetings: meetings, targets: CampaignDashboard.TargetLine.lines(targets: targets, actuals: actuals, year: stored.year),
                programme: programme?.title,
                samples: SampleProgress.lines(scored.unitScores, channels: try store.responsesByChannel(campaign: campaign)),
                plan: try SQLiteImprovementPlanStore(database: opened).measures(campaign: campaign), organizations: scored.organizations,
                visits: try control.visits(campaign: campaign), planCheck: try control.planCheck(campaign: campaign), dueWithin: dueWithin)
            switch output.format {
            case .markdown: try emit(dashboard.markdown(), to: output.path)
            case .html: try withSink(output.path) { try dashboard.html(to: $0) }
            case .csv, .json, .xlsx: throw ValidationError("Ход кампании выводится в формате markdown или html.")
            }
        }
    }
}
