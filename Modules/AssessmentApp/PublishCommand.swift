import ArgumentParser
import AssessmentConfig
import AssessmentKernel
import AssessmentReporting
import AssessmentSpreadsheet
import Foundation

/// `nok-report publish`: everything a campaign publishes, from one scoring of it — rankings in Markdown, CSV,
/// HTML and XLSX, the public site and the bus.gov.ru export (and the JSON rankings on request).
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Всё для публикации кампании за один расчёт: рейтинги (Markdown, CSV, HTML, XLSX), сайт, выгрузка для bus.gov.ru.",
        discussion: """
        В папку --output записываются: rankings.md, rankings.csv, rankings.html, rankings.xlsx, \
        busgov.xml, busgov.csv и папка site/ (сайт с версией для слабовидящих). С --json — ещё rankings.json \
        со всеми объяснениями (для 10 000 организаций это самый долгий файл). Кампания рассчитывается один раз; \
        то же самое дают отдельные команды rankings, site и busgov, байт в байт.
        """)

    @OptionGroup var config: ConfigOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var comparison: ComparisonOptions

    @Option(name: .customLong("output"), help: "Папка для файлов публикации (создаётся; файлы с теми же именами перезаписываются).")
    var output: String

    @Flag(help: "Записать и rankings.json со всеми объяснениями каждого числа.")
    var json = false

    func run() throws {
        try runReportingErrors {
            let folder = URL(fileURLWithPath: output)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let inputs = try ReportInputs.load(config: config, data: data, comparison: comparison)
            let environment = inputs.environment
            let region = environment.config.region
            let sectors = environment.config.sectors
            let engine = try environment.engine(methodology: data.methodology.map { MethodologyID($0) })
            let scores = inputs.campaign.scores.filter { score in sectors.contains { $0.id == score.organization.sector } }
            let included = Set(scores.map(\.organization.id))
            var report = RankingReport(scores: scores, sectors: sectors, methodology: engine.methodology, region: region)
            report.previousTotals = inputs.previousTotals
            func file(_ name: String) -> String { folder.appendingPathComponent(name).path }

            // The workbook is one thread's work for seconds (zlib); it is written beside everything else, which
            // keeps the whole publication on both cores. Its error, if any, is reported after the rest.
            let workbook = ResultsWorkbook(
                regionName: region.name, sectors: sectors, methodology: engine.methodology, region: region, scores: scores,
                previousTotals: inputs.previousTotals, plan: inputs.plan.filter { included.contains($0.organization) }, today: inputs.today)
            let workbookURL = URL(fileURLWithPath: file("rankings.xlsx"))
            let spreadsheet = BackgroundJob { try workbook.write(to: workbookURL) }
            defer { try? spreadsheet.wait() }  // never leave while it still writes, even on an error below

            try emit(report.markdown(regionName: region.name), to: file("rankings.md"))
            try emit(report.csv(), to: file("rankings.csv"))
            let subtitle = inputs.title + (inputs.previousTitle.map { "; изменение — к кампании: \($0)" } ?? "")
            try withSink(file("rankings.html")) { try report.html(regionName: region.name, subtitle: subtitle, to: $0) }
            if json { try withSink(file("rankings.json")) { try ResultsDigest.write(scores, to: $0) } }

            let busGov = try BusGovInputs(inputs: inputs, methodology: data.methodology)
            try withSink(file("busgov.xml")) { try busGov.write(BusGovXMLWriter(), to: $0) }
            try withSink(file("busgov.csv")) { try busGov.write(BusGovCSVWriter(), to: $0) }

            let site = PublicSite(regionName: region.name, subtitle: inputs.title, report: report, sectors: sectors,
                                  scores: scores, plan: inputs.plan, today: inputs.today)
            let count = try site.write(to: folder.appendingPathComponent("site"))
            printError("Записано страниц сайта: \(count) в \(file("site")) (открывайте \(file("site"))/index.html).")
            try spreadsheet.wait()
            printError("Записано: \(file("rankings.xlsx"))")
        }
    }
}
