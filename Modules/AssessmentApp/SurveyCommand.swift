public import ArgumentParser
import AssessmentConfig
import AssessmentKernel
import AssessmentStorage
import Foundation
import Hummingbird
import Logging
import SurveyServer
#if canImport(Glibc)
import Glibc
#endif

/// `nok-survey`: the public questionnaire and operators' entry, links with QR codes, operator accounts.
public struct SurveyCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "nok-survey",
        abstract: "OpenNOK: анкетирование получателей услуг — веб-анкета по ссылке и QR-коду, ввод бумажных анкет операторами.",
        discussion: "Коды выхода: 0 — успех, 1 — ошибка в конфигурации или данных, 64 — неверные аргументы.",
        subcommands: [ServeSurvey.self, LinkCommand.self, TicketsCommand.self, OperatorCommand.self])

    public init() {}
}

struct ServeSurvey: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Запустить сервер анкетирования (останавливается по SIGTERM/Ctrl+C, дописав начатые запросы).")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Адрес, на котором слушать (0.0.0.0 — все интерфейсы).")
    var host = "127.0.0.1"

    @Option(help: "Порт.")
    var port = 8080

    @Option(name: .customLong("public-url"), help: "Адрес сервера для QR-кодов и плакатов, например https://opros.example.ru.")
    var publicURL: String?

    @Option(name: .customLong("rate-limit"), help: "Отправок форм в минуту с одного адреса (0 — без ограничения).")
    var rateLimit = 20

    @Option(name: .customLong("retention-days"), help: "Сколько дней хранить хеш IP-адреса для контроля повторов.")
    var retentionDays = 30

    @Option(name: .customLong("session-hours"), help: "Сколько часов действует вход оператора.")
    var sessionHours = 8.0

    @Flag(name: .customLong("trust-proxy"), help: "Брать адрес клиента из X-Forwarded-For (только за своим обратным прокси).")
    var trustProxy = false

    @Flag(name: .customLong("secure-cookies"), help: "Ставить cookie с флагом Secure (сервер доступен по HTTPS).")
    var secureCookies = false

    @Option(name: .customLong("log-level"), help: "Уровень журнала: trace, debug, info, notice, warning, error, critical.")
    var logLevel = "info"

    func run() async throws {
        var logger = Logger(label: "nok-survey")
        guard let level = Logger.Level(rawValue: logLevel) else { throw ValidationError("Неизвестный уровень журнала «\(logLevel)».") }
        logger.logLevel = level
        let (store, settings) = try prepare()
        logger.info("nok-survey starting", metadata: ["database": .string(database.resolvedPath), "address": .string("\(host):\(port)")])
        let app = buildApplication(
            store: store, settings: settings,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "nok-survey"), logger: logger)
        // runService installs SIGTERM/SIGINT handlers: the server stops accepting, finishes open requests, then exits.
        try await app.runService()
    }

    /// Configs and database are checked before the port opens; a bad config stops here with every diagnostic.
    private func prepare() throws -> (SQLiteSurveyStore, SurveySettings) {
        do {
            let environment = try config.environment()
            let questionnaires = environment.config.sectors.map {
                SurveyQuestionnaire(sector: $0.id, title: $0.title, questions: environment.questions(for: $0))
            }
            let store = SQLiteSurveyStore(database: try database.open(writerCacheKiB: AppDatabase.serverWriterCacheKiB))
            let settings = SurveySettings(
                questionnaires: questionnaires, minimumSample: environment.config.region.policies.minimumSample, publicBaseURL: publicURL,
                postsPerMinute: rateLimit, clientHashRetention: TimeInterval(retentionDays) * 86_400,
                sessionLifetime: sessionHours * 3_600, trustForwardedFor: trustProxy, secureCookies: secureCookies)
            return (store, settings)
        } catch let error as any LocalizedError {
            printError(error.errorDescription ?? "\(error)")
            throw ExitCode.failure
        }
    }
}

