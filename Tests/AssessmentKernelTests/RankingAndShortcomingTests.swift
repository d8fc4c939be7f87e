import AssessmentKernel
import Testing
import TestSupport

@Suite("Rankings, shortcomings, extra criteria, registry")
struct RankingAndShortcomingTests {
    let sector = StandardSector.make()
    let engine = ScoringEngine(methodology: StandardSector.methodology, policies: .defaults)

    func scored(_ name: String, yes: Int) -> OrganizationScore {
        var builder = DataBuilder(sector: sector, organization: Organization(id: OrganizationID(name), name: name, sector: sector.id, type: "library"))
        for list in sector.checklists { builder.checklist(list, present: list.items.count) }
        builder.respond(["q5": "yes", "q14": "yes"], times: yes)
        builder.respond(["q5": "no", "q14": "no"], times: 10 - yes)
        return engine.score(builder.data, sector: sector)
    }

    @Test("Equal totals share a rank: 1, 2, 2, 4 (shared) or 1, 2, 2, 3 (dense)")
    func ties() {
        let scores = [scored("Г", yes: 5), scored("Б", yes: 8), scored("А", yes: 9), scored("В", yes: 8)]
        let shared = Ranking.rank(scores, policies: .defaults)
        #expect(shared.map(\.rank) == [1, 2, 2, 4])
        #expect(shared.map(\.score.organization.name) == ["А", "Б", "В", "Г"])
        let dense = Ranking.rank(scores, policies: ScoringPolicies(ties: .dense))
        #expect(dense.map(\.rank) == [1, 2, 2, 3])
    }

    @Test("Absent items and low shares become shortcomings with their measures")
    func shortcomings() throws {
        var builder = DataBuilder(sector: sector)
        for list in sector.checklists { builder.checklist(list, present: list.items.count) }
        builder.checklist(sector.checklist("stand")!, present: 3)
        builder.respond(["q1": "yes", "q2": "no", "q3": "yes", "q4": "yes"], times: 2)
        let score = engine.score(builder.data, sector: sector)
        let item = try #require(score.shortcomings.first { $0.source == .checklistItem })
        #expect(item.item == "stand-4")
        #expect(item.criterion == "K1")
        #expect(item.measure == "Обеспечить пункт 4 (stand)")
        let survey = try #require(score.shortcomings.first { $0.indicator == "1.3" && $0.source == .surveyIndicator })
        #expect(survey.value == 50)
        #expect(survey.text == "Низкая удовлетворённость информацией")
    }

    @Test("Extra criteria are scored beside the total; the regional index combines them with explicit weights")
    func extraCriteria() throws {
        let heads = ExtraCriterion(
            id: "heads", title: "Оценка руководителя", sectors: [sector.id],
            questions: [Question(id: "h1", text: "Знаете ли Вы часы приёма руководителя?", answer: .yesNo)],
            checklists: [StandardSector.checklist("heads_list", 4)],
            indicators: [
                Indicator(id: "h.1", title: "Открытость руководителя", formula: .checklistPoints(checklist: "heads_list", pointsPerItem: 25, cap: 100)),
                Indicator(id: "h.2", title: "Осведомлённость о приёме", formula: .share(question: "h1", positive: ["yes"]),
                          shortcoming: ShortcomingRule(below: 90, text: "Не все знают порядок записи на приём", measure: "Разместить график приёма")),
            ],
            weights: [IndicatorWeight(indicator: "h.1", weight: 0.5), IndicatorWeight(indicator: "h.2", weight: 0.5)])
        var questions = sector.questions
        questions.append(contentsOf: heads.questions)
        var builder = DataBuilder(sector: SectorDefinition(id: sector.id, title: "", methodologies: [], types: [], questions: questions, checklists: [], indicators: [], criteria: []),
                                  organization: Organization(id: "o", name: "О", sector: sector.id, type: "library"))
        builder.respond(["h1": "yes", "q14": "yes"], times: 3)
        builder.respond(["h1": "no", "q14": "yes"], times: 1)
        for list in sector.checklists { builder.checklist(list, present: list.items.count) }
        builder.checklist(heads.checklists[0], present: 2)
        let index = RegionalIndex(title: "Индекс", federalWeight: 0.8, extraWeights: [.init(criterion: "heads", weight: 0.2)])
        let withExtra = engine.score(builder.data, sector: sector, extraCriteria: [heads], regionalIndex: index)
        let withoutExtra = engine.score(builder.data, sector: sector)
        // h.1 = 2·25 = 50; h.2 = 100·3/4 = 75; extra = 0.5·50 + 0.5·75 = 62.5
        #expect(withExtra.extra.first?.value == 62.5)
        #expect(withExtra.total == withoutExtra.total)
        let total = try #require(withExtra.total)
        #expect(withExtra.regionalIndex == DecimalRounding.round(0.8 * total + 0.2 * 62.5, decimals: 2))
        #expect(withoutExtra.regionalIndex == nil)
        // h.2 = 75 < 90: a shortcoming under the extra criterion, not under К1–К5.
        let extraShortcoming = try #require(withExtra.shortcomings.first { $0.indicator == "h.2" })
        #expect(extraShortcoming.criterion == "heads")
        #expect(extraShortcoming.value == 75)
    }

