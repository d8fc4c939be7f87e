import ArgumentParser
import AssessmentKernel
import AssessmentStorage
import Foundation

/// Review of stored questionnaires: the flagged ones, and taking one out of the calculation (or back).
struct ResponsesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "responses", abstract: "Анкеты кампании: подозрительные, исключение из расчёта и возврат в расчёт.",
        subcommands: [FlaggedResponses.self, ExcludeResponses.self, RestoreResponses.self, ExcludedResponsesList.self])
}

/// The questionnaire numbers of a command: its arguments and the lines of `--file`.
struct ResponseNumbers: ParsableArguments {
    @Argument(help: "Номера анкет (столбец response_id файла или номер, выданный сервером опроса).")
    var numbers: [String] = []

    @Option(name: .customLong("file"), help: "Файл с номерами анкет, по одному в строке (пустые строки пропускаются).")
    var file: String?

    func all() throws -> [String] {
        var result = numbers
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("Не удалось прочитать файл номеров анкет «\(file)» (нужен текст UTF-8).")
            }
            result += text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        guard !result.isEmpty else { throw ValidationError("Укажите номера анкет: аргументами или файлом (--file).") }
        return result
    }
}

struct FlaggedResponses: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flagged", abstract: "Подозрительные анкеты сервера опроса (повтор из того же браузера или с того же адреса), ещё учитываемые в расчёте.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    @Flag(help: "Только номера, по одному в строке (для --file команды exclude).")
    var numbersOnly = false

    func run() throws {
        try runReportingErrors {
            let flagged = try SQLiteSurveyStore(database: try database.open()).flaggedSubmissions(campaign: campaign)
            if numbersOnly {
                print(flagged.map(\.externalID).joined(separator: "\n"))
                return
            }
            guard !flagged.isEmpty else {
                print("Кампания \(campaign): подозрительных анкет в расчёте нет.")
                return
            }
            let formatter = ISO8601DateFormatter()
            print("Кампания \(campaign): подозрительных анкет \(flagged.count) (сохранены и учитываются; исключить — nok-admin responses exclude).")
            for item in flagged {
                print("\(item.externalID)\t\(item.organization)\t\(item.channel.rawValue)\t\(formatter.string(from: item.receivedAt))\t\(item.reason)")
            }
        }
    }
}

/// What `exclude` and `restore` share: the campaign, the numbers and the reason; all numbers change or none.
struct ExclusionChange: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    @OptionGroup var responses: ResponseNumbers

    @Option(help: "Причина (в журнал и в список исключённых), например «повтор с того же адреса» или «исключена по ошибке».")
    var reason: String

    func validate() throws {
        if reason.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("Причина (--reason) не может быть пустой.") }
    }

    func run(exclude: Bool) throws {
        try runReportingErrors {
            let numbers = try responses.all()
            let store = SQLiteCampaignStore(database: try database.open())
            let changed = exclude
                ? try store.excludeResponses(campaign: campaign, externalIDs: numbers, reason: reason, actor: database.resolvedActor)
                : try store.restoreResponses(campaign: campaign, externalIDs: numbers, reason: reason, actor: database.resolvedActor)
            let rest = Set(numbers).count > changed ? (exclude ? " (остальные уже были исключены)" : " (остальные и так учитывались)") : ""
            print((exclude ? "Исключено из расчёта анкет: " : "Возвращено в расчёт анкет: ") + "\(changed)\(rest).")
            if changed > 0 { print("Пересчитайте результаты: nok-admin score --campaign \(campaign).") }
        }
    }
}

struct ExcludeResponses: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exclude", abstract: "Исключить анкеты из расчёта (анкета остаётся в базе с причиной; все номера или ни одного).")

    @OptionGroup var change: ExclusionChange

    func run() throws { try change.run(exclude: true) }
}

struct RestoreResponses: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Вернуть исключённые анкеты в расчёт (все номера или ни одного).")

    @OptionGroup var change: ExclusionChange

    func run() throws { try change.run(exclude: false) }
}

struct ExcludedResponsesList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "excluded", abstract: "Анкеты, исключённые из расчёта: кто, когда и почему.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    func run() throws {
        try runReportingErrors {
            let excluded = try SQLiteCampaignStore(database: try database.open()).excludedResponses(campaign: campaign)
            guard !excluded.isEmpty else {
                print("Кампания \(campaign): исключённых из расчёта анкет нет.")
                return
            }
            print("Кампания \(campaign): исключено из расчёта анкет \(excluded.count).")
            for item in excluded {
                print("\(item.externalID)\t\(item.organization)\t\(item.channel)\t\(item.excludedAt)\t\(item.actor)\t\(item.reason)")
            }
        }
    }
}
