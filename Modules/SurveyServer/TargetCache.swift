import AssessmentKernel
import Foundation

/// The links behind posted questionnaires, kept for a few seconds so a busy link is not read for every post.
///
/// What a cached target decides cannot go wrong: a link's code, campaign and institution never change, and an
/// institution's sector cannot be edited. Whether the campaign still takes answers and still assesses the institution,
/// and whether the link is strict, the store checks again in the transaction that writes the questionnaire
/// (`nok-admin approve`, `registry deactivate` or `nok-survey link --strict` in another process is seen at once).
/// Names on a refusal page, and whether the form asks for a ticket after `link --strict|--not-strict`, may lag by
/// `lifetime`.
/// Unknown codes and closed campaigns are not kept: a new link works at once, a closed one is read every time.
final class TargetCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (target: SurveyTarget, until: ContinuousClock.Instant)] = [:]
    private let lifetime: Duration

    init(lifetime: Duration = .seconds(2)) {
        self.lifetime = lifetime
    }

    /// The cached target of `code`, or `load()`'s answer (kept when it takes answers).
    func target(code: String, load: () async throws -> SurveyTarget?) async throws -> SurveyTarget? {
        let moment = ContinuousClock.now
        if let cached = cached(code, at: moment) { return cached }
        let target = try await load()
        if let target, target.acceptsAnswers { keep(target, code: code, until: moment + lifetime) }
        return target
    }

    private func cached(_ code: String, at moment: ContinuousClock.Instant) -> SurveyTarget? {
        lock.withLock {
            guard let entry = entries[code], entry.until > moment else { return nil }
            return entry.target
        }
    }

    private func keep(_ target: SurveyTarget, code: String, until: ContinuousClock.Instant) {
        lock.withLock {
            // Links are few (one per institution); the bound only keeps a flood of codes from growing the table.
            if entries.count >= 10_000 { entries.removeAll(keepingCapacity: true) }
            entries[code] = (target, until)
        }
    }
}