    @Test("Every number's explanation goes down to the counts")
    func explanation() throws {
        var builder = DataBuilder(sector: sector)
        builder.respond(["q5": "yes"], times: 3)
        builder.respond(["q5": "no"], times: 1)
        let score = engine.score(builder.data, sector: sector)
        let k2 = try #require(score.criterion("K2"))
        let satisfaction = try #require(k2.explanation.children.first { $0.subject.hasPrefix("Показатель 2.3") })
        #expect(satisfaction.fact(.weight) == 0.5)
        #expect(satisfaction.fact(.numerator) == 3)
        #expect(satisfaction.fact(.denominator) == 4)
        #expect(satisfaction.value == 75)
        #expect(score.totalExplanation.children.count == 5)
        #expect(score.flags.contains { $0.code == .missingChecklist })
    }

    @Test("The plugin registry rejects a duplicate sector id")
    func registry() throws {
        struct One: SectorPlugin {
            static let id: SectorID = "one"
            static let displayName = "Одна"
            static let configFolder = "one"
        }
        #expect(throws: KernelError.duplicatePlugin("one")) { try PluginRegistry([One(), One()]) }
        #expect(try PluginRegistry([One()]).plugin(for: "one") != nil)
    }
}

@Suite("Branches")
struct BranchTests {
    @Test("mean_of_units: the institution's criteria are the means of its units; branches leave the ranking")
    func meanOfUnits() throws {
        let sector = StandardSector.make()
        let engine = ScoringEngine(methodology: StandardSector.methodology, policies: .defaults)
        func unit(_ id: String, parent: String?, yes: Int) -> OrganizationScore {
            var builder = DataBuilder(sector: sector, organization: Organization(
                id: OrganizationID(id), name: id, sector: sector.id, type: "library", parent: parent.map { OrganizationID($0) }))
            for list in sector.checklists { builder.checklist(list, present: list.items.count) }
            builder.respond(["q8": "yes", "q9": "yes", "q12": "yes", "q13": "yes", "q14": "yes"], times: yes)
            builder.respond(["q8": "no", "q9": "no", "q12": "no", "q13": "no", "q14": "no"], times: 10 - yes)
            return engine.score(builder.data, sector: sector)
        }
        let scores = [unit("ЦБС", parent: nil, yes: 10), unit("Филиал 1", parent: "ЦБС", yes: 6), unit("Другая", parent: nil, yes: 8)]
        let separate = BranchAggregation.apply(scores, policies: .defaults)
        #expect(separate.count == 3)
        let combined = BranchAggregation.apply(scores, policies: ScoringPolicies(branches: .meanOfUnits))
        #expect(combined.map(\.organization.name) == ["ЦБС", "Другая"])
        let head = try #require(combined.first)
        // К5 of the head = 100, of the branch = 60: mean 80.
        #expect(scores[0].criterion("K5")?.value == 100)
        #expect(scores[1].criterion("K5")?.value == 60)
        #expect(head.criterion("K5")?.value == 80)
        #expect(head.respondents == 20)
    }
}

