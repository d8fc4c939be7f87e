public import ArgumentParser
import AssessmentConfig
import AssessmentKernel
import AssessmentReporting
import Foundation

/// `nok-report`: rankings and organisation cards from a campaign's files.
public struct ReportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "nok-report",
        abstract: "OpenNOK: рейтинги и карточки организаций по результатам НОК (344н).",
        discussion: "Коды выхода: 0 — успех, 1 — ошибка в конфигурации или данных, 64 — неверные аргументы.",
        subcommands: [RankingsCommand.self, CardCommand.self])

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

    @Option(help: "Формат: markdown, csv, json.")
    var format: OutputFormat = .markdown

    @Option(help: "Записать в файл вместо вывода на экран.")
    var output: String?

    func run() throws {
        try runReportingErrors {
            let environment = try config.environment()
            let campaign = try data.load(environment)
            campaign.formats.forEach { printError("Прочитано: \($0)") }
            var sectors = environment.config.sectors
            if let sector {
                guard let definition = environment.config.sector(SectorID(sector)) else { throw AppError.unknownSector(sector) }
                sectors = [definition]
            }
            let scores = campaign.scores.filter { score in sectors.contains { $0.id == score.organization.sector } }
            let engine = try environment.engine(methodology: data.methodology.map { MethodologyID($0) })
            let report = RankingReport(scores: scores, sectors: sectors, methodology: engine.methodology,
                                       region: environment.config.region, grouping: by)
            switch format {
            case .markdown: try emit(report.markdown(regionName: environment.config.region.name), to: output)
            case .csv: try emit(report.csv(), to: output)
            case .json: try emit(try JSONOutput.encode(scores), to: output)
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

    @Option(help: "Формат: markdown или json.")
    var format: OutputFormat = .markdown

    @Option(help: "Записать в файл вместо вывода на экран.")
    var output: String?

    func run() throws {
        try runReportingErrors {
            let environment = try config.environment()
            let campaign = try data.load(environment)
            guard let score = campaign.score(for: OrganizationID(org)) else {
                throw AppError.unknownOrganization(org)
            }
            let sector = environment.config.sector(score.organization.sector)!
            let card = OrganizationCard(
                score: score, sector: sector,
                sectorScores: campaign.scores.filter { $0.organization.sector == sector.id },
                suggestions: campaign.suggestions[score.organization.id] ?? [])
            switch format {
            case .markdown: try emit(card.markdown(), to: output)
            case .csv: throw ValidationError("Карточка выводится в формате markdown или json.")
            case .json: try emit(try JSONOutput.encode(score), to: output)
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
