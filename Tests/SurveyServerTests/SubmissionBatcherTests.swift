import AssessmentKernel
import Foundation
@testable import SurveyServer
import Testing

@Suite("Group commit of questionnaires")
struct SubmissionBatcherTests {
    @Test("A hundred questionnaires at once are all stored and each gets its own answer; a refused one fails alone")
    func concurrent() async throws {
        let world = try SurveyWorld()
        let batcher = SubmissionBatcher(store: world.store)
        let date = Date(timeIntervalSince1970: 1_764_000_000)
        let receipts = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<100 {
                group.addTask {
                    try await batcher.submit(SurveySubmission(campaign: "2025", organization: library.id, channel: .paper,
                                                              answers: ["q1": index.isMultiple(of: 2) ? "yes" : "no"], asked: ["q1"], receivedAt: date))
                        .externalID
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(receipts).count == 100)
        #expect(world.store.submissions().count == 100)
        await #expect(throws: StoreError.campaignApproved("2024")) {
            try await batcher.submit(SurveySubmission(campaign: "2024", organization: library.id, channel: .paper,
                                                      answers: ["q1": "yes"], asked: ["q1"], receivedAt: date))
        }
        #expect(world.store.submissions().count == 100)
    }
}
