import AssessmentConfig
import AssessmentKernel
import Foundation
import Testing
import TestSupport

@Suite("Config loading")
struct ConfigLoadingTests {
    @Test("A valid tree loads into kernel values, with policy defaults where region.yaml is silent")
    func validTree() throws {
        let bundle = try ConfigFixture().load()
        let sector = try #require(bundle.sector("mini"))
        #expect(sector.title == "Мини")
        #expect(sector.methodologies == ["344n-2024"])
        #expect(sector.types == [InstitutionType(id: "club", title: "Клуб")])
        #expect(sector.questions.map(\.id) == ["q1", "q2", "q3"])
        #expect(sector.question("q1")?.answer == .yesNo)
        #expect(sector.question("q2")?.filter == QuestionFilter(question: "q1", answer: "yes"))
        #expect(sector.indicator("1.1")?.formula == .checklistRatio(["stand"]))
        #expect(sector.indicator("1.3")?.formula == .share(question: "q2", positive: ["yes"]))
        #expect(sector.criteria == [
            CriterionWeights(criterion: "K1", weights: [IndicatorWeight(indicator: "1.1", weight: 0.5), IndicatorWeight(indicator: "1.3", weight: 0.5)]),
            CriterionWeights(criterion: "K2", weights: [IndicatorWeight(indicator: "2.3", weight: 1)]),
        ])
        #expect(sector.checklist("stand")?.items.first == ChecklistItem(
            id: "s1", text: "Наименование", shortcoming: "Отсутствует (Стенд): Наименование", measure: "Разместить наименование"))
        #expect(bundle.region == RegionSettings(name: "Тестовый округ", methodology: "344n-2024", policies: .defaults))
        #expect(bundle.methodologies == [Methodology(
            id: "344n-2024", title: "Тестовая редакция", validFrom: "2024-10-05",
            criteria: [Criterion(id: "K1", title: "Открытость"), Criterion(id: "K2", title: "Удовлетворённость")])])
    }

    @Test("Every kind of value decodes into its formula")
    func formulas() throws {
        let indicators = ConfigFixture.edit(ConfigFixture.indicators, "    value: {share: {question: q3}}", """
                value:
                  weighted_sum:
                    - {weight: 0.25, value: {checklist_points: {checklist: stand, points_per_item: 50, cap: 100}}}
                    - weight: 0.75
                      value:
                        mean:
                          - {share: {question: mood, positive: [good]}}
                          - {lookup: {question: age, table: [{from: 60, points: 100}, {from: 18, below: 60, points: 50}, {below: 18, points: 0}]}}
                          - {lookup: {question: mood, table: [{answer: good, points: 100}, {answer: "no", points: 0}]}}
                          - {custom: {kind: stars, parameters: {scale: 5}}}
            """)
        let questionnaire = ConfigFixture.questionnaire + """

              - {id: age, text: Возраст, answer: number, min: 14, max: 120}
              - id: mood
                text: Настроение
                answer: choice
                options: [{id: good, text: Хорошее}, {id: "no", text: Нет}]
            """
        let fixture = try ConfigFixture(["sectors/mini/indicators.yaml": indicators, "sectors/mini/questionnaire.yaml": questionnaire])
        let sector = try #require(try fixture.load(kinds: ["stars": StarsKind()]).sector("mini"))
        #expect(sector.question("age")?.answer == .number(min: 14, max: 120))
        #expect(sector.indicator("2.3")?.formula == .weightedSum([
            WeightedTerm(weight: 0.25, formula: .checklistPoints(checklist: "stand", pointsPerItem: 50, cap: 100)),
            WeightedTerm(weight: 0.75, formula: .mean([
                .share(question: "mood", positive: ["good"]),
                .lookup(question: "age", table: [
                    LookupRow(from: 60, points: 100), LookupRow(from: 18, below: 60, points: 50), LookupRow(below: 18, points: 0),
                ]),
                .lookup(question: "mood", table: [LookupRow(answer: "good", points: 100), LookupRow(answer: "no", points: 0)]),
                .custom(kind: "stars", parameters: ["scale": "5"]),
            ])),
        ]))
    }

    @Test("YAML 1.1 booleans stay strings: yes/no/on in filters, option ids and answers")
    func yamlBooleans() throws {
        let fixture = try ConfigFixture(["sectors/mini/questionnaire.yaml": ConfigFixture.questionnaire + """

              - id: q4
                text: Пол
                answer: choice
                options:
                  - {id: no, text: Не указан}
                  - {id: on, text: Указан}
              - id: q5
                text: Почему?
                answer: text
                asked_if: {question: q4, answer: no}
              - id: q6
                text: А теперь?
                answer: yes_no
                asked_if: {question: q3, answer: "yes"}
              - id: off
                text: Выключено?
                answer: yes_no
                asked_if: {question: q6, answer: 'no'}
            """])
        let sector = try #require(try fixture.load().sector("mini"))
        #expect(sector.question("q2")?.filter == QuestionFilter(question: "q1", answer: "yes"))
        #expect(sector.question("q4")?.answer == .choice([AnswerOption(id: "no", text: "Не указан"), AnswerOption(id: "on", text: "Указан")]))
        #expect(sector.question("q5")?.filter == QuestionFilter(question: "q4", answer: "no"))
        #expect(sector.question("q6")?.filter == QuestionFilter(question: "q3", answer: "yes"))
        #expect(sector.question("off")?.filter == QuestionFilter(question: "q6", answer: "no"))
    }

    @Test("Policies, extra criteria and the regional index are read from region.yaml; omitted policies keep defaults")
    func regionSettings() throws {
        let region = ConfigFixture.regionWithHeads + """

            policies:
              zero_denominator: exclude
              rounding: final_only
              ties: dense
              minimum_sample: {share_of_recipients: 0.5}
              rating_bands:
                - {from: 50, title: хорошо}
                - {from: 0, title: плохо}
            """
        let fixture = try ConfigFixture(["region.yaml": region, "extra-criteria/heads.yaml": ConfigFixture.heads])
        let bundle = try fixture.load()
        #expect(bundle.region.policies == ScoringPolicies(
            zeroDenominator: .exclude, rounding: .finalOnly, decimals: 2, ties: .dense,
            minimumSample: MinimumSample(shareOfRecipients: 0.5, maximum: 600),
            ratingBands: [RatingBand(from: 50, title: "хорошо"), RatingBand(from: 0, title: "плохо")], branches: .separate))
        #expect(bundle.region.extraCriteria == [ExtraCriterion(
            id: "heads", title: "Руководитель", sectors: ["mini"],
            questions: [Question(id: "h1", text: "Знаете часы приёма?", answer: .yesNo)],
            indicators: [
                Indicator(id: "h.1", title: "Осведомлённость", formula: .share(question: "h1", positive: ["yes"])),
                Indicator(id: "h.2", title: "Стенд", formula: .checklistPoints(checklist: "stand", pointsPerItem: 50, cap: 100)),
            ],
            weights: [IndicatorWeight(indicator: "h.1", weight: 0.5), IndicatorWeight(indicator: "h.2", weight: 0.5)])])
        #expect(bundle.region.regionalIndex == RegionalIndex(title: "Индекс", federalWeight: 0.7, extraWeights: [.init(criterion: "heads", weight: 0.3)]))
    }

    @Test("Sectors from extra folders load beside Configs/sectors, sorted by id")
    func extraSectorFolders() throws {
        let fixture = try ConfigFixture([
            "more/alpha/sector.yaml": ConfigFixture.edit(ConfigFixture.sector, "id: mini", "id: alpha"),
            "more/alpha/questionnaire.yaml": ConfigFixture.questionnaire,
            "more/alpha/checklists.yaml": ConfigFixture.checklists,
            "more/alpha/indicators.yaml": ConfigFixture.indicators,
        ])
        let bundle = try fixture.load(extraSectorDirectories: ["more/alpha"])
        #expect(bundle.sectors.map(\.id) == ["alpha", "mini"])
        #expect(bundle.sector("alpha")?.indicators.count == 3)
    }

    @Test("The real Configs/ and the YAML-only healthcare sector load without diagnostics")
    func realConfigs() throws {
        // Tests/AssessmentConfigTests/<this file> → ../../Configs
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let loader = ConfigLoader(directory: root.appendingPathComponent("Configs"),
                                  extraSectorDirectories: [root.appendingPathComponent("Tests/Fixtures/sectors/healthcare")])
        let bundle: ConfigBundle
        do {
            bundle = try loader.load()
        } catch {
            Issue.record("Configs/ did not load:\n\(error.errorDescription ?? "")")
            return
        }
        #expect(bundle.sectors.map(\.id) == ["culture", "education", "healthcare", "social-services"])
        #expect(bundle.methodologies.map(\.id) == ["344n-2018", "344n-2024"])
        #expect(bundle.region.extraCriteria.map(\.id) == ["heads"])
        for sector in bundle.sectors {
            let placed = sector.criteria.flatMap(\.weights).map(\.indicator)
            #expect(Set(placed) == Set(sector.indicators.map(\.id)), "every indicator of \(sector.id) is in one criterion")
        }
    }
}
