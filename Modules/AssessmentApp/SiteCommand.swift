import ArgumentParser
import AssessmentConfig
import AssessmentKernel
import AssessmentReporting
import Foundation

/// `nok-report site`: the static public site of a campaign's results.
struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Статический сайт с результатами: сводка, страница сферы, страница организации, планы; версия для слабовидящих.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var comparison: ComparisonOptions

    @Option(name: .customLong("output"), help: "Папка сайта (создаётся; файлы с теми же именами перезаписываются).")
    var output: String

    func run() throws {
        try runReportingErrors {
            let inputs = try ReportInputs.load(config: config, data: data, comparison: comparison)
            let environment = inputs.environment
            let engine = try environment.engine(methodology: data.methodology.map { MethodologyID($0) })
            var report = RankingReport(scores: inputs.campaign.scores, sectors: environment.config.sectors,
                                       methodology: engine.methodology, region: environment.config.region)
            report.previousTotals = inputs.previousTotals
            let site = PublicSite(
                regionName: environment.config.region.name, subtitle: inputs.title, report: report,
                sectors: environment.config.sectors, scores: inputs.campaign.scores, plan: inputs.plan, today: inputs.today)
            let count = try site.write(to: URL(fileURLWithPath: output))
            printError("Записано страниц: \(count) в \(output) (открывайте \(output)/index.html).")
        }
    }
}
