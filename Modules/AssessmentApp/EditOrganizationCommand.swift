import ArgumentParser
import AssessmentConfig
import AssessmentKernel
import AssessmentStorage
import Foundation

/// `registry edit`: corrects one institution's record without a file; an empty value clears an optional field.
struct EditOrganization: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Исправить сведения об учреждении: указанные поля меняются, пустое значение (\"\") очищает необязательное поле.",
        discussion: "Сфера не меняется: учреждение другой сферы заводят под новым кодом. Каждое изменение (было → стало) попадает в журнал.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Код учреждения.") var id: String
    @Option(help: "Полное наименование.") var name: String?
    @Option(name: .customLong("short-name"), help: "Краткое наименование.") var shortName: String?
    @Option(help: "Тип организации (из sector.yaml).") var type: String?
    @Option(help: "Вид организации (из sector.yaml).") var kind: String?
    @Option(help: "Учредитель.") var founder: String?
    @Option(help: "Код головного учреждения, если это филиал.") var parent: String?
    @Option(help: "Получателей услуг в год (база минимальной выборки).") var recipients: String?
    @Option(help: "ИНН (10 цифр, проверяется контрольная цифра).") var inn: String?
    @Option(help: "ОГРН (13 цифр, проверяется контрольная цифра).") var ogrn: String?
    @Option(help: "Адрес.") var address: String?
    @Option(help: "Сайт.") var website: String?
    @Option(help: "Руководитель.") var head: String?
    @Option(help: "Телефон.") var phone: String?
    @Option(help: "Электронная почта.") var email: String?
    @Option(help: "Причина исправления (попадает в журнал).") var reason: String?

    func run() throws {
        try runReportingErrors {
            let store = SQLiteRegistryStore(database: try database.open())
            guard var organization = try store.organization(OrganizationID(id)) else { throw StoreError.organizationNotFound(OrganizationID(id)) }
            func optional(_ value: String?) -> String?? { value.map { $0.isEmpty ? nil : $0 } }
            if let name {
                guard !name.isEmpty else { throw ValidationError("Полное наименование не может быть пустым.") }
                organization.name = name
            }
            if let value = optional(shortName) { organization.shortName = value }
            if let value = optional(type) { organization.type = value.map { InstitutionTypeID($0) } }
            if let value = optional(kind) { organization.kind = value.map { InstitutionKindID($0) } }
            if let value = optional(founder) { organization.founder = value }
            if let value = optional(parent) {
                guard value != id else { throw ValidationError("Учреждение не может быть филиалом самого себя.") }
                organization.parent = value.map { OrganizationID($0) }
            }
            if let value = optional(recipients) {
                organization.recipients = try value.map { text in
                    guard let count = Int(text), count >= 0 else {
                        throw ValidationError("Получателей услуг «\(text)»: ожидалось целое число не меньше 0.")
                    }
                    return count
                }
            }
            if let value = optional(inn) {
                if let value, let problem = RegistryCodes.innProblem(value) { throw ValidationError("ИНН «\(value)»: \(problem.message).") }
                organization.inn = value
            }
            if let value = optional(ogrn) {
                if let value, let problem = RegistryCodes.ogrnProblem(value) { throw ValidationError("ОГРН «\(value)»: \(problem.message).") }
                organization.ogrn = value
            }
            if let value = optional(address) { organization.address = value }
            if let value = optional(website) { organization.website = value }
            if let value = optional(head) { organization.head = value }
            if let value = optional(phone) { organization.phone = value }
            if let value = optional(email) { organization.email = value }
            _ = try RegistryValidation.sectors(of: [organization], config: try config.environment().config)
            let before = try store.auditLog(limit: 1).first?.id
            try store.update(organization, actor: database.resolvedActor, reason: reason)
            guard let entry = try store.auditLog(limit: 1).first, entry.id != before else {
                print("Учреждение \(id): изменений нет.")
                return
            }
            print("Учреждение \(id) исправлено: \(entry.details).")
        }
    }
}
