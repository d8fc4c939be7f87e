import ArgumentParser
import AssessmentKernel
import AssessmentStorage
import Foundation

/// `council visit`: a public-control visit to an institution and its findings (Kilmez 2.3).
struct AddVisit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "visit", abstract: "Записать посещение учреждения членами совета (общественный контроль) и его итоги.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Код кампании.") var campaign: String
    @Option(help: "Код учреждения из реестра.") var org: String
    @Option(help: "Дата посещения (ГГГГ-ММ-ДД).") var on: Day
    @Option(help: "Кто посетил: «Петров И. И., Сидорова А. В.».") var members: String
    @Option(help: "Что установлено.") var findings: String
    @Option(help: "Акт или протокол посещения.") var document: String?

    func run() throws {
        try runReportingErrors {
            let id = try SQLitePublicControlStore(database: try database.open()).addVisit(
                ControlVisit(campaign: campaign, organization: OrganizationID(org), visitedOn: on, members: members, findings: findings,
                             document: document),
                actor: database.resolvedActor)
            print("Посещение № \(id) записано: \(org), \(on.russian).")
        }
    }
}

struct ListVisits: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "visits", abstract: "Посещения учреждений членами совета в кампании.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Код кампании.") var campaign: String
    @Flag(help: "Вывести в JSON.") var json = false

    func run() throws {
        try runReportingErrors {
            let visits = try SQLitePublicControlStore(database: try database.open()).visits(campaign: campaign)
            if json {
                print(try JSONOutput.encode(visits), terminator: "")
                return
            }
            for visit in visits {
                print("№ \(visit.id ?? 0)\t\(visit.visitedOn.russian)\t\(visit.organization)\t\(visit.members)\t\(visit.findings)"
                      + (visit.document.map { "\t\($0)" } ?? ""))
            }
            print("Посещений: \(visits.count).")
        }
    }
}

/// `council check-plans`: how each institution carried out last campaign's improvement plan (Kilmez 2.5).
struct CheckPlans: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-plans",
        abstract: "Проверка выполнения планов по устранению недостатков прошлой кампании: по каждому учреждению — выполнено в срок, с опозданием, просрочено.",
        discussion: "С --record итог сохраняется при текущей кампании (заменяет прежнюю проверку).")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Код текущей кампании.") var campaign: String
    @Option(help: "Код прошлой кампании, чьи планы проверяются.") var previous: String
    @Option(help: "Дата проверки (ГГГГ-ММ-ДД; по умолчанию сегодня).") var today: Day?
    @Flag(help: "Сохранить итог проверки.") var record = false
    @Flag(help: "Вывести в JSON.") var json = false

    func run() throws {
        try runReportingErrors {
            let opened = try database.open()
            let campaigns = SQLiteCampaignStore(database: opened)
            for id in [campaign, previous] where try campaigns.campaign(id) == nil { throw StoreError.campaignNotFound(id) }
            let day = today ?? Day(Date())
            let execution = PlanExecution.of(try SQLiteImprovementPlanStore(database: opened).measures(campaign: previous), today: day)
            let check = PlanCheck(campaign: campaign, previousCampaign: previous, checkedOn: day, execution: execution)
            if record { try SQLitePublicControlStore(database: opened).recordPlanCheck(check, actor: database.resolvedActor) }
            if json {
                print(try JSONOutput.encode(check), terminator: "")
                return
            }
            guard !execution.isEmpty else {
                print("В кампании \(previous) планов по устранению недостатков нет: nok-admin plan import --campaign \(previous) …")
                return
            }
            print("Выполнение планов кампании \(previous) на \(day.russian):")
            for line in execution {
                print("\(line.organization)\t\(line.verdict.title)\tмероприятий \(line.measures): в срок \(line.doneOnTime), "
                      + "с опозданием \(line.doneLate), просрочено \(line.overdue), в работе \(line.pending)")
            }
            let done = execution.filter { $0.verdict == .done }.count
            print("Планы выполнены полностью: \(done) из \(execution.count)." + (record ? " Итог сохранён." : ""))
        }
    }
}
