import AssessmentKernel
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import HummingbirdBcrypt

/// Operators: login, entry of paper forms, interviews and calls, and the live progress page.
extension SurveyServer {
    static let sessionCookie = "nok_op"
    static let loginCookie = "nok_pre"

    func addOperatorRoutes(to router: Router<SurveyRequestContext>) {
        router.get("/operator/login") { request, _ in loginPage(request, problem: nil, status: .ok) }
        router.post("/operator/login") { request, context in try await login(request, context) }
        router.post("/operator/logout") { request, context in
            guard let (session, tokenHash) = try await operatorSession(request) else { return redirect("/operator/login") }
            guard let fields = try await formFields(request),
                  secrets.checkFormToken(FormBody.value("csrf", in: fields), subject: "op|\(tokenHash)", now: now(), lifetime: settings.sessionLifetime)
            else { return messagePage(.forbidden, title: "Выход не выполнен", text: "Форма устарела: обновите страницу и нажмите «Выйти» ещё раз.") }
            try await call { try $0.endSession(tokenHash: tokenHash) }
            logger.info("operator signed out", metadata: ["login": .string(session.login)])
            return redirect("/operator/login", cookies: [expiredSessionCookie()])
        }
        router.get("/operator") { request, _ in
            guard let (session, tokenHash) = try await operatorSession(request) else { return redirect("/operator/login") }
            return try await home(session, tokenHash: tokenHash)
        }
        router.get("/operator/entry/:code") { request, context in
            guard let (session, tokenHash) = try await operatorSession(request) else { return redirect("/operator/login") }
            let code = try context.parameters.require("code")
            guard let target = try await call({ try $0.target(code: code) }) else { return unknownLink(false) }
            let channel = request.uri.queryParameters.get("channel").flatMap { SurveyChannel(rawValue: String($0)) } ?? .paper
            return entryPage(target, session: session, tokenHash: tokenHash, channel: channel,
                             saved: request.uri.queryParameters.get("saved").map { String($0) }, status: .ok)
        }
        router.post("/operator/entry/:code") { request, context in try await enter(request, context) }
        router.get("/operator/progress/:campaign") { request, context in
            guard let (session, tokenHash) = try await operatorSession(request) else { return redirect("/operator/login") }
            let refresh = request.uri.queryParameters.get("refresh") != "0"
            return try await progressPage(try context.parameters.require("campaign"), session: session, tokenHash: tokenHash, autoRefresh: refresh)
        }
    }

    /// The signed-in operator, or nil (the caller redirects to the login page).
    func operatorSession(_ request: Request) async throws -> (OperatorSession, String)? {
        guard let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty else { return nil }
        let tokenHash = Secrets.tokenHash(token)
        let moment = now()
        guard let session = try await call({ try $0.session(tokenHash: tokenHash, now: moment) }) else { return nil }
        return (session, tokenHash)
    }

    private func expiredSessionCookie() -> Cookie {
        Cookie(name: Self.sessionCookie, value: "", maxAge: 0, path: "/operator", secure: settings.secureCookies, httpOnly: true, sameSite: .strict)
    }

    private func loginPage(_ request: Request, problem: String?, status: HTTPResponse.Status, login: String = "") -> Response {
        let pre = request.cookies[Self.loginCookie]?.value ?? Secrets.randomID()
        let token = secrets.formToken(subject: "login|\(pre)", issuedAt: now())
        let error = problem.map { "<p class=\"errors\" role=\"alert\" id=\"problem\">\(Html.escape($0))</p>" } ?? ""
        let body = """
            <h1>Вход для операторов</h1>
            \(error)
            <form method="post" action="/operator/login">
            <input type="hidden" name="csrf" value="\(token)">
            <p><label for="login">Логин</label>
            <input type="text" id="login" name="login" autocomplete="username" required autofocus value="\(Html.escape(login))"\
            \(problem == nil ? "" : " aria-describedby=\"problem\"")></p>
            <p><label for="password">Пароль</label>
            <input type="password" id="password" name="password" autocomplete="current-password" required></p>
            <p><button type="submit">Войти</button></p>
            </form>
            """
        return htmlResponse(status, Html.page(title: "Вход для операторов", accessible: false, body: body),
                            cookies: [Cookie(name: Self.loginCookie, value: pre, maxAge: 3_600, path: "/operator",
                                             secure: settings.secureCookies, httpOnly: true, sameSite: .strict)])
    }

