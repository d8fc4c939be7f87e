public import AssessmentKernel

/// Group commit: questionnaires that arrive while the store is writing wait and go together in the next
/// transaction, so one fsync serves many citizens. Nobody is answered before their questionnaire is committed,
/// and an idle server writes each one at once (no timer, no added latency).
actor SubmissionBatcher {
    private let store: any SurveyStore
    private var pending: [(submission: SurveySubmission, reply: CheckedContinuation<SubmissionReceipt, any Error>)] = []
    private var writing = false
    /// The most questionnaires in one transaction: bounds the time the writer holds the database.
    private let limit = 256

    init(store: any SurveyStore) {
        self.store = store
    }

    func submit(_ submission: SurveySubmission) async throws -> SubmissionReceipt {
        try await withCheckedThrowingContinuation { reply in
            pending.append((submission, reply))
            if !writing {
                writing = true
                Task { await drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(limit))
            pending.removeFirst(batch.count)
            let store = store
            let submissions = batch.map(\.submission)
            let results: [Result<SubmissionReceipt, any Error>]
            do {
                results = try await Blocking.run { try store.submitAll(submissions) }
            } catch {
                results = batch.map { _ in .failure(error) }
            }
            for (waiting, result) in zip(batch, results) { waiting.reply.resume(with: result) }
        }
        writing = false
    }
}
