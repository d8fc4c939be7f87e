import AssessmentKernel
import Foundation
import Hummingbird
import HummingbirdTesting
import SurveyServer
import Testing

/// Signs in as the fixture's operator and returns the browser holding the session cookie.
func signIn(_ client: some TestClientProtocol, password: String = "правильный-пароль") async throws -> (Browser, TestResponse) {
    var browser = Browser()
    let page = try await browser.get(client, "/operator/login")
    let csrf = try #require(hidden("csrf", in: text(page)))
    let response = try await browser.post(client, "/operator/login", form: [("csrf", csrf), ("login", "ivanova"), ("password", password)])
    return (browser, response)
}

@Suite("Survey server: operators")
struct OperatorRouteTests {
    @Test("A wrong password is refused with 401 and no session; the right one signs in")
    func login() async throws {
        let world = try SurveyWorld()
        try await world.app().test(.router) { client in
            let (wrong, refused) = try await signIn(client, password: "неправильный")
            #expect(refused.status == .unauthorized)
            #expect(text(refused).contains("Неверный логин или пароль."))
            #expect(wrong.cookies["nok_op"] == nil)
            let (browser, accepted) = try await signIn(client)
            #expect(accepted.status == .seeOther)
            #expect(accepted.headers[.location] == "/operator")
            #expect(browser.cookies["nok_op"] != nil)
            #expect(accepted.headers[values: .setCookie].contains { $0.hasPrefix("nok_op=") && $0.contains("HttpOnly") && $0.contains("SameSite=Strict") })
        }
    }

    @Test("Operator pages without a session send to the login page")
    func requiresSession() async throws {
        let world = try SurveyWorld()
        try await world.app().test(.router) { client in
            for uri in ["/operator", "/operator/entry/\(openLink)", "/operator/progress/2025"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/operator/login")
            }
            let post = try await client.execute(uri: "/operator/entry/\(openLink)", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                body: ByteBuffer(string: "channel=paper&a.q1=no&a.sex=male"))
            #expect(post.status == .seeOther)
            #expect(world.store.submissions().isEmpty)
        }
    }

    @Test("A session expires after its lifetime")
    func expiry() async throws {
        let world = try SurveyWorld()
        try await world.app().test(.router) { client in
            var (browser, _) = try await signIn(client)
            #expect(try await browser.get(client, "/operator").status == .ok)
            world.clock.advance(3_601)
            let later = try await browser.get(client, "/operator")
            #expect(later.status == .seeOther)
            #expect(later.headers[.location] == "/operator/login")
        }
    }

