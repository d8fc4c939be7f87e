import ArgumentParser
import AssessmentConfig
import AssessmentFiles
import AssessmentKernel
import AssessmentStorage
import Foundation

struct CampaignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign", abstract: "Кампании НОК: год оценки, сферы, редакция методики.",
        subcommands: [CreateCampaign.self, ListCampaigns.self, InstitutionsCommand.self, ExtraCriteriaCommand.self, CampaignOperatorCommand.self,
                      TargetsCommand.self, StagesCommand.self, StageDoneCommand.self])
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

    @Option(help: "Шаблон плана из Configs/plans (kaspiysk, dalnegorsk, kilmez, zeya, amur): этапы со сроками и исполнителями.")
    var plan: String?

    @Option(name: .customLong("extra-criteria"), parsing: .upToNextOption,
            help: "Дополнительные критерии кампании (id из region.yaml); по умолчанию — все критерии региона.")
    var extraCriteria: [String] = []

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
            let template = try plan.map { planID in
                let templates = try PlanTemplateLoader(directory: environment.configDirectory.appendingPathComponent("plans")).load()
                guard let template = templates.first(where: { $0.id.rawValue == planID }) else {
                    throw ValidationError("Шаблона плана «\(planID)» нет в Configs/plans; есть: \(templates.map(\.id.rawValue).joined(separator: ", ")).")
                }
                return template
            }
            let campaign = Campaign(id: id, title: title ?? "Независимая оценка качества \(year)", year: year,
                                    methodology: edition, sectors: sectors.map { SectorID($0) },
                                    extraCriteria: extraCriteria.isEmpty ? nil : try ExtraCriteriaCommand.checked(extraCriteria, environment))
            let opened = try database.open()
            try SQLiteCampaignStore(database: opened).createCampaign(campaign, actor: database.resolvedActor)
            print("Кампания «\(campaign.title)» (\(id)) создана: сферы \(sectors.joined(separator: ", ")), методика \(edition).")
            if let template {
                try SQLiteStageStore(database: opened).setStages(
                    campaign: id, template: template.id.rawValue,
                    stages: template.stages.map { CampaignStage.from($0, of: template, year: year) }, actor: database.resolvedActor)
                print("План по шаблону «\(template.title)»: этапов \(template.stages.count). Сроки: nok-admin campaign stages --campaign \(id)")
            }
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

/// The options both data imports take.
struct CampaignImportOptions: ParsableArguments {
    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    @Argument(help: "Файл данных (CSV; форматы — в Modules/AssessmentFiles/README.md).")
    var file: String

    @Flag(name: .customLong("skip-invalid"),
          help: "Загрузить правильные строки, а строки с ошибками записать в файл отклонённых (--rejects) вместо отказа от всего файла.")
    var skipInvalid = false

    @Option(help: "Файл отклонённых строк для --skip-invalid (по умолчанию <файл>.отклонено.csv рядом с исходным).")
    var rejects: String?

    func validate() throws {
        if rejects != nil && !skipInvalid { throw ValidationError("--rejects имеет смысл только вместе с --skip-invalid.") }
    }

    /// Where rejected rows go: beside the data file unless said otherwise.
    var rejectsURL: URL {
        if let rejects { return URL(fileURLWithPath: rejects) }
        let url = URL(fileURLWithPath: file)
        return url.deletingPathExtension().appendingPathExtension("отклонено.csv")
    }
}

/// Rows left out under --skip-invalid: collected while reading, written and told about after the import.
final class RejectedRows {
    private(set) var rows: [RejectedRow] = []

    func add(_ row: RejectedRow) { rows.append(row) }

    /// Writes the rejects file and tells the user, or says that nothing was rejected.
    func report(to url: URL, remap: (DataFileError) -> DataFileError = { $0 }) throws {
        guard !rows.isEmpty else {
            printError("Отклонённых строк нет.")
            return
        }
        try RejectsFile.write(rows, to: url)
        let problems = remap(DataFileError(problems: rows.flatMap(\.problems)))
        problems.problems.prefix(20).forEach { printError("  \($0)") }
        if problems.problems.count > 20 { printError("  … и ещё \(problems.problems.count - 20)") }
        printError("Отклонено строк: \(rows.count); они записаны в \(url.path) (столбец «\(RejectsFile.problemsColumn)» — что исправить; "
                   + "исправленный файл загружается как есть).")
    }
}

/// What both data imports need: the campaign, its institutions from the registry, the sector configs.
struct CampaignImportContext {
    let environment: AppEnvironment
    let database: AppDatabase
    let campaign: Campaign
    let organizations: [Organization]
    let sectors: [SectorID: SectorDefinition]
    let path: String

