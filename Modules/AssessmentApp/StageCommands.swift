public import ArgumentParser
public import AssessmentKernel
import AssessmentReporting
import AssessmentStorage
import Foundation

extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}

struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages", abstract: "План кампании: этапы, сроки в датах, статус на сегодня; просроченные и ближайшие.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    @Option(help: "На какую дату считать статус (ГГГГ-ММ-ДД; по умолчанию сегодня).")
    var today: Day?

    @Option(help: "Сколько дней до срока считать «скоро».")
    var dueWithin = 7

    @Flag(help: "Только просроченные и те, срок которых скоро.")
    var attention = false

    @Flag(help: "Вывести в JSON.")
    var json = false

    func run() throws {
        try runReportingErrors {
            let opened = try database.open()
            guard let stored = try SQLiteCampaignStore(database: opened).campaign(campaign) else { throw StoreError.campaignNotFound(campaign) }
            let day = today ?? Day(Date())
            var lines = try SQLiteStageStore(database: opened).stages(campaign: campaign).map { stage in
                CampaignDashboard.StageLine(stage, year: stored.year, today: day, dueWithin: dueWithin)
            }
            if attention { lines = lines.filter { $0.status == .overdue || ($0.dueSoon && $0.status != .done) } }
            if json {
                print(try JSONOutput.encode(lines), terminator: "")
                return
            }
            print("План кампании «\(stored.title)» на \(day.russian):")
            for line in lines {
                let mark = line.status == .overdue ? "ПРОСРОЧЕН" : (line.dueSoon && line.status != .done ? "СКОРО" : line.status.title)
                print("\(line.stage.number). \(line.stage.title)")
                print("   срок: «\(line.stage.deadlineText)» → \(line.dates); исполнитель: \(line.stage.executors)")
                print("   \(mark): \(line.message)" + (line.stage.evidence.map { " Подтверждение: \($0)." } ?? ""))
            }
            let overdue = lines.filter { $0.status == .overdue }.count
            print("Этапов: \(lines.count), просрочено: \(overdue).")
        }
    }
}

struct StageDoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "done", abstract: "Отметить этап выполненным с подтверждением (документ, ссылка).")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    @Option(help: "Номер этапа, как в плане.")
    var stage: String

    @Option(help: "Дата выполнения (ГГГГ-ММ-ДД).")
    var on: Day

    @Option(help: "Подтверждение: номер и дата документа или ссылка.")
    var evidence: String

    func run() throws {
        try runReportingErrors {
            try SQLiteStageStore(database: try database.open()).completeStage(
                campaign: campaign, number: stage, on: on, evidence: evidence, actor: database.resolvedActor)
            print("Этап № \(stage) отмечен выполненным \(on.russian).")
        }
    }
}