struct LinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link", abstract: "Создать короткие ссылки на анкету для учреждений кампании и вывести их список.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    @Option(name: .customLong("org"), help: "Только для этих организаций (можно несколько раз); по умолчанию — для всех учреждений кампании.")
    var organizations: [String] = []

    @Flag(help: "Только вывести существующие ссылки.")
    var list = false

    @Flag(help: "Строгие ссылки: веб-анкета принимается только с одноразовым кодом с талона (см. nok-survey tickets). Уже созданные ссылки этих организаций тоже становятся строгими.")
    var strict = false

    @Flag(name: .customLong("not-strict"), help: "Снять требование талона с уже созданных ссылок этих организаций.")
    var notStrict = false

    @Option(name: .customLong("public-url"), help: "Адрес сервера для вывода полных ссылок, например https://opros.example.ru.")
    var publicURL: String?

    func validate() throws {
        if strict && notStrict { throw ValidationError("Укажите что-то одно: --strict или --not-strict.") }
        if list && (strict || notStrict) { throw ValidationError("--list только выводит ссылки: уберите --strict и --not-strict.") }
    }

    func run() throws {
        try runReportingErrors {
            let store = SQLiteSurveyStore(database: try database.open())
            let institutions = try store.institutions(campaign: campaign)
            if !list {
                let existing = Set(try store.links(campaign: campaign).map(\.organization))
                let wanted = organizations.isEmpty ? institutions.map(\.id) : organizations.map { OrganizationID($0) }
                var generator = SystemRandomNumberGenerator()
                var created = 0
                for id in wanted where !existing.contains(id) {
                    try store.createLink(SurveyLink(code: SurveyLink.randomCode(using: &generator), campaign: campaign, organization: id, strict: strict),
                                         actor: database.resolvedActor)
                    created += 1
                }
                printError("Создано ссылок: \(created).")
                if strict || notStrict {
                    let changed = try store.setStrict(strict, campaign: campaign, organizations: wanted.filter(existing.contains),
                                                      actor: database.resolvedActor)
                    printError(strict ? "Переведено на талоны ссылок, созданных раньше: \(changed)." : "Снято требование талона со ссылок: \(changed).")
                }
            }
            let names = Dictionary(institutions.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            let base = publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? ""
            for link in try store.links(campaign: campaign) {
                print("\(link.organization)\t\(names[link.organization] ?? "")\t\(base)/q/\(link.code)" + (link.strict ? "\tпо талонам" : ""))
            }
        }
    }
}

struct TicketsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickets", abstract: "Выпустить одноразовые коды для талонов или чеков строгой ссылки; коды выводятся по одному в строке.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    @Option(name: .customLong("org"), help: "Код организации.")
    var organization: String

    @Option(help: "Сколько кодов выпустить.")
    var count = 100

    func run() throws {
        try runReportingErrors {
            guard (1...100_000).contains(count) else { throw ValidationError("--count: от 1 до 100000.") }
            var generator = SystemRandomNumberGenerator()
            var codes: Set<String> = []
            while codes.count < count { codes.insert(SurveyLink.randomCode(length: 8, using: &generator)) }
            let sorted = codes.sorted()
            try SQLiteSurveyStore(database: try database.open())
                .issueTickets(campaign: campaign, organization: OrganizationID(organization), codes: sorted, actor: database.resolvedActor)
            // Printed with a dash for reading aloud; the form accepts it with or without.
            for code in sorted { print("\(code.prefix(4))-\(code.dropFirst(4))") }
            printError("Выпущено кодов: \(sorted.count).")
        }
    }
}

struct OperatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator", abstract: "Операторы ввода анкет.", subcommands: [AddOperator.self, ListOperators.self, DeactivateOperator.self, ActivateOperator.self])
}

struct AddOperator: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Добавить оператора; пароль читается со стандартного ввода (на терминале — без показа).")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Логин для входа.")
    var login: String

    @Option(help: "Фамилия и инициалы (для журнала и страниц).")
    var name: String

    func run() throws {
        try runReportingErrors {
            guard let password = Self.readPassword(), !password.isEmpty else {
                throw ValidationError("Пароль не введён: передайте его на стандартный ввод.")
            }
            guard let hash = OperatorPasswords.hash(password) else {
                throw ValidationError("Пароль слишком короткий: нужно не меньше \(OperatorPasswords.minimumLength) знаков.")
            }
            try SQLiteSurveyStore(database: try database.open())
                .addOperator(OperatorAccount(login: login, name: name, passwordHash: hash), actor: database.resolvedActor)
            print("Оператор «\(login)» добавлен.")
        }
    }

    static func readPassword() -> String? {
        #if canImport(Glibc)
        if isatty(0) == 1, let typed = getpass("Пароль: ") { return String(cString: typed) }
        #endif
        return readLine(strippingNewline: true)
    }
}

struct ListOperators: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Список операторов.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try runReportingErrors {
            for account in try SQLiteSurveyStore(database: try database.open()).operators() {
                print("\(account.login)\t\(account.name)\t\(account.active ? "активен" : "отключён")")
            }
        }
    }
}

/// A departed or compromised operator loses access at once; what they entered stays and keeps their login.
struct DeactivateOperator: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deactivate", abstract: "Отключить оператора: вход запрещается, открытые сессии завершаются; введённые им анкеты остаются.")

    @OptionGroup var account: OperatorSwitch

    func run() throws {
        try account.set(active: false, done: "отключён: войти больше нельзя, открытые сессии завершены")
    }
}

struct ActivateOperator: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activate", abstract: "Снова разрешить вход отключённому оператору (пароль прежний).")

    @OptionGroup var account: OperatorSwitch

    func run() throws {
        try account.set(active: true, done: "снова может входить")
    }
}

/// What `operator deactivate` and `operator activate` share: the database and the login.
struct OperatorSwitch: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Логин оператора.")
    var login: String

    func set(active: Bool, done: String) throws {
        try runReportingErrors {
            try SQLiteSurveyStore(database: try database.open()).setOperatorActive(login: login, active: active, actor: database.resolvedActor)
            print("Оператор «\(login)» \(done).")
        }
    }
}