    init(_ options: CampaignImportOptions) throws {
        let id = options.campaign
        path = options.file
        guard FileManager.default.fileExists(atPath: path) else { throw AppError.missingDataFile(path) }
        database = try options.database.open()
        guard let campaign = try SQLiteCampaignStore(database: database).campaign(id) else { throw StoreError.campaignNotFound(id) }
        environment = try options.config.environment().scoped(to: campaign)
        self.campaign = campaign
        let listed = Set(try SQLiteCampaignStore(database: database).institutions(campaign: id))
        organizations = try SQLiteRegistryStore(database: database).organizations(includeInactive: false)
            .filter { campaign.sectors.contains($0.sector) && (listed.isEmpty || listed.contains($0.id)) }
        sectors = try RegistryValidation.sectors(of: organizations, config: environment.config)
    }

    func importedFile(kind: String, rows: Int, format: String) throws -> ImportedFile {
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

    @OptionGroup var options: CampaignImportOptions

    func run() throws {
        try runReportingErrors {
            let context = try CampaignImportContext(options)
            let rejected = RejectedRows()
            let url = URL(fileURLWithPath: options.file)
            var progress = ProgressReporter(total: ProgressReporter.dataLines(in: url), what: "Отметок")
            let (marks, audits, format) = try ChecklistsFile.read(
                url, organizations: context.organizations,
                checklists: context.sectors.mapValues(context.environment.checklists(for:)),
                rejected: options.skipInvalid ? rejected.add : nil, progress: { progress.update($0) })
            progress.finish()
            let rows = marks.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.count } }
            let receipt = try SQLiteCampaignStore(database: context.database).importChecklists(
                campaign: options.campaign, marks: marks, audits: audits,
                file: try context.importedFile(kind: "checklists", rows: rows, format: format.description),
                actor: options.database.resolvedActor)
            printError("Прочитано: \(options.file): \(format)")
            print(describe(receipt, what: "отметок"))
            if options.skipInvalid { try rejected.report(to: options.rejectsURL) }
        }
    }
}

struct ImportResponses: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "responses",
        abstract: "Загрузить анкеты (responses.csv или выгрузку Яндекс/Google Форм с --mapping): веб, бумага, интервью, телефон.")

    @OptionGroup var options: CampaignImportOptions

    @Option(help: "Файл сопоставления столбцов выгрузки формы с вопросами анкеты (YAML; пример — в Configs/README.md).")
    var mapping: String?

    func run() throws {
        try runReportingErrors {
            let context = try CampaignImportContext(options)
            let questions = context.sectors.mapValues(context.environment.questions(for:))
            let original = URL(fileURLWithPath: options.file)
            let export = try mapping.map { path in
                try FormExport.convert(original, mapping: try FormMappingLoader(url: URL(fileURLWithPath: path)).load())
            }
            defer { if let export { try? FileManager.default.removeItem(at: export.converted) } }
            let url = export?.converted ?? original
            var progress = ProgressReporter(total: ProgressReporter.dataLines(in: url), what: "Анкет")
            defer { progress.finish() }
            let rejected = RejectedRows()
            do {
                let receipt = try SQLiteCampaignStore(database: context.database).importPackedResponses(
                    campaign: options.campaign, file: try context.importedFile(kind: "responses", rows: 0, format: ""),
                    actor: options.database.resolvedActor
                ) { sink in
                    // The store runs this on a thread of its own while it writes; this thread waits meanwhile.
                    let read = try ResponsesFile.visitPacked(
                        url, organizations: context.organizations, questions: questions,
                        rejected: options.skipInvalid ? rejected.add : nil, into: sink
                    ) { handed in progress.update(handed) }
                    let detected = export?.format ?? read.format
                    printError("Прочитано: \(options.file): \(detected)")
                    return PackedResponsesSummary(format: detected.description, counts: read.counts, respondents: read.respondents)
                }
                print(describe(receipt, what: "анкет"))
                if options.skipInvalid {
                    try rejected.report(to: options.rejectsURL) { export?.remap($0, to: options.file) ?? $0 }
                }
            } catch let error as DataFileError {
                // Problems of a converted export are said about the export's own lines.
                throw export?.remap(error, to: options.file) ?? error
            }
        }
    }
}

struct InstitutionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "institutions", abstract: "Перечень учреждений кампании, утверждённый советом (по умолчанию — все учреждения её сфер).")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    @Argument(help: "Коды учреждений; без кодов — показать текущий перечень.")
    var institutions: [String] = []

    @Flag(help: "Вернуть все учреждения сфер кампании.")
    var all = false

    @Flag(help: "Вывести перечень в JSON (пустой — все учреждения сфер).")
    var json = false

    func run() throws {
        try runReportingErrors {
            let store = SQLiteCampaignStore(database: try database.open())
            if all || !institutions.isEmpty {
                try store.setInstitutions(campaign: campaign, institutions: all ? [] : institutions.map { OrganizationID($0) },
                                          actor: database.resolvedActor)
            }
            let current = try store.institutions(campaign: campaign)
            if json {
                print(try JSONOutput.encode(current), terminator: "")
                return
            }
            print(current.isEmpty ? "Кампания \(campaign): все учреждения её сфер." :
                  "Кампания \(campaign): учреждений в перечне \(current.count): " + current.map(\.rawValue).joined(separator: ", "))
        }
    }
}
