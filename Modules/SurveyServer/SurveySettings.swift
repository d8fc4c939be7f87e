public import AssessmentKernel
public import Foundation

/// A sector's questionnaire as the server renders and validates it: kernel values from the composition root.
public struct SurveyQuestionnaire: Sendable, Equatable {
    public var sector: SectorID
    public var title: String
    /// In questionnaire order; a filter always points to an earlier question.
    public var questions: [Question]

    public init(sector: SectorID, title: String, questions: [Question]) {
        self.sector = sector
        self.title = title
        self.questions = questions
    }
}

/// How the server behaves; every limit has a default a municipality can keep.
public struct SurveySettings: Sendable {
    /// Questionnaires per sector.
    public var questionnaires: [SectorID: SurveyQuestionnaire]
    /// The region's minimum sample (675н), for the progress page.
    public var minimumSample: MinimumSample
    /// The address printed on posters and QR codes, e.g. `https://opros.example.ru`; without it, the request's host.
    public var publicBaseURL: String?
    /// Largest accepted form body in bytes.
    public var maxBodyBytes: Int
    /// Form posts per client and minute (submissions and logins); 0 switches the limit off (load tests).
    public var postsPerMinute: Int
    /// How long a salted address hash is kept for repeat control.
    public var clientHashRetention: TimeInterval
    /// How long an operator stays signed in without a new login.
    public var sessionLifetime: TimeInterval
    /// How long a form's CSRF token stays valid.
    public var formLifetime: TimeInterval
    /// Take the client address from `X-Forwarded-For` (only behind a proxy that sets it).
    public var trustForwardedFor: Bool
    /// Mark the cookies `Secure` (when served over HTTPS).
    public var secureCookies: Bool

    public init(questionnaires: [SurveyQuestionnaire], minimumSample: MinimumSample = MinimumSample(), publicBaseURL: String? = nil,
                maxBodyBytes: Int = 64 * 1024, postsPerMinute: Int = 20, clientHashRetention: TimeInterval = 30 * 86_400,
                sessionLifetime: TimeInterval = 8 * 3_600, formLifetime: TimeInterval = 12 * 3_600, trustForwardedFor: Bool = false,
                secureCookies: Bool = false) {
        self.questionnaires = Dictionary(questionnaires.map { ($0.sector, $0) }, uniquingKeysWith: { first, _ in first })
        self.minimumSample = minimumSample
        self.publicBaseURL = publicBaseURL
        self.maxBodyBytes = maxBodyBytes
        self.postsPerMinute = postsPerMinute
        self.clientHashRetention = clientHashRetention
        self.sessionLifetime = sessionLifetime
        self.formLifetime = formLifetime
        self.trustForwardedFor = trustForwardedFor
        self.secureCookies = secureCookies
    }
}
