import AssessmentKernel
import Testing
import TestSupport

/// Random organisations that respect the questionnaire's skip logic.
private func randomResponses(_ sector: SectorDefinition, count: Int, rng: inout SeededGenerator) -> [[QuestionID: String]] {
    let bias = Double.random(in: 0.05...0.95, using: &rng)
    return (0..<count).map { _ in
        var answers: [QuestionID: String] = [:]
        for question in sector.questions where question.answer == .yesNo {
            if let filter = question.filter, answers[filter.question] != filter.answer { continue }
            if Double.random(in: 0...1, using: &rng) < 0.05 { continue }          // left blank
            answers[question.id] = Double.random(in: 0...1, using: &rng) < bias ? "yes" : "no"
        }
        return answers
    }
}

private func organization(_ sector: SectorDefinition, responses: [[QuestionID: String]], rng: inout SeededGenerator) -> OrganizationData {
    var tallier = ResponseTallier(questions: sector.questions)
    for response in responses { tallier.add(response) }
    var checklists: [ChecklistID: [ChecklistItemID: ItemMark]] = [:]
    for list in sector.checklists {
        checklists[list.id] = Dictionary(uniqueKeysWithValues: list.items.map {
            ($0.id, [ItemMark.present, .absent, .notApplicable].randomElement(using: &rng)!)
        })
    }
    return OrganizationData(
        organization: Organization(id: "org", name: "Организация", sector: sector.id, type: "library", recipients: 50),
        respondents: tallier.respondents, tallies: tallier.tallies, checklists: checklists)
}

@Suite("Properties on generated data")
struct PropertyTests {
    static let policies = ScoringPolicies.ZeroDenominator.allCases.flatMap { zero in
        ScoringPolicies.Rounding.allCases.map { ScoringPolicies(zeroDenominator: zero, rounding: $0) }
    }

    @Test("Every score is within 0–100", arguments: policies)
    func withinRange(policies: ScoringPolicies) {
        var rng = SeededGenerator(seed: 344)
        for timeliness in [false, true] {
            let sector = StandardSector.make(timeliness: timeliness)
            let engine = ScoringEngine(methodology: StandardSector.methodology, policies: policies)
            for _ in 0..<150 {
                let responses = randomResponses(sector, count: Int.random(in: 0...40, using: &rng), rng: &rng)
                let score = engine.score(organization(sector, responses: responses, rng: &rng), sector: sector)
                let values = score.indicators.compactMap(\.value) + score.criteria.compactMap(\.value) + [score.total].compactMap { $0 }
                #expect(values.allSatisfy { (0...100).contains($0) }, "\(values)")
            }
        }
    }

    @Test("Permuting responses changes nothing")
    func permutation() {
        var rng = SeededGenerator(seed: 2018)
        let sector = StandardSector.make(timeliness: true)
        let engine = ScoringEngine(methodology: StandardSector.methodology, policies: .defaults)
        for _ in 0..<50 {
            let responses = randomResponses(sector, count: 30, rng: &rng)
            var listRNG = SeededGenerator(seed: rng.next())
            var shuffledRNG = listRNG
            let original = organization(sector, responses: responses, rng: &listRNG)
            let shuffled = organization(sector, responses: responses.shuffled(using: &rng), rng: &shuffledRNG)
            #expect(engine.score(original, sector: sector) == engine.score(shuffled, sector: sector))
        }
    }

    @Test("Turning one «no» into «yes» never lowers any indicator", arguments: ScoringPolicies.ZeroDenominator.allCases)
    func monotone(zero: ScoringPolicies.ZeroDenominator) {
        var rng = SeededGenerator(seed: 408)
        let sector = StandardSector.make(timeliness: true)
        let engine = ScoringEngine(methodology: StandardSector.methodology, policies: ScoringPolicies(zeroDenominator: zero, rounding: .finalOnly))
        for _ in 0..<80 {
            var responses = randomResponses(sector, count: Int.random(in: 1...25, using: &rng), rng: &rng)
            let seed = rng.next()
            var before = SeededGenerator(seed: seed)
            var after = before
            let base = engine.score(organization(sector, responses: responses, rng: &before), sector: sector)
            let candidates = responses.indices.flatMap { r in responses[r].filter { $0.value == "no" }.map { (r, $0.key) } }
            guard let (r, question) = candidates.randomElement(using: &rng) else { continue }
            responses[r][question] = "yes"
            let flipped = engine.score(organization(sector, responses: responses, rng: &after), sector: sector)
            for indicator in base.indicators {
                guard let old = indicator.value, let new = flipped.indicator(indicator.id)?.value else { continue }
                #expect(new >= old - 1e-9, "\(indicator.id): \(old) → \(new) after \(question) no→yes")
            }
        }
    }
}
