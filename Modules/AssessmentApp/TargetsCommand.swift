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
            let context = try StoredCampaignContext(config: config, database: database, campaign: campaign)
            let (environment, opened, stored) = (context.environment, context.database, context.campaign)
            let actual = try CampaignTargets.actuals(campaign: campaign, database: opened)
            let template = try (plan ?? stored.planTemplate).map { try CampaignTargets.template($0, environment: environment) }
            let targets = template?.targets ?? []
            if targets.isEmpty {
                print("У шаблона плана нет целевых показателей; фактические значения:")
                for id in TargetActuals.computable { print("  \(id): \(DecimalRounding.format(actual[id]))") }
                return
            }
            print("Целевые показатели (\(template!.title)), кампания \(stored.year):")
            for target in targets {
                let fact = actual[target.id.rawValue].map { CampaignTargets.format($0, target.unit) } ?? "не вычисляется"
                let plan = target.value(for: stored.year).map { CampaignTargets.format($0, target.unit) } ?? "на \(stored.year) год не задан"
                print("- \(target.title)\n  план: \(plan); факт: \(fact)")
            }
        }
    }
}
