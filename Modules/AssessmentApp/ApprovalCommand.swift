import ArgumentParser
public import AssessmentKernel
import AssessmentReporting
import AssessmentStorage
import Foundation

/// The canonical form of a campaign's results: the pretty-printed, sorted-key JSON array of every unit's
/// score, no timestamps. It is built one score at a time, so `score` can store and hash 10 000
/// institutions without holding the whole text; the bytes are those of encoding the array at once
/// with `JSONEncoder` (`CanonicalScoreJSON` writes them by hand).
public struct ResultsDigest {
    private var hash = StreamingHash()
    private var count = 0

    public init() {}

    /// Adds the next score (its element of the array, written here).
    public mutating func add(_ score: OrganizationScore) throws {
        let element = try WrittenScore(score, first: count == 0)
        add(separator: element.separator, element: element.stored.payload)
    }

    /// Adds the next element as it stands inside the array: the separator before it, then its text.
    public mutating func add(separator: [UInt8], element: [UInt8]) {
        hash.update(separator)
        hash.update(element)
        count += 1
    }

    /// Writes the canonical array of `scores` piece by piece: the same bytes as encoding it at once, without
    /// holding 10 000 explanations as one text (the JSON report of the full benchmark peaked at 3 GiB).
    static func write(_ scores: [OrganizationScore], to sink: any ReportSink) throws {
        guard !scores.isEmpty else { return try sink.write("[\n\n]\n") }
        var start = 0
        while start < scores.count {
            let chunk = scores[start..<min(start + 256, scores.count)]
            for (offset, element) in try elements(chunk).enumerated() {
                try sink.write((start + offset == 0 ? "[\n  " : ",\n  ") + element)
            }
            start += chunk.count
        }
        try sink.write("\n]\n")
    }

    /// Consecutive scores as elements of the canonical array (nested one level, no separators), on every core.
    static func elements(_ scores: ArraySlice<OrganizationScore>) throws -> [String] {
        let results = ConcurrentSlots<String>(count: scores.count)
        DispatchQueue.concurrentPerform(iterations: scores.count) { offset in
            results.set(offset, Result {
                var writer = CanonicalScoreJSON(depth: 1)
                try writer.write(scores[scores.startIndex + offset])
                return String(decoding: writer.bytes, as: UTF8.self)
            })
        }
        return try results.values()
    }

    public func finalize() -> String {
        var hash = hash
        hash.update(Self.closing(empty: count == 0))
        return hash.finalize()
    }

    /// The whole payload and its hash at once: the reference the streamed hash is tested against.
    public static func make(_ campaign: ScoredCampaign) throws -> (payload: String, hash: String) {
        var payload: [UInt8] = []
        var writer = CanonicalScoreJSON(depth: 1)
        for score in campaign.unitScores {
            payload.append(contentsOf: (payload.isEmpty ? "[\n  " : ",\n  ").utf8)
            writer.removeAll()
            try writer.write(score)
            payload.append(contentsOf: writer.bytes)
        }
        payload.append(contentsOf: closing(empty: payload.isEmpty).utf8)
        var hash = StreamingHash()
        hash.update(payload)
        return (String(decoding: payload, as: UTF8.self), hash.finalize())
    }

    /// What ends the canonical array after its last element (or of an empty one).
    public static func closing(empty: Bool) -> String { empty ? "[\n\n]\n" : "\n]\n" }

    /// Institutions scored between two trips to the sink.
    public static let chunk = 128
    /// Chunks scored ahead of the one being hashed and stored: with one, the scoring threads waited for the sink.
    public static let ahead = 3

