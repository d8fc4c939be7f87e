/// One institution's stored result: its total for listing and the full score with explanations as JSON.
public struct StoredScore: Sendable, Equatable {
    public var organization: OrganizationID
    public var total: Double?
    /// UTF-8 JSON: the institution's element of the canonical results array exactly as it stands there (indented one
    /// level), so the stored payloads joined in order give the hashed text. Bytes, not a `String`: checking 828 MB
    /// of UTF-8 again was a visible part of `score`.
    public var payload: [UInt8]

    public init(organization: OrganizationID, total: Double?, payload: [UInt8]) {
        self.organization = organization
        self.total = total
        self.payload = payload
    }
}

/// One computation of a campaign's results.
public struct ScoreRun: Sendable, Equatable {
    public var run: Int
    public var contentHash: String
    public var computedAt: String
    public var actor: String
    public var organizations: Int

    public init(run: Int, contentHash: String, computedAt: String, actor: String, organizations: Int) {
        self.run = run
        self.contentHash = contentHash
        self.computedAt = computedAt
        self.actor = actor
        self.organizations = organizations
    }
}

/// Computed results as a port: the latest scores replace the previous ones; every run stays in the history.
public protocol ScoreStore: Sendable {
    /// A batch of scores in the form this store keeps them (the SQLite store: payloads compressed). Opaque to the
    /// caller, who only carries it from `encode` to `storeScores`' insert.
    associatedtype EncodedScores: Sendable

    /// Encodes a batch for `storeScores`. Pure and safe on any thread: the caller runs it on the threads that compute
    /// the scores, so the thread holding the write transaction only inserts (encoding there was on `score`'s
    /// critical path).
    func encode(_ scores: [StoredScore]) -> EncodedScores

    /// Stores the scores of an open campaign in one transaction and returns the run it recorded.
    /// `scores` streams them into `insert` a batch at a time, each made by `encode`, and returns their content hash;
    /// if it throws, nothing is stored.
    func storeScores(campaign: String, actor: String,
                     scores: (_ insert: (EncodedScores) throws -> Void) throws -> String) throws -> ScoreRun
    /// Runs, oldest first.
    func scoreRuns(campaign: String) throws -> [ScoreRun]
    /// The latest stored scores, ordered by organisation id.
    func storedScores(campaign: String) throws -> [StoredScore]
}
