import AssessmentKernel
import Foundation

/// The links behind posted questionnaires, kept for a few seconds so a busy link is not read for every post.
///
/// What a cached target decides cannot go wrong: a link's code, campaign, institution and strictness never change,
/// and an institution's sector cannot be edited. Whether the campaign still takes answers and still assesses the
/// institution the store checks again in the transaction that writes the questionnaire (`nok-admin approve` or
/// `registry deactivate` in another process is seen at once). Only names on a refusal page may lag by `lifetime`.
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
