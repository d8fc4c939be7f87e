/// One year of assessment for a set of sectors, scored under one edition of the method.
public struct Campaign: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        case open
        case approved
    }

    public var id: String
    public var title: String
    public var year: Int
    public var methodology: MethodologyID
    public var sectors: [SectorID]
    public var status: Status
    /// The plan template the campaign's stages came from (`Configs/plans/<id>.yaml`).
    public var planTemplate: String?
    /// Extra criteria the administration attached to this campaign; nil means the region's list.
    public var extraCriteria: [ExtraCriterionID]?

    public init(id: String, title: String, year: Int, methodology: MethodologyID, sectors: [SectorID], status: Status = .open,
                planTemplate: String? = nil, extraCriteria: [ExtraCriterionID]? = nil) {
        self.extraCriteria = extraCriteria
        self.id = id
        self.title = title
        self.year = year
        self.methodology = methodology
        self.sectors = sectors
        self.status = status
        self.planTemplate = planTemplate
    }
}

/// A questionnaire as stored: its answers and which of them the skip logic counts.
public struct StoredResponse: Sendable, Equatable {
    public var externalID: String
    public var organization: OrganizationID
    public var channel: String
    public var answers: [QuestionID: String]
    /// Questions the respondent was asked (`ResponseTallier.askedQuestions`); other answers are kept, not counted.
    public var asked: Set<QuestionID>
    /// Free-text answers (suggestions) by question; never counted, shown on the institution's card.
    public var comments: [QuestionID: String]
    /// ISO date or date-time the questionnaire was filled in, when known.
    public var submittedAt: String?

    public init(externalID: String, organization: OrganizationID, channel: String, answers: [QuestionID: String], asked: Set<QuestionID>,
                comments: [QuestionID: String] = [:], submittedAt: String? = nil) {
        self.externalID = externalID
        self.organization = organization
        self.channel = channel
        self.answers = answers
        self.asked = asked
        self.comments = comments
        self.submittedAt = submittedAt
    }
}

/// A questionnaire row of a data file, already checked and packed as the store keeps it: the bulk import's
/// row, so a million rows cost no dictionaries. Its text lies in `bytes` (UTF-8, back to back); the ranges
/// point into it. `answers` and `ignored` are JSON objects with keys sorted (`PackedAnswers`): the answers the
/// skip logic counts, and those given against a filter.
public struct PackedResponse {
    /// Physical line of the row in its file.
    public var line: Int
    public var bytes: [UInt8]
    public var externalID: Range<Int>
    public var organization: Range<Int>
    public var channel: Range<Int>
    public var submittedAt: Range<Int>?
    public var answers: Range<Int>
    public var ignored: Range<Int>
    /// Meaningful free-text answers, by question.
    public var comments: [(question: QuestionID, text: String)]

    public init() {
        line = 0
        bytes = []
        externalID = 0..<0
        organization = 0..<0
        channel = 0..<0
        submittedAt = nil
        answers = 0..<0
        ignored = 0..<0
        comments = []
    }

    /// The text of one of the ranges.
    public func text(_ range: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }
}

/// How many answers of one organisation had one value for one question: a row of the store's tallies.
public struct AnswerCount: Sendable, Equatable {
    public var organization: OrganizationID
    public var question: QuestionID
    public var value: String
    /// False for answers given against the question's filter.
    public var counted: Bool
    public var n: Int

    public init(organization: OrganizationID, question: QuestionID, value: String, counted: Bool, n: Int) {
        self.organization = organization
        self.question = question
        self.value = value
        self.counted = counted
        self.n = n
    }
}

/// How many questionnaires of one organisation came through one channel: a row of the store's respondent counts.
public struct RespondentCount: Sendable, Equatable {
    public var organization: OrganizationID
    public var channel: SurveyChannel
    public var n: Int

    public init(organization: OrganizationID, channel: SurveyChannel, n: Int) {
        self.organization = organization
        self.channel = channel
        self.n = n
    }
}

/// A row of a bulk import the store could not keep: its line in the file and the store's reason.
public struct RefusedRow: Sendable {
    public var line: Int
    public var error: any Error

    public init(line: Int, error: any Error) {
        self.line = line
        self.error = error
    }
}