    private func login(_ request: Request, _ context: SurveyRequestContext) async throws -> Response {
        guard await allowPost(request, context) else {
            return messagePage(.tooManyRequests, title: "Слишком много попыток", text: "Подождите минуту и попробуйте войти снова.")
        }
        guard let fields = try await formFields(request) else { return messagePage(.contentTooLarge, title: "Слишком большой запрос", text: "Вход не выполнен.") }
        let login = (FormBody.value("login", in: fields) ?? "").trimmingCharacters(in: CharacterSet.whitespaces)
        let password = FormBody.value("password", in: fields) ?? ""
        guard let pre = request.cookies[Self.loginCookie]?.value,
              secrets.checkFormToken(FormBody.value("csrf", in: fields), subject: "login|\(pre)", now: now(), lifetime: 3_600)
        else { return loginPage(request, problem: "Форма входа устарела: введите логин и пароль ещё раз.", status: .forbidden, login: login) }
        let account = try await call { try $0.operatorAccount(login: login) }
        // bcrypt runs even for an unknown login, so the answer time does not tell which logins exist.
        let hash = account?.passwordHash ?? Self.decoyHash
        let matches = try await Blocking.run { Bcrypt.verify(password, hash: hash) }
        guard let account, account.active, matches else {
            logger.notice("operator login refused", metadata: ["login": .string(login)])
            return loginPage(request, problem: "Неверный логин или пароль.", status: .unauthorized, login: login)
        }
        let token = Secrets.randomID(bytes: 32)
        let session = OperatorSession(login: account.login, expiresAt: now().addingTimeInterval(settings.sessionLifetime))
        try await call { try $0.startSession(tokenHash: Secrets.tokenHash(token), session: session) }
        logger.info("operator signed in", metadata: ["login": .string(account.login)])
        return redirect("/operator", cookies: [Cookie(name: Self.sessionCookie, value: token, maxAge: Int(settings.sessionLifetime),
                                                      path: "/operator", secure: settings.secureCookies, httpOnly: true, sameSite: .strict)])
    }

    /// A valid bcrypt hash of a random string, checked when the login is unknown.
    static let decoyHash = Bcrypt.hash(Secrets.randomID(), cost: 4)

    private func operatorHeader(_ session: OperatorSession, tokenHash: String) -> String {
        let token = secrets.formToken(subject: "op|\(tokenHash)", issuedAt: now())
        return """
            <form method="post" action="/operator/logout" class="toggle"><input type="hidden" name="csrf" value="\(token)">\
            Оператор: \(Html.escape(session.login)) · <a href="/operator">Кампании</a> · <button type="submit">Выйти</button></form>
            """
    }

