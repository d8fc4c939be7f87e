public import ArgumentParser
import AssessmentConfig
import AssessmentKernel
import Foundation

/// `nok-admin`: configuration now; registry, campaigns and council work come with storage.
public struct AdminCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "nok-admin",
        abstract: "OpenNOK: администрирование независимой оценки качества (НОК): конфигурация, база данных, реестр учреждений.",
        discussion: "Коды выхода: 0 — успех, 1 — ошибка в конфигурации или данных, 64 — неверные аргументы.",
        subcommands: [ConfigCommand.self, InitCommand.self, RegistryCommand.self, AuditLogCommand.self, CampaignCommand.self, ProgrammeCommand.self, ImportCommand.self, ResponsesCommand.self, SampleCommand.self, ScoreCommand.self, ApproveCommand.self, PlanCommand.self, CouncilCommand.self, VerifyCommand.self, BackupCommand.self, RestoreCommand.self])

    public init() {}
}

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Проверка и просмотр конфигурации (Configs/).",
        subcommands: [ValidateConfig.self, DumpConfig.self])
}

struct ValidateConfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Проверить все YAML-файлы конфигурации; вывести все ошибки с файлом, строкой и столбцом.")

    @OptionGroup var config: ConfigOptions

    func run() throws {
        try runReportingErrors {
            do {
                let environment = try config.environment()
                let bundle = environment.config
                let sectors = bundle.sectors.map { sector in
                    let plugin = environment.registry.plugin(for: sector.id) == nil ? "только YAML" : "плагин Swift"
                    return "  - \(sector.id) «\(sector.title)» (\(plugin)): вопросов \(sector.questions.count), чек-листов \(sector.checklists.count), показателей \(sector.indicators.count)"
                }
                print("Конфигурация в порядке: \(environment.configDirectory.path)")
                print("Регион: \(bundle.region.name); редакция методики по умолчанию: \(bundle.region.methodology)")
                print("Редакции методики: " + bundle.methodologies.map(\.id.rawValue).joined(separator: ", "))
                print("Сферы:")
                sectors.forEach { print($0) }
                let extras = bundle.region.extraCriteria.map { "\($0.id) «\($0.title)»" }
                print("Дополнительные критерии: " + (extras.isEmpty ? "нет" : extras.joined(separator: ", ")))
            } catch let errors as ConfigErrors {
                errors.diagnostics.forEach { printError($0.description) }
                printError("Найдено ошибок: \(errors.diagnostics.count).")
                throw ExitCode.failure
            }
        }
    }
}
