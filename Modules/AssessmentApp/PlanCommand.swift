import ArgumentParser
import AssessmentFiles
import AssessmentKernel
import AssessmentStorage
import Foundation

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Планы по устранению недостатков (форма Постановления № 457) и контроль их выполнения.",
        subcommands: [DraftPlan.self, ImportPlan.self, ListPlan.self, MeasureDone.self, PersistedCommand.self])
}

struct DraftPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft", abstract: "Заготовка плана из выявленных недостатков с рекомендуемыми мерами: учреждения заполняют сроки и ответственных.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    @Option(help: "Файл CSV для заполнения (по умолчанию — на экран).")
    var output: String?

    func run() throws {
        try runReportingErrors {
            let scored = try ScoredCampaign.load(
                campaign: campaign, store: SQLiteCampaignStore(database: try database.open()), environment: try config.environment())
            let measures = scored.unitScores.flatMap { score in
                score.shortcomings.map { ImprovementMeasure($0, organization: score.organization.id) }
            }
            try emit(ImprovementPlanFile.write(measures), to: output)
            printError("Мероприятий в заготовке: \(measures.count) по \(Set(measures.map(\.organization)).count) учреждениям.")
        }
    }
}

struct ImportPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Загрузить заполненные планы (все строки или ни одной; повторная загрузка того же файла ничего не меняет).")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    @Argument(help: "Файл плана (CSV, столбцы как в заготовке).")
    var file: String

    func run() throws {
        try runReportingErrors {
            let opened = try database.open()
            let url = URL(fileURLWithPath: file)
            let known = try SQLiteRegistryStore(database: opened).organizations(includeInactive: true).map(\.id)
            let (measures, format) = try ImprovementPlanFile.read(url, organizations: known)
            let receipt = try SQLiteImprovementPlanStore(database: opened).importPlan(
                campaign: campaign, measures: measures,
                file: ImportedFile(kind: "improvement-plan", path: file, sha256: try ContentHash.sha256(of: url), rows: measures.count,
                                   format: format.description),
                actor: database.resolvedActor)
            printError("Прочитано: \(file): \(format)")
            print(describe(receipt, what: "мероприятий"))
        }
    }
}

struct ListPlan: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Мероприятия планов со статусом на дату; просроченные.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    @Option(help: "На какую дату считать статус (ГГГГ-ММ-ДД; по умолчанию сегодня).")
    var today: Day?

    @Flag(help: "Только просроченные.")
    var overdue = false

    @Flag(help: "Вывести в JSON.")
    var json = false

    func run() throws {
        try runReportingErrors {
            let day = today ?? Day(Date())
            var measures = try SQLiteImprovementPlanStore(database: try database.open()).measures(campaign: campaign)
            if overdue { measures = measures.filter { $0.status(today: day) == .overdue } }
            if json {
                print(try JSONOutput.encode(measures), terminator: "")
                return
            }
            for measure in measures {
                let planned = measure.plannedOn.map { "срок \($0.russian)" } ?? "срок не указан"
                let responsible = [measure.responsibleName, measure.responsiblePosition].compactMap { $0 }.joined(separator: ", ")
                print("№ \(measure.id ?? 0)\t\(measure.organization)\t\(measure.status(today: day).title)\t\(planned)"
                      + (responsible.isEmpty ? "" : "\t\(responsible)") + "\t\(measure.measure)")
            }
            let late = measures.filter { $0.status(today: day) == .overdue }.count
            print("Мероприятий: \(measures.count), просрочено на \(day.russian): \(late).")
        }
    }
}

struct MeasureDone: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "done", abstract: "Отметить мероприятие выполненным.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Номер мероприятия (из plan list).")
    var id: Int

    @Option(help: "Дата выполнения (ГГГГ-ММ-ДД).")
    var on: Day

    @Option(help: "Что сделано (реализованные меры).")
    var implemented: String

    @Option(help: "Подтверждение: документ, ссылка, фото.")
    var evidence: String?

    func run() throws {
        try runReportingErrors {
            try SQLiteImprovementPlanStore(database: try database.open()).completeMeasure(
                id: id, on: on, implemented: implemented, evidence: evidence, actor: database.resolvedActor)
            print("Мероприятие № \(id) отмечено выполненным \(on.russian).")
        }
    }
}

struct PersistedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "persisted", abstract: "Недостатки, которые остались после плана прошлой кампании (для проверки советом).")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Текущая кампания.")
    var campaign: String

    @Option(help: "Прошлая кампания, чьи планы проверяются.")
    var previous: String

    @Flag(help: "Вывести в JSON.")
    var json = false

    func run() throws {
        try runReportingErrors {
            let opened = try database.open()
            let scored = try ScoredCampaign.load(campaign: campaign, store: SQLiteCampaignStore(database: opened), environment: try config.environment())
            let persisted = PersistedShortcomings.find(
                current: scored.unitScores, previousPlan: try SQLiteImprovementPlanStore(database: opened).measures(campaign: previous))
            if json {
                print(try JSONOutput.encode(persisted), terminator: "")
                return
            }
            for item in persisted {
                let state = item.previousMeasure.actualOn.map { "отмечено выполненным \($0.russian)" } ?? "не выполнено"
                print("\(item.organization)\t\(item.shortcoming)\n   мера \(previous): \(item.previousMeasure.measure) — \(state)")
            }
            print("Сохранившихся недостатков: \(persisted.count).")
        }
    }
}
