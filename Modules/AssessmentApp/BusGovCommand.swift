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
            let writer: any BusGovWriter = format == .csv ? BusGovCSVWriter() : BusGovXMLWriter()
            let export = try BusGovInputs(inputs: inputs, methodology: data.methodology)
            try withSink(output) { try export.write(writer, to: $0) }
        }
    }
}

/// The bus.gov.ru export's rows and header: institutions in config sector order, then by code.
struct BusGovInputs {
    var scores: [OrganizationScore]
    var plan: [ImprovementMeasure]
    var header: BusGovExport.Header

    init(inputs: ReportInputs, methodology: String?) throws {
        let environment = inputs.environment
        let engine = try environment.engine(methodology: methodology.map { MethodologyID($0) })
        let order = Dictionary(environment.config.sectors.enumerated().map { ($1.id, $0) }) { first, _ in first }
        scores = inputs.campaign.scores.sorted {
            (order[$0.organization.sector] ?? .max, $0.organization.id.rawValue) < (order[$1.organization.sector] ?? .max, $1.organization.id.rawValue)
        }
        plan = inputs.plan
        header = BusGovExport.Header(
            regionName: environment.config.region.name, campaign: inputs.stored.map { "\($0.id)" } ?? "",
            methodology: engine.methodology.id.rawValue, criteria: engine.methodology.criteria)
    }

    func write(_ writer: any BusGovWriter, to sink: any ReportSink) throws {
        try BusGovExport.write(scores: scores, plan: plan, header: header, writer: writer, to: sink)
    }
}
