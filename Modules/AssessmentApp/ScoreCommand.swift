import ArgumentParser
import AssessmentKernel
import AssessmentStorage
import Foundation

/// `nok-admin score`: computes a campaign's results and stores every score with its explanation.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Рассчитать результаты кампании и сохранить их в базе вместе с объяснением каждого числа.",
        discussion: "Повторный расчёт заменяет сохранённые результаты; история расчётов (номер, хеш, кто, когда) сохраняется. "
            + "Утверждённую кампанию пересчитать нельзя: проверьте её командой verify.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    @Flag(help: "Вывести итог расчёта в JSON.")
    var json = false

    struct Summary: Encodable {
        var campaign: String
        var run: Int
        var contentHash: String
        var organizations: Int
        var ranked: Int
        var insufficientSample: [String]
        var unknownSample: [String]
        var unchangedSinceRun: Int?
    }

    /// The first ids of a long list; the full list is in `sample` and `--json`.
    static func some(_ ids: [String]) -> String {
        ids.prefix(20).joined(separator: ", ") + (ids.count > 20 ? " …" : "")
    }

    func run() throws {
        try runReportingErrors {
            let store = SQLiteCampaignStore(database: try database.open())
            let (_, scorer) = try CampaignScorer.load(campaign: campaign, store: store, environment: try config.environment())
            let previous = try store.scoreRuns(campaign: campaign).last
            var insufficientSample: [String] = []
            var unknownSample: [String] = []
            // Institutions are scored, written and encoded for the store a chunk at a time on every core, then
            // hashed and stored in order: only a few chunks' scores and texts are alive at once, never 10 000
            // explanations.
            let run = try store.storeScores(campaign: campaign, actor: database.resolvedActor) { insert in
                try ResultsDigest.stream(scorer, encode: { store.encode($0.map(\.stored)) }) { scores, encoded in
                    try insert(encoded)
                    for score in scores {
                        switch score.sample.status {
                        case .insufficient: insufficientSample.append(score.stored.organization.rawValue)
                        case .unknown: unknownSample.append(score.stored.organization.rawValue)
                        case .sufficient: break
                        }
                    }
                }
            }
            let hash = run.contentHash
            let summary = Summary(
                campaign: campaign, run: run.run, contentHash: hash, organizations: scorer.data.count,
                ranked: BranchAggregation.rankedCount(scorer.data.map(\.organization), policies: scorer.engine.policies),
                insufficientSample: insufficientSample, unknownSample: unknownSample,
                unchangedSinceRun: previous?.contentHash == hash ? previous?.run : nil)
            if json {
                print(try JSONOutput.encode(summary), terminator: "")
                return
            }
            print("Кампания \(campaign): расчёт № \(run.run) сохранён. Организаций: \(summary.organizations), в рейтинге: \(summary.ranked).")
            print("Хеш содержимого SHA-256: \(hash)")
            if let same = summary.unchangedSinceRun {
                print("Результаты не изменились с расчёта № \(same).")
            } else if let previous {
                print("Результаты изменились по сравнению с расчётом № \(previous.run) (\(previous.computedAt)).")
            }
            if !summary.insufficientSample.isEmpty {
                print("Выборка меньше минимальной (\(summary.insufficientSample.count)): \(Self.some(summary.insufficientSample)) — см. nok-admin sample.")
            }
            if !summary.unknownSample.isEmpty {
                print("Минимальная выборка не проверена — нет числа получателей услуг в реестре (\(summary.unknownSample.count)): "
                      + Self.some(summary.unknownSample))
            }
        }
    }
}
