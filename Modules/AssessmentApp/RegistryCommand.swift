import ArgumentParser
import AssessmentFiles
import AssessmentKernel
import AssessmentStorage
import Foundation

/// Where the database is and who makes the change.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database"), help: "Файл базы данных SQLite (по умолчанию opennok.sqlite в текущей папке или $OPENNOK_DATABASE).")
    var path: String?

    @Option(help: "Кто вносит изменение (для журнала; по умолчанию имя пользователя системы).")
    var actor: String?

    var resolvedPath: String {
        path ?? ProcessInfo.processInfo.environment["OPENNOK_DATABASE"].flatMap { $0.isEmpty ? nil : $0 } ?? "opennok.sqlite"
    }

    var resolvedActor: String {
        actor ?? ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "пользователь"
    }

    func open(writerCacheKiB: Int? = nil) throws -> AppDatabase { try AppDatabase(path: resolvedPath, writerCacheKiB: writerCacheKiB) }
}

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Создать базу данных (или обновить её схему) и показать применённые миграции.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try runReportingErrors {
            let opened = try database.open()
            print("База данных готова: \(database.resolvedPath)")
            print("Миграции: " + (try opened.appliedMigrations()).joined(separator: ", "))
        }
    }
}

struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry", abstract: "Реестр учреждений: импорт, список, карточка, вывод из реестра.",
        subcommands: [ImportRegistry.self, ListRegistry.self, ShowOrganization.self, EditOrganization.self, DeactivateOrganization.self])
}

struct ImportRegistry: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Загрузить учреждения из CSV (все строки или ни одной); повторная загрузка того же файла ничего не меняет.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Файл organizations.csv (столбцы — в Modules/AssessmentFiles/README.md).")
    var file: String

    func run() throws {
        try runReportingErrors {
            let environment = try config.environment()
            guard FileManager.default.fileExists(atPath: file) else { throw AppError.missingDataFile(file) }
            let url = URL(fileURLWithPath: file)
            let (organizations, format) = try OrganizationsFile.read(url)
            _ = try RegistryValidation.sectors(of: organizations, config: environment.config)
            let store = SQLiteRegistryStore(database: try database.open())
            let receipt = try store.importOrganizations(
                organizations,
                file: ImportedFile(kind: "organizations", path: file, sha256: try ContentHash.sha256(of: url),
                                   rows: organizations.count, format: format.description),
                actor: database.resolvedActor)
            printError("Прочитано: \(file): \(format)")
            if receipt.alreadyImported {
                print("Этот файл уже загружался (совпадает хеш содержимого): ничего не изменено.")
            } else {
                print("Загружено: новых \(receipt.inserted), обновлено \(receipt.updated), без изменений \(receipt.unchanged).")
            }
        }
    }
}

struct ListRegistry: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Список учреждений реестра.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Включая выведенные из реестра.")
    var all = false

    @Flag(help: "Вывести в JSON.")
    var json = false

    func run() throws {
        try runReportingErrors {
            let organizations = try SQLiteRegistryStore(database: try database.open()).organizations(includeInactive: all)
            if json {
                print(try JSONOutput.encode(organizations), terminator: "")
                return
            }
            for organization in organizations {
                let status = organization.active ? "" : " (выведена из реестра)"
                print("\(organization.id)\t\(organization.sector)\t\(organization.displayName)\(status)")
            }
            print("Всего: \(organizations.count)")
        }
    }
}

struct ShowOrganization: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Карточка учреждения в реестре.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Код учреждения.")
    var id: String

    @Flag(help: "Вывести в JSON.")
    var json = false

    func run() throws {
        try runReportingErrors {
            guard let organization = try SQLiteRegistryStore(database: try database.open()).organization(OrganizationID(id)) else {
                throw StoreError.organizationNotFound(OrganizationID(id))
            }
            if json {
                print(try JSONOutput.encode(organization), terminator: "")
                return
            }
            let fields: [(String, String?)] = [
                ("Код", organization.id.rawValue), ("Наименование", organization.name), ("Краткое", organization.shortName),
                ("Сфера", organization.sector.rawValue), ("Тип", organization.type?.rawValue), ("Вид", organization.kind?.rawValue),
                ("Учредитель", organization.founder), ("Головная организация", organization.parent?.rawValue),
                ("Получателей услуг в год", organization.recipients.map(String.init)), ("ИНН", organization.inn),
                ("ОГРН", organization.ogrn), ("Адрес", organization.address), ("Сайт", organization.website),
                ("Руководитель", organization.head), ("Телефон", organization.phone), ("Эл. почта", organization.email),
                ("В реестре", organization.active ? "да" : "выведена"),
            ]
            for (label, value) in fields { if let value { print("\(label): \(value)") } }
        }
    }
}

struct DeactivateOrganization: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deactivate", abstract: "Вывести учреждение из реестра (запись и результаты сохраняются).")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Код учреждения.")
    var id: String

    @Option(help: "Причина (попадает в журнал изменений).")
    var reason: String

    func run() throws {
        try runReportingErrors {
            try SQLiteRegistryStore(database: try database.open()).deactivate(OrganizationID(id), actor: database.resolvedActor, reason: reason)
            print("Учреждение \(id) выведено из реестра.")
        }
    }
}

struct AuditLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Журнал изменений: кто, когда, что, почему.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Сколько последних записей показать.")
    var limit = 50

    @Flag(help: "Вывести в JSON.")
    var json = false

    func run() throws {
        try runReportingErrors {
            let entries = try SQLiteRegistryStore(database: try database.open()).auditLog(limit: limit)
            if json {
                print(try JSONOutput.encode(entries), terminator: "")
                return
            }
            for entry in entries {
                print("\(entry.at)\t\(entry.actor)\t\(entry.action)\t\(entry.entity) \(entry.entityID)\t\(entry.details)" + (entry.reason.map { "\tпричина: \($0)" } ?? ""))
            }
        }
    }
}
