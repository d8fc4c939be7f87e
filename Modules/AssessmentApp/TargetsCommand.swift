import ArgumentParser
import AssessmentConfig
import AssessmentKernel
import AssessmentStorage
import Foundation

/// The programme's target indicators: planned (from the plan template) against actual (computed).
struct TargetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets", abstract: "Целевые показатели программы: план из шаблона и факт, вычисленный по данным кампании.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    @Option(help: "Шаблон с целевыми показателями (по умолчанию — шаблон плана кампании).")
    var plan: String?

    func run() throws {
        try runReportingErrors {
            let environment = try config.environment()
            let opened = try database.open()
            let store = SQLiteCampaignStore(database: opened)
            guard let stored = try store.campaign(campaign) else { throw StoreError.campaignNotFound(campaign) }
            let actual = TargetActuals.compute(
                try store.organizationData(campaign: campaign),
                councilMeetings: try SQLiteCouncilStore(database: opened).meetings(campaign: campaign).count)
            let templateID = plan ?? stored.planTemplate
            let template = try templateID.flatMap { id in
                try PlanTemplateLoader(directory: environment.configDirectory.appendingPathComponent("plans")).load()
                    .first { $0.id.rawValue == id }
            }
            let targets = template?.targets ?? []
            if targets.isEmpty {
                print("У шаблона плана нет целевых показателей; фактические значения:")
                for id in TargetActuals.computable { print("  \(id): \(DecimalRounding.format(actual[id]))") }
                return
            }
            print("Целевые показатели (\(template!.title)), кампания \(stored.year):")
            for target in targets {
                let planned = target.value(for: stored.year)
                let unit = target.unit == .percent ? " %" : ""
                let decimals = target.unit == .percent ? 2 : 0
                let fact = actual[target.id.rawValue].map { DecimalRounding.format($0, decimals: decimals) + unit } ?? "не вычисляется"
                let plan = planned.map { DecimalRounding.format($0, decimals: decimals) + unit } ?? "на \(stored.year) год не задан"
                print("- \(target.title)\n  план: \(plan); факт: \(fact)")
            }
        }
    }
}
