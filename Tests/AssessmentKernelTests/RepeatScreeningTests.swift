import AssessmentKernel
import Testing

@Suite("Repeat screening")
struct RepeatScreeningTests {
    @Test("Counts are given as they are below the limit and as «100 и более» from it; no earlier answer, no flag")
    func reasons() {
        #expect(RepeatScreening.suspicion(sameCookie: 0, sameClient: 0) == nil)
        #expect(RepeatScreening.suspicion(sameCookie: 99, sameClient: 0) == "повтор из того же браузера (cookie), ранее анкет: 99")
        #expect(RepeatScreening.suspicion(sameCookie: 0, sameClient: RepeatScreening.countLimit)
            == "повтор с того же адреса (хеш IP), ранее анкет: 100 и более")
        // The in-memory store counts past the limit; the text is the same as the SQLite store's, which stops at it.
        #expect(RepeatScreening.suspicion(sameCookie: 2_500, sameClient: 1)
            == "повтор из того же браузера (cookie), ранее анкет: 100 и более; повтор с того же адреса (хеш IP), ранее анкет: 1")
    }
}
