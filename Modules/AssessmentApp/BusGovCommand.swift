import ArgumentParser
import AssessmentConfig
import AssessmentKernel
import AssessmentReporting
import Foundation

/// `nok-report busgov`: the results for upload to bus.gov.ru.
struct BusGovCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "busgov",
        abstract: "Выгрузка для bus.gov.ru: ИНН, ОГРН, наименование, значения критериев, итог, мероприятия планов (CSV или XML).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, xml
    }

    @OptionGroup var config: ConfigOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var comparison: ComparisonOptions

    @Option(help: "Формат: csv или xml.")
    var format: Format = .xml

    @Option(name: .customLong("output"), help: "Записать в файл вместо вывода на экран.")
    var output: String?

    func run() throws {
        try runReportingErrors {
            let inputs = try ReportInputs.load(config: config, data: data, comparison: comparison)
            let environment = inputs.environment
            let engine = try environment.engine(methodology: data.methodology.map { MethodologyID($0) })
            let order = Dictionary(environment.config.sectors.enumerated().map { ($1.id, $0) }) { first, _ in first }
            let scores = inputs.campaign.scores.sorted {
                (order[$0.organization.sector] ?? .max, $0.organization.id.rawValue) < (order[$1.organization.sector] ?? .max, $1.organization.id.rawValue)
            }
            let header = BusGovExport.Header(
                regionName: environment.config.region.name, campaign: inputs.stored.map { "\($0.id)" } ?? "",
                methodology: engine.methodology.id.rawValue, criteria: engine.methodology.criteria)
            let writer: any BusGovWriter = format == .csv ? BusGovCSVWriter() : BusGovXMLWriter()
            try withSink(output) { try BusGovExport.write(scores: scores, plan: inputs.plan, header: header, writer: writer, to: $0) }
        }
    }
}
