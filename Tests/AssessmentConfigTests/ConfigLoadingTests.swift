import AssessmentConfig
import AssessmentKernel
import Foundation
import Testing
import TestSupport

@Suite("Config loading")
struct ConfigLoadingTests {
    @Test("A valid tree loads into kernel values, with policy defaults where region.yaml is silent")
    func validTree() throws {
        let fixture = try ConfigFixture()
        let bundle = try ConfigLoader(directory: fixture.root).load()
        let sector = try #require(bundle.sector("mini"))
        #expect(sector.question("q2")?.filter == QuestionFilter(question: "q1", answer: "yes"))
        #expect(sector.indicator("1.3")?.formula == .share(question: "q2", positive: ["yes"]))
        #expect(sector.indicator("1.1")?.formula == .checklistRatio(["stand"]))
        #expect(sector.criteria.map(\.criterion) == ["K1", "K2"])
        #expect(sector.criteria[0].weights == [IndicatorWeight(indicator: "1.1", weight: 0.5), IndicatorWeight(indicator: "1.3", weight: 0.5)])
        #expect(sector.checklist("stand")?.items.first?.shortcoming == "Отсутствует (Стенд): Наименование")
        #expect(bundle.region.policies == .defaults)
        #expect(bundle.methodology("344n-2024")?.criteria.map(\.id) == ["K1", "K2"])
    }

    @Test("YAML 1.1 booleans stay strings: unquoted yes in a filter, an option id «no»")
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
            """])
        let sector = try #require(try ConfigLoader(directory: fixture.root).load().sector("mini"))
        #expect(sector.question("q4")?.answer == .choice([AnswerOption(id: "no", text: "Не указан"), AnswerOption(id: "on", text: "Указан")]))
        #expect(sector.question("q5")?.filter == QuestionFilter(question: "q4", answer: "no"))
    }

    @Test("Policies, extra criteria and the regional index are read from region.yaml")
    func regionSettings() throws {
        let fixture = try ConfigFixture([
            "region.yaml": ConfigFixture.region + """

                policies:
                  zero_denominator: exclude
                  rounding: final_only
                  ties: dense
                  minimum_sample: {share_of_recipients: 0.5, maximum: 300}
                extra_criteria: [heads]
                regional_index:
                  title: Индекс
                  federal_weight: 0.7
                  extra_weights: {heads: 0.3}
                """,
            "extra-criteria/heads.yaml": """
                schema_version: 1
                id: heads
                title: Руководитель
                sectors: [mini]
                questions:
                  - {id: h1, text: Знаете часы приёма?, answer: yes_no}
                indicators:
                  - {id: h.1, title: Осведомлённость, value: {share: {question: h1}}}
                  - {id: h.2, title: Стенд, value: {checklist_points: {checklist: stand, points_per_item: 50, cap: 100}}}
                weights: {h.1: 0.5, h.2: 0.5}
                """,
        ])
        let bundle = try ConfigLoader(directory: fixture.root).load()
        #expect(bundle.region.policies == ScoringPolicies(zeroDenominator: .exclude, rounding: .finalOnly, ties: .dense,
                                                          minimumSample: MinimumSample(shareOfRecipients: 0.5, maximum: 300)))
        #expect(bundle.region.extraCriteria.first?.indicators.count == 2)
        #expect(bundle.region.regionalIndex == RegionalIndex(title: "Индекс", federalWeight: 0.7, extraWeights: [.init(criterion: "heads", weight: 0.3)]))
    }

    @Test("The real Configs/ and the YAML-only healthcare sector load without diagnostics")
    func realConfigs() throws {
        let bundle = try ConfigLoader(directory: RepositoryPaths.configs, extraSectorDirectories: [RepositoryPaths.healthcareSector]).load()
        #expect(bundle.sectors.map(\.id) == ["culture", "education", "healthcare", "social-services"])
        #expect(bundle.methodologies.map(\.id) == ["344n-2018", "344n-2024"])
        #expect(bundle.region.extraCriteria.map(\.id) == ["heads"])
    }
}