/// A Swift plugin's indicator kind, the way a sector that needs code adds one.
private struct AttendanceNorm: CustomIndicatorKind {
    let name = "attendance_norm"

    func validate(parameters: [String: String]) -> [String] {
        Double(parameters["norm"] ?? "") == nil ? ["параметр norm должен быть числом"] : []
    }

    /// 100 × respondents / norm, capped at 100.
    func evaluate(parameters: [String: String], data: OrganizationData, policies: ScoringPolicies) -> FormulaResult {
        let norm = Double(parameters["norm"] ?? "") ?? 1
        let value = min(100, 100 * Double(data.respondents) / norm)
        return FormulaResult(value: value, explanation: Explanation(
            subject: "Посещаемость", value: value, rule: "100 × анкет / норматив",
            facts: [Fact(.numerator, Double(data.respondents)), Fact(.denominator, norm)]))
    }
}

private struct SportPlugin: SectorPlugin, ProvidesIndicatorKinds {
    static let id: SectorID = "sport"
    static let displayName = "Спорт"
    static let configFolder = "sport"
    var indicatorKinds: [any CustomIndicatorKind] { [AttendanceNorm()] }
}

@Suite("Swift plugin indicator kinds")
struct CustomKindTests {
    @Test("A plugin's indicator kind is found through the registry and scored with its explanation")
    func customKind() throws {
        let registry = try PluginRegistry([SportPlugin()])
        #expect(registry.indicatorKinds.keys.sorted() == ["attendance_norm"])
        var sector = StandardSector.make(id: "sport")
        sector.indicators[sector.indicators.firstIndex { $0.id == "5.2" }!].formula = .custom(kind: "attendance_norm", parameters: ["norm": "40"])
        var builder = DataBuilder(sector: sector)
        builder.respond(["q13": "yes"], times: 10)
        let engine = ScoringEngine(methodology: StandardSector.methodology, policies: .defaults, customKinds: registry.indicatorKinds)
        let indicator = try #require(engine.score(builder.data, sector: sector).indicator("5.2"))
        // 100 × 10 / 40 = 25
        #expect(indicator.value == 25)
        #expect(indicator.explanation.fact(.denominator) == 40)
        #expect(AttendanceNorm().validate(parameters: ["norm": "много"]) == ["параметр norm должен быть числом"])
    }
}

@Suite("Persisted shortcomings")
struct PersistedShortcomingTests {
    @Test("A shortcoming planned last year and found again is listed with last year's measure; a removed one is not")
    func persisted() throws {
        let sector = StandardSector.make()
        var builder = DataBuilder(sector: sector)
        for list in sector.checklists { builder.checklist(list, present: list.items.count) }
        builder.checklist(sector.checklist("stand")!, present: 3)                 // stand-4 absent again
        let score = ScoringEngine(methodology: StandardSector.methodology, policies: .defaults).score(builder.data, sector: sector)
        let previous = [
            ImprovementMeasure(id: 1, organization: "org-1", criterion: "K1", shortcomingKey: "item:stand/stand-4",
                               shortcoming: "Нет пункта 4", measure: "Обеспечить пункт 4", actualOn: Day(iso: "2025-06-01")),
            ImprovementMeasure(id: 2, organization: "org-1", criterion: "K1", shortcomingKey: "item:website/website-1",
                               shortcoming: "Нет пункта 1", measure: "Обеспечить пункт 1"),
        ]
        let found = PersistedShortcomings.find(current: [score], previousPlan: previous)
        #expect(found.map(\.previousMeasure.id) == [1])
        #expect(found.first?.previousMeasure.actualOn == Day(iso: "2025-06-01"))
    }
}
