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

    /// Adds the next score and returns its own canonical JSON (what `score` stores for the institution).
    public mutating func add(_ score: OrganizationScore) throws -> String {
        try add(encoded: try CanonicalScoreJSON.encode(score))
    }

    /// Canonical JSON of consecutive scores, encoded on every core.
    public static func encode(_ scores: ArraySlice<OrganizationScore>) throws -> [String] {
        let results = ConcurrentSlots<String>(count: scores.count)
        DispatchQueue.concurrentPerform(iterations: scores.count) { offset in
            results.set(offset, Result { try CanonicalScoreJSON.encode(scores[scores.startIndex + offset]) })
        }
        return try results.values()
    }

    /// Adds the next score as `encode` gave it, and returns it.
    public mutating func add(encoded element: String) throws -> String {
        hash.update(Self.arrayBytes(of: element, first: count == 0))
        count += 1
        return element
    }

    /// Adds the next score's text as it stands inside the array (`arrayBytes`), computed elsewhere.
    public mutating func add(arrayBytes: [UInt8]) {
        hash.update(arrayBytes)
        count += 1
    }

    /// An element's text as it stands inside the array: every non-empty line indented two more spaces, and
    /// ",\n" before all but the first. Copies whole lines: going byte by byte was a visible part of `score`.
    public static func arrayBytes(of element: String, first: Bool) -> [UInt8] {
        var element = element
        return element.withUTF8 { utf8 in
            var bytes: [UInt8] = Array((first ? "[\n  " : ",\n  ").utf8)
            bytes.reserveCapacity(utf8.count * 5 / 4)
            let end = max(utf8.count - 1, 0)  // the element's final line break is not part of it
            var start = 0
            while start < end {
                var stop = start
                while stop < end && utf8[stop] != 0x0A { stop += 1 }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<stop]))
                guard stop < end else { break }
                bytes.append(0x0A)
                // Indent the next line unless it is empty (JSONEncoder writes an empty array as "[\n\n  ]").
                if stop + 1 < end && utf8[stop + 1] != 0x0A { bytes.append(0x20); bytes.append(0x20) }
                start = stop + 1
            }
            return bytes
        }
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
        hash.update(count == 0 ? "[\n\n]\n" : "\n]\n")
        return hash.finalize()
    }

    /// The whole payload and its hash, for approval, which keeps the text.
    public static func make(_ campaign: ScoredCampaign) throws -> (payload: String, hash: String) {
        var payload: [UInt8] = []
        var writer = CanonicalScoreJSON(depth: 1)
        for score in campaign.unitScores {
            payload.append(contentsOf: (payload.isEmpty ? "[\n  " : ",\n  ").utf8)
            writer.removeAll()
            try writer.write(score)
            payload.append(contentsOf: writer.bytes)
        }
        payload.append(contentsOf: (payload.isEmpty ? "[\n\n]\n" : "\n]\n").utf8)
        var hash = StreamingHash()
        hash.update(payload)
        return (String(decoding: payload, as: UTF8.self), hash.finalize())
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
