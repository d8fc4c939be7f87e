import AssessmentKernel
import Testing
import TestSupport

@Suite("Caps, filters and policies")
struct PolicyTests {
    let sector = StandardSector.make()

    func score(_ data: OrganizationData, _ policies: ScoringPolicies = .defaults) -> OrganizationScore {
        ScoringEngine(methodology: StandardSector.methodology, policies: policies).score(data, sector: sector)
    }

    func builder(remote: Int = 3) -> DataBuilder {
        var builder = DataBuilder(sector: sector)
        for list in sector.checklists { builder.checklist(list, present: 2) }
        builder.checklist(sector.checklist("remote_channels")!, present: remote)
        return builder
    }

    @Test("Five remote channels give 100, not 150, and the explanation shows the cap")
    func cap() throws {
        let indicator = try #require(score(builder(remote: 5).data).indicator("1.2"))
        #expect(indicator.value == 100)
        #expect(indicator.explanation.fact(.points) == 150)
        #expect(indicator.explanation.fact(.cap) == 100)
        #expect(indicator.explanation.fact(.itemsPresent) == 5)
    }

    @Test("A satisfied answer behind a «no» filter is not counted")
    func filterDenominator() throws {
        var data = builder()
        data.respond(["q1": "yes", "q2": "no"], times: 3)
        data.respond(["q1": "yes", "q2": "yes"], times: 1)
        data.respond(["q1": "no", "q2": "yes"], times: 5)   // paper forms answered q2 anyway
        let result = score(data.data)
        let tally = data.data.tally("q2")
        #expect(tally.answered == 4)
        #expect(tally.ignoredByFilter == 5)
        // Stand half = 100·1/4 = 25; nobody used the site → site half 0 under `zero`: 1.3 = 12.5
        let half = try #require(result.indicator("1.3")?.explanation.children.first)
        #expect(half.value == 25)
        #expect(half.fact(.numerator) == 1)
        #expect(half.fact(.denominator) == 4)
        #expect(result.indicator("1.3")?.value == 12.5)
    }

    @Test("Zero denominator: zero, exclude and full give 0, rescaled and 100")
    func zeroDenominator() throws {
        var data = builder()
        // Nobody has a disability, nobody used the site: 3.3 and the site half of 1.3 have no denominator.
        data.respond(["q1": "yes", "q2": "yes", "q3": "no", "q6": "no"], times: 4)
        data.respond(["q1": "yes", "q2": "no", "q3": "no", "q6": "no"], times: 1)
        // Check-lists: 2 premises items → 3.1 = 40, 2 service items → 3.2 = 40.
        let zero = score(data.data, ScoringPolicies(zeroDenominator: .zero))
        #expect(zero.indicator("3.3")?.value == 0)
        #expect(zero.criterion("K3")?.value == 28)                 // 0.3·40 + 0.4·40 + 0.3·0
        #expect(zero.indicator("1.3")?.value == 40)                // 0.5·80 + 0.5·0
        #expect(zero.flags.contains { $0.code == .zeroDenominator && $0.message.contains("3.3") })

        let exclude = score(data.data, ScoringPolicies(zeroDenominator: .exclude))
        #expect(exclude.indicator("3.3")?.value == nil)
        #expect(exclude.criterion("K3")?.value == 40)              // (12 + 16) / 0.7
        #expect(exclude.indicator("1.3")?.value == 80)             // the stand half alone
        #expect(exclude.indicator("3.3")?.explanation.notes.contains { $0.contains("zero_denominator = exclude") } == true)

        let full = score(data.data, ScoringPolicies(zeroDenominator: .full))
        #expect(full.indicator("3.3")?.value == 100)
        #expect(full.criterion("K3")?.value == 58)                 // 12 + 16 + 30
    }

    @Test("Rounding each step vs only the total")
    func rounding() throws {
        // К1 = 0.3·share(a) + 0.7·share(b) with a = 1/4 and b = 2/9.
        let methodology = Methodology(id: "one", title: "Один критерий", validFrom: "2024-10-05",
                                      criteria: [Criterion(id: "K1", title: "К1")])
        let tiny = SectorDefinition(
            id: "tiny", title: "Округление", methodologies: ["one"], types: [],
            questions: [Question(id: "a", text: "a", answer: .yesNo), Question(id: "b", text: "b", answer: .yesNo)],
            checklists: [],
            indicators: [
                Indicator(id: "A", title: "A", formula: .share(question: "a", positive: ["yes"])),
                Indicator(id: "B", title: "B", formula: .share(question: "b", positive: ["yes"])),
            ],
            criteria: [CriterionWeights(criterion: "K1", weights: [
                IndicatorWeight(indicator: "A", weight: 0.3), IndicatorWeight(indicator: "B", weight: 0.7)])])
        var builder = DataBuilder(sector: tiny, organization: Organization(id: "o", name: "О", sector: "tiny"))
        for r in 0..<9 {
            var answers = ["b": r < 2 ? "yes" : "no"]
            if r < 4 { answers["a"] = r < 1 ? "yes" : "no" }
            builder.respond(answers)
        }
        // Each step: B = 22.22; К1 = 0.3·25 + 0.7·22.22 = 7.5 + 15.554 = 23.054 → 23.05
        let eachStep = ScoringEngine(methodology: methodology, policies: ScoringPolicies(rounding: .eachStep))
            .score(builder.data, sector: tiny)
        #expect(eachStep.indicator("B")?.value == 22.22)
        #expect(eachStep.total == 23.05)
        // Final only: К1 = 7.5 + 0.7·22.2222… = 23.0555… → 23.06
        let finalOnly = ScoringEngine(methodology: methodology, policies: ScoringPolicies(rounding: .finalOnly))
            .score(builder.data, sector: tiny)
        #expect(finalOnly.total == 23.06)
    }

    @Test("Half-up rounding of decimal values", arguments: [(1.005, 1.01), (2.675, 2.68), (76.0, 76.0), (66.125, 66.13), (-0.5, -0.5)])
    func decimalRounding(value: Double, expected: Double) {
        #expect(DecimalRounding.round(value, decimals: 2) == expected)
    }

    @Test("Rating bands and minimum sample defaults")
    func bandsAndSample() {
        let policies = ScoringPolicies.defaults
        #expect(policies.band(for: 81)?.title == "отлично")
        #expect(policies.band(for: 80.99)?.title == "хорошо")
        #expect(policies.band(for: 20.5)?.title == "неудовлетворительно")
        #expect(policies.minimumSample.required(recipients: 100) == 40)
        #expect(policies.minimumSample.required(recipients: 101) == 41)
        #expect(policies.minimumSample.required(recipients: 5000) == 600)
    }

    @Test("Insufficient sample is flagged, never silent")
    func sampleFlag() {
        var data = builder()
        data.organization.recipients = 100
        data.respond(["q1": "no"], times: 39)
        let result = score(data.data)
        #expect(result.sample == SampleCheck(required: 40, actual: 39, status: .insufficient))
        #expect(result.flags.contains { $0.code == .insufficientSample })
    }
}
