import AssessmentKernel
@testable import AssessmentStorage
import Dispatch
import Foundation
import GRDB
import Testing
import TestSupport

@Suite("Stored score payloads")
struct ScorePayloadTests {
    /// A database at v11 with one stored run of two institutions, written as text the way runs were before v12.
    private func databaseWithTextRun(_ name: String) throws -> String {
        try oldDatabase(name, upTo: "v11-approved-payload-last", sql: """
            INSERT INTO organization (id, name, sector) VALUES ('cul-01', 'ЦБС', 'culture'), ('cul-02', 'Клуб', 'culture');
            INSERT INTO campaign (id, title, year, methodology) VALUES ('2024', 'НОК 2024', 2024, '344n-2024');
            INSERT INTO campaign_sector (campaign_id, sector) VALUES ('2024', 'culture');
            INSERT INTO score_run (campaign_id, run, content_hash, computed_at, actor, organizations)
                VALUES ('2024', 1, 'aaa', '2024-11-01T00:00:00Z', 'оператор', 2);
            INSERT INTO score_result (campaign_id, organization_id, total, payload) VALUES
                ('2024', 'cul-01', 81.5, '{\n    "итог" : 81.5\n  }'), ('2024', 'cul-02', NULL, '{\n    "итог" : null\n  }');
            """)
    }

    @Test("Runs stored as text before v12 read back unchanged; a new run is stored compressed and reads back byte for byte")
    func textThenCompressed() throws {
        let path = try databaseWithTextRun("payload-v11")
        let database = try AppDatabase(path: path)
        let store = SQLiteCampaignStore(database: database)
        let old = try store.storedScores(campaign: "2024")
        #expect(old.map(\.organization) == ["cul-01", "cul-02"])
        #expect(old.map { String(decoding: $0.payload, as: UTF8.self) } == ["{\n    \"итог\" : 81.5\n  }", "{\n    \"итог\" : null\n  }"])
        #expect(old.map(\.total) == [81.5, nil])

        // A payload the size of a real explanation, with Cyrillic, repeated text and every byte value around.
        let long = Array(String(repeating: "{\"subject\" : \"Показатель 1.1 «Соответствие информации»\", \"value\" : 76.74}\n  ", count: 1_000).utf8)
        let scores = [StoredScore(organization: "cul-01", total: 70, payload: long),
                      StoredScore(organization: "cul-02", total: nil, payload: Array((0...255).map(UInt8.init)))]
        // Encoded on other threads, as `score` encodes on the threads that score, and inserted in order here.
        let batches = [Array(scores.prefix(1)), Array(scores.dropFirst())]
        let encoded = ConcurrentBatches(count: batches.count)
        DispatchQueue.concurrentPerform(iterations: batches.count) { encoded.set($0, store.encode(batches[$0])) }
        let run = try store.storeScores(campaign: "2024", actor: "оператор") { insert in
            for batch in encoded.batches { try insert(batch) }
            return "bbb"
        }
        #expect(run.run == 2 && run.organizations == 2)
        #expect(try store.storedScores(campaign: "2024") == scores)
        let stored = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT payload_encoding, length(payload) AS size FROM score_result ORDER BY organization_id")
                .map { ($0["payload_encoding"] as String, $0["size"] as Int) }
        }
        #expect(stored.map(\.0) == ["zstd", "zstd"])
        #expect(stored[0].1 * 20 < long.count, "\(stored[0].1) bytes stored for \(long.count)")
    }

    @Test("A batch is stored against its first payload, read back byte for byte; a lost reference names the institution")
    func againstTheFirst() throws {
        let path = try databaseWithTextRun("payload-reference")
        let database = try AppDatabase(path: path)
        let store = SQLiteCampaignStore(database: database)
        func explanation(_ value: Int) -> [UInt8] {
            // Every line differs from the others (a payload alone compresses only so far); the two payloads differ
            // only in their values, as two institutions' explanations do.
            Array((0..<800).map { "{\"subject\" : \"Показатель \($0) «Соответствие информации»\", \"rule\" : \"доля \($0 * 7919 % 10007)\", "
                + "\"value\" : \(value * $0 % 97)}\n  " }.joined().utf8)
        }
        let scores = [StoredScore(organization: "cul-01", total: 70, payload: explanation(3)),
                      StoredScore(organization: "cul-02", total: nil, payload: explanation(5))]
        _ = try store.storeScores(campaign: "2024", actor: "оператор") { insert in
            try insert(store.encode(scores))
            return "ccc"
        }
        #expect(try store.storedScores(campaign: "2024") == scores)
        let stored = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT payload_reference, length(payload) AS size FROM score_result ORDER BY organization_id")
                .map { ($0["payload_reference"] as String?, $0["size"] as Int) }
        }
        #expect(stored.map(\.0) == [nil, "cul-01"])
        let alone = PayloadCompression.compress([scores[1].payload], referencesFirst: false)[0].count
        #expect(stored[1].1 * 3 < alone * 2, "\(stored[1].1) bytes against the first, \(alone) alone")

        try database.writer.write { db in
            try db.execute(sql: "UPDATE score_result SET payload_reference = 'cul-03' WHERE organization_id = 'cul-02'")
        }
        #expect(throws: StoreError.unreadablePayload(campaign: "2024", organization: "cul-02")) {
            try store.storedScores(campaign: "2024")
        }
        // Read without the payload it was compressed against, the frame is refused, not decoded into other text.
        let frame = try database.writer.read { db in
            try Data.fetchOne(db, sql: "SELECT payload FROM score_result WHERE organization_id = 'cul-02'")
        }
        #expect(PayloadCompression.decompress(Array(try #require(frame))) == nil)
    }

    @Test("A damaged payload is reported with its campaign and institution, not decoded into garbage")
    func damaged() throws {
        let database = try AppDatabase(path: try databaseWithTextRun("payload-damaged"))
        try database.writer.write { db in
            try db.execute(sql: "UPDATE score_result SET payload_encoding = 'zstd', payload = x'28b52ffd0000' WHERE organization_id = 'cul-02'")
        }
        #expect(throws: StoreError.unreadablePayload(campaign: "2024", organization: "cul-02")) {
            try SQLiteCampaignStore(database: database).storedScores(campaign: "2024")
        }
    }

    @Test("Free-text answers are read from the comments to their responses, with no sort and no walk over every response")
    func suggestionsPlan() throws {
        let database = try AppDatabase(path: try databaseWithTextRun("suggestions-plan"))
        let plan = try database.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + SQLiteCampaignStore.suggestionsSQL, arguments: ["2024"])
                .map { $0["detail"] as String }
        }
        // The exclusion check is one look-up by key per comment.
        #expect(plan.count == 4, "\(plan)")
        #expect(plan.first?.hasPrefix("SCAN c") == true, "\(plan)")
        #expect(plan.contains { $0.hasPrefix("SEARCH r USING INTEGER PRIMARY KEY") }, "\(plan)")
        #expect(plan.contains { $0.hasPrefix("SEARCH e USING INTEGER PRIMARY KEY") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
    }
}

/// Batches encoded on several threads at once, kept in their order.
private final class ConcurrentBatches: @unchecked Sendable {
    private var slots: [CompressedScores?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ batch: CompressedScores) {
        lock.lock()
        slots[index] = batch
        lock.unlock()
    }

    var batches: [CompressedScores] { slots.map { $0! } }
}
