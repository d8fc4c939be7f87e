public import AssessmentKernel
import Foundation

/// One scenario every `SurveyStore` must play the same way (in memory, SQLite, later PostgreSQL).
///
/// The store must hold an open campaign "2025" over culture with `library` and `museum` and nothing else.
/// `run` returns what happened, step by step, as text; the suites compare it with `expected`.
public enum SurveyStoreConformance {
    public static let library = Organization(id: "cul-01", name: "Центральная библиотека", shortName: "Библиотека", sector: "culture", recipients: 10)
    public static let museum = Organization(id: "cul-02", name: "Краеведческий музей", sector: "culture")
    public static let campaign = Campaign(id: "2025", title: "НОК 2025", year: 2025, methodology: "344n-2024", sectors: ["culture"])
    static let start = Date(timeIntervalSince1970: 1_760_000_000)

    public static func run(_ store: any SurveyStore) -> [String] {
        var log: [String] = []
        func step(_ name: String, _ body: () throws -> String) {
            do { log.append("\(name): \(try body())") } catch let error as any LocalizedError {
                log.append("\(name): отказ — \(error.errorDescription ?? "\(error)")")
            } catch {
                log.append("\(name): отказ — \(error)")
            }
        }
        func web(_ organization: Organization, cookie: String?, client: String?, ticket: String? = nil, at offset: TimeInterval = 0) -> SurveySubmission {
            SurveySubmission(campaign: "2025", organization: organization.id, channel: .web, answers: ["q1": "yes", "q2": "no"], asked: ["q1", "q2"],
                             clientHash: client, cookie: cookie, ticket: ticket, receivedAt: start + offset)
        }
        let hashA = String(repeating: "a", count: 64), hashB = String(repeating: "b", count: 64)

        step("институции") { try store.institutions(campaign: "2025").map(\.id.rawValue).joined(separator: ", ") }
        step("ссылка библиотеки") { try store.createLink(SurveyLink(code: "abcd2345", campaign: "2025", organization: library.id), actor: "тест"); return "создана" }
        step("строгая ссылка музея") { try store.createLink(SurveyLink(code: "efgh2345", campaign: "2025", organization: museum.id, strict: true), actor: "тест"); return "создана" }
        step("вторая ссылка библиотеки") { try store.createLink(SurveyLink(code: "mnpq2345", campaign: "2025", organization: library.id), actor: "тест"); return "создана" }
        step("неверный код") { try store.createLink(SurveyLink(code: "O0", campaign: "2025", organization: museum.id), actor: "тест"); return "создана" }
        step("ссылки") { try store.links(campaign: "2025").map { "\($0.code)→\($0.organization)\($0.strict ? " строгая" : "")" }.joined(separator: ", ") }
        step("переход по ссылке") {
            guard let target = try store.target(code: "abcd2345") else { return "нет" }
            return "\(target.organization.id) в \(target.campaign.id), приём \(target.acceptsAnswers ? "открыт" : "закрыт")"
        }
        step("неизвестный код") { try store.target(code: "zzzz2345") == nil ? "нет" : "есть" }
        step("талоны музея") { try store.issueTickets(campaign: "2025", organization: museum.id, codes: ["aaaa2345", "bbbb2345"], actor: "тест"); return "выпущены" }
        step("повторный талон") { try store.issueTickets(campaign: "2025", organization: museum.id, codes: ["aaaa2345"], actor: "тест"); return "выпущены" }
        step("анкета 1") { try store.submit(web(library, cookie: "c1", client: hashA)).suspicion ?? "чисто" }
        step("анкета 2, тот же браузер") { try store.submit(web(library, cookie: "c1", client: hashB, at: 40 * 86_400)).suspicion ?? "чисто" }
        step("анкета 3, тот же адрес") { try store.submit(web(library, cookie: "c2", client: hashA, at: 40 * 86_400)).suspicion ?? "чисто" }
        step("музей без талона") { try store.submit(web(museum, cookie: "c3", client: nil)).suspicion ?? "чисто" }
        step("музей с талоном") { try store.submit(web(museum, cookie: "c3", client: nil, ticket: "AAAA-2345")).suspicion ?? "чисто" }
        step("музей тот же талон") { try store.submit(web(museum, cookie: "c4", client: nil, ticket: "aaaa2345")).suspicion ?? "чисто" }
        step("оператор") {
            try store.addOperator(OperatorAccount(login: "ivanova", name: "Иванова А. А.", passwordHash: "$2b$04$x"), actor: "тест")
            return try store.operators().map(\.login).joined(separator: ", ")
        }
        step("тот же оператор") { try store.addOperator(OperatorAccount(login: "ivanova", name: "Другая", passwordHash: "y"), actor: "тест"); return "добавлен" }
        step("бумажная анкета") {
            try store.submit(SurveySubmission(campaign: "2025", organization: library.id, channel: .paper, answers: ["q1": "no"], asked: ["q1"],
                                              operatorLogin: "ivanova", receivedAt: start)).suspicion ?? "чисто"
        }
        step("ход опроса") {
            try store.progress(campaign: "2025", policy: MinimumSample()).map { line in
                let channels = SurveyChannel.allCases.compactMap { channel in line.byChannel[channel].map { "\(channel.rawValue) \($0)" } }
                return "\(line.organization.id): \(channels.joined(separator: ", ")); подозрительных \(line.suspicious); "
                    + "нужно \(line.sample.required.map(String.init) ?? "—"), получено \(line.sample.actual)"
            }.joined(separator: " | ")
        }
        step("на проверку") { try store.flaggedSubmissions(campaign: "2025").map { "\($0.organization) \($0.channel.rawValue)" }.joined(separator: ", ") }
        step("срок хранения хешей") { "стёрто \(try store.forgetClientHashes(receivedBefore: start + 30 * 86_400))" }
        step("сессия") {
            try store.startSession(tokenHash: "t1", session: OperatorSession(login: "ivanova", expiresAt: start + 3_600))
            let during = try store.session(tokenHash: "t1", now: start)?.login ?? "нет"
            let after = try store.session(tokenHash: "t1", now: start + 3_601)?.login ?? "нет"
            try store.endSession(tokenHash: "t1")
            let ended = try store.session(tokenHash: "t1", now: start)?.login ?? "нет"
            return "в срок \(during), после срока \(after), после выхода \(ended)"
        }
        step("отключение оператора") {
            try store.startSession(tokenHash: "t2", session: OperatorSession(login: "ivanova", expiresAt: start + 3_600))
            try store.setOperatorActive(login: "ivanova", active: false, actor: "тест")
            let session = try store.session(tokenHash: "t2", now: start)?.login ?? "нет"
            let active = try store.operatorAccount(login: "ivanova")?.active == true ? "активен" : "отключён"
            try store.setOperatorActive(login: "ivanova", active: true, actor: "тест")
            let old = try store.session(tokenHash: "t2", now: start)?.login ?? "нет"
            return "\(active), сессия \(session); снова включён, старая сессия \(old)"
        }
        step("отключение неизвестного") { try store.setOperatorActive(login: "petrov", active: false, actor: "тест"); return "отключён" }
        step("библиотека по талонам") { "изменено \(try store.setStrict(true, campaign: "2025", organizations: [library.id, museum.id], actor: "тест"))" }
        step("библиотека без талона") { try store.submit(web(library, cookie: "c5", client: nil, at: 41 * 86_400)).suspicion ?? "чисто" }
        step("библиотека с талоном музея") {
            try store.submit(web(library, cookie: "c5", client: nil, ticket: "bbbb2345", at: 41 * 86_400)).suspicion ?? "чисто"
        }
        step("все без талонов") { "изменено \(try store.setStrict(false, campaign: "2025", organizations: [library.id, museum.id], actor: "тест"))" }
        step("снова без талонов") { "изменено \(try store.setStrict(false, campaign: "2025", organizations: [library.id], actor: "тест"))" }
        step("ссылки в конце") { try store.links(campaign: "2025").map { "\($0.code)→\($0.organization)\($0.strict ? " строгая" : "")" }.joined(separator: ", ") }
        step("библиотека без талона снова") { try store.submit(web(library, cookie: "c5", client: nil, at: 41 * 86_400)).suspicion ?? "чисто" }
        return log
    }