    /// Scores every unit of `scorer` a chunk at a time on every core and hands each chunk, in order, to `sink`;
    /// returns the SHA-256 of the whole canonical results text. Only `ahead + 1` chunks' scores and texts are alive
    /// at once: the next ones are scored on other threads while this one is hashed and handed to `sink` on the
    /// calling thread (which holds the database connection). `score`, `approve` and `verify` all hash through here,
    /// so they cannot drift apart. `chunk` and `ahead` are settings for tests (a demo campaign in many chunks).
    public static func stream(_ scorer: CampaignScorer, chunk: Int = Self.chunk, ahead: Int = Self.ahead,
                              into sink: ([WrittenScore]) throws -> Void) throws -> String {
        try stream(scorer, chunk: chunk, ahead: ahead, encode: { _ in () }) { scores, _ in try sink(scores) }
    }

    /// `stream`, with each chunk also run through `encode` on the threads that score it (`score` compresses the
    /// payloads there for the store), so the calling thread only hashes and hands over what is ready.
    public static func stream<Encoded: Sendable>(
        _ scorer: CampaignScorer, chunk: Int = Self.chunk, ahead: Int = Self.ahead,
        encode: @escaping @Sendable ([WrittenScore]) -> Encoded,
        into sink: (_ scores: [WrittenScore], _ encoded: Encoded) throws -> Void
    ) throws -> String {
        let chunks = stride(from: 0, to: scorer.data.count, by: chunk).map { $0..<min($0 + chunk, scorer.data.count) }
        func written(_ chunk: Range<Int>) -> BackgroundJob<([WrittenScore], Encoded)> {
            BackgroundJob {
                let scores = try scorer.map(chunk) { index in Result { try WrittenScore(scorer.score(index), first: index == 0) } }
                    .map { try $0.get() }
                return (scores, encode(scores))
            }
        }
        var digest = ResultsDigest()
        var pending = chunks.prefix(max(ahead, 1)).map(written)
        var started = pending.count
        // A failed sink leaves no thread still scoring behind it.
        defer { for job in pending { _ = try? job.wait() } }
        for _ in chunks.indices {
            let (scores, encoded) = try pending.removeFirst().wait()
            if started < chunks.count {
                pending.append(written(chunks[started]))
                started += 1
            }
            for score in scores { digest.add(separator: score.separator, element: score.stored.payload) }
            try sink(scores, encoded)
        }
        return digest.finalize()
    }
}

/// One institution's score as `score` stores it: its element of the canonical array, written once as bytes (no
/// `String` and no re-indenting copy: both were visible in `score`'s profile).
public struct WrittenScore: Sendable {
    /// `payload` is the element as it stands in the array, indented one level, without the separator before it.
    public var stored: StoredScore
    /// What comes before the element in the array: "[\n  " for the first, ",\n  " for the others.
    public var separator: [UInt8]
    public var sample: SampleCheck

    init(_ score: OrganizationScore, first: Bool) throws {
        // Room for a whole explanation at once (the full benchmark's are 80–90 KB): from 64 KB every one was grown
        // and copied midway, to the same 128 KB it ends with.
        var writer = CanonicalScoreJSON(depth: 1, capacity: 128 * 1024)
        try writer.write(score)
        stored = StoredScore(organization: score.organization.id, total: score.total, payload: writer.bytes)
        separator = Array((first ? "[\n  " : ",\n  ").utf8)
        sample = score.sample
    }
}

/// Slots concurrent workers fill, one per item.
final class ConcurrentSlots<Value>: @unchecked Sendable {
    private var slots: [Result<Value, any Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Value, any Error>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    func values() throws -> [Value] { try slots.map { try $0!.get() } }
}

struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Утвердить результаты кампании: сохранить их с хешем содержимого и закрыть кампанию для новых данных.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    @Option(help: "Решение общественного совета, например «Протокол № 5 от 01.12.2025».")
    var decision: String

    @Option(help: "Причина новой версии (обязательна, если результаты уже утверждались).")
    var reason: String?

    @Flag(help: "Утвердить, хотя у части организаций выборка меньше минимальной (решение совета должно это оговаривать).")
    var force = false

