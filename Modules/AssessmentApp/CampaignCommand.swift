import ArgumentParser
import AssessmentConfig
import AssessmentFiles
import AssessmentKernel
import AssessmentStorage
import Foundation

struct CampaignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign", abstract: "Кампании НОК: год оценки, сферы, редакция методики.",
        subcommands: [CreateCampaign.self, ListCampaigns.self])
}

struct CreateCampaign: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Создать кампанию.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании, например 2025.")
    var id: String

    @Option(help: "Год оценки.")
    var year: Int

    @Option(help: "Название (по умолчанию «Независимая оценка качества <год>»).")
    var title: String?

    @Option(parsing: .upToNextOption, help: "Сферы (id из Configs/sectors), например culture education.")
    var sectors: [String]

    @Option(help: "Редакция методики (по умолчанию из region.yaml).")
    var methodology: String?

    func run() throws {
        try runReportingErrors {
            let environment = try config.environment()
            let edition = methodology.map { MethodologyID($0) } ?? environment.config.region.methodology
            guard environment.config.methodology(edition) != nil else { throw AppError.unknownMethodology(edition.rawValue) }
            for sector in sectors {
                guard let definition = environment.config.sector(SectorID(sector)) else { throw AppError.unknownSector(sector) }
                guard definition.methodologies.contains(edition) else {
                    throw AppError.sectorNotForMethodology(sector: sector, methodology: edition.rawValue)
                }
            }
            let campaign = Campaign(id: id, title: title ?? "Независимая оценка качества \(year)", year: year,
                                    methodology: edition, sectors: sectors.map { SectorID($0) })
            try SQLiteCampaignStore(database: try database.open()).createCampaign(campaign, actor: database.resolvedActor)
            print("Кампания «\(campaign.title)» (\(id)) создана: сферы \(sectors.joined(separator: ", ")), методика \(edition).")
        }
    }
}

struct ListCampaigns: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Список кампаний.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Вывести в JSON.")
    var json = false

    func run() throws {
        try runReportingErrors {
            let campaigns = try SQLiteCampaignStore(database: try database.open()).campaigns()
            if json {
                print(try JSONOutput.encode(campaigns), terminator: "")
                return
            }
            for campaign in campaigns {
                let status = campaign.status == .approved ? "утверждена" : "открыта"
                print("\(campaign.id)\t\(campaign.year)\t\(campaign.title)\t\(campaign.sectors.map(\.rawValue).joined(separator: ", "))\t\(status)")
            }
        }
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Загрузить данные кампании: чек-листы и анкеты (все строки файла или ни одной).",
        subcommands: [ImportChecklists.self, ImportResponses.self])
}

/// What both data imports need: the campaign, its institutions from the registry, the sector configs.
struct CampaignImportContext {
    let environment: AppEnvironment
    let database: AppDatabase
    let campaign: Campaign
    let organizations: [Organization]
    let sectors: [SectorID: SectorDefinition]

    init(config: ConfigOptions, database options: DatabaseOptions, campaign id: String) throws {
        environment = try config.environment()
        database = try options.open()
        guard let campaign = try SQLiteCampaignStore(database: database).campaign(id) else { throw StoreError.campaignNotFound(id) }
        self.campaign = campaign
        organizations = try SQLiteRegistryStore(database: database).organizations(includeInactive: false)
            .filter { campaign.sectors.contains($0.sector) }
        sectors = try RegistryValidation.sectors(of: organizations, config: environment.config)
    }

    func importedFile(_ path: String, kind: String, rows: Int, format: String) throws -> ImportedFile {
        ImportedFile(kind: kind, path: path, sha256: try ContentHash.sha256(of: URL(fileURLWithPath: path)), rows: rows, format: format)
    }
}

func describe(_ receipt: ImportReceipt, what: String) -> String {
    receipt.alreadyImported
        ? "Этот файл уже загружался в кампанию (совпадает хеш содержимого): ничего не изменено."
        : "Загружено \(what): новых \(receipt.inserted), изменено \(receipt.updated), без изменений \(receipt.unchanged)."
}

struct ImportChecklists: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "checklists", abstract: "Загрузить результаты чек-листов (checklists.csv).")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    @Argument(help: "Файл чек-листов.")
    var file: String

    func run() throws {
        try runReportingErrors {
            let context = try CampaignImportContext(config: config, database: database, campaign: campaign)
            let (marks, format) = try ChecklistsFile.read(
                URL(fileURLWithPath: file), organizations: context.organizations,
                checklists: context.sectors.mapValues(context.environment.checklists(for:)))
            let rows = marks.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.count } }
            let receipt = try SQLiteCampaignStore(database: context.database).importChecklists(
                campaign: campaign, marks: marks, file: try context.importedFile(file, kind: "checklists", rows: rows, format: format.description),
                actor: database.resolvedActor)
            printError("Прочитано: \(file): \(format)")
            print(describe(receipt, what: "отметок"))
        }
    }
}

struct ImportResponses: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "responses", abstract: "Загрузить анкеты (responses.csv): веб, бумага, интервью, телефон.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    @Argument(help: "Файл анкет.")
    var file: String

    func run() throws {
        try runReportingErrors {
            let context = try CampaignImportContext(config: config, database: database, campaign: campaign)
            let questions = context.sectors.mapValues(context.environment.questions(for:))
            let sectorOf = Dictionary(context.organizations.map { ($0.id, $0.sector) }) { first, _ in first }
            let receipt = try SQLiteCampaignStore(database: context.database).importResponses(
                campaign: campaign, file: try context.importedFile(file, kind: "responses", rows: 0, format: ""),
                actor: database.resolvedActor
            ) { insert in
                let (format, _) = try ResponsesFile.visit(URL(fileURLWithPath: file), organizations: context.organizations, questions: questions) { row in
                    let asked = ResponseTallier.askedQuestions(row.answers, questions: questions[sectorOf[row.organization]!] ?? [])
                    try insert(StoredResponse(externalID: row.externalID, organization: row.organization, channel: row.channel,
                                              answers: row.answers, asked: asked))
                }
                printError("Прочитано: \(file): \(format)")
                return format.description
            }
            print(describe(receipt, what: "анкет"))
        }
    }
}