    @Test("Entry of a paper form: stored with its channel and operator, the form comes back empty for the next one")
    func entry() async throws {
        let world = try SurveyWorld()
        try await world.app().test(.router) { client in
            var (browser, _) = try await signIn(client)
            let home = text(try await browser.get(client, "/operator"))
            #expect(home.contains("href=\"/operator/entry/\(openLink)\""))
            #expect(home.contains("НОК 2024 (2024) — утверждена, ввод закрыт"))
            let page = try await browser.get(client, "/operator/entry/\(openLink)")
            let html = text(page)
            #expect(html.contains("<select id=\"channel\" name=\"channel\" autofocus>"))
            let csrf = try #require(hidden("csrf", in: html))
            let saved = try await browser.post(client, "/operator/entry/\(openLink)",
                                               form: [("csrf", csrf), ("channel", "interview"), ("a.q1", "yes"), ("a.q2", "no"), ("a.sex", "female")])
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location])
            #expect(location.hasPrefix("/operator/entry/\(openLink)?channel=interview&saved=interview-"))
            let stored = try #require(world.store.submissions().first)
            #expect(stored.submission.channel == .interview)
            #expect(stored.submission.operatorLogin == "ivanova")
            #expect(stored.submission.clientHash == nil && stored.submission.cookie == nil)
            #expect(stored.submission.answers == ["q1": "yes", "q2": "no", "sex": "female"])
            let next = text(try await browser.get(client, location))
            #expect(next.contains("Анкета сохранена"))
            #expect(next.contains("<option value=\"interview\" selected>"))
            #expect(!next.contains(" checked"))
        }
    }

    @Test("Operator entry refuses the web channel, a missing token and a closed campaign")
    func entryRefusals() async throws {
        let world = try SurveyWorld()
        try await world.app().test(.router) { client in
            var (browser, _) = try await signIn(client)
            let csrf = try #require(hidden("csrf", in: text(try await browser.get(client, "/operator/entry/\(openLink)"))))
            let web = try await browser.post(client, "/operator/entry/\(openLink)", form: [("csrf", csrf), ("channel", "web"), ("a.q1", "no"), ("a.sex", "male")])
            #expect(web.status == .badRequest)
            #expect(text(web).contains("Канал «web» не подходит"))
            let forged = try await browser.post(client, "/operator/entry/\(openLink)", form: [("channel", "paper"), ("a.q1", "no"), ("a.sex", "male")])
            #expect(forged.status == .forbidden)
            let closed = try await browser.post(client, "/operator/entry/\(closedLink)", form: [("csrf", csrf), ("channel", "paper"), ("a.q1", "no"), ("a.sex", "male")])
            #expect(closed.status == .gone)
            #expect(world.store.submissions().isEmpty)
        }
    }

    @Test("Progress: responses per institution by channel against the minimum sample, flagged ones listed")
    func progress() async throws {
        let world = try SurveyWorld()
        try await world.app().test(.router) { client in
            var citizen = Browser()
            for _ in 0..<2 {
                let form = try await filledForm(client, &citizen, answers: [("q1", "no"), ("sex", "male")])
                _ = try await citizen.post(client, "/q/\(openLink)", form: form)
            }
            var (browser, _) = try await signIn(client)
            let csrf = try #require(hidden("csrf", in: text(try await browser.get(client, "/operator/entry/\(openLink)"))))
            _ = try await browser.post(client, "/operator/entry/\(openLink)", form: [("csrf", csrf), ("channel", "phone"), ("a.q1", "no"), ("a.sex", "male")])
            let html = text(try await browser.get(client, "/operator/progress/2025"))
            // Библиотека: 10 recipients × 40 % = 4 required; web 2, phone 1 → 3, one short; one repeat flagged.
            #expect(html.contains("<tr><th scope=\"row\">Библиотека</th><td class=\"n\">2</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">1</td><td class=\"n\">3</td><td class=\"n\">4</td><td class=\"n short\">не хватает 1</td><td class=\"n\">1</td></tr>"))
            #expect(html.contains("<td class=\"n\">не задано</td>"))  // the museum has no recipient count
            #expect(html.contains("повтор из того же браузера (cookie), ранее анкет: 1"))
            #expect(html.contains("Анкет всего: 3."))
            // The page reloads itself every 30 s, and the operator can switch that off (WCAG 2.2.1).
            #expect(html.contains("<meta http-equiv=\"refresh\" content=\"30\">"))
            #expect(html.contains("<a href=\"/operator/progress/2025?refresh=0\">Не обновлять автоматически</a>"))
            let still = text(try await browser.get(client, "/operator/progress/2025?refresh=0"))
            #expect(!still.contains("http-equiv=\"refresh\""))
            #expect(still.contains("Анкет всего: 3."))
        }
    }

    @Test("A deactivated operator is signed out at once and cannot sign in again")
    func deactivated() async throws {
        let world = try SurveyWorld()
        try await world.app().test(.router) { client in
            var (browser, _) = try await signIn(client)
            #expect(try await browser.get(client, "/operator/progress/2025").status == .ok)
            try world.store.setOperatorActive(login: "ivanova", active: false, actor: "тест")
            let after = try await browser.get(client, "/operator/progress/2025")
            #expect(after.status == .seeOther)
            #expect(after.headers[.location] == "/operator/login")
            let (_, refused) = try await signIn(client)
            #expect(refused.status == .unauthorized)
        }
    }

    @Test("Logout ends the session")
    func logout() async throws {
        let world = try SurveyWorld()
        try await world.app().test(.router) { client in
            var (browser, _) = try await signIn(client)
            let home = text(try await browser.get(client, "/operator"))
            let csrf = try #require(hidden("csrf", in: home))
            let token = try #require(browser.cookies["nok_op"])
            let out = try await browser.post(client, "/operator/logout", form: [("csrf", csrf)])
            #expect(out.status == .seeOther)
            // Even the old cookie no longer opens a page.
            let replay = try await client.execute(uri: "/operator", method: .get, headers: [.cookie: "nok_op=\(token)"])
            #expect(replay.status == .seeOther)
        }
    }
}
