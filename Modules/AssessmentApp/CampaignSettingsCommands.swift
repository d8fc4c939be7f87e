import ArgumentParser
import AssessmentConfig
import AssessmentKernel
import AssessmentStorage
import Foundation

/// `campaign extra-criteria`: which of the region's extra criteria a campaign scores.
struct ExtraCriteriaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extra-criteria",
        abstract: "Дополнительные критерии кампании: показать, подключить (id из region.yaml), отключить все (--none) или вернуть критерии региона (--region).")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    @Argument(help: "Критерии, например heads.")
    var criteria: [String] = []

    @Flag(help: "Без дополнительных критериев.")
    var none = false

    @Flag(help: "Все дополнительные критерии региона (region.yaml).")
    var region = false

    /// The ids, each checked against region.yaml.
    static func checked(_ ids: [String], _ environment: AppEnvironment) throws -> [ExtraCriterionID] {
        let known = environment.config.region.extraCriteria.map(\.id.rawValue)
        for id in ids where !known.contains(id) {
            throw ValidationError("Дополнительного критерия «\(id)» нет в region.yaml; есть: \(known.isEmpty ? "нет ни одного" : known.joined(separator: ", ")).")
        }
        return ids.map { ExtraCriterionID($0) }
    }

    func run() throws {
        try runReportingErrors {
            guard [!criteria.isEmpty, none, region].filter({ $0 }).count <= 1 else {
                throw ValidationError("Укажите что-то одно: критерии, --none или --region.")
            }
            let environment = try config.environment()
            let store = SQLiteCampaignStore(database: try database.open())
            if !criteria.isEmpty || none || region {
                let chosen: [ExtraCriterionID]? = region ? nil : try Self.checked(criteria, environment)
                try store.setExtraCriteria(campaign: campaign, chosen, actor: database.resolvedActor)
            }
            guard let stored = try store.campaign(campaign) else { throw StoreError.campaignNotFound(campaign) }
            let attached = environment.config.region.extraCriteria
                .filter { criterion in stored.extraCriteria.map { $0.contains(criterion.id) } ?? true }
            let source = stored.extraCriteria == nil ? " (все критерии региона)" : ""
            print("Дополнительные критерии кампании \(campaign)\(source): "
                  + (attached.isEmpty ? "нет" : attached.map { "\($0.id) «\($0.title)»" }.joined(separator: ", ")))
        }
    }
}

/// `campaign operator`: the operator that collects the data and its terms of reference.
struct CampaignOperatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator", abstract: "Оператор кампании и его техническое задание: записать (--name …) или показать.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    @Option(help: "Наименование организации-оператора.")
    var name: String?

    @Option(help: "ИНН оператора (10 или 12 цифр).")
    var inn: String?

    @Option(help: "Контракт: «Муниципальный контракт № 15 от 10.04.2025».")
    var contract: String?

    @Option(help: "Техническое задание, утверждённое советом: документ и дата или ссылка.")
    var terms: String?

    @Flag(help: "Вывести в JSON.")
    var json = false

    func run() throws {
        try runReportingErrors {
            let store = SQLiteCampaignStore(database: try database.open())
            if let name {
                if let inn, let problem = RegistryCodes.innProblem(inn) {
                    throw ValidationError("ИНН оператора «\(inn)»: \(problem.message).")
                }
                try store.setOperator(campaign: campaign, CampaignOperator(name: name, inn: inn, contract: contract, termsOfReference: terms),
                                      actor: database.resolvedActor)
            } else if inn != nil || contract != nil || terms != nil {
                throw ValidationError("Укажите наименование оператора (--name) вместе с остальными сведениями.")
            }
            guard let saved = try store.campaignOperator(campaign: campaign) else {
                print("Оператор кампании \(campaign) не записан: nok-admin campaign operator --campaign \(campaign) --name «…» --terms «…»")
                return
            }
            if json {
                print(try JSONOutput.encode(saved), terminator: "")
                return
            }
            print("Оператор кампании \(campaign): \(saved.name)" + (saved.inn.map { ", ИНН \($0)" } ?? ""))
            if let contract = saved.contract { print("Контракт: \(contract)") }
            print("Техническое задание: \(saved.termsOfReference ?? "не указано")")
        }
    }
}
