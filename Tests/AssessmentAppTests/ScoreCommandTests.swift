import ArgumentParser
import AssessmentApp
import AssessmentKernel
import AssessmentStorage
import Foundation
import GRDB
import Testing
import TestSupport

/// Runs nok-admin commands in process against one temporary database, as an operator would type them.
struct AdminSession {
    let database: String

    init(_ name: String) throws {
        database = try RepositoryPaths.temporaryDirectory(name).appendingPathComponent("db.sqlite").path
    }

    /// Commands that read configs get the repository's Configs; the others do not take --config-dir.
    func run(_ arguments: [String]) throws {
        let base = arguments + ["--database", database]
        var command: any ParsableCommand
        do {
            command = try AdminCommand.parseAsRoot(base + ["--config-dir", RepositoryPaths.configs.path])
        } catch {
            command = try AdminCommand.parseAsRoot(base)
        }
        try command.run()
    }

    /// The demo registry, one campaign and its check-lists and responses.
    func loadDemo() throws {
        let demo = RepositoryPaths.demo
        try run(["registry", "import", demo.appendingPathComponent("organizations.csv").path])
        try run(["campaign", "create", "--id", "2025", "--year", "2025", "--sectors", "culture", "education", "social-services"])
        try run(["import", "checklists", "--campaign", "2025", demo.appendingPathComponent("checklists.csv").path])
        try run(["import", "responses", "--campaign", "2025", demo.appendingPathComponent("responses.csv").path])
    }

    var store: SQLiteCampaignStore {
        get throws { SQLiteCampaignStore(database: try AppDatabase(path: database)) }
    }
}

@Suite("Stored scores and approval")
struct ScoreCommandTests {
    @Test("score stores every institution's score with its explanation; a rerun on the same data keeps the hash")
    func storesScores() throws {
        let session = try AdminSession("score")
        try session.loadDemo()
        try session.run(["score", "--campaign", "2025"])
        try session.run(["score", "--campaign", "2025"])
        let store = try session.store
        let runs = try store.scoreRuns(campaign: "2025")
        #expect(runs.map(\.run) == [1, 2])
        #expect(runs[0].contentHash == runs[1].contentHash)
        let stored = try store.storedScores(campaign: "2025")
        #expect(stored.count == 30)

        // The stored payload is the same score the reports compute, explanation included.
        let environment = try AppEnvironment(configDirectory: RepositoryPaths.configs)
        let scored = try ScoredCampaign.load(campaign: "2025", store: store, environment: environment)
        let first = try #require(stored.first)
        let decoded = try JSONDecoder().decode(OrganizationScore.self, from: Data(first.payload))
        #expect(decoded == scored.unitScores.first { $0.organization.id == first.organization })
        #expect(first.total == decoded.total)
        #expect(!decoded.totalExplanation.children.isEmpty)
        #expect(runs[0].contentHash == (try ResultsDigest.make(scored).hash))

        // Compressed on the scoring threads, each against the first payload of its batch, and read back: the payloads
        // in scoring order are the hashed canonical text.
        let references = try AppDatabase(path: session.database).writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(payload_reference) FROM score_result")
        }
        #expect(references == 29)
        let payloads = Dictionary(uniqueKeysWithValues: stored.map { ($0.organization, $0.payload) })
        var joined: [UInt8] = []
        for (offset, score) in scored.unitScores.enumerated() {
            joined += Array((offset == 0 ? "[\n  " : ",\n  ").utf8) + (try #require(payloads[score.organization.id]))
        }
        joined += Array(ResultsDigest.closing(empty: false).utf8)
        #expect(ContentHash.sha256(of: Data(joined)) == runs[1].contentHash)
    }

    @Test("approve refuses when samples are short, approves with --force; score is refused once approved")
    func approveNeedsSamples() throws {
        let session = try AdminSession("approve-force")
        try session.loadDemo()
        #expect(throws: (any Error).self) { try session.run(["approve", "--campaign", "2025", "--decision", "Протокол № 5"]) }
        #expect(try session.store.campaign("2025")?.status == .open)
        try session.run(["approve", "--campaign", "2025", "--decision", "Протокол № 5", "--force"])
        #expect(try session.store.campaign("2025")?.status == .approved)
        #expect(throws: (any Error).self) { try session.run(["score", "--campaign", "2025"]) }
        #expect(try session.store.scoreRuns(campaign: "2025").isEmpty)
    }