/// Where a bulk import's reader hands its rows. The store may hold rows for a while and write them on another
/// thread, so whether it refuses one (a questionnaire number stored before, a failing write) is known only later:
/// refusals come back from `refusedRows`, by line, in the order the rows were handed over. The reader must ask
/// with `waitingForAll` once its last row is handed over; a refusal it never collects fails the import.
public protocol PackedResponseSink: AnyObject {
    /// The most rows handed over and not yet written or refused at any moment.
    var maxRowsInFlight: Int { get }
    /// Copies the row and hands it on; `row` may be reused as soon as this returns.
    func insert(_ row: PackedResponse)
    /// The rows refused since the last call, in line order. With `waitingForAll`, first waits until every row handed
    /// over has been written or refused.
    func refusedRows(waitingForAll: Bool) -> [RefusedRow]
}

/// What a bulk import's reader says when the file is read: how it was read, and the file's answer and respondent
/// counts (of the rows the store kept).
public struct PackedResponsesSummary: Sendable {
    /// «кодировка …, разделитель …».
    public var format: String
    public var counts: [AnswerCount]
    public var respondents: [RespondentCount]

    public init(format: String, counts: [AnswerCount], respondents: [RespondentCount]) {
        self.format = format
        self.counts = counts
        self.respondents = respondents
    }
}

