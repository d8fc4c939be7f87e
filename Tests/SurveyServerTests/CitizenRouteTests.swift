import AssessmentKernel
import Logging
import Foundation
import Hummingbird
import HummingbirdTesting
import SurveyServer
import Testing
import TestSupport

@Suite("Survey server: the citizen's questionnaire")
struct CitizenRouteTests {
    @Test("/health answers ok when the store answers")
    func health() async throws {
        let world = try SurveyWorld()
        try await world.app().test(.router) { client in
            let response = try await client.execute(uri: "/health", method: .get)
            #expect(response.status == .ok)
            #expect(text(response) == "ok\n")
        }
    }

    @Test("The questionnaire page: Russian, a label for every input, a CSRF token, the skip rule written out")
    func page() async throws {
        let world = try SurveyWorld()
        try await world.app().test(.router) { client in
            var browser = Browser()
            let response = try await browser.get(client, "/q/\(openLink)")
            #expect(response.status == .ok)
            let html = text(response)
            #expect(html.contains("<html lang=\"ru\">"))
            #expect(html.contains("Центральная библиотека имени Пушкина"))
            #expect(hidden("csrf", in: html)?.isEmpty == false)
            #expect(browser.cookies["nok_rid"] == hidden("rid", in: html))
            #expect(html.contains("Отвечайте, только если на вопрос 1 вы ответили «Да»."))
            let ids = matches(of: #"<(?:input|textarea|select) [^>]*id="([^"]+)""#, in: html)
            let labelled = Set(matches(of: #"<label for="([^"]+)""#, in: html))
            #expect(ids.count == 8)  // yes/no ×2 (q1, q2), two options (sex), a number, a text
            #expect(Set(ids).isSubset(of: labelled), "inputs without a label: \(Set(ids).subtracting(labelled))")
            #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
        }
    }

    @Test("An unknown code is a polite 404")
    func unknownCode() async throws {
        let world = try SurveyWorld()
        try await world.app().test(.router) { client in
            let response = try await client.execute(uri: "/q/nope2345", method: .get)
            #expect(response.status == .notFound)
            #expect(text(response).contains("По этой ссылке анкеты нет"))
        }
    }

    @Test("Answers with the skip rule applied are stored before the thank-you page")
    func submit() async throws {
        let world = try SurveyWorld()
        try await world.app().test(.router) { client in
            var browser = Browser()
            let form = try await filledForm(client, &browser, answers: [("q1", "no"), ("sex", "female"), ("age", "34"), ("suggestions", "Больше книг")],
                                            headers: forwarded("203.0.113.7"))
            let response = try await browser.post(client, "/q/\(openLink)", form: form, headers: forwarded("203.0.113.7"))
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/q/\(openLink)/spasibo")
            let stored = try #require(world.store.submissions().first)
            #expect(world.store.submissions().count == 1)
            #expect(stored.submission.answers == ["q1": "no", "sex": "female", "age": "34"])
            // Free text is a suggestion kept with the response, never a counted value.
            #expect(stored.submission.comments == ["suggestions": "Больше книг"])
            #expect(stored.submission.asked == ["q1", "sex", "age", "suggestions"])
            #expect(stored.submission.channel == .web)
            #expect(stored.submission.campaign == "2025")
            #expect(stored.submission.organization == library.id)
            let hash = try #require(stored.submission.clientHash)
            #expect(hash.count == 64 && !hash.contains("203.0.113.7"))
            #expect(stored.submission.cookie == browser.cookies["nok_rid"])
            #expect(stored.receipt.suspicion == nil)
            let thanks = try await browser.get(client, "/q/\(openLink)/spasibo")
            #expect(thanks.status == .ok)
            #expect(text(thanks).contains("Спасибо! Ваша анкета сохранена."))
        }
    }

    @Test("A question the skip rule asks must be answered: 422, the answers come back, nothing stored")
    func missingFilteredAnswer() async throws {
        let world = try SurveyWorld()
        try await world.app().test(.router) { client in
            var browser = Browser()
            let form = try await filledForm(client, &browser, answers: [("q1", "yes"), ("sex", "male")])
            let response = try await browser.post(client, "/q/\(openLink)", form: form)
            #expect(response.status == .unprocessableContent)
            let html = text(response)
            #expect(html.contains("<a href=\"#f-q2\">Вопрос 2</a>: Ответьте на этот вопрос."))
            #expect(html.contains("id=\"q1-yes\" name=\"a.q1\" value=\"yes\" checked"))
            #expect(world.store.submissions().isEmpty)
        }
    }

    @Test("An answer to a skipped question is kept but not counted")
    func answerAgainstFilter() async throws {
        let world = try SurveyWorld()
        try await world.app().test(.router) { client in
            var browser = Browser()
            let form = try await filledForm(client, &browser, answers: [("q1", "no"), ("q2", "yes"), ("sex", "male")])
            #expect(try await browser.post(client, "/q/\(openLink)", form: form).status == .seeOther)
            let stored = try #require(world.store.submissions().first)
            #expect(stored.submission.answers["q2"] == "yes")
            #expect(!stored.submission.asked.contains("q2"))
        }
    }

    @Test("Unknown question or option: 400 with a message naming it; a number out of range: 422",
          arguments: [
            ([("q1", "no"), ("sex", "male"), ("q99", "yes")], "Вопроса «q99» нет в анкете «Культура»", 400),
            ([("q1", "maybe"), ("sex", "male")], "ответа «maybe» нет среди вариантов", 400),
            ([("q1", "no"), ("sex", "other")], "варианта «other» нет в анкете (есть: «Мужской», «Женский»)", 400),
            ([("q1", "no"), ("sex", "male"), ("age", "7")], "Число не меньше 14.", 422),
          ])
    func refused(answers: [(String, String)], message: String, status: Int) async throws {
        let world = try SurveyWorld()
        try await world.app().test(.router) { client in
            var browser = Browser()
            let form = try await filledForm(client, &browser, answers: answers)
            let response = try await browser.post(client, "/q/\(openLink)", form: form)
            #expect(response.status.code == status)
            #expect(text(response).contains(message))
            #expect(world.store.submissions().isEmpty)
        }
    }

    @Test("Without a valid CSRF token nothing is stored and the answers come back in a fresh form")
    func csrf() async throws {
        let world = try SurveyWorld()
        try await world.app().test(.router) { client in
            var browser = Browser()
            var form = try await filledForm(client, &browser, answers: [("q1", "no"), ("sex", "male")])
            form[0].1 = "1760000000.00ff"
            let forged = try await browser.post(client, "/q/\(openLink)", form: form)
            #expect(forged.status == .forbidden)
            #expect(text(forged).contains("Форма устарела"))
            #expect(text(forged).contains("id=\"sex-male\" name=\"a.sex\" value=\"male\" checked"))
            #expect(world.store.submissions().isEmpty)
            // A token older than the form lifetime is refused the same way.
            let fresh = try await filledForm(client, &browser, answers: [("q1", "no"), ("sex", "male")])
            world.clock.advance(13 * 3_600)
            #expect(try await browser.post(client, "/q/\(openLink)", form: fresh).status == .forbidden)
            #expect(world.store.submissions().isEmpty)
        }
    }

    @Test("An approved campaign refuses politely, on the page and on a post")
    func closedCampaign() async throws {
        let world = try SurveyWorld()
        try await world.app().test(.router) { client in
            var browser = Browser()
            let page = try await browser.get(client, "/q/\(closedLink)")
            #expect(page.status == .gone)
            #expect(text(page).contains("Приём анкет завершён"))
            // A form opened while the campaign was open and sent after approval.
            let form = try await filledForm(client, &browser, answers: [("q1", "no"), ("sex", "male")])
            world.store.setStatus(.approved, campaign: "2025")
            let late = try await browser.post(client, "/q/\(openLink)", form: form)
            #expect(late.status == .gone)
            #expect(text(late).contains("результаты утверждены, новые ответы не принимаются"))
            #expect(world.store.submissions().isEmpty)
        }
    }

    @Test("A link read for an earlier post does not outlive the campaign: a post after approval is refused and not stored")
    func approvedAfterCachedPost() async throws {
        let world = try SurveyWorld()
        try await world.app().test(.router) { client in
            var browser = Browser()
            let first = try await filledForm(client, &browser, answers: [("q1", "no"), ("sex", "male")])
            #expect(try await browser.post(client, "/q/\(openLink)", form: first).status == .seeOther)
            let second = try await filledForm(client, &browser, answers: [("q1", "no"), ("sex", "female")])
            world.store.setStatus(.approved, campaign: "2025")
            let late = try await browser.post(client, "/q/\(openLink)", form: second)
            #expect(late.status == .gone)
            #expect(text(late).contains("результаты утверждены, новые ответы не принимаются"))
            #expect(world.store.submissions().count == 1)
        }
    }

    @Test("A body over the limit is refused with 413")
    func tooLarge() async throws {
        let world = try SurveyWorld(maxBodyBytes: 1_024)
        try await world.app().test(.router) { client in
            var browser = Browser()
            let form = try await filledForm(client, &browser, answers: [("q1", "no"), ("sex", "male"), ("suggestions", String(repeating: "я", count: 2_000))])
            let response = try await browser.post(client, "/q/\(openLink)", form: form)
            #expect(response.status == .contentTooLarge)
            #expect(text(response).contains("Слишком большой запрос"))
            #expect(world.store.submissions().isEmpty)
        }
    }

    @Test("Repeats from the same browser or address are stored and flagged, never dropped")
    func repeats() async throws {
        let world = try SurveyWorld()
        try await world.app().test(.router) { client in
            var first = Browser()
            for _ in 0..<2 {
                let form = try await filledForm(client, &first, answers: [("q1", "no"), ("sex", "male")], headers: forwarded("198.51.100.1"))
                #expect(try await first.post(client, "/q/\(openLink)", form: form, headers: forwarded("198.51.100.1")).status == .seeOther)
            }
            var second = Browser()
            let form = try await filledForm(client, &second, answers: [("q1", "no"), ("sex", "male")], headers: forwarded("198.51.100.1"))
            #expect(try await second.post(client, "/q/\(openLink)", form: form, headers: forwarded("198.51.100.1")).status == .seeOther)
            var other = Browser()
            let clean = try await filledForm(client, &other, answers: [("q1", "no"), ("sex", "male")], headers: forwarded("198.51.100.2"))
            #expect(try await other.post(client, "/q/\(openLink)", form: clean, headers: forwarded("198.51.100.2")).status == .seeOther)

            let reasons = world.store.submissions().map(\.receipt.suspicion)
            #expect(reasons.count == 4)
            #expect(reasons[0] == nil)
            #expect(reasons[1] == "повтор из того же браузера (cookie), ранее анкет: 1; повтор с того же адреса (хеш IP), ранее анкет: 1")
            #expect(reasons[2] == "повтор с того же адреса (хеш IP), ранее анкет: 2")
            #expect(reasons[3] == nil)
            #expect(try world.store.flaggedSubmissions(campaign: "2025").count == 2)
        }
    }

    @Test("Posts over the per-client limit get 429; another client is not affected")
    func rateLimit() async throws {
        let world = try SurveyWorld(postsPerMinute: 2)
        try await world.app().test(.router) { client in
            var browser = Browser()
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<3 {
                let form = try await filledForm(client, &browser, answers: [("q1", "no"), ("sex", "male")], headers: forwarded("192.0.2.5"))
                statuses.append(try await browser.post(client, "/q/\(openLink)", form: form, headers: forwarded("192.0.2.5")).status)
            }
            #expect(statuses == [.seeOther, .seeOther, .tooManyRequests])
            var other = Browser()
            let form = try await filledForm(client, &other, answers: [("q1", "no"), ("sex", "male")], headers: forwarded("192.0.2.6"))
            #expect(try await other.post(client, "/q/\(openLink)", form: form, headers: forwarded("192.0.2.6")).status == .seeOther)
            world.clock.advance(61)
            let later = try await filledForm(client, &browser, answers: [("q1", "no"), ("sex", "male")], headers: forwarded("192.0.2.5"))
            #expect(try await browser.post(client, "/q/\(openLink)", form: later, headers: forwarded("192.0.2.5")).status == .seeOther)
            #expect(world.store.submissions().count == 4)
        }
    }

    @Test("The version for the visually impaired: ?vid=1 switches it on and a cookie keeps it")
    func visuallyImpaired() async throws {
        let world = try SurveyWorld()
        try await world.app().test(.router) { client in
            var browser = Browser()
            let normal = try await browser.get(client, "/q/\(openLink)")
            #expect(text(normal).contains("<body class=\"\">"))
            #expect(text(normal).contains("Версия для слабовидящих"))
            let large = try await browser.get(client, "/q/\(openLink)?vid=1")
            #expect(text(large).contains("<body class=\"vid\">"))
            #expect(browser.cookies["nok_vid"] == "1")
            let remembered = try await browser.get(client, "/q/\(openLink)")
            #expect(text(remembered).contains("<body class=\"vid\">"))
            #expect(text(remembered).contains("Обычная версия"))
            _ = try await browser.get(client, "/q/\(openLink)?vid=0")
            #expect(text(try await browser.get(client, "/q/\(openLink)")).contains("<body class=\"\">"))
        }
    }
}

func matches(of pattern: String, in text: String) -> [String] {
    let regex = try! NSRegularExpression(pattern: pattern)
    return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
        Range($0.range(at: 1), in: text).map { String(text[$0]) }
    }
}

@Suite("Survey server: privacy")
struct PrivacyTests {
    @Test("Address hashes older than the retention period are erased (checked at start and on /health); answers stay")
    func retention() async throws {
        let world = try SurveyWorld()
        let old = SurveySubmission(campaign: "2025", organization: library.id, channel: .web, answers: ["q1": "no"], asked: ["q1"],
                                   clientHash: String(repeating: "a", count: 64), cookie: "c", receivedAt: world.clock.now.addingTimeInterval(-31 * 86_400))
        let recent = SurveySubmission(campaign: "2025", organization: library.id, channel: .web, answers: ["q1": "no"], asked: ["q1"],
                                      clientHash: String(repeating: "b", count: 64), cookie: "d", receivedAt: world.clock.now.addingTimeInterval(-86_400))
        _ = try world.store.submit(old)
        _ = try world.store.submit(recent)
        try await world.app().test(.router) { client in
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok)
            let hashes = world.store.submissions().map(\.submission.clientHash)
            #expect(hashes == [nil, String(repeating: "b", count: 64)])
            #expect(world.store.submissions().count == 2)
        }
    }
}

@Suite("Survey server: single-use ticket codes")
struct TicketTests {
    @Test("A strict link asks for the ticket code, takes each code once and refuses unknown ones; answers stay in the form")
    func strict() async throws {
        let base = try SurveyWorld()
        let store = InMemorySurveyStore(
            campaigns: [Campaign(id: "2025", title: "НОК 2025", year: 2025, methodology: "344n-2024", sectors: ["culture"])],
            organizations: [library, museum])
        try store.createLink(SurveyLink(code: "tckt2345", campaign: "2025", organization: museum.id, strict: true), actor: "тест")
        try store.issueTickets(campaign: "2025", organization: museum.id, codes: ["aaaa2345", "bbbb2345"], actor: "тест")
        var logger = Logger(label: "survey-test")
        logger.logLevel = .critical
        let app = buildApplication(store: store, settings: base.settings, logger: logger)
        try await app.test(.router) { client in
            var browser = Browser()
            let page = text(try await browser.get(client, "/q/tckt2345"))
            #expect(page.contains("<label for=\"ticket\">Код с талона (8 знаков)</label>"))
            var statuses: [Int] = []
            var messages: [String] = []
            for ticket in ["", "zzzz2345", "AAAA-2345", "aaaa2345"] {
                let form = try await filledForm(client, &browser, code: "tckt2345", answers: [("q1", "no"), ("sex", "male")]) + [("ticket", ticket)]
                let response = try await browser.post(client, "/q/tckt2345", form: form)
                statuses.append(Int(response.status.code))
                messages.append(text(response))
            }
            #expect(statuses == [422, 422, 303, 422])
            #expect(messages[0].contains("Введите код с талона"))
            #expect(messages[1].contains("Кода «zzzz2345» нет среди выданных талонов"))
            #expect(messages[1].contains("id=\"sex-male\" name=\"a.sex\" value=\"male\" checked"))
            #expect(messages[3].contains("Код «aaaa2345» уже использован"))
            #expect(store.submissions().count == 1)
            #expect(store.submissions().first?.submission.ticket == "AAAA-2345")
        }
    }
}

@Suite("Survey store conformance: in memory")
struct InMemoryConformanceTests {
    @Test("The in-memory store plays the shared scenario as expected")
    func scenario() {
        let store = InMemorySurveyStore(campaigns: [SurveyStoreConformance.campaign],
                                        organizations: [SurveyStoreConformance.library, SurveyStoreConformance.museum])
        let log = SurveyStoreConformance.run(store)
        #expect(log == SurveyStoreConformance.expected, "\(zip(log, SurveyStoreConformance.expected).filter { $0 != $1 })")
    }
}
