import AssessmentKernel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SurveyServer
import Testing

/// A small culture questionnaire with the three answer kinds and one skip rule (q2 only after q1 = yes).
let questionnaire = SurveyQuestionnaire(sector: "culture", title: "Культура", questions: [
    Question(id: "q1", text: "Обращались ли Вы к информации на стендах?", answer: .yesNo),
    Question(id: "q2", text: "Удовлетворены ли Вы информацией на стендах?", answer: .yesNo, filter: QuestionFilter(question: "q1", answer: "yes")),
    Question(id: "sex", text: "Ваш пол", answer: .choice([AnswerOption(id: "male", text: "Мужской"), AnswerOption(id: "female", text: "Женский")])),
    Question(id: "age", text: "Ваш возраст", answer: .number(min: 14, max: 120)),
    Question(id: "suggestions", text: "Ваши предложения", answer: .text),
])

let library = Organization(id: "cul-01", name: "Центральная библиотека имени Пушкина", shortName: "Библиотека", sector: "culture", recipients: 10)
let museum = Organization(id: "cul-02", name: "Краеведческий музей", sector: "culture", recipients: nil)
let openLink = "abcd2345"
let closedLink = "zzzz2345"

/// A clock tests move forward (session expiry, token age) without sleeping.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_760_000_000)

    var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func advance(_ seconds: TimeInterval) {
        lock.lock()
        current += seconds
        lock.unlock()
    }
}

/// One in-memory world per test: an open and an approved campaign, two institutions, links, an operator.
struct SurveyWorld {
    let store: InMemorySurveyStore
    let clock = TestClock()
    var settings: SurveySettings

    init(postsPerMinute: Int = 0, maxBodyBytes: Int = 64 * 1024) throws {
        store = InMemorySurveyStore(
            campaigns: [
                Campaign(id: "2025", title: "НОК 2025", year: 2025, methodology: "344n-2024", sectors: ["culture"]),
                Campaign(id: "2024", title: "НОК 2024", year: 2024, methodology: "344n-2024", sectors: ["culture"], status: .approved),
            ],
            organizations: [library, museum])
        try store.createLink(SurveyLink(code: openLink, campaign: "2025", organization: library.id), actor: "тест")
        try store.createLink(SurveyLink(code: "efgh2345", campaign: "2025", organization: museum.id), actor: "тест")
        try store.createLink(SurveyLink(code: closedLink, campaign: "2024", organization: library.id), actor: "тест")
        try store.addOperator(OperatorAccount(login: "ivanova", name: "Иванова А. А.",
                                              passwordHash: OperatorPasswords.hash("правильный-пароль", cost: 4)!), actor: "тест")
        settings = SurveySettings(questionnaires: [questionnaire], minimumSample: MinimumSample(shareOfRecipients: 0.4, maximum: 600),
                                  publicBaseURL: "https://opros.example.ru", maxBodyBytes: maxBodyBytes, postsPerMinute: postsPerMinute,
                                  sessionLifetime: 3_600, trustForwardedFor: true)
    }

    func app() -> some ApplicationProtocol {
        let clock = clock
        var logger = Logger(label: "survey-test")
        logger.logLevel = .critical
        return buildApplication(store: store, settings: settings, logger: logger, now: { clock.now })
    }
}

/// What a browser keeps between requests: cookies by name.
struct Browser {
    var cookies: [String: String] = [:]

    var cookieHeader: HTTPFields {
        cookies.isEmpty ? [:] : [.cookie: cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
    }

    mutating func keep(_ response: TestResponse) {
        for value in response.headers[values: .setCookie] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]), content = pair.count > 1 ? String(pair[1]) : ""
            if value.contains("Max-Age=0") || content.isEmpty { cookies[name] = nil } else { cookies[name] = content }
        }
    }

    mutating func get(_ client: some TestClientProtocol, _ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var all = cookieHeader
        all.append(contentsOf: headers)
        let response = try await client.execute(uri: uri, method: .get, headers: all)
        keep(response)
        return response
    }

    mutating func post(_ client: some TestClientProtocol, _ uri: String, form: [(String, String)], headers: HTTPFields = [:]) async throws -> TestResponse {
        var all = cookieHeader
        all[.contentType] = "application/x-www-form-urlencoded"
        all.append(contentsOf: headers)
        let body = form.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        let response = try await client.execute(uri: uri, method: .post, headers: all, body: ByteBuffer(string: body))
        keep(response)
        return response
    }

    private func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

/// The value of a hidden field in a page.
func hidden(_ name: String, in html: String) -> String? {
    guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
    let rest = html[range.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
}

func text(_ response: TestResponse) -> String { String(buffer: response.body) }

/// Opens the questionnaire and returns the form's hidden fields plus the given answers.
func filledForm(_ client: some TestClientProtocol, _ browser: inout Browser, code: String = openLink,
                answers: [(String, String)], headers: HTTPFields = [:]) async throws -> [(String, String)] {
    let page = try await browser.get(client, "/q/\(code)", headers: headers)
    #expect(page.status == .ok)
    let html = text(page)
    let csrf = try #require(hidden("csrf", in: html))
    let rid = try #require(hidden("rid", in: html))
    return [("csrf", csrf), ("rid", rid)] + answers.map { ("a.\($0.0)", $0.1) }
}

func forwarded(_ address: String) -> HTTPFields { [HTTPField.Name("X-Forwarded-For")!: address] }
