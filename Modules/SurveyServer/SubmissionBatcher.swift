import AssessmentKernel
import Foundation

/// Group commit: questionnaires that arrive while the store is writing wait and go together in the next
/// transaction, so one fsync serves many citizens. Nobody is answered before their questionnaire is committed,
/// and an idle server writes each one at once (no timer, no added latency).
///
/// A lock rather than an actor: a submission only appends itself and, when no write is under way, starts one on
/// the store's queue; the writing loop runs there until nothing waits. No actor hop and no task per submission.
final class SubmissionBatcher: @unchecked Sendable {
    private typealias Waiting = (submission: SurveySubmission, reply: CheckedContinuation<SubmissionReceipt, any Error>)
    private let store: any SurveyStore
    private let lock = NSLock()
    private var pending: [Waiting] = []
    private var writing = false
    /// The most questionnaires in one transaction: bounds the time the writer holds the database.
    private let limit = 256

    init(store: any SurveyStore) {
        self.store = store
    }

    func submit(_ submission: SurveySubmission) async throws -> SubmissionReceipt {
        try await withCheckedThrowingContinuation { reply in
            let start = lock.withLock { () -> Bool in
                pending.append((submission, reply))
                guard !writing else { return false }
                writing = true
                return true
            }
            if start { Blocking.start { self.drain() } }
        }
    }

    /// Writes batches on the store's queue until nothing waits.
    private func drain() {
        while true {
            let batch = lock.withLock { () -> [Waiting] in
                guard !pending.isEmpty else {
                    writing = false
                    return []
                }
                let batch = Array(pending.prefix(limit))
                pending.removeFirst(batch.count)
                return batch
            }
            guard !batch.isEmpty else { return }
            let results: [Result<SubmissionReceipt, any Error>]
            do {
                results = try store.submitAll(batch.map(\.submission))
            } catch {
                results = batch.map { _ in .failure(error) }
            }
            for (waiting, result) in zip(batch, results) { waiting.reply.resume(with: result) }
        }
    }
}