    @Test("score → approve → verify agree, the approved text is the whole canonical text; a changed answer makes verify disagree")
    func verifyAgreesThenDisagrees() throws {
        let session = try AdminSession("verify")
        try session.loadDemo()
        try session.run(["score", "--campaign", "2025"])
        try session.run(["approve", "--campaign", "2025", "--decision", "Протокол № 5", "--force"])
        let store = try session.store
        let scoreRun = try #require(try store.scoreRuns(campaign: "2025").last)
        let approved = try #require(try store.approvedVersions(campaign: "2025").last)
        #expect(approved.contentHash == scoreRun.contentHash)
        let environment = try AppEnvironment(configDirectory: RepositoryPaths.configs)
        let whole = try ResultsDigest.make(try ScoredCampaign.load(campaign: "2025", store: store, environment: environment))
        #expect(approved.payload == whole.payload)
        #expect(approved.contentHash == whole.hash)
        #expect(try store.approvedVersions(campaign: "2025", payloads: false).map { [$0.payload, $0.contentHash] } == [["", whole.hash]])
        // Stored as one zstd frame, a small part of the text.
        let (encoding, storedBytes) = try AppDatabase(path: session.database).writer.read { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT payload_encoding, length(payload) FROM result_version"))
            return (row[0] as String, row[1] as Int)
        }
        #expect(encoding == "zstd")
        #expect(storedBytes * 8 < whole.payload.utf8.count, "stored \(storedBytes) of \(whole.payload.utf8.count) bytes")
        try session.run(["verify", "--campaign", "2025"])

        // The answers of one institution change behind the application's back (the approved campaign refuses
        // imports): every tallied answer of cul-01 counts ten more times.
        try AppDatabase(path: session.database).writer.write { db in
            try db.execute(sql: "UPDATE answer_tally SET n = n + 10 WHERE campaign_id = '2025' AND organization_id = 'cul-01'")
            #expect(db.changesCount > 0)
        }
        #expect(throws: ExitCode.failure) { try session.run(["verify", "--campaign", "2025"]) }
    }
}

@Suite("Results digest")
struct ResultsDigestTests {
    @Test("Scored in many chunks, several ahead, the streamed elements and hash are the whole canonical text's",
          arguments: [(1, 1), (4, 3), (7, 2), (30, 3), (64, 3)])
    func manyChunks(chunk: Int, ahead: Int) throws {
        let session = try AdminSession("stream-\(chunk)-\(ahead)")
        try session.loadDemo()
        let environment = try AppEnvironment(configDirectory: RepositoryPaths.configs)
        let store = try session.store
        let (_, scorer) = try CampaignScorer.load(campaign: "2025", store: store, environment: environment)
        let whole = try ResultsDigest.make(try ScoredCampaign.load(campaign: "2025", store: store, environment: environment))
        var joined: [UInt8] = [], batches: [Int] = []
        let hash = try ResultsDigest.stream(scorer, chunk: chunk, ahead: ahead) { scores in
            batches.append(scores.count)
            for score in scores { joined += score.separator + score.stored.payload }
        }
        joined += Array(ResultsDigest.closing(empty: false).utf8)
        #expect(hash == whole.hash)
        #expect(String(decoding: joined, as: UTF8.self) == whole.payload)
        #expect(batches.count == (scorer.data.count + chunk - 1) / chunk)
        #expect(batches.reduce(0, +) == scorer.data.count)
    }

    @Test("What each chunk is encoded into on the scoring threads reaches the sink with that chunk, in order")
    func encodedWithItsChunk() throws {
        let session = try AdminSession("stream-encoded")
        try session.loadDemo()
        let environment = try AppEnvironment(configDirectory: RepositoryPaths.configs)
        let (_, scorer) = try CampaignScorer.load(campaign: "2025", store: try session.store, environment: environment)
        var seen: [OrganizationID] = []
        let hash = try ResultsDigest.stream(scorer, chunk: 4, ahead: 3, encode: { scores in scores.map(\.stored.organization) }) {
            scores, encoded in
            #expect(encoded == scores.map(\.stored.organization))
            seen += encoded
        }
        #expect(seen == scorer.data.map(\.organization.id))
        #expect(hash == (try ResultsDigest.stream(scorer) { _ in }))
    }

    @Test("Hashing score by score gives the hash of the whole canonical text, for many scores, one, and none")
    func streamingEqualsWhole() throws {
        let environment = try AppEnvironment(configDirectory: RepositoryPaths.configs)
        let campaign = try ScoredCampaign.load(from: RepositoryPaths.demo, environment: environment)
        for count in [campaign.unitScores.count, 1, 0] {
            var part = campaign
            part.unitScores = Array(campaign.unitScores.prefix(count))
            let (payload, hash) = try ResultsDigest.make(part)
            #expect(hash == ContentHash.sha256(of: Data(payload.utf8)), "\(count) scores")
        }
    }
}
