public import AssessmentKernel
public import Foundation
public import Hummingbird
import HTTPTypes
import HummingbirdCore
public import Logging
import NIOCore

/// Builds the survey server: citizens' questionnaire, QR codes and posters, operators' pages, `/health`.
/// Tests call this with `InMemorySurveyStore`; `nok-survey serve` with the SQLite store.
public func buildApplication(store: any SurveyStore, settings: SurveySettings,
                             configuration: ApplicationConfiguration = ApplicationConfiguration(),
                             logger: Logger, now: @escaping @Sendable () -> Date = Date.init) -> some ApplicationProtocol {
    let server = SurveyServer(store: store, settings: settings, logger: logger, now: now)
    let router = Router(context: SurveyRequestContext.self)
    router.add(middleware: LogRequestsMiddleware(.debug))
    router.add(middleware: PageMiddleware(logger: logger))
    server.addCitizenRoutes(to: router)
    server.addOperatorRoutes(to: router)
    var app = Application(
        router: router,
        // Idle connections close after 30 s, so a slow or stuck client cannot hold a connection forever.
        server: .http1(configuration: HTTP1Channel.Configuration(idleTimeout: .seconds(30))),
        configuration: configuration, logger: logger)
    // Hashes past the retention period go at start too, not only after the next submission.
    app.beforeServerStarts { await server.forgetOldHashesIfDue() }
    return app
}

/// Shared state of the routes: the store, the settings and the per-process secrets.
struct SurveyServer: Sendable {
    let store: any SurveyStore
    let settings: SurveySettings
    let logger: Logger
    let now: @Sendable () -> Date
    let secrets = Secrets()
    let limiter: RateLimiter
    let retention = HashRetention()
    let batcher: SubmissionBatcher
    /// Each sector's questionnaire prepared for checking forms.
    let prepared: [SectorID: PreparedQuestionnaire]
    /// Links behind posted questionnaires, read once per few seconds instead of once per post.
    let targets = TargetCache()

    init(store: any SurveyStore, settings: SurveySettings, logger: Logger, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.settings = settings
        self.logger = logger
        self.now = now
        limiter = RateLimiter(perMinute: settings.postsPerMinute)
        batcher = SubmissionBatcher(store: store)
        prepared = settings.questionnaires.mapValues(PreparedQuestionnaire.init)
    }

    /// A blocking store call off the cooperative pool.
    func call<T: Sendable>(_ body: @escaping @Sendable (any SurveyStore) throws -> T) async throws -> T {
        let store = store
        return try await Blocking.run { try body(store) }
    }

    /// The client's address: the socket peer, or the first `X-Forwarded-For` entry behind a trusted proxy.
    func clientAddress(_ request: Request, _ context: SurveyRequestContext) -> String? {
        if settings.trustForwardedFor, let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!] {
            let first = forwarded.split(separator: ",").first.map { AnswerValidation.trimmed(String($0), newlines: false) } ?? ""
            if !first.isEmpty { return first }
        }
        return context.peerAddress
    }

    /// False (and the caller answers 429) when the client posted too often this minute.
    func allowPost(_ request: Request, _ context: SurveyRequestContext) async -> Bool {
        guard settings.postsPerMinute > 0 else { return true }
        let key = clientAddress(request, context).map(secrets.clientHash) ?? "unknown"
        return await limiter.allow(key, now: now())
    }

    /// The form body, at most `settings.maxBodyBytes`; nil when it is bigger.
    func formFields(_ request: Request) async throws -> [(name: String, value: String)]? {
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: settings.maxBodyBytes)
            return FormBody.parse(buffer)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return nil
        }
    }

    /// The version for the visually impaired: `?vid=1` switches it on (remembered in a cookie), `?vid=0` off.
    func accessibility(_ request: Request) -> (on: Bool, cookie: Cookie?) {
        switch request.uri.queryParameters.get("vid") {
        case "1": (true, Cookie(name: "nok_vid", value: "1", maxAge: 365 * 86_400, path: "/", secure: settings.secureCookies, httpOnly: true, sameSite: .lax))
        case "0": (false, Cookie(name: "nok_vid", value: "0", maxAge: 0, path: "/", secure: settings.secureCookies, httpOnly: true, sameSite: .lax))
        default: (request.cookies["nok_vid"]?.value == "1", nil)
        }
    }

    /// The public address of a link, for QR codes and posters.
    func publicURL(_ request: Request, path: String) -> String {
        let base = settings.publicBaseURL ?? "http://\(request.head.authority ?? "localhost")"
        return base.hasSuffix("/") ? String(base.dropLast()) + path : base + path
    }
}

/// An HTML response; pages with forms are never cached.
func htmlResponse(_ status: HTTPResponse.Status, _ html: String, cookies: [Cookie] = []) -> Response {
    var response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    cookies.forEach { response.setCookie($0) }
    return response
}

func redirect(_ location: String, cookies: [Cookie] = []) -> Response {
    var response = Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    cookies.forEach { response.setCookie($0) }
    return response
}

/// A short page with a heading and a paragraph: refusals, errors, thanks.
func messagePage(_ status: HTTPResponse.Status, title: String, text: String, accessible: Bool = false, extra: String = "") -> Response {
    htmlResponse(status, Html.page(title: title, accessible: accessible,
                                   body: "<h1>\(Html.escape(title))</h1>\n<p>\(Html.escape(text))</p>\n\(extra)"))
}

/// Security headers on every answer, and a Russian page instead of an empty body for any error.
struct PageMiddleware: RouterMiddleware {
    typealias Context = SurveyRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = switch error.status {
            case .notFound: messagePage(.notFound, title: "Страница не найдена", text: "Проверьте адрес: такой страницы нет.")
            case .contentTooLarge: messagePage(.contentTooLarge, title: "Слишком большой запрос", text: "Анкета не принята: запрос больше допустимого размера.")
            default: messagePage(error.status, title: "Запрос не выполнен", text: "Сервер не смог выполнить запрос (код \(error.status.code)).")
            }
        } catch {
            logger.error("request failed", metadata: ["path": .string(request.uri.path), "error": .string("\(error)")])
            response = messagePage(.internalServerError, title: "Ошибка сервера",
                                   text: "Анкета не сохранена из-за ошибки на сервере. Попробуйте ещё раз через несколько минут.")
        }
        response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return response
    }
}
