public import Foundation

/// How a questionnaire reached the campaign; the `response.channel` values.
public enum SurveyChannel: String, Sendable, Equatable, CaseIterable, Codable {
    case web, paper, interview, phone

    /// Russian name for pages and reports.
    public var title: String {
        switch self {
        case .web: "сайт"
        case .paper: "бумага"
        case .interview: "интервью"
        case .phone: "телефон"
        }
    }
}

/// A short link to one institution's questionnaire in one campaign (`/q/<code>`).
public struct SurveyLink: Sendable, Equatable, Codable {
    public var code: String
    public var campaign: String
    public var organization: OrganizationID
    /// A strict link takes a web questionnaire only with an unused single-use code from a printed ticket.
    public var strict: Bool

    public init(code: String, campaign: String, organization: OrganizationID, strict: Bool = false) {
        self.code = code
        self.campaign = campaign
        self.organization = organization
        self.strict = strict
    }

    /// Letters and digits a person can retype from paper: no 0/O, 1/l/I.
    public static let alphabet = Array("23456789abcdefghjkmnpqrstuvwxyz")

    /// A random code of `length` characters from `alphabet`.
    public static func randomCode<G: RandomNumberGenerator>(length: Int = 8, using generator: inout G) -> String {
        String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// A ticket code as typed: case, spaces and dashes do not matter («ABCD-2345» is «abcd2345»).
    public static func normalisedTicket(_ typed: String) -> String {
        String(typed.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    public static func isWellFormed(_ code: String) -> Bool {
        (4...32).contains(code.count) && code.allSatisfy { alphabet.contains($0) }
    }
}

/// What a link leads to: the campaign (its status decides whether answers are taken) and the institution.
public struct SurveyTarget: Sendable, Equatable {
    public var link: SurveyLink
    public var campaign: Campaign
    public var organization: Organization

    public init(link: SurveyLink, campaign: Campaign, organization: Organization) {
        self.link = link
        self.campaign = campaign
        self.organization = organization
    }

    /// Only an open campaign takes answers; an approved one has frozen results.
    public var acceptsAnswers: Bool { campaign.status == .open }
}

/// One questionnaire to store, as the server validated it.
public struct SurveySubmission: Sendable, Equatable {
    public var campaign: String
    public var organization: OrganizationID
    public var channel: SurveyChannel
    /// Question id → normalised answer code.
    public var answers: [QuestionID: String]
    /// Questions the skip logic asked (`ResponseTallier.askedQuestions`); other answers are kept, not counted.
    public var asked: Set<QuestionID>
    /// Free-text answers (suggestions) by question: stored with the response, never counted.
    public var comments: [QuestionID: String]
    /// The operator who typed in a paper form, an interview or a call; nil for a citizen's own answers.
    public var operatorLogin: String?
    /// Salted SHA-256 of the client address; never the address itself (152-ФЗ).
    public var clientHash: String?
    /// The random id of the browser's survey cookie.
    public var cookie: String?
    /// The single-use code from a ticket, for a strict link; the store spends it with the submission.
    public var ticket: String?
    public var receivedAt: Date

    public init(campaign: String, organization: OrganizationID, channel: SurveyChannel, answers: [QuestionID: String],
                asked: Set<QuestionID>, comments: [QuestionID: String] = [:], operatorLogin: String? = nil, clientHash: String? = nil,
                cookie: String? = nil, ticket: String? = nil, receivedAt: Date) {
        self.comments = comments
        self.campaign = campaign
        self.organization = organization
        self.channel = channel
        self.answers = answers
        self.asked = asked
        self.operatorLogin = operatorLogin
        self.clientHash = clientHash
        self.cookie = cookie
        self.ticket = ticket
        self.receivedAt = receivedAt
    }
}

/// What the store says after a submission was written.
public struct SubmissionReceipt: Sendable, Equatable {
    /// `response.external_id` of the stored questionnaire.
    public var externalID: String
    /// Why the submission looks repeated; it is stored and counted, and listed for an operator to review.
    public var suspicion: String?

    public init(externalID: String, suspicion: String?) {
        self.externalID = externalID
        self.suspicion = suspicion
    }
}

/// Repeat control: a submission is suspicious when the same browser or the same address already answered
/// for this institution. The decision is the kernel's so every store flags the same way.
public enum RepeatScreening {
    /// Earlier submissions are counted up to this many: past it the count says nothing more to an operator, and
    /// a browser or address that sends thousands would otherwise make every next write count them all again.
    public static let countLimit = 100

    /// `sameCookie` and `sameClient` count earlier submissions for the same campaign and institution (a store
    /// may stop counting at `countLimit`).
    public static func suspicion(sameCookie: Int, sameClient: Int) -> String? {
        var reasons: [String] = []
        if sameCookie > 0 { reasons.append("повтор из того же браузера (cookie), ранее анкет: \(described(sameCookie))") }
        if sameClient > 0 { reasons.append("повтор с того же адреса (хеш IP), ранее анкет: \(described(sameClient))") }
        return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }

    private static func described(_ count: Int) -> String {
        count >= countLimit ? "\(countLimit) и более" : "\(count)"
    }
}

/// A submission flagged for an operator's review.
public struct FlaggedSubmission: Sendable, Equatable {
    public var externalID: String
    public var organization: OrganizationID
    public var channel: SurveyChannel
    public var receivedAt: Date
    public var reason: String

    public init(externalID: String, organization: OrganizationID, channel: SurveyChannel, receivedAt: Date, reason: String) {
        self.externalID = externalID
        self.organization = organization
        self.channel = channel
        self.receivedAt = receivedAt
        self.reason = reason
    }
}

/// One institution's progress in a campaign: questionnaires by channel against the minimum sample.
public struct InstitutionProgress: Sendable, Equatable {
    public var organization: Organization
    public var byChannel: [SurveyChannel: Int]
    public var suspicious: Int
    public var sample: SampleCheck

    public init(organization: Organization, byChannel: [SurveyChannel: Int], suspicious: Int, policy: MinimumSample) {
        self.organization = organization
        self.byChannel = byChannel
        self.suspicious = suspicious
        self.sample = policy.check(recipients: organization.recipients, actual: byChannel.values.reduce(0, +))
    }
}

extension MinimumSample {
    /// The 675н sample check the scoring uses; nil recipients means the registry lacks the number.
    public func check(recipients: Int?, actual: Int) -> SampleCheck {
        guard let recipients else { return SampleCheck(required: nil, actual: actual, status: .unknown) }
        let required = required(recipients: recipients)
        return SampleCheck(required: required, actual: actual, status: actual >= required ? .sufficient : .insufficient)
    }
}

/// An operator who types in paper forms, interviews and calls. The password is kept only as a slow salted hash.
public struct OperatorAccount: Sendable, Equatable {
    public var login: String
    public var name: String
    public var passwordHash: String
    public var active: Bool

    public init(login: String, name: String, passwordHash: String, active: Bool = true) {
        self.login = login
        self.name = name
        self.passwordHash = passwordHash
        self.active = active
    }
}

/// A signed-in operator's session; the store keeps only a hash of the token the browser holds.
public struct OperatorSession: Sendable, Equatable {
    public var login: String
    public var expiresAt: Date

    public init(login: String, expiresAt: Date) {
        self.login = login
        self.expiresAt = expiresAt
    }
}

/// Errors of the survey port, in Russian for the user.
public enum SurveyStoreError: Error, Equatable, Sendable, LocalizedError {
    case linkExists(campaign: String, organization: OrganizationID, code: String)
    case codeTaken(String)
    case malformedCode(String)
    case operatorExists(String)
    case operatorNotFound(String)
    case organizationOutsideCampaign(OrganizationID, campaign: String)
    case ticketRequired
    case ticketUnknown(String)
    case ticketUsed(String)

    public var errorDescription: String? {
        switch self {
        case .linkExists(let campaign, let organization, let code):
            "У организации «\(organization)» в кампании «\(campaign)» уже есть ссылка: /q/\(code)."
        case .codeTaken(let code): "Код ссылки «\(code)» уже занят."
        case .malformedCode(let code):
            "Код ссылки «\(code)» не подходит: нужно 4–32 символа из строчных латинских букв и цифр без 0, 1, i, l, o."
        case .operatorExists(let login): "Оператор «\(login)» уже есть."
        case .operatorNotFound(let login): "Оператора «\(login)» нет."
        case .organizationOutsideCampaign(let id, let campaign):
            "Организации «\(id)» нет среди учреждений кампании «\(campaign)» (сферы кампании и утверждённый перечень)."
        case .ticketRequired: "Введите код с талона: без него анкета этой организации не принимается."
        case .ticketUnknown(let code): "Кода «\(code)» нет среди выданных талонов этой организации: проверьте, как он набран."
        case .ticketUsed(let code): "Код «\(code)» уже использован: каждый талон принимает одну анкету."
        }
    }
}

/// What the survey server needs from storage, as a port: links, durable submissions, progress, operators.
public protocol SurveyStore: Sendable {
    /// Every campaign, for the operators' start page.
    func campaigns() throws -> [Campaign]
    /// Institutions the campaign covers: its approved list, or every active institution of its sectors.
    func institutions(campaign: String) throws -> [Organization]
    func createLink(_ link: SurveyLink, actor: String) throws
    func links(campaign: String) throws -> [SurveyLink]
    /// Makes the existing links of `organizations` in the campaign strict (tickets only) or open again; returns how
    /// many changed. Organisations without a link are left alone.
    func setStrict(_ strict: Bool, campaign: String, organizations: [OrganizationID], actor: String) throws -> Int
    /// The campaign and institution behind a code; nil for an unknown code.
    func target(code: String) throws -> SurveyTarget?
    /// Single-use codes for a strict link's tickets; an existing code is refused.
    func issueTickets(campaign: String, organization: OrganizationID, codes: [String], actor: String) throws
    /// Writes the questionnaire (into the campaign's responses, so scoring counts it) and returns only after
    /// it is committed. Refuses when the campaign is approved, and a web questionnaire for a strict link without
    /// an unused ticket of that institution (the ticket is spent in the same transaction).
    func submit(_ submission: SurveySubmission) throws -> SubmissionReceipt
    /// Several questionnaires in one commit (group commit under load); each succeeds or fails on its own,
    /// exactly as `submit` would, and all that succeed are committed before this returns.
    func submitAll(_ submissions: [SurveySubmission]) throws -> [Result<SubmissionReceipt, any Error>]
    /// Responses per institution and channel (all channels, imports included), with flagged counts; questionnaires
    /// excluded from the calculation count nowhere.
    func progress(campaign: String, policy: MinimumSample) throws -> [InstitutionProgress]
    /// Flagged questionnaires still counted (an excluded one has been dealt with).
    func flaggedSubmissions(campaign: String) throws -> [FlaggedSubmission]
    /// Erases client hashes of submissions received before `date` (the retention period); returns how many.
    func forgetClientHashes(receivedBefore date: Date) throws -> Int

    func addOperator(_ account: OperatorAccount, actor: String) throws
    func operatorAccount(login: String) throws -> OperatorAccount?
    func operators() throws -> [OperatorAccount]
    /// Switches an operator off (their sessions end at once; their entered questionnaires stay) or back on.
    /// An unknown login is `SurveyStoreError.operatorNotFound`.
    func setOperatorActive(login: String, active: Bool, actor: String) throws
    func startSession(tokenHash: String, session: OperatorSession) throws
    /// The session if it exists and has not expired at `now`.
    func session(tokenHash: String, now: Date) throws -> OperatorSession?
    func endSession(tokenHash: String) throws
}

extension SurveyStore {
    /// One `submit` after another: right for a store with no transaction to share.
    public func submitAll(_ submissions: [SurveySubmission]) throws -> [Result<SubmissionReceipt, any Error>] {
        submissions.map { submission in Result { try submit(submission) } }
    }
}