    private func home(_ session: OperatorSession, tokenHash: String) async throws -> Response {
        let campaigns = try await call { try $0.campaigns() }
        var body = operatorHeader(session, tokenHash: tokenHash) + "<h1>Кампании</h1>\n"
        if campaigns.isEmpty { body += "<p>Кампаний нет: создайте кампанию командой nok-admin campaign create.</p>" }
        for campaign in campaigns {
            let links = try await call { try $0.links(campaign: campaign.id) }
            let institutions = try await call { try $0.institutions(campaign: campaign.id) }
            let names = Dictionary(institutions.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first })
            body += "<h2>\(Html.escape(campaign.title)) (\(Html.escape(campaign.id)))\(campaign.status == .open ? "" : " — утверждена, ввод закрыт")</h2>\n"
            body += "<p><a href=\"/operator/progress/\(Html.escape(campaign.id))\">Ход опроса</a></p>\n"
            if links.isEmpty {
                body += "<p>Ссылок нет: создайте их командой nok-survey link --campaign \(Html.escape(campaign.id)).</p>\n"
            } else if campaign.status == .open {
                body += "<ul>\n" + links.map { link in
                    "<li><a href=\"/operator/entry/\(Html.escape(link.code))\">Ввести анкеты: \(Html.escape(names[link.organization] ?? link.organization.rawValue))</a></li>"
                }.joined(separator: "\n") + "\n</ul>\n"
            }
        }
        return htmlResponse(.ok, Html.page(title: "Операторы — кампании", accessible: false, body: body))
    }

    private func entryPage(_ target: SurveyTarget, session: OperatorSession, tokenHash: String, channel: SurveyChannel, saved: String?,
                           status: HTTPResponse.Status, answers: [QuestionID: String] = [:], problems: [AnswerProblem] = []) -> Response {
        guard let questionnaire = settings.questionnaires[target.organization.sector] else {
            return messagePage(.internalServerError, title: "Анкета не настроена", text: "Для сферы «\(target.organization.sector)» нет анкеты.")
        }
        let token = secrets.formToken(subject: "op|\(tokenHash)", issuedAt: now())
        let options = SurveyChannel.allCases.filter { $0 != .web }.map { option in
            "<option value=\"\(option.rawValue)\"\(option == channel ? " selected" : "")>\(option.title)</option>"
        }.joined()
        let preface = """
            <p><label for="channel">Канал получения анкеты</label>
            <select id="channel" name="channel" autofocus>\(options)</select></p>
            <p class="hint">Клавиатура: цифра 1, 2, … выбирает вариант ответа (1 — «Да», 2 — «Нет») и переходит к следующему вопросу; \
            Tab — к следующему полю, стрелки — другой вариант, Enter — сохранить анкету.</p>

            """
        let notice = saved.map { "<p class=\"notice\" role=\"status\">Анкета сохранена (\(Html.escape($0))). Вводите следующую.</p>" } ?? ""
        let body = operatorHeader(session, tokenHash: tokenHash) + """
            <h1>Ввод анкет: \(Html.escape(target.organization.name))</h1>
            <p class="hint">\(Html.escape(target.campaign.title))</p>
            \(notice)
            \(QuestionnairePage.form(questionnaire, .init(action: "/operator/entry/\(target.link.code)", hidden: [("csrf", token)],
                                                          answers: answers, problems: problems, submitLabel: "Сохранить анкету", preface: preface)))
            """
        return htmlResponse(status, Html.page(title: "Ввод анкет — \(target.organization.displayName)", accessible: false, body: body,
                                              script: QuestionnairePage.skipScript + QuestionnairePage.entryScript))
    }

    private func enter(_ request: Request, _ context: SurveyRequestContext) async throws -> Response {
        guard let (session, tokenHash) = try await operatorSession(request) else { return redirect("/operator/login") }
        guard let fields = try await formFields(request) else {
            return messagePage(.contentTooLarge, title: "Слишком большой запрос", text: "Анкета не сохранена: запрос больше \(settings.maxBodyBytes / 1024) КБ.")
        }
        let code = try context.parameters.require("code")
        guard let target = try await call({ try $0.target(code: code) }) else { return unknownLink(false) }
        guard target.acceptsAnswers else { return closed(target, false) }
        guard let questionnaire = settings.questionnaires[target.organization.sector] else { throw HTTPError(.internalServerError) }
        let rawChannel = FormBody.value("channel", in: fields) ?? ""
        guard let channel = SurveyChannel(rawValue: rawChannel), channel != .web else {
            return messagePage(.badRequest, title: "Анкета не сохранена",
                               text: "Канал «\(rawChannel)» не подходит для ввода оператором: нужен paper, interview или phone.")
        }
        let (validated, problems) = AnswerValidation.validate(fields, questionnaire: questionnaire)
        guard secrets.checkFormToken(FormBody.value("csrf", in: fields), subject: "op|\(tokenHash)", now: now(), lifetime: settings.sessionLifetime) else {
            return entryPage(target, session: session, tokenHash: tokenHash, channel: channel, saved: nil, status: .forbidden,
                             answers: validated.answers, problems: [AnswerProblem(kind: .fixable, question: nil,
                                message: "Форма устарела: проверьте ответы и сохраните ещё раз.")])
        }
        let malformed = problems.filter { $0.kind == .malformed }
        if !malformed.isEmpty {
            let list = malformed.map { "<li>\(Html.escape($0.message))</li>" }.joined()
            return messagePage(.badRequest, title: "Анкета не сохранена", text: "Ответы не совпадают с анкетой:", extra: "<ul>\(list)</ul>")
        }
        if !problems.isEmpty {
            return entryPage(target, session: session, tokenHash: tokenHash, channel: channel, saved: nil, status: .unprocessableContent,
                             answers: validated.answers, problems: problems)
        }
        let submission = SurveySubmission(campaign: target.campaign.id, organization: target.organization.id, channel: channel,
                                          answers: validated.counted, asked: validated.asked, comments: validated.comments,
                                          operatorLogin: session.login, receivedAt: now())
        let receipt: SubmissionReceipt
        do {
            receipt = try await batcher.submit(submission)
        } catch StoreError.campaignApproved {
            return closed(target, false)
        }
        logger.info("operator entered a questionnaire", metadata: ["login": .string(session.login), "response": .string(receipt.externalID), "channel": .string(channel.rawValue)])
        return redirect("/operator/entry/\(code)?channel=\(channel.rawValue)&saved=\(receipt.externalID)")
    }

    /// Seconds between reloads of the progress page while the operator leaves it open.
    static let progressRefreshSeconds = 30

    private func progressPage(_ campaignID: String, session: OperatorSession, tokenHash: String, autoRefresh: Bool) async throws -> Response {
        guard let campaign = try await call({ try $0.campaigns() }).first(where: { $0.id == campaignID }) else {
            return messagePage(.notFound, title: "Кампания не найдена", text: "Кампании «\(campaignID)» нет в базе.")
        }
        let policy = settings.minimumSample
        let progress = try await call { try $0.progress(campaign: campaignID, policy: policy) }
        let flagged = try await call { try $0.flaggedSubmissions(campaign: campaignID) }
        let channels = SurveyChannel.allCases
        var rows = ""
        for line in progress {
            let required = line.sample.required.map(String.init) ?? "не задано"
            let shortfall = line.sample.shortfall
            rows += "<tr><th scope=\"row\">\(Html.escape(line.organization.displayName))</th>"
                + channels.map { "<td class=\"n\">\(line.byChannel[$0] ?? 0)</td>" }.joined()
                + "<td class=\"n\">\(line.sample.actual)</td><td class=\"n\">\(required)</td>"
                + "<td class=\"n\(shortfall > 0 ? " short" : "")\">\(shortfall > 0 ? "не хватает \(shortfall)" : (line.sample.required == nil ? "—" : "достаточно"))</td>"
                + "<td class=\"n\">\(line.suspicious)</td></tr>\n"
        }
        let names = Dictionary(progress.map { ($0.organization.id, $0.organization.displayName) }, uniquingKeysWith: { first, _ in first })
        let formatter = ISO8601DateFormatter()
        let flaggedList = flagged.isEmpty ? "<p>Подозрительных анкет нет.</p>" : "<p>Анкета, признанная повтором, исключается из расчёта командой администратора: "
            + "<code>nok-admin responses exclude --campaign \(Html.escape(campaignID)) НОМЕР --reason \"…\"</code>.</p>"
            + "<table><caption>Подозрительные анкеты (сохранены и учтены; проверьте)</caption>"
            + "<thead><tr><th scope=\"col\">Анкета</th><th scope=\"col\">Организация</th><th scope=\"col\">Канал</th><th scope=\"col\">Получена (UTC)</th><th scope=\"col\">Причина</th></tr></thead><tbody>"
            + flagged.map { item in
                "<tr><td>\(Html.escape(item.externalID))</td><td>\(Html.escape(names[item.organization] ?? item.organization.rawValue))</td>"
                    + "<td>\(item.channel.title)</td><td>\(formatter.string(from: item.receivedAt))</td><td>\(Html.escape(item.reason))</td></tr>"
            }.joined(separator: "\n") + "</tbody></table>"
        let total = progress.reduce(0) { $0 + $1.sample.actual }
        // WCAG 2.2.1: a page that reloads itself must let the reader stop it.
        let pageHref = "/operator/progress/\(Html.escape(campaignID))"
        let refreshNote = autoRefresh
            ? "<p>Страница обновляется сама каждые \(Self.progressRefreshSeconds) секунд. <a href=\"\(pageHref)?refresh=0\">Не обновлять автоматически</a></p>"
            : "<p>Автообновление выключено. <a href=\"\(pageHref)\">Обновлять автоматически</a></p>"
        let short = progress.filter { $0.sample.shortfall > 0 }.count
        let body = operatorHeader(session, tokenHash: tokenHash) + """
            <h1>Ход опроса: \(Html.escape(campaign.title))</h1>
            <p>Анкет всего: \(total). Организаций: \(progress.count), с недостаточной выборкой: \(short).</p>
            \(refreshNote)
            <table><caption>Анкеты по организациям и каналам против минимальной выборки (675н)</caption>
            <thead><tr><th scope="col">Организация</th>\(channels.map { "<th scope=\"col\">\($0.title)</th>" }.joined())\
            <th scope="col">Всего</th><th scope="col">Нужно</th><th scope="col">Выборка</th><th scope="col">Подозрительных</th></tr></thead>
            <tbody>
            \(rows)</tbody></table>
            <h2>Анкеты на проверку</h2>
            \(flaggedList)
            """
        return htmlResponse(.ok, Html.page(title: "Ход опроса — \(campaign.title)", accessible: false, body: body,
                                           refreshSeconds: autoRefresh ? Self.progressRefreshSeconds : nil))
    }
}
