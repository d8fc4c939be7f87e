public import ArgumentParser
import AssessmentConfig
import AssessmentFiles
import AssessmentStorage
import AssessmentKernel
import AssessmentReporting
import Foundation

/// Options every command shares.
public struct ConfigOptions: ParsableArguments {
    @Option(name: .customLong("config-dir"), help: "Папка конфигурации (по умолчанию Configs в текущей папке или выше, либо $OPENNOK_CONFIG_DIR).")
    public var configDirectory: String?

    @Option(name: .customLong("extra-sector-dir"), help: ArgumentHelp("Дополнительная папка сферы (только YAML); можно несколько раз.", visibility: .hidden))
    public var extraSectorDirectories: [String] = []

    public init() {}

    func environment() throws -> AppEnvironment {
        try AppEnvironment(
            configDirectory: ConfigDirectory.resolve(configDirectory),
            extraSectorDirectories: extraSectorDirectories.map { URL(fileURLWithPath: $0) })
    }
}

/// Where the campaign's CSV files are.
public struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "Папка с файлами organizations.csv, checklists.csv, responses.csv.")
    public var directory: String?

    @Option(help: "Файл организаций (вместо --data).")
    public var organizations: String?

    @Option(help: "Файл чек-листов (вместо --data).")
    public var checklists: String?

    @Option(help: "Файл ответов анкет (вместо --data).")
    public var responses: String?

    @Option(help: "Редакция методики, например 344n-2024 (по умолчанию из region.yaml; для кампании из базы — её редакция).")
    public var methodology: String?

    @Option(help: "Кампания из базы данных (вместо файлов).")
    public var campaign: String?

    @Option(name: .customLong("database"), help: "База данных SQLite для --campaign (по умолчанию opennok.sqlite или $OPENNOK_DATABASE).")
    public var databasePath: String?

    public init() {}

    public func validate() throws {
        if campaign == nil && directory == nil && (organizations == nil || checklists == nil || responses == nil) {
            throw ValidationError("Укажите кампанию из базы (--campaign), папку с данными (--data) или все три файла: --organizations, --checklists, --responses.")
        }
    }

    /// Loads the configs and the campaign files, and tells on stderr what was detected in each file.
    func load(_ config: ConfigOptions, explanations: Bool = true) throws -> (AppEnvironment, ScoredCampaign) {
        let environment = try config.environment()
        let campaign = try load(environment, explanations: explanations)
        campaign.formats.forEach { printError("Прочитано: \($0)") }
        return (environment, campaign)
    }

    func load(_ environment: AppEnvironment, explanations: Bool = true) throws -> ScoredCampaign {
        if let campaign {
            var database = DatabaseOptions()
            database.path = databasePath
            return try ScoredCampaign.load(campaign: campaign, store: SQLiteCampaignStore(database: try database.open()), environment: environment,
                                           explanations: explanations)
        }
        let base = directory.map { URL(fileURLWithPath: $0) }
        func file(_ explicit: String?, _ name: String) -> URL {
            explicit.map { URL(fileURLWithPath: $0) } ?? base!.appendingPathComponent(name)
        }
        return try ScoredCampaign.load(
            organizations: file(organizations, "organizations.csv"), checklists: file(checklists, "checklists.csv"),
            responses: file(responses, "responses.csv"), environment: environment,
            methodology: methodology.map { MethodologyID($0) }, explanations: explanations)
    }
}

/// Where and how a report is written.
public struct OutputOptions: ParsableArguments {
    @Option(help: "Формат: markdown, csv, json, html или xlsx (карточка — markdown, json или html; xlsx — только с --output).")
    public var format: OutputFormat = .markdown

    @Option(name: .customLong("output"), help: "Записать в файл вместо вывода на экран.")
    public var path: String?

    public init() {}
}

public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case markdown, csv, json, html, xlsx
}

/// Runs a command body; any error is printed in Russian to stderr and ends the program with code 1.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as any LocalizedError {
        printError(error.errorDescription ?? "\(error)")
        throw ExitCode.failure
    } catch {
        printError(BusyDatabase.message(for: error) ?? "\(error)")
        throw ExitCode.failure
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
}

/// Writes to stdout or to --output.
func emit(_ text: String, to path: String?) throws {
    guard let path else {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
    }
    try FileSink.checkFolder(of: URL(fileURLWithPath: path))
    try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    printError("Записано: \(path)")
}