    func run() throws {
        try runReportingErrors {
            let environment = try config.environment()
            let store = SQLiteCampaignStore(database: try database.open())
            let (_, scorer) = try CampaignScorer.load(campaign: campaign, store: store, environment: environment)
            // Scored and hashed a chunk at a time as `score` does; the approved text goes to a temporary file, then
            // to the store in pieces, which compresses them as they come: close to a gigabyte of text for 10 000
            // institutions, never whole in memory (its ~27 MB zstd frame is).
            let text = FileManager.default.temporaryDirectory.appendingPathComponent("nok-approve-\(UUID().uuidString).json")
            guard FileManager.default.createFile(atPath: text.path, contents: nil) else {
                throw ValidationError("Не удалось создать временный файл \(text.path) для утверждаемых результатов: проверьте место на диске и TMPDIR.")
            }
            defer { try? FileManager.default.removeItem(at: text) }
            let writer = try FileHandle(forWritingTo: text)
            var byteCount = 0
            var short: [(organization: OrganizationID, sample: SampleCheck)] = []
            let hash = try ResultsDigest.stream(scorer) { scores in
                for score in scores {
                    if score.sample.status == .insufficient { short.append((score.stored.organization, score.sample)) }
                    try writer.write(contentsOf: score.separator)
                    try writer.write(contentsOf: score.stored.payload)
                    byteCount += score.separator.count + score.stored.payload.count
                }
            }
            let closing = Array(ResultsDigest.closing(empty: byteCount == 0).utf8)
            try writer.write(contentsOf: closing)
            byteCount += closing.count
            try writer.close()
            if !short.isEmpty {
                let list = short.prefix(10).map { "\($0.organization) (нужно \($0.sample.required ?? 0), получено \($0.sample.actual))" }
                    .joined(separator: ", ") + (short.count > 10 ? " … всего \(short.count)" : "")
                guard force else {
                    throw ValidationError("У \(short.count) организаций выборка меньше минимальной: \(list). "
                        + "Доберите анкеты (nok-admin sample --campaign \(campaign) --short) или утвердите с --force, если совет так решил.")
                }
                printError("Внимание: утверждается с недостаточной выборкой у \(short.count) организаций: \(list).")
            }
            let reader = try FileHandle(forReadingFrom: text)
            defer { try? reader.close() }
            let version = try store.approve(
                campaign: campaign, results: ApprovedResults(contentHash: hash, payload: "", decision: decision),
                actor: database.resolvedActor, reason: reason, byteCount: byteCount
            ) { write in
                while let piece = try reader.read(upToCount: 1 << 20), !piece.isEmpty {
                    try piece.withUnsafeBytes { try write($0) }
                }
            }
            print("Результаты кампании \(campaign) утверждены (версия \(version)).")
            print("Хеш содержимого SHA-256: \(hash) — укажите его в решении совета.")
            if let stored = try store.scoreRuns(campaign: campaign).last {
                print(stored.contentHash == hash
                      ? "Совпадает с сохранённым расчётом № \(stored.run)."
                      : "Отличается от сохранённого расчёта № \(stored.run) (\(stored.computedAt)): утверждён текущий пересчёт.")
            }
        }
    }
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Пересчитать утверждённую кампанию и сверить с утверждённым хешем.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    func run() throws {
        try runReportingErrors {
            let store = SQLiteCampaignStore(database: try database.open())
            guard let approved = try store.approvedVersions(campaign: campaign, payloads: false).last else {
                throw ValidationError("Результаты кампании \(campaign) ещё не утверждались.")
            }
            let (_, scorer) = try CampaignScorer.load(campaign: campaign, store: store, environment: try config.environment())
            let hash = try ResultsDigest.stream(scorer) { _ in }
            if hash == approved.contentHash {
                print("Пересчёт совпадает с утверждённой версией \(approved.version) (\(approved.decision)): \(hash)")
            } else {
                printError("Пересчёт НЕ совпадает с утверждённой версией \(approved.version): утверждено \(approved.contentHash), получено \(hash). Проверьте изменения конфигурации.")
                throw ExitCode.failure
            }
        }
    }
}
