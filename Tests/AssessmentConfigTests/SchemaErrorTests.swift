import AssessmentConfig
import Foundation
import Testing

/// Errors of a file's shape: keys, types, versions, syntax, missing files — each at its exact position.
@Suite("Config errors: file shape")
struct SchemaErrorTests {
    typealias Fixture = ConfigFixture

    @Test("Unknown keys are reported at their own position, listing the allowed keys")
    func unknownKey() throws {
        let questionnaire = "sectors/mini/questionnaire.yaml"
        let (fixture, found) = try Fixture.diagnostics([
            questionnaire: Fixture.edit(Fixture.questionnaire, "    answer: yes_no\n  - id: q2", "    answer: yes_no\n    hint: Подсказка\n  - id: q2"),
            "region.yaml": Fixture.region + "\ncolour: red",
        ])
        #expect(found == [
            "\(fixture.path("region.yaml")):4:1: ошибка: неизвестный ключ «colour»; допустимы: schema_version, name, methodology, policies, extra_criteria, regional_index",
            "\(fixture.path(questionnaire)):6:5: ошибка: неизвестный ключ «hint»; допустимы: id, text, answer, symbol, asked_if, options, min, max",
        ])
    }

    @Test("Wrong types: a word or a quoted string for a number, a string or a mapping for a list")
    func wrongType() throws {
        let indicators = "sectors/mini/indicators.yaml"
        let checklists = "sectors/mini/checklists.yaml"
        let sector = "sectors/mini/sector.yaml"
        var weights = Fixture.edit(Fixture.indicators, #"{"2.3": 1}"#, #"{"2.3": много}"#)
        weights = Fixture.edit(weights, #"{"1.1": 0.5,"#, #"{"1.1": "0.5","#)
        let (fixture, found) = try Fixture.diagnostics([
            indicators: weights,
            checklists: "schema_version: 1\nchecklists: stand\n",
            sector: Fixture.edit(Fixture.sector, "methodology: [344n-2024]", "methodology: {id: 344n-2024}"),
        ])
        // The unreadable check-list list is not reported again as a dangling reference in indicators.yaml.
        #expect(found == [
            "\(fixture.path(checklists)):2:13: ошибка: ожидался список, а задано значение «stand»",
            "\(fixture.path(indicators)):4:22: ошибка: ожидалось число, а задана строка в кавычках «0.5»; число пишется без кавычек",
            "\(fixture.path(indicators)):6:22: ошибка: ожидалось число, а задано значение «много»",
            "\(fixture.path(sector)):4:14: ошибка: ожидался список, а задан словарь (ключ: значение)",
        ])
    }

    @Test("A missing schema_version is reported at 1:1, an unsupported one at its value")
    func schemaVersion() throws {
        let sector = "sectors/mini/sector.yaml"
        let (fixture, found) = try Fixture.diagnostics([
            sector: Fixture.edit(Fixture.sector, "schema_version: 1\n", ""),
            "region.yaml": Fixture.edit(Fixture.region, "schema_version: 1", "schema_version: 2"),
        ])
        #expect(found == [
            "\(fixture.path("region.yaml")):1:17: ошибка: версия схемы 2 не поддерживается; поддерживается только 1",
            "\(fixture.path(sector)):1:1: ошибка: нет ключа schema_version; первая строка файла должна быть «schema_version: 1»",
        ])
    }

    @Test("A missing required key is reported at the mapping that lacks it; an empty one at its key")
    func missingKey() throws {
        let checklists = "sectors/mini/checklists.yaml"
        let methodology = "methodology/344n-2024.yaml"
        let (fixture, found) = try Fixture.diagnostics([
            checklists: Fixture.edit(Fixture.checklists, "{id: s2, text: Режим работы, measure: Разместить режим работы}", "{id: s2, text: Режим работы}"),
            methodology: Fixture.edit(Fixture.methodology, "title: Тестовая редакция", "title:"),
        ])
        #expect(found == [
            "\(fixture.path(methodology)):3:1: ошибка: у ключа «title» нет значения",
            "\(fixture.path(checklists)):8:9: ошибка: нет обязательного ключа «measure»",
        ])
    }

    @Test("A YAML syntax error is reported at Yams' mark and does not hide the errors of other files")
    func syntax() throws {
        let checklists = "sectors/mini/checklists.yaml"
        let (fixture, found) = try Fixture.diagnostics([
            checklists: "schema_version: 1\nchecklists:\n  - id: stand\n    title: [Стенд\n",
            "region.yaml": Fixture.region + "\nextra_criteria: [ghost]\n",
        ])
        #expect(found == [
            "\(fixture.path("region.yaml")):4:18: ошибка: нет файла дополнительного критерия extra-criteria/ghost.yaml",
            "\(fixture.path(checklists)):5:1: ошибка: ошибка синтаксиса YAML: did not find expected ',' or ']'",
        ])
    }

    @Test("A key written twice in one mapping is a syntax error at its first occurrence")
    func duplicateKey() throws {
        let indicators = "sectors/mini/indicators.yaml"
        let (fixture, found) = try Fixture.diagnostics([indicators: Fixture.edit(Fixture.indicators, #"{"1.1": 0.5, "1.3": 0.5}"#, #"{"1.1": 0.5, "1.1": 0.5}"#)])
        #expect(found == ["\(fixture.path(indicators)):4:15: ошибка: ключ «1.1» повторяется в одном словаре (здесь первое вхождение); оставьте один"])
    }

    @Test("A sector folder without one of its four files")
    func missingFile() throws {
        let indicators = "sectors/mini/indicators.yaml"
        let (fixture, found) = try Fixture.diagnostics([:], removing: [indicators])
        #expect(found == ["\(fixture.path(indicators)):1:1: ошибка: нет файла «indicators.yaml»: в папке сферы должны быть sector.yaml, questionnaire.yaml, checklists.yaml, indicators.yaml"])
    }

    @Test("Three different errors in one file are all reported")
    func threeInOneFile() throws {
        let indicators = "sectors/mini/indicators.yaml"
        var text = Fixture.edit(Fixture.indicators, #""1.3": 0.5}"#, #""1.3": 0.6}"#)
        text = Fixture.edit(text, "    title: Стенд\n", "    title: Стенд\n    note: лишнее\n")
        text = Fixture.edit(text, "{share: {question: q3}}", "{share: {question: q9}}")
        let (fixture, found) = try Fixture.diagnostics([indicators: text])
        #expect(found == [
            "\(fixture.path(indicators)):4:14: ошибка: веса критерия «K1» в сумме дают 1.1, а должны давать 1",
            "\(fixture.path(indicators)):10:5: ошибка: неизвестный ключ «note»; допустимы: id, title, value, shortcoming",
            "\(fixture.path(indicators)):17:31: ошибка: показатель ссылается на вопрос «q9», которого нет в анкете сферы (questionnaire.yaml)",
        ])
    }

    @Test("ConfigErrors prints every diagnostic on its own line, sorted by file, line and column")
    func errorDescription() {
        let errors = ConfigErrors(diagnostics: [
            ConfigDiagnostic(file: "b.yaml", line: 1, column: 1, message: "два"),
            ConfigDiagnostic(file: "a.yaml", line: 10, column: 2, message: "один"),
            ConfigDiagnostic(file: "a.yaml", line: 2, column: 5, message: "ноль"),
        ])
        #expect(errors.errorDescription == "a.yaml:2:5: ошибка: ноль\na.yaml:10:2: ошибка: один\nb.yaml:1:1: ошибка: два")
    }
}
