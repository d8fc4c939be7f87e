import ArgumentParser
import AssessmentConfig
import AssessmentKernel
import AssessmentStorage
import Foundation

/// `nok-admin programme`: a multi-year programme, its campaigns and its target indicators year by year.
struct ProgrammeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "programme",
        abstract: "Программа на несколько лет (например, Дальнегорск 2016–2018): кампании по годам и целевые показатели — план и факт.",
        subcommands: [CreateProgramme.self, AttachCampaign.self, ListProgrammes.self, ShowProgramme.self])
}

/// The actual values of a stored campaign's target indicators.
enum CampaignTargets {
    static func actuals(campaign: String, database: AppDatabase) throws -> [String: Double] {
        TargetActuals.compute(
            try SQLiteCampaignStore(database: database).organizationData(campaign: campaign),
            councilMeetings: try SQLiteCouncilStore(database: database).meetings(campaign: campaign).count)
    }

    static func template(_ id: String, environment: AppEnvironment) throws -> PlanTemplate {
        let templates = try PlanTemplateLoader(directory: environment.configDirectory.appendingPathComponent("plans")).load()
        guard let template = templates.first(where: { $0.id.rawValue == id }) else {
            throw ValidationError("Шаблона плана «\(id)» нет в Configs/plans; есть: \(templates.map(\.id.rawValue).joined(separator: ", ")).")
        }
        return template
    }

    static func format(_ value: Double?, _ unit: PlanTarget.Unit) -> String {
        guard let value else { return "—" }
        return DecimalRounding.format(value, decimals: unit == .percent ? 2 : 0) + (unit == .percent ? " %" : "")
    }
}

struct CreateProgramme: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Создать программу.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Код программы, например dalnegorsk-2016.") var id: String
    @Option(help: "Название программы.") var title: String
    @Option(help: "Шаблон плана с целевыми показателями (Configs/plans), например dalnegorsk.") var plan: String
    @Option(help: "Первый год.") var from: Int
    @Option(help: "Последний год.") var to: Int

    func run() throws {
        try runReportingErrors {
            let template = try CampaignTargets.template(plan, environment: try config.environment())
            guard to >= from else { throw ValidationError("Последний год (\(to)) раньше первого (\(from)).") }
            try SQLiteProgrammeStore(database: try database.open()).createProgramme(
                Programme(id: id, title: title, planTemplate: plan, firstYear: from, lastYear: to), actor: database.resolvedActor)
            print("Программа «\(title)» (\(id)) создана: \(from)–\(to), целевых показателей \(template.targets.count).")
        }
    }
}

struct AttachCampaign: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "attach", abstract: "Включить кампанию года в программу.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Код программы.") var programme: String
    @Option(help: "Код кампании.") var campaign: String

    func run() throws {
        try runReportingErrors {
            try SQLiteProgrammeStore(database: try database.open()).attach(campaign: campaign, to: programme, actor: database.resolvedActor)
            print("Кампания \(campaign) включена в программу \(programme).")
        }
    }
}

struct ListProgrammes: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Программы и их кампании.")

    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Вывести в JSON.") var json = false

    func run() throws {
        try runReportingErrors {
            let programmes = try SQLiteProgrammeStore(database: try database.open()).programmes()
            if json {
                print(try JSONOutput.encode(programmes), terminator: "")
                return
            }
            for programme in programmes {
                let campaigns = programme.campaigns.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
                print("\(programme.id)\t\(programme.title)\t\(programme.firstYear)–\(programme.lastYear)\t"
                      + (campaigns.isEmpty ? "кампаний нет" : campaigns.joined(separator: ", ")))
            }
        }
    }
}

struct ShowProgramme: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Целевые показатели программы по годам: план из шаблона и факт, вычисленный по кампании года.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Код программы.") var programme: String
    @Flag(help: "Вывести в JSON.") var json = false

    func run() throws {
        try runReportingErrors {
            let opened = try database.open()
            guard let stored = try SQLiteProgrammeStore(database: opened).programme(programme) else {
                throw StoreError.programmeNotFound(programme)
            }
            let template = try CampaignTargets.template(stored.planTemplate, environment: try config.environment())
            var actuals: [Int: [String: Double]] = [:]
            for (year, campaign) in stored.campaigns { actuals[year] = try CampaignTargets.actuals(campaign: campaign, database: opened) }
            let lines = TargetProgress.of(stored, targets: template.targets, actuals: actuals)
            if json {
                print(try JSONOutput.encode(lines), terminator: "")
                return
            }
            print("Программа «\(stored.title)» (\(stored.firstYear)–\(stored.lastYear)), показатели из шаблона «\(template.title)»:")
            for (line, target) in zip(lines, template.targets) {
                print("- \(line.title)")
                for cell in line.years {
                    let verdict = cell.met.map { $0 ? "выполнено" : "не выполнено" }
                        ?? (cell.campaign == nil ? "кампании года нет" : "план не задан или факт не вычисляется")
                    print("  \(cell.year): план \(CampaignTargets.format(cell.planned, target.unit)), "
                          + "факт \(CampaignTargets.format(cell.actual, target.unit)) — \(verdict)")
                }
            }
        }
    }
}
