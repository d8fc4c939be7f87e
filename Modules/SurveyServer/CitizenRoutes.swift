import AssessmentKernel
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The citizen's side: `/q/<code>` shows and takes the questionnaire, `/health` answers load balancers.
extension SurveyServer {
    static let respondentCookie = "nok_rid"

    func addCitizenRoutes(to router: Router<SurveyRequestContext>) {
        router.get("/health") { _, _ in
            // Reading the campaigns proves the database answers, not only that the process runs.
            do {
                _ = try await call { try $0.campaigns() }
                // Health checks come regularly even when nobody answers, so retention is kept on a quiet server too.
                await forgetOldHashesIfDue()
                return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: "ok\n")))
            } catch {
                logger.error("health check failed", metadata: ["error": .string("\(error)")])
                return Response(status: .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: "база данных недоступна\n")))
            }
        }
        router.get("/q/:code") { request, context in try await showQuestionnaire(request, context) }
        router.post("/q/:code") { request, context in try await submitQuestionnaire(request, context) }
        router.get("/q/:code/spasibo") { request, context in
            let (accessible, cookie) = accessibility(request)
            let code = try context.parameters.require("code")
            guard let target = try await call({ try $0.target(code: code) }) else { return unknownLink(accessible) }
            return htmlResponse(.ok, Html.page(title: "Спасибо!", accessible: accessible, body: """
                <h1>Спасибо! Ваша анкета сохранена.</h1>
                <p>Ваши ответы об организации «\(Html.escape(target.organization.displayName))» учтены в независимой оценке качества \
                условий оказания услуг.</p>
                """), cookies: cookie.map { [$0] } ?? [])
        }
        addQRRoutes(to: router)
    }

    func unknownLink(_ accessible: Bool) -> Response {
        messagePage(.notFound, title: "Анкета не найдена",
                    text: "По этой ссылке анкеты нет. Проверьте адрес или отсканируйте QR-код ещё раз.", accessible: accessible)
    }

    func closed(_ target: SurveyTarget, _ accessible: Bool) -> Response {
        messagePage(.gone, title: "Приём анкет завершён",
                    text: "Опрос об организации «\(target.organization.displayName)» в рамках кампании «\(target.campaign.title)» закрыт: "
                        + "результаты утверждены, новые ответы не принимаются. Спасибо за желание помочь!", accessible: accessible)
    }

    private func showQuestionnaire(_ request: Request, _ context: SurveyRequestContext) async throws -> Response {
        let (accessible, vidCookie) = accessibility(request)
        let code = try context.parameters.require("code")
        guard let target = try await call({ try $0.target(code: code) }) else { return unknownLink(accessible) }
        guard target.acceptsAnswers else { return closed(target, accessible) }
        let respondent = request.cookies[Self.respondentCookie]?.value ?? Secrets.randomID()
        return try citizenForm(target, respondent: respondent, accessible: accessible, status: .ok,
                               extraCookies: vidCookie.map { [$0] } ?? [])
    }

    /// The questionnaire page; `answers` and `problems` when a posted form comes back for correction.
    func citizenForm(_ target: SurveyTarget, respondent: String, accessible: Bool, status: HTTPResponse.Status,
                     answers: [QuestionID: String] = [:], problems: [AnswerProblem] = [], ticket: String = "", ticketProblem: String? = nil,
                     extraCookies: [Cookie] = []) throws -> Response {
        guard let questionnaire = settings.questionnaires[target.organization.sector] else {
            return messagePage(.internalServerError, title: "Анкета не настроена",
                               text: "Для сферы «\(target.organization.sector)» на сервере нет анкеты (Configs/sectors).")
        }
        let code = target.link.code
        let token = secrets.formToken(subject: "q|\(code)|\(respondent)", issuedAt: now())
        let body = """
            <h1>Анкета для оценки качества условий оказания услуг</h1>
            <p><strong>\(Html.escape(target.organization.name))</strong></p>
            <p class="hint">\(Html.escape(target.campaign.title)). Анкета анонимная: имя не спрашивается, IP-адрес не сохраняется. \
            Вопросы с пометкой «Отвечайте, только если…» пропустите, если условие не выполнено.</p>
            \(QuestionnairePage.form(questionnaire, .init(
                action: "/q/\(code)", hidden: [("csrf", token), ("rid", respondent)], answers: answers,
                problems: problems + (ticketProblem.map { [AnswerProblem(kind: .fixable, question: nil, message: $0)] } ?? []),
                preface: target.link.strict ? Self.ticketField(ticket, problem: ticketProblem) : "")))
            """
        let cookie = Cookie(name: Self.respondentCookie, value: respondent, maxAge: 365 * 86_400, path: "/q",
                            secure: settings.secureCookies, httpOnly: true, sameSite: .lax)
        return htmlResponse(status, Html.page(title: "Анкета — \(target.organization.displayName)", accessible: accessible,
                                              toggleHref: "/q/\(code)?vid=\(accessible ? 0 : 1)", body: body,
                                              script: QuestionnairePage.skipScript),
                            cookies: [cookie] + extraCookies)
    }

    private func submitQuestionnaire(_ request: Request, _ context: SurveyRequestContext) async throws -> Response {
        // Hummingbird parses the Cookie header on every `cookies` read: once here.
        let cookies = request.cookies
        let accessible = cookies["nok_vid"]?.value == "1"
        guard await allowPost(request, context) else {
            return messagePage(.tooManyRequests, title: "Слишком много отправок",
                               text: "С этого адреса только что отправили много анкет. Подождите минуту и попробуйте снова.", accessible: accessible)
        }
        guard let fields = try await formFields(request) else {
            return messagePage(.contentTooLarge, title: "Слишком большой запрос",
                               text: "Анкета не принята: запрос больше \(settings.maxBodyBytes / 1024) КБ. Сократите текст ответов.", accessible: accessible)
        }
        let code = try context.parameters.require("code")
        // Cached for a few seconds; the store checks again that the campaign is open when it writes (TargetCache).
        guard let target = try await targets.target(code: code, load: { try await call { try $0.target(code: code) } }) else {
            return unknownLink(accessible)
        }
        guard target.acceptsAnswers else { return closed(target, accessible) }
        guard let questionnaire = prepared[target.organization.sector] else {
            return try citizenForm(target, respondent: "", accessible: accessible, status: .internalServerError)
        }
        let cookie = cookies[Self.respondentCookie]?.value
        let respondent = FormBody.value("rid", in: fields) ?? ""
        let (validated, problems) = AnswerValidation.validate(fields, questionnaire: questionnaire)
        let tokenValid = !respondent.isEmpty && (cookie == nil || cookie == respondent)
            && secrets.checkFormToken(FormBody.value("csrf", in: fields), subject: "q|\(code)|\(respondent)", now: now(),
                                      lifetime: settings.formLifetime)
        guard tokenValid else {
            // The answers come back in a fresh form: nothing the respondent typed is lost.
            let fresh = cookie ?? Secrets.randomID()
            return try citizenForm(target, respondent: fresh, accessible: accessible, status: .forbidden, answers: validated.answers,
                                   problems: [AnswerProblem(kind: .fixable, question: nil, message:
                                    "Форма устарела или открыта не с этого сайта. Проверьте ответы и нажмите «Отправить анкету» ещё раз.")])
        }
        let malformed = problems.filter { $0.kind == .malformed }
        if !malformed.isEmpty {
            let list = malformed.map { "<li>\(Html.escape($0.message))</li>" }.joined()
            return messagePage(.badRequest, title: "Анкета не принята",
                               text: "Ответы не совпадают с анкетой этой организации:", accessible: accessible,
                               extra: "<ul>\(list)</ul><p><a href=\"/q/\(Html.escape(code))\">Открыть анкету заново</a></p>")
        }
        if !problems.isEmpty {
            return try citizenForm(target, respondent: respondent, accessible: accessible, status: .unprocessableContent,
                                   answers: validated.answers, problems: problems)
        }
        let ticket = FormBody.value("ticket", in: fields) ?? ""
        if target.link.strict && SurveyLink.normalisedTicket(ticket).isEmpty {
            return try citizenForm(target, respondent: respondent, accessible: accessible, status: .unprocessableContent,
                                   answers: validated.answers, ticket: ticket, ticketProblem: SurveyStoreError.ticketRequired.errorDescription)
        }
        let clientHash = clientAddress(request, context).map(secrets.clientHash)
        let submission = SurveySubmission(
            campaign: target.campaign.id, organization: target.organization.id, channel: .web, answers: validated.counted,
            asked: validated.asked, comments: validated.comments, clientHash: clientHash, cookie: respondent, ticket: target.link.strict ? ticket : nil, receivedAt: now())
        let receipt: SubmissionReceipt
        do {
            receipt = try await batcher.submit(submission)
        } catch StoreError.campaignApproved {
            return closed(target, accessible)
        } catch let error as SurveyStoreError {
            // Ticket refusals: the respondent corrects the code, the answers stay in the form.
            return try citizenForm(target, respondent: respondent, accessible: accessible, status: .unprocessableContent,
                                   answers: validated.answers, ticket: ticket, ticketProblem: error.errorDescription)
        }
        if let suspicion = receipt.suspicion {
            logger.notice("repeated submission flagged", metadata: ["link": .string(code), "response": .string(receipt.externalID), "reason": .string(suspicion)])
        }
        await forgetOldHashesIfDue()
        return redirect("/q/\(code)/spasibo")
    }

    /// The single-use code field of a strict link, before the questions.
    static func ticketField(_ value: String, problem: String?) -> String {
        let error = problem.map { "<p class=\"error\" id=\"e-ticket\">\(Html.escape($0))</p>" } ?? ""
        return """
            <fieldset id="f-ticket">
            <legend>Код с талона</legend>
            <p class="hint" id="h-ticket">Анкета этой организации принимается только с кодом, напечатанным на талоне или чеке. Один код — одна анкета.</p>
            \(error)
            <label for="ticket">Код с талона (8 знаков)</label>
            <input type="text" id="ticket" name="ticket" autocomplete="off" autocapitalize="none" spellcheck="false" \
            aria-describedby="h-ticket\(problem == nil ? "" : " e-ticket")" value="\(Html.escape(value))"\(problem == nil ? "" : " aria-invalid=\"true\"")>
            </fieldset>

            """
    }

    /// Client hashes older than the retention period are erased; runs at most hourly, after a submission.
    func forgetOldHashesIfDue() async {
        let moment = now()
        guard retention.isDue(now: moment) else { return }
        let cutoff = moment.addingTimeInterval(-settings.clientHashRetention)
        do {
            let erased = try await call { try $0.forgetClientHashes(receivedBefore: cutoff) }
            if erased > 0 { logger.info("client hashes erased after retention period", metadata: ["count": .stringConvertible(erased)]) }
        } catch {
            logger.error("erasing old client hashes failed", metadata: ["error": .string("\(error)")])
        }
    }
}
