import AssessmentConfig
import Foundation
import Testing

/// References between config entries: formulas, filters, custom kinds.
@Suite("Config errors: references")
struct ReferenceErrorTests {
    typealias Fixture = ConfigFixture

    @Test("Formulas that read a question or check-list the sector lacks, also nested in mean and weighted_sum")
    func danglingInSector() throws {
        let indicators = "sectors/mini/indicators.yaml"
        let text = Fixture.edit(Fixture.indicators, "    value: {share: {question: q2}}", """
                value:
                  mean:
                    - {checklist_points: {checklist: website, points_per_item: 50, cap: 100}}
                    - {checklist_ratio: [stand, visit]}
                    - {lookup: {question: q8, table: [{answer: "yes", points: 100}]}}
                    - weighted_sum:
                        - {weight: 1, value: {share: {question: q9}}}
            """)
        let (fixture, found) = try Fixture.diagnostics([indicators: text])
        let file = fixture.path(indicators)
        #expect(found == [
            "\(file):15:42: ошибка: показатель ссылается на чек-лист «website», которого нет в чек-листах сферы (checklists.yaml)",
            "\(file):16:37: ошибка: показатель ссылается на чек-лист «visit», которого нет в чек-листах сферы (checklists.yaml)",
            "\(file):17:31: ошибка: показатель ссылается на вопрос «q8», которого нет в анкете сферы (questionnaire.yaml)",
            "\(file):19:53: ошибка: показатель ссылается на вопрос «q9», которого нет в анкете сферы (questionnaire.yaml)",
        ])
    }

    @Test("An extra criterion reads its own questions and check-lists or those of every sector it applies to")
    func danglingInExtraCriterion() throws {
        // A second sector «maxi» without q3 and without the check-list «stand».
        let maxiQuestions = Fixture.edit(Fixture.questionnaire, "  - id: q3\n    text: Удовлетворены в целом?\n    answer: yes_no", "")
        let maxiIndicators = """
            schema_version: 1
            criteria:
              - {id: K1, weights: {"1.3": 1}}
              - {id: K2, weights: {"2.3": 1}}
            indicators:
              - {id: "1.3", title: Стенд, value: {share: {question: q2}}}
              - {id: "2.3", title: В целом, value: {share: {question: q1}}}
            """
        let heads = """
            schema_version: 1
            id: heads
            title: Руководитель
            sectors: [mini, maxi]
            questions:
              - {id: h1, text: Знаете часы приёма?, answer: yes_no}
            indicators:
              - {id: h.1, title: Свой вопрос, value: {share: {question: h1}}}
              - {id: h.2, title: Вопрос сферы, value: {share: {question: q3}}}
              - {id: h.3, title: Нигде, value: {checklist_ratio: [stand, board]}}
            weights: {h.1: 0.4, h.2: 0.3, h.3: 0.3}
            """
        let (fixture, found) = try Fixture.diagnostics([
            "region.yaml": Fixture.region + "\nextra_criteria: [heads]",
            "extra-criteria/heads.yaml": heads,
            "sectors/maxi/sector.yaml": Fixture.edit(Fixture.sector, "id: mini", "id: maxi"),
            "sectors/maxi/questionnaire.yaml": maxiQuestions,
            "sectors/maxi/checklists.yaml": "schema_version: 1\nchecklists: []\n",
            "sectors/maxi/indicators.yaml": maxiIndicators,
        ])
        let file = fixture.path("extra-criteria/heads.yaml")
        #expect(found == [
            "\(file):9:62: ошибка: показатель ссылается на вопрос «q3», которого нет ни в этом критерии, ни в сфере «maxi»",
            "\(file):10:55: ошибка: показатель ссылается на чек-лист «stand», которого нет ни в этом критерии, ни в сфере «maxi»",
            "\(file):10:62: ошибка: показатель ссылается на чек-лист «board», которого нет ни в этом критерии, ни в сферах «mini», «maxi»",
        ])
    }

    @Test("A filter pointing forward, to itself, or to a question that does not exist")
    func filterTargets() throws {
        let file = "sectors/mini/questionnaire.yaml"
        func diagnostics(target: String) throws -> [String] {
            let text = Fixture.edit(Fixture.questionnaire, "{question: q1, answer: yes}", "{question: \(target), answer: yes}")
            let (fixture, found) = try Fixture.diagnostics([file: text])
            return found.map { $0.replacingOccurrences(of: fixture.path(file), with: file) }
        }
        #expect(try diagnostics(target: "q3") == ["\(file):9:26: ошибка: фильтр ссылается на вопрос «q3», который задаётся позже; фильтр может ссылаться только на предыдущий вопрос"])
        #expect(try diagnostics(target: "q2") == ["\(file):9:26: ошибка: вопрос «q2» не может фильтроваться по самому себе; фильтр ссылается только на предыдущий вопрос"])
        #expect(try diagnostics(target: "q7") == ["\(file):9:26: ошибка: фильтр ссылается на несуществующий вопрос «q7»"])
    }

    @Test("A filter answer must be an answer of its question: yes/no, or an option id")
    func filterAnswers() throws {
        let file = "sectors/mini/questionnaire.yaml"
        var text = Fixture.edit(Fixture.questionnaire, "{question: q1, answer: yes}", "{question: q1, answer: может}")
        text += """

              - id: q4
                text: Пол
                answer: choice
                options: [{id: male, text: Мужской}, {id: female, text: Женский}]
              - {id: q5, text: Почему?, answer: text, asked_if: {question: q4, answer: other}}
              - {id: q6, text: Возраст, answer: number}
              - {id: q7, text: Зачем?, answer: text, asked_if: {question: q6, answer: "18"}}
            """
        let (fixture, found) = try Fixture.diagnostics([file: text])
        #expect(found == [
            "\(fixture.path(file)):9:38: ошибка: вопрос «q1» допускает ответы «yes» и «no», а задано «может»",
            "\(fixture.path(file)):17:76: ошибка: у вопроса «q4» нет варианта «other»; допустимы: «male», «female»",
            "\(fixture.path(file)):19:63: ошибка: фильтр может ссылаться только на вопрос с ответом yes_no или choice, а у вопроса «q6» ответ number",
        ])
    }

    @Test("A formula's answers must fit its question: share over options, lookup rows by kind")
    func answersOfFormulas() throws {
        let questionnaire = Fixture.questionnaire + """

              - {id: mood, text: Настроение, answer: choice, options: [{id: good, text: Хорошее}]}
              - {id: age, text: Возраст, answer: number}
            """
        let indicators = "sectors/mini/indicators.yaml"
        let text = Fixture.edit(Fixture.indicators, "    value: {share: {question: q3}}", """
                value:
                  mean:
                    - {share: {question: mood}}
                    - {share: {question: q3, positive: [да]}}
                    - {lookup: {question: age, table: [{answer: old, points: 100}]}}
                    - {lookup: {question: mood, table: [{from: 1, points: 100}, {answer: bad, points: 0}]}}
            """)
        let (fixture, found) = try Fixture.diagnostics(["sectors/mini/questionnaire.yaml": questionnaire, indicators: text])
        let file = fixture.path(indicators)
        #expect(found == [
            "\(file):18:19: ошибка: у вопроса «mood» нет варианта «yes»; допустимы: «good»",
            "\(file):19:45: ошибка: вопрос «q3» допускает ответы «yes» и «no», а задано «да»",
            "\(file):20:44: ошибка: вопрос «age» числовой: строка таблицы задаёт диапазон from/below, а не answer",
            "\(file):21:45: ошибка: у вопроса «mood» ответ choice: строка таблицы задаёт answer, а не диапазон from/below",
            "\(file):21:69: ошибка: у вопроса «mood» нет варианта «bad»; допустимы: «good»",
        ])
    }

    @Test("A custom kind no plugin provides, and the parameter problems a kind reports")
    func customKinds() throws {
        let indicators = "sectors/mini/indicators.yaml"
        var text = Fixture.edit(Fixture.indicators, "{share: {question: q3}}", "{custom: {kind: stars, parameters: {scale: many}}}")
        text = Fixture.edit(text, "{share: {question: q2}}", "{custom: {kind: moons}}")
        let fixture = try ConfigFixture([indicators: text])
        let file = fixture.path(indicators)
        #expect(fixture.diagnostics() == [
            "\(file):13:28: ошибка: вид показателя «moons» не предоставлен ни одним плагином сферы; видов custom нет",
            "\(file):16:28: ошибка: вид показателя «stars» не предоставлен ни одним плагином сферы; видов custom нет",
        ])
        #expect(fixture.diagnostics(kinds: ["stars": StarsKind()]) == [
            "\(file):13:28: ошибка: вид показателя «moons» не предоставлен ни одним плагином сферы; доступны: stars",
            "\(file):16:47: ошибка: параметры вида «stars»: scale должен быть целым числом, а задано «many»",
        ])
    }
}
