import AssessmentKernel
import Testing
import TestSupport

/// Ten respondents whose answers give round shares; each `(n)` is "yes" for respondents 1…n.
private func tenResponses() -> [[String: String]] {
    func yes(_ r: Int, upTo n: Int) -> String { r <= n ? "yes" : "no" }
    return (1...10).map { r in
        var a: [String: String] = [:]
        a["q1"] = yes(r, upTo: 8)
        if r <= 8 { a["q2"] = yes(r, upTo: 6) }          // 6 of 8 who used the stand
        a["q3"] = yes(r, upTo: 5)
        if r <= 5 { a["q4"] = yes(r, upTo: 4) }          // 4 of 5 who used the site
        a["q5"] = yes(r, upTo: 9)
        a["q6"] = yes(r, upTo: 2)
        if r <= 2 { a["q7"] = yes(r, upTo: 1) }          // 1 of 2 with a disability
        a["q8"] = "yes"
        a["q9"] = yes(r, upTo: 9)
        a["q10"] = yes(r, upTo: 4)
        if r <= 4 { a["q11"] = yes(r, upTo: 3) }         // 3 of 4 who used remote channels
        a["q12"] = yes(r, upTo: 8)
        a["q13"] = yes(r, upTo: 7)
        a["q14"] = yes(r, upTo: 9)
        return a
    }
}

private func standardOrganization(_ sector: SectorDefinition, remote: Int = 3) -> DataBuilder {
    var builder = DataBuilder(sector: sector)
    for answers in tenResponses() { builder.respond(answers) }
    builder.checklist(sector.checklist("stand")!, present: 3)               // 3 of 4
    builder.checklist(sector.checklist("website")!, present: 4)             // 4 of 5
    builder.checklist(sector.checklist("remote_channels")!, present: remote)
    builder.checklist(sector.checklist("comfort")!, present: 4)
    builder.checklist(sector.checklist("disability_premises")!, present: 2)
    builder.checklist(sector.checklist("disability_services")!, present: 3)
    return builder
}

@Suite("Hand-computed organisations")
struct HandComputedScoreTests {
    let engine = ScoringEngine(methodology: StandardSector.methodology, policies: .defaults)

    @Test("Culture/education shape: К2 = 0.5·2.1 + 0.5·2.3")
    func withoutTimeliness() throws {
        let sector = StandardSector.make()
        let score = engine.score(standardOrganization(sector).data, sector: sector)
        // 1.1 = 50·3/4 + 50·4/5 = 37.5 + 40 = 77.5; 1.2 = 3·30 = 90; 1.3 = 50·6/8 + 50·4/5 = 77.5
        #expect(score.indicator("1.1")?.value == 77.5)
        #expect(score.indicator("1.2")?.value == 90)
        #expect(score.indicator("1.3")?.value == 77.5)
        // К1 = 0.3·77.5 + 0.3·90 + 0.4·77.5 = 23.25 + 27 + 31 = 81.25
        #expect(score.criterion("K1")?.value == 81.25)
        // 2.1 = 4·20 = 80; 2.3 = 100·9/10 = 90; К2 = 0.5·80 + 0.5·90 = 85
        #expect(score.criterion("K2")?.value == 85)
        // 3.1 = 2·20 = 40; 3.2 = 3·20 = 60; 3.3 = 100·1/2 = 50; К3 = 12 + 24 + 15 = 51
        #expect(score.indicator("3.3")?.value == 50)
        #expect(score.criterion("K3")?.value == 51)
        // 4.1 = 100; 4.2 = 90; 4.3 = 100·3/4 = 75; К4 = 40 + 36 + 15 = 91
        #expect(score.criterion("K4")?.value == 91)
        // 5.1 = 80; 5.2 = 70; 5.3 = 90; К5 = 24 + 14 + 45 = 83
        #expect(score.criterion("K5")?.value == 83)
        // Total = (81.25 + 85 + 51 + 91 + 83) / 5 = 391.25 / 5 = 78.25
        #expect(score.total == 78.25)
        #expect(score.band == "хорошо")
        #expect(score.respondents == 10)
    }

    @Test("Social services shape: К2 = 0.3·2.1 + 0.4·2.2 + 0.3·2.3")
    func withTimeliness() throws {
        let sector = StandardSector.make(timeliness: true)
        var builder = DataBuilder(sector: sector)
        for (index, var answers) in tenResponses().enumerated() {
            answers["q_timely"] = index < 7 ? "yes" : "no"                   // 7 of 10
            builder.respond(answers)
        }
        let base = standardOrganization(sector)
        for list in sector.checklists { builder.checklist(list, present: 0) }
        var data = builder.data
        data.checklists = base.data.checklists
        let score = engine.score(data, sector: sector)
        // 2.2 = 70; К2 = 0.3·80 + 0.4·70 + 0.3·90 = 24 + 28 + 27 = 79
        #expect(score.indicator("2.2")?.value == 70)
        #expect(score.criterion("K2")?.value == 79)
        // Total = (81.25 + 79 + 51 + 91 + 83) / 5 = 77.05
        #expect(score.total == 77.05)
    }

    @Test("Published check: criteria 90, 85, 48, 78, 79 give 76.0")
    func publishedCheck() throws {
        // One share indicator per criterion, 100 respondents, so each criterion equals its share.
        let targets = [("K1", 90), ("K2", 85), ("K3", 48), ("K4", 78), ("K5", 79)]
        let sector = SectorDefinition(
            id: "published", title: "Проверка", methodologies: ["344n-2024"], types: [],
            questions: targets.map { Question(id: QuestionID("s\($0.0)"), text: $0.0, answer: .yesNo) },
            checklists: [],
            indicators: targets.map { Indicator(id: IndicatorID($0.0), title: $0.0, formula: .share(question: QuestionID("s\($0.0)"), positive: ["yes"])) },
            criteria: targets.map { CriterionWeights(criterion: CriterionID($0.0), weights: [IndicatorWeight(indicator: IndicatorID($0.0), weight: 1)]) })
        var builder = DataBuilder(sector: sector, organization: Organization(id: "school", name: "Школа", sector: "published"))
        for r in 0..<100 {
            builder.respond(Dictionary(uniqueKeysWithValues: targets.map { ("s\($0.0)", r < $0.1 ? "yes" : "no") }))
        }
        let score = engine.score(builder.data, sector: sector)
        #expect(score.criteria.map(\.value) == [90, 85, 48, 78, 79])
        #expect(score.total == 76.0)
    }

    @Test("Theatre kind is assessed on К1 and К3 only; the total is their mean")
    func appliedCriteria() throws {
        let sector = StandardSector.make()
        var builder = standardOrganization(sector)
        builder.organization.type = "theatre"
        let score = engine.score(builder.data, sector: sector)
        #expect(score.criteria.filter(\.applied).map(\.id) == ["K1", "K3"])
        // (81.25 + 51) / 2 = 66.125 → 66.13
        #expect(score.total == 66.13)
        #expect(score.indicator("2.1") == nil)
    }
}