    public static let expected = [
        "институции: cul-01, cul-02",
        "ссылка библиотеки: создана",
        "строгая ссылка музея: создана",
        "вторая ссылка библиотеки: отказ — У организации «cul-01» в кампании «2025» уже есть ссылка: /q/abcd2345.",
        "неверный код: отказ — Код ссылки «O0» не подходит: нужно 4–32 символа из строчных латинских букв и цифр без 0, 1, i, l, o.",
        "ссылки: abcd2345→cul-01, efgh2345→cul-02 строгая",
        "переход по ссылке: cul-01 в 2025, приём открыт",
        "неизвестный код: нет",
        "талоны музея: выпущены",
        "повторный талон: отказ — Код ссылки «aaaa2345» уже занят.",
        "анкета 1: чисто",
        "анкета 2, тот же браузер: повтор из того же браузера (cookie), ранее анкет: 1",
        "анкета 3, тот же адрес: повтор с того же адреса (хеш IP), ранее анкет: 1",
        "музей без талона: отказ — Введите код с талона: без него анкета этой организации не принимается.",
        "музей с талоном: чисто",
        "музей тот же талон: отказ — Код «aaaa2345» уже использован: каждый талон принимает одну анкету.",
        "оператор: ivanova",
        "тот же оператор: отказ — Оператор «ivanova» уже есть.",
        "бумажная анкета: чисто",
        "ход опроса: cul-01: web 3, paper 1; подозрительных 2; нужно 4, получено 4 | cul-02: web 1; подозрительных 0; нужно —, получено 1",
        "на проверку: cul-01 web, cul-01 web",
        "срок хранения хешей: стёрто 1",
        "сессия: в срок ivanova, после срока нет, после выхода нет",
        "отключение оператора: отключён, сессия нет; снова включён, старая сессия нет",
        "отключение неизвестного: отказ — Оператора «petrov» нет.",
        "библиотека по талонам: изменено 1",
        "библиотека без талона: отказ — Введите код с талона: без него анкета этой организации не принимается.",
        "библиотека с талоном музея: отказ — Кода «bbbb2345» нет среди выданных талонов этой организации: проверьте, как он набран.",
        "все без талонов: изменено 2",
        "снова без талонов: изменено 0",
        "ссылки в конце: abcd2345→cul-01, efgh2345→cul-02",
        "библиотека без талона снова: чисто",
    ]
}
