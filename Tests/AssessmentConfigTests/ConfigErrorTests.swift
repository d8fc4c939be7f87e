import AssessmentConfig
import Foundation
import Testing
import TestSupport

/// Each config error with its exact message and position.
@Suite("Config errors")
struct ConfigErrorTests {
    func diagnostics(_ overrides: [String: String]) throws -> (ConfigFixture, [String]) {
        let fixture = try ConfigFixture(overrides)
        do {
            _ = try ConfigLoader(directory: fixture.root).load()
            return (fixture, [])
        } catch {
            return (fixture, error.diagnostics.map(\.description))
        }
    }

    func replacing(_ text: String, _ old: String, _ new: String) -> String {
        precondition(text.contains(old), "fixture text not found: \(old)")
        return text.replacingOccurrences(of: old, with: new)
    }

    @Test("Unknown key, listing the allowed keys")
    func unknownKey() throws {
        let file = "sectors/mini/questionnaire.yaml"
        let (fixture, found) = try diagnostics([file: replacing(ConfigFixture.questionnaire, "    answer: yes_no\n  - id: q2", "    answer: yes_no\n    hint: Подсказка\n  - id: q2")])
        #expect(found == ["\(fixture.path(file)):6:5: ошибка: неизвестный ключ «hint»; допустимы: id, text, answer, symbol, asked_if, options, min, max"])
    }

