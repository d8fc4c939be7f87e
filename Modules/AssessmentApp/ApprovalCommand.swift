import ArgumentParser
public import AssessmentKernel
import AssessmentReporting
import AssessmentStorage
import Foundation

/// The canonical form of a campaign's results: the pretty-printed, sorted-key JSON array of every unit's
/// score, no timestamps. It is built one score at a time, so `score` can store and hash 10 000
/// institutions without holding the whole text; the bytes are those of encoding the array at once.
public struct ResultsDigest {
    private var hash = StreamingHash()
    private var count = 0

    public init() {}

    /// Adds the next score and returns its own canonical JSON (what `score` stores for the institution).
    public mutating func add(_ score: OrganizationScore) throws -> String {
        try add(encoded: try JSONOutput.encode(score))
    }

    /// Canonical JSON of consecutive scores, encoded on every core: encoding explanations is most of `score`.
    public static func encode(_ scores: ArraySlice<OrganizationScore>) throws -> [String] {
        let results = EncodedScores(count: scores.count)
        DispatchQueue.concurrentPerform(iterations: scores.count) { offset in
            results.set(offset, Result { try JSONOutput.encode(scores[scores.startIndex + offset]) })
        }
        return try results.values()
    }

    /// Adds the next score as `encode` gave it, and returns it.
    public mutating func add(encoded element: String) throws -> String {
        hash.update(Self.arrayBytes(of: element, first: count == 0))
        count += 1
        return element
    }

    /// An element's text as it stands inside the array: every non-empty line indented two more spaces, and
    /// ",\n" before all but the first. Done on bytes: string splitting was most of the time of `score`.
    static func arrayBytes(of element: String, first: Bool) -> [UInt8] {
        var bytes: [UInt8] = Array((first ? "[\n  " : ",\n  ").utf8)
        bytes.reserveCapacity(element.utf8.count * 5 / 4)
        var previous: UInt8 = 0
        for byte in element.utf8.dropLast() {
            if previous == 0x0A && byte != 0x0A { bytes.append(0x20); bytes.append(0x20) }
            bytes.append(byte)
            previous = byte
        }
        return bytes
    }

    /// Writes the canonical array of `scores` piece by piece: the same bytes as encoding it at once, without
    /// holding 10 000 explanations as one text (the JSON report of the full benchmark peaked at 3 GiB).
    static func write(_ scores: [OrganizationScore], to sink: any ReportSink) throws {
        guard !scores.isEmpty else { return try sink.write("[\n\n]\n") }
        var start = 0
        while start < scores.count {
            let chunk = scores[start..<min(start + 256, scores.count)]
            for (offset, element) in try encode(chunk).enumerated() {
                try sink.write(String(decoding: arrayBytes(of: element, first: start + offset == 0), as: UTF8.self))
            }
            start += chunk.count
        }
        try sink.write("\n]\n")
    }

    public func finalize() -> String {
        var hash = hash
        hash.update(count == 0 ? "[\n\n]\n" : "\n]\n")
        return hash.finalize()
    }

    /// The whole payload and its hash, for approval, which keeps the text.
    public static func make(_ campaign: ScoredCampaign) throws -> (payload: String, hash: String) {
        let payload = try JSONOutput.encode(campaign.unitScores)
        var digest = ResultsDigest()
        for score in campaign.unitScores { _ = try digest.add(score) }
        return (payload, digest.finalize())
    }
}

/// Slots the concurrent encoder fills, one per score.
private final class EncodedScores: @unchecked Sendable {
    private var slots: [Result<String, any Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<String, any Error>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    func values() throws -> [String] { try slots.map { try $0!.get() } }
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
            let scored = try ScoredCampaign.load(campaign: campaign, store: store, environment: environment)
            let short = scored.unitScores.filter { $0.sample.status == .insufficient }
            if !short.isEmpty {
                let list = short.prefix(10).map { "\($0.organization.id) (нужно \($0.sample.required ?? 0), получено \($0.sample.actual))" }
                    .joined(separator: ", ") + (short.count > 10 ? " … всего \(short.count)" : "")
                guard force else {
                    throw ValidationError("У \(short.count) организаций выборка меньше минимальной: \(list). "
                        + "Доберите анкеты (nok-admin sample --campaign \(campaign) --short) или утвердите с --force, если совет так решил.")
                }
                printError("Внимание: утверждается с недостаточной выборкой у \(short.count) организаций: \(list).")
            }
            let (payload, hash) = try ResultsDigest.make(scored)
            let version = try store.approve(
                campaign: campaign, results: ApprovedResults(contentHash: hash, payload: payload, decision: decision),
                actor: database.resolvedActor, reason: reason)
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
            guard let approved = try store.approvedVersions(campaign: campaign).last else {
                throw ValidationError("Результаты кампании \(campaign) ещё не утверждались.")
            }
            let (_, hash) = try ResultsDigest.make(try ScoredCampaign.load(campaign: campaign, store: store, environment: try config.environment()))
            if hash == approved.contentHash {
                print("Пересчёт совпадает с утверждённой версией \(approved.version) (\(approved.decision)): \(hash)")
            } else {
                printError("Пересчёт НЕ совпадает с утверждённой версией \(approved.version): утверждено \(approved.contentHash), получено \(hash). Проверьте изменения конфигурации.")
                throw ExitCode.failure
            }
        }
    }
}
