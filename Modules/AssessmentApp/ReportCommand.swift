public import ArgumentParser
import AssessmentConfig
import AssessmentKernel
import AssessmentReporting
import AssessmentSpreadsheet
import AssessmentStorage
import Foundation

/// `nok-report`: rankings and organisation cards from a campaign's files.
public struct ReportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "nok-report",
        abstract: "OpenNOK: рейтинги и карточки организаций по результатам НОК (344н).",
        discussion: "Коды выхода: 0 — успех, 1 — ошибка в конфигурации или данных, 64 — неверные аргументы.",
        subcommands: [RankingsCommand.self, CardCommand.self, SiteCommand.self, PublishCommand.self, BusGovCommand.self, ShortcomingsCommand.self, PlanExecutionCommand.self,
                      DynamicsCommand.self, DashboardCommand.self, DocumentCommand.self])

    public init() {}
}

struct RankingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rankings", abstract: "Рейтинги по сферам, а внутри сферы — по типам, видам или учредителям.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var data: DataOptions

    @Option(help: "Группировка: sector, type, kind, founder.")
    var by: RankingReport.Grouping = .sector

    @Option(help: "Только эта сфера (id из Configs/sectors).")
    var sector: String?

    @OptionGroup var comparison: ComparisonOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try runReportingErrors {
            // Markdown and CSV show numbers only: their scores are computed without explanations (the text
            // of every explanation was most of their time and memory). JSON, HTML and XLSX keep them.
            let explanations = ![OutputFormat.markdown, .csv].contains(output.format)
            let inputs = try ReportInputs.load(config: config, data: data, comparison: comparison, explanations: explanations)
            let (environment, campaign) = (inputs.environment, inputs.campaign)
            var sectors = environment.config.sectors
            if let sector {
                guard let definition = environment.config.sector(SectorID(sector)) else { throw AppError.unknownSector(sector) }
                sectors = [definition]
            }
            let scores = campaign.scores.filter { score in sectors.contains { $0.id == score.organization.sector } }
            let engine = try environment.engine(methodology: data.methodology.map { MethodologyID($0) })
            var report = RankingReport(scores: scores, sectors: sectors, methodology: engine.methodology,
                                       region: environment.config.region, grouping: by)
            report.previousTotals = inputs.previousTotals
            switch output.format {
            case .markdown: try emit(report.markdown(regionName: environment.config.region.name), to: output.path)
            case .csv: try emit(report.csv(), to: output.path)
            case .json: try withSink(output.path) { try ResultsDigest.write(scores, to: $0) }
            case .html:
                let subtitle = inputs.title + (inputs.previousTitle.map { "; изменение — к кампании: \($0)" } ?? "")
                try withSink(output.path) { try report.html(regionName: environment.config.region.name, subtitle: subtitle, to: $0) }
            case .xlsx:
                guard let path = output.path else { throw ValidationError("Книга XLSX записывается только в файл: укажите --output файл.xlsx.") }
                try FileSink.checkFolder(of: URL(fileURLWithPath: path))
                let included = Set(scores.map(\.organization.id))
                try ResultsWorkbook(
                    regionName: environment.config.region.name, sectors: sectors, methodology: engine.methodology,
                    region: environment.config.region, scores: scores, previousTotals: inputs.previousTotals,
                    plan: inputs.plan.filter { included.contains($0.organization) },
                    today: inputs.today
                ).write(to: URL(fileURLWithPath: path))
                printError("Записано: \(path)")
            }
        }
    }
}

struct CardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "card", abstract: "Карточка организации: критерии, показатели, объяснение каждого числа, недостатки.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var data: DataOptions

    @Option(help: "Код организации (столбец id в organizations.csv).")
    var org: String

    @OptionGroup var comparison: ComparisonOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try runReportingErrors {
            let inputs = try ReportInputs.load(config: config, data: data, comparison: comparison)
            let (environment, campaign) = (inputs.environment, inputs.campaign)
            guard let score = campaign.score(for: OrganizationID(org)) else {
                throw AppError.unknownOrganization(org)
            }
            let sector = environment.config.sector(score.organization.sector)!
            let card = OrganizationCard(
                score: score, sector: sector,
                sectorScores: campaign.scores.filter { $0.organization.sector == sector.id },
                suggestions: campaign.suggestions[score.organization.id] ?? [],
                plan: inputs.plan.filter { $0.organization == score.organization.id }, today: inputs.today,
                audits: try inputs.database.map { database in
                    try SQLiteCampaignStore(database: database).checklistAudits(campaign: data.campaign!, organization: score.organization.id)
                } ?? [:],
                extraChecklists: environment.extraCriteria(for: sector.id).flatMap(\.checklists))
            switch output.format {
            case .markdown: try emit(card.markdown(), to: output.path)
            case .csv: throw ValidationError("Карточка выводится в формате markdown, json или html.")
            case .json: try emit(try JSONOutput.encode(score), to: output.path)
            case .html: try withSink(output.path) { try card.html(to: $0) }
            case .xlsx: throw ValidationError("Карточка выводится в формате markdown, json или html; книга XLSX — командой rankings.")
            }
        }
    }
}

extension RankingReport.Grouping: ExpressibleByArgument {}

enum JSONOutput {
    /// Sorted keys so the same campaign gives byte-identical output.
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
