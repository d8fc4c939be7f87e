public import ArgumentParser
public import AssessmentKernel
import AssessmentStorage
import Foundation

extension CouncilDecision.Subject: ExpressibleByArgument {}

struct CouncilCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "council", abstract: "Общественный совет: состав, заседания, решения (решение по этапу плана отмечает этап выполненным).",
        subcommands: [AddMember.self, ListMembers.self, AddMeeting.self, AddDecision.self, ListMeetings.self, AddVisit.self, ListVisits.self,
                      CheckPlans.self])
}

struct AddMember: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add-member", abstract: "Добавить члена совета.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "ФИО.") var name: String
    @Option(help: "Должность, организация.") var position: String?
    @Option(help: "Роль: председатель, секретарь, член совета.") var role = "член совета"

    func run() throws {
        try runReportingErrors {
            let id = try SQLiteCouncilStore(database: try database.open())
                .addMember(CouncilMember(name: name, position: position, role: role), actor: database.resolvedActor)
            print("Член совета № \(id) добавлен: \(name) (\(role)).")
        }
    }
}

struct ListMembers: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "members", abstract: "Состав совета.")

    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Вывести в JSON.") var json = false

    func run() throws {
        try runReportingErrors {
            let members = try SQLiteCouncilStore(database: try database.open()).members()
            if json {
                print(try JSONOutput.encode(members), terminator: "")
                return
            }
            for member in members {
                print("\(member.id ?? 0)\t\(member.name)\t\(member.role)" + (member.position.map { "\t\($0)" } ?? ""))
            }
        }
    }
}

struct AddMeeting: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add-meeting", abstract: "Записать заседание совета.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Код кампании.") var campaign: String
    @Option(help: "Дата заседания (ГГГГ-ММ-ДД).") var on: Day
    @Option(help: "Повестка.") var agenda: String

    func run() throws {
        try runReportingErrors {
            let id = try SQLiteCouncilStore(database: try database.open())
                .addMeeting(CouncilMeeting(campaign: campaign, heldOn: on, agenda: agenda), actor: database.resolvedActor)
            print("Заседание № \(id) от \(on.russian) записано.")
        }
    }
}

struct AddDecision: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add-decision", abstract: "Записать решение заседания.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Номер заседания (из add-meeting).") var meeting: Int
    @Option(help: "Что утверждено: \(CouncilDecision.Subject.allCases.map(\.rawValue).joined(separator: ", ")).")
    var subject: CouncilDecision.Subject
    @Option(help: "Текст решения.") var text: String
    @Option(help: "Документ: «Протокол № 5 от 01.12.2025».") var document: String
    @Option(help: "Номер этапа плана, который решение выполняет.") var stage: String?

    func run() throws {
        try runReportingErrors {
            try SQLiteCouncilStore(database: try database.open()).addDecision(
                CouncilDecision(subject: subject, text: text, document: document, stage: stage), meeting: meeting, actor: database.resolvedActor)
            print("Решение записано" + (stage.map { "; этап № \($0) отмечен выполненным" } ?? "") + ".")
        }
    }
}

struct ListMeetings: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "meetings", abstract: "Заседания кампании и их решения.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Код кампании.") var campaign: String
    @Flag(help: "Вывести в JSON.") var json = false

    func run() throws {
        try runReportingErrors {
            let meetings = try SQLiteCouncilStore(database: try database.open()).meetings(campaign: campaign)
            if json {
                print(try JSONOutput.encode(meetings), terminator: "")
                return
            }
            for meeting in meetings {
                print("Заседание № \(meeting.id ?? 0) от \(meeting.heldOn.russian): \(meeting.agenda)")
                for decision in meeting.decisions {
                    print("  — \(decision.subject.title): \(decision.text) (\(decision.document))" + (decision.stage.map { "; этап № \($0)" } ?? ""))
                }
            }
            print("Заседаний: \(meetings.count).")
        }
    }
}
