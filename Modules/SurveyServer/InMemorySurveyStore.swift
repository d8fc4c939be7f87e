public import AssessmentKernel
public import Foundation

/// The survey port in memory, for tests and trials: the same rules as the SQLite store, nothing on disk.
public final class InMemorySurveyStore: SurveyStore, @unchecked Sendable {
    /// A stored questionnaire with how it arrived.
    public struct Stored: Sendable, Equatable {
        public var receipt: SubmissionReceipt
        public var submission: SurveySubmission
    }

    // Guarded by `lock`; @unchecked Sendable because of that.
    private let lock = NSLock()
    private var campaignsByID: [String: Campaign] = [:]
    private var organizations: [Organization] = []
    private var approvedLists: [String: [OrganizationID]] = [:]
    private var linksByCode: [String: SurveyLink] = [:]
    private var stored: [Stored] = []
    private var accounts: [String: OperatorAccount] = [:]
    private var sessions: [String: OperatorSession] = [:]
    /// Ticket code → (campaign, institution, spent).
    private var tickets: [String: (campaign: String, organization: OrganizationID, spent: Bool)] = [:]

    public init(campaigns: [Campaign], organizations: [Organization], institutions: [String: [OrganizationID]] = [:]) {
        campaignsByID = Dictionary(campaigns.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        self.organizations = organizations
        approvedLists = institutions
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Every stored questionnaire, oldest first.
    public func submissions() -> [Stored] { locked { stored } }

    /// Changes a campaign's status, as approval does in the real store.
    public func setStatus(_ status: Campaign.Status, campaign: String) {
        locked { campaignsByID[campaign]?.status = status }
    }

    public func campaigns() throws -> [Campaign] {
        locked { campaignsByID.values.sorted { ($0.year, $0.id) < ($1.year, $1.id) } }
    }

    public func institutions(campaign: String) throws -> [Organization] {
        try locked { try institutionsLocked(campaign) }
    }

    private func institutionsLocked(_ campaign: String) throws -> [Organization] {
        guard let stored = campaignsByID[campaign] else { throw StoreError.campaignNotFound(campaign) }
        let listed = Set(approvedLists[campaign] ?? [])
        return organizations.filter { $0.active && stored.sectors.contains($0.sector) && (listed.isEmpty || listed.contains($0.id)) }
            .sorted { $0.id < $1.id }
    }

    public func createLink(_ link: SurveyLink, actor: String) throws {
        guard SurveyLink.isWellFormed(link.code) else { throw SurveyStoreError.malformedCode(link.code) }
        try locked {
            guard try institutionsLocked(link.campaign).contains(where: { $0.id == link.organization }) else {
                throw SurveyStoreError.organizationOutsideCampaign(link.organization, campaign: link.campaign)
            }
            if let existing = linksByCode.values.first(where: { $0.campaign == link.campaign && $0.organization == link.organization }) {
                throw SurveyStoreError.linkExists(campaign: link.campaign, organization: link.organization, code: existing.code)
            }
            guard linksByCode[link.code] == nil else { throw SurveyStoreError.codeTaken(link.code) }
            linksByCode[link.code] = link
        }
    }

    public func setStrict(_ strict: Bool, campaign: String, organizations: [OrganizationID], actor: String) throws -> Int {
        locked {
            var changed = 0
            for (code, link) in linksByCode where link.campaign == campaign && organizations.contains(link.organization) && link.strict != strict {
                linksByCode[code]?.strict = strict
                changed += 1
            }
            return changed
        }
    }

    public func links(campaign: String) throws -> [SurveyLink] {
        locked { linksByCode.values.filter { $0.campaign == campaign }.sorted { $0.organization < $1.organization } }
    }

    public func target(code: String) throws -> SurveyTarget? {
        locked {
            guard let link = linksByCode[code], let campaign = campaignsByID[link.campaign],
                  let organization = organizations.first(where: { $0.id == link.organization }) else { return nil }
            return SurveyTarget(link: link, campaign: campaign, organization: organization)
        }
    }

    public func submit(_ submission: SurveySubmission) throws -> SubmissionReceipt {
        try locked {
            guard let campaign = campaignsByID[submission.campaign] else { throw StoreError.campaignNotFound(submission.campaign) }
            guard campaign.status == .open else { throw StoreError.campaignApproved(submission.campaign) }
            guard try institutionsLocked(submission.campaign).contains(where: { $0.id == submission.organization }) else {
                throw SurveyStoreError.organizationOutsideCampaign(submission.organization, campaign: submission.campaign)
            }
            if linksByCode.values.contains(where: { $0.campaign == submission.campaign && $0.organization == submission.organization && $0.strict }),
               submission.channel == .web {
                guard let typed = submission.ticket.map(SurveyLink.normalisedTicket), !typed.isEmpty else { throw SurveyStoreError.ticketRequired }
                guard let ticket = tickets[typed], ticket.campaign == submission.campaign, ticket.organization == submission.organization else {
                    throw SurveyStoreError.ticketUnknown(typed)
                }
                guard !ticket.spent else { throw SurveyStoreError.ticketUsed(typed) }
                tickets[typed]?.spent = true
            }
            let same = stored.filter { $0.submission.campaign == submission.campaign && $0.submission.organization == submission.organization }
            let suspicion = RepeatScreening.suspicion(
                sameCookie: submission.cookie.map { cookie in same.filter { $0.submission.cookie == cookie }.count } ?? 0,
                sameClient: submission.clientHash.map { hash in same.filter { $0.submission.clientHash == hash }.count } ?? 0)
            let receipt = SubmissionReceipt(externalID: "\(submission.channel.rawValue)-\(UUID().uuidString.lowercased())", suspicion: suspicion)
            stored.append(Stored(receipt: receipt, submission: submission))
            return receipt
        }
    }

    public func issueTickets(campaign: String, organization: OrganizationID, codes: [String], actor: String) throws {
        try locked {
            guard try institutionsLocked(campaign).contains(where: { $0.id == organization }) else {
                throw SurveyStoreError.organizationOutsideCampaign(organization, campaign: campaign)
            }
            for code in codes {
                guard SurveyLink.isWellFormed(code) else { throw SurveyStoreError.malformedCode(code) }
                guard tickets[code] == nil else { throw SurveyStoreError.codeTaken(code) }
            }
            for code in codes { tickets[code] = (campaign, organization, false) }
        }
    }

    public func progress(campaign: String, policy: MinimumSample) throws -> [InstitutionProgress] {
        try locked {
            try institutionsLocked(campaign).map { organization in
                let mine = stored.filter { $0.submission.campaign == campaign && $0.submission.organization == organization.id }
                var byChannel: [SurveyChannel: Int] = [:]
                for item in mine { byChannel[item.submission.channel, default: 0] += 1 }
                return InstitutionProgress(organization: organization, byChannel: byChannel,
                                           suspicious: mine.filter { $0.receipt.suspicion != nil }.count, policy: policy)
            }
        }
    }

    public func flaggedSubmissions(campaign: String) throws -> [FlaggedSubmission] {
        locked {
            stored.filter { $0.submission.campaign == campaign }.compactMap { item in
                item.receipt.suspicion.map {
                    FlaggedSubmission(externalID: item.receipt.externalID, organization: item.submission.organization,
                                      channel: item.submission.channel, receivedAt: item.submission.receivedAt, reason: $0)
                }
            }
        }
    }

    public func forgetClientHashes(receivedBefore date: Date) throws -> Int {
        locked {
            var erased = 0
            for index in stored.indices where stored[index].submission.clientHash != nil && stored[index].submission.receivedAt < date {
                stored[index].submission.clientHash = nil
                erased += 1
            }
            return erased
        }
    }

    public func addOperator(_ account: OperatorAccount, actor: String) throws {
        try locked {
            guard accounts[account.login] == nil else { throw SurveyStoreError.operatorExists(account.login) }
            accounts[account.login] = account
        }
    }

    public func operatorAccount(login: String) throws -> OperatorAccount? { locked { accounts[login] } }

    public func operators() throws -> [OperatorAccount] { locked { accounts.values.sorted { $0.login < $1.login } } }

    public func setOperatorActive(login: String, active: Bool, actor: String) throws {
        try locked {
            guard accounts[login] != nil else { throw SurveyStoreError.operatorNotFound(login) }
            accounts[login]?.active = active
            if !active { sessions = sessions.filter { $0.value.login != login } }
        }
    }

    public func startSession(tokenHash: String, session: OperatorSession) throws {
        locked { sessions[tokenHash] = session }
    }

    public func session(tokenHash: String, now: Date) throws -> OperatorSession? {
        locked {
            guard let session = sessions[tokenHash], session.expiresAt > now, accounts[session.login]?.active == true else { return nil }
            return session
        }
    }

    public func endSession(tokenHash: String) throws {
        locked { _ = sessions.removeValue(forKey: tokenHash) }
    }
}