    @Test("Wrong types: a word where a number goes, a string where a list goes")
    func wrongType() throws {
        let indicators = "sectors/mini/indicators.yaml"
        let checklists = "sectors/mini/checklists.yaml"
        let (fixture, found) = try diagnostics([
            indicators: replacing(ConfigFixture.indicators, #"{"2.3": 1}"#, #"{"2.3": много}"#),
            checklists: "schema_version: 1\nchecklists: stand\n",
        ])
        #expect(found == [
            "\(fixture.path(checklists)):2:13: ошибка: ожидался список, а задано значение «stand»",
            "\(fixture.path(indicators)):6:22: ошибка: ожидалось число, а задано значение «много»",
            // The check-list list did not load, so the indicator that reads it is reported too.
            "\(fixture.path(indicators)):10:31: ошибка: показатель ссылается на чек-лист «stand», которого нет в анкете и чек-листах сферы",
        ])
    }

    @Test("Missing or unsupported schema_version")
    func schemaVersion() throws {
        let file = "sectors/mini/sector.yaml"
        let (fixture, found) = try diagnostics([file: replacing(ConfigFixture.sector, "schema_version: 1\n", "")])
        #expect(found == ["\(fixture.path(file)):1:1: ошибка: нет ключа schema_version: первая строка файла должна быть «schema_version: 1»"])
        let (second, other) = try diagnostics(["region.yaml": replacing(ConfigFixture.region, "schema_version: 1", "schema_version: 2")])
        #expect(other == ["\(second.path("region.yaml")):1:17: ошибка: версия схемы 2 не поддерживается; поддерживается 1"])
    }

    @Test("An indicator that references a question or check-list that does not exist")
    func danglingReference() throws {
        let file = "sectors/mini/indicators.yaml"
        var text = replacing(ConfigFixture.indicators, "{share: {question: q3}}", "{share: {question: q9}}")
        text = replacing(text, "[stand]", "[website]")
        let (fixture, found) = try diagnostics([file: text])
        #expect(found == [
            "\(fixture.path(file)):10:31: ошибка: показатель ссылается на чек-лист «website», которого нет в анкете и чек-листах сферы",
            "\(fixture.path(file)):16:31: ошибка: показатель ссылается на вопрос «q9», которого нет в анкете и чек-листах сферы",
        ])
    }

    @Test("A filter pointing forward, to itself, or to a question that does not exist")
    func filters() throws {
        let file = "sectors/mini/questionnaire.yaml"
        let forward = replacing(ConfigFixture.questionnaire, "{question: q1, answer: yes}", "{question: q3, answer: yes}")
        let (fixture, found) = try diagnostics([file: forward])
        #expect(found == ["\(fixture.path(file)):9:26: ошибка: фильтр ссылается на вопрос «q3», который задаётся позже; фильтр может ссылаться только на предыдущий вопрос"])
        let missing = replacing(ConfigFixture.questionnaire, "{question: q1, answer: yes}", "{question: q7, answer: yes}")
        let (second, unknown) = try diagnostics([file: missing])
        #expect(unknown == ["\(second.path(file)):9:26: ошибка: фильтр ссылается на несуществующий вопрос «q7»"])
        let selfFilter = replacing(ConfigFixture.questionnaire, "{question: q1, answer: yes}", "{question: q2, answer: yes}")
        let (third, own) = try diagnostics([file: selfFilter])
        #expect(own == ["\(third.path(file)):9:26: ошибка: вопрос «q2» не может фильтроваться по самому себе"])
        let badAnswer = replacing(ConfigFixture.questionnaire, "{question: q1, answer: yes}", "{question: q1, answer: может}")
        let (fourth, answer) = try diagnostics([file: badAnswer])
        #expect(answer == ["\(fourth.path(file)):9:38: ошибка: вопрос «q1» допускает ответы «yes» и «no», а задано «может»"])
    }

    @Test("Weights of a criterion that do not sum to 1, with the actual sum")
    func weights() throws {
        let file = "sectors/mini/indicators.yaml"
        let (fixture, found) = try diagnostics([file: replacing(ConfigFixture.indicators, #""1.3": 0.5}"#, #""1.3": 0.4}"#)])
        #expect(found == ["\(fixture.path(file)):4:14: ошибка: веса критерия «K1» в сумме дают 0.9, а должны давать 1"])
    }

    @Test("Duplicate ids say where the first one was")
    func duplicates() throws {
        let file = "sectors/mini/questionnaire.yaml"
        let text = replacing(ConfigFixture.questionnaire, "  - id: q3", "  - id: q1")
        let (fixture, found) = try diagnostics([file: text])
        #expect(found.contains("\(fixture.path(file)):10:9: ошибка: вопрос «q1» уже объявлен в строке 3"))
        // The indicator that read q3 now dangles, and says so.
        #expect(found.contains { $0.contains("вопрос «q3», которого нет") })
        let items = "sectors/mini/checklists.yaml"
        let (second, itemErrors) = try diagnostics([items: replacing(ConfigFixture.checklists, "{id: s2,", "{id: s1,")])
        #expect(itemErrors == ["\(second.path(items)):8:14: ошибка: пункт «s1» уже объявлен в этом чек-листе в строке 7"])
    }

    @Test("An indicator outside every criterion, a sector id that is not its folder, an unknown policy value")
    func structure() throws {
        let indicators = "sectors/mini/indicators.yaml"
        let (fixture, found) = try diagnostics([
            indicators: replacing(ConfigFixture.indicators, #"{"1.1": 0.5, "1.3": 0.5}"#, #"{"1.1": 1}"#),
            "sectors/mini/sector.yaml": replacing(ConfigFixture.sector, "id: mini", "id: maxi"),
            "region.yaml": ConfigFixture.region + "\npolicies:\n  zero_denominator: skip\n",
        ])
        #expect(found == [
            "\(fixture.path("region.yaml")):5:21: ошибка: неизвестное значение «skip» для zero_denominator; допустимы: zero, exclude, full",
            "\(fixture.path(indicators)):11:9: ошибка: показатель «1.3» не входит ни в один критерий",
            "\(fixture.path("sectors/mini/sector.yaml")):2:5: ошибка: id сферы «maxi» не совпадает с именем папки «mini»",
        ])
    }

    @Test("A YAML syntax error is reported at its place and does not hide errors of other files")
    func syntax() throws {
        let file = "sectors/mini/checklists.yaml"
        let (fixture, found) = try diagnostics([
            file: "schema_version: 1\nchecklists:\n  - id: stand\n    title: [Стенд\n",
            "region.yaml": ConfigFixture.region + "\nextra_criteria: [ghost]\n",
        ])
        #expect(found.count == 3)
        #expect(found.contains { $0.hasPrefix("\(fixture.path(file)):5:1: ошибка: ошибка синтаксиса YAML") })
        #expect(found.contains("\(fixture.path("region.yaml")):4:18: ошибка: нет файла дополнительного критерия extra-criteria/ghost.yaml"))
        // The indicators that read the broken check-list are reported too.
        #expect(found.contains { $0.contains("чек-лист «stand», которого нет") })
    }

    @Test("Three different errors in one file are all reported")
    func threeInOneFile() throws {
        let file = "sectors/mini/indicators.yaml"
        var text = replacing(ConfigFixture.indicators, #""1.3": 0.5}"#, #""1.3": 0.6}"#)
        text = replacing(text, "    title: Стенд\n", "    title: Стенд\n    note: лишнее\n")
        text = replacing(text, "{share: {question: q3}}", "{share: {question: q9}}")
        let (fixture, found) = try diagnostics([file: text])
        #expect(found == [
            "\(fixture.path(file)):4:14: ошибка: веса критерия «K1» в сумме дают 1.1, а должны давать 1",
            "\(fixture.path(file)):10:5: ошибка: неизвестный ключ «note»; допустимы: id, title, value, shortcoming",
            "\(fixture.path(file)):17:31: ошибка: показатель ссылается на вопрос «q9», которого нет в анкете и чек-листах сферы",
        ])
    }
}