/// Answers as a JSON object with sorted keys, the form the store keeps them in: codes of questions and options,
/// escaped as JSON requires. The web survey and the file import both write it.
public enum PackedAnswers {
    /// Written straight into one buffer: the survey server packs every questionnaire inside its write transaction,
    /// where two arrays per answer were a visible share of the time.
    public static func json(_ pairs: [(String, String)]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pairs.reduce(2) { $0 + $1.0.utf8.count + $1.1.utf8.count + 6 })
        bytes.append(UInt8(ascii: "{"))
        for (index, pair) in pairs.sorted(by: { $0.0 < $1.0 }).enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendQuoted(pair.0, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            appendQuoted(pair.1, to: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `{"key":value,…}` from pairs already quoted and in order.
    public static func append(_ pairs: [([UInt8], [UInt8])], to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "{"))
        for (index, pair) in pairs.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: pair.0)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: pair.1)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// A JSON string literal, UTF-8.
    public static func quoted(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        appendQuoted(text, to: &out)
        return out
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// Campaigns and their data as a port.
public protocol CampaignStore: Sendable {
    func createCampaign(_ campaign: Campaign, actor: String) throws
    func campaigns() throws -> [Campaign]
    func campaign(_ id: String) throws -> Campaign?
    /// All marks of a file or none; the same file (by hash) again changes nothing.
    /// `audits` says who checked an item, when, and its evidence, where the file has them. Every institution must be
    /// one of the registry (the reader looks each one up); the store, writing in bulk, does not look again.
    func importChecklists(campaign: String, marks: [OrganizationID: [ChecklistID: [ChecklistItemID: ItemMark]]],
                          audits: [OrganizationID: [ChecklistID: [ChecklistItemID: ItemAudit]]],
                          file: ImportedFile, actor: String) throws -> ImportReceipt
    /// `rows` streams the file into `insert` and returns what was detected in it (encoding, delimiter);
    /// if it throws, nothing of the file stays.
    func importResponses(campaign: String, file: ImportedFile, actor: String,
                         rows: (_ insert: (StoredResponse) throws -> Void) throws -> String) throws -> ImportReceipt
    /// The bulk form of `importResponses`: `rows` hands rows already checked and packed to the sink, then returns the
    /// file's answer and respondent counts; the same all-or-nothing and the same stored result. The store may run
    /// `rows` on another thread while it writes (it returns only when `rows` has). Every row must name an institution
    /// of the registry: the reader has looked each one up, and the store does not again.
    func importPackedResponses(campaign: String, file: ImportedFile, actor: String,
                               rows: (_ sink: any PackedResponseSink) throws -> PackedResponsesSummary) throws -> ImportReceipt
    /// Per-organisation counts for scoring, built by GROUP BY in the store.
    func organizationData(campaign: String) throws -> [OrganizationData]
    /// Limits the campaign to a list the council approved; an empty list means the whole sectors.
    func setInstitutions(campaign: String, institutions: [OrganizationID], actor: String) throws
    /// The approved list, empty when the campaign covers its whole sectors.
    func institutions(campaign: String) throws -> [OrganizationID]
    /// Respondents' free-text suggestions per organisation, in the order the responses were stored.
    func suggestions(campaign: String) throws -> [OrganizationID: [String]]
    /// Who checked each item of an organisation's check-lists, when, and its evidence.
    func checklistAudits(campaign: String, organization: OrganizationID) throws -> [ChecklistID: [ChecklistItemID: ItemAudit]]
    /// Attaches extra criteria to an open campaign (nil: the region's list again).
    func setExtraCriteria(campaign: String, _ criteria: [ExtraCriterionID]?, actor: String) throws
    func setOperator(campaign: String, _ campaignOperator: CampaignOperator, actor: String) throws
    func campaignOperator(campaign: String) throws -> CampaignOperator?
    /// Questionnaires per organisation and channel (`web`, `paper`, `interview`, `phone`).
    func responsesByChannel(campaign: String) throws -> [OrganizationID: [String: Int]]
    /// Takes questionnaires of an open campaign out of the calculation (their answers leave the counts; the
    /// questionnaires stay, with `reason`). All numbers or none: an unknown one is `StoreError.responseNotFound`.
    /// Returns how many were excluded now (one already excluded keeps its first reason).
    func excludeResponses(campaign: String, externalIDs: [String], reason: String, actor: String) throws -> Int
    /// Counts excluded questionnaires again; all numbers or none, as `excludeResponses`. Returns how many came back.
    func restoreResponses(campaign: String, externalIDs: [String], reason: String, actor: String) throws -> Int
    /// The campaign's excluded questionnaires, in the order they were excluded.
    func excludedResponses(campaign: String) throws -> [ExcludedResponse]
    /// Freezes the results: stores them with their content hash and closes the campaign to new data.
    /// A campaign approved before needs a `reason` for every new version.
    func approve(campaign: String, results: ApprovedResults, actor: String, reason: String?) throws -> Int
    /// `approve` for results too large to hold at once (10 000 institutions are close to a gigabyte): the
    /// payload's `byteCount` bytes of UTF-8 come from `payload` in pieces handed to `write`, exactly that many.
    /// `results.payload` is ignored.
    func approve(campaign: String, results: ApprovedResults, actor: String, reason: String?, byteCount: Int,
                 payload: (_ write: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws -> Int
    /// Approved versions, oldest first; without `payloads` each `payload` is left empty (a version of
    /// 10 000 institutions holds close to a gigabyte of text, which `verify` and the documents never read).
    func approvedVersions(campaign: String, payloads: Bool) throws -> [ApprovedResults]
}

extension CampaignStore {
    /// Approved versions with their payloads, oldest first.
    public func approvedVersions(campaign: String) throws -> [ApprovedResults] {
        try approvedVersions(campaign: campaign, payloads: true)
    }
}

/// Results as the council approved them: the canonical JSON of the scores and its SHA-256.
public struct ApprovedResults: Sendable, Equatable {
    public var version: Int
    public var contentHash: String
    public var payload: String
    public var decision: String
    public var approvedAt: String
    public var reason: String?

    public init(version: Int = 0, contentHash: String, payload: String, decision: String, approvedAt: String = "", reason: String? = nil) {
        self.version = version
        self.contentHash = contentHash
        self.payload = payload
        self.decision = decision
        self.approvedAt = approvedAt
        self.reason = reason
    }
}

/// A questionnaire taken out of the calculation, and why.
public struct ExcludedResponse: Sendable, Equatable {
    public var externalID: String
    public var organization: OrganizationID
    public var channel: String
    public var reason: String
    public var actor: String
    /// ISO 8601, UTC.
    public var excludedAt: String

    public init(externalID: String, organization: OrganizationID, channel: String, reason: String, actor: String, excludedAt: String) {
        self.externalID = externalID
        self.organization = organization
        self.channel = channel
        self.reason = reason
        self.actor = actor
        self.excludedAt = excludedAt
    }
}
