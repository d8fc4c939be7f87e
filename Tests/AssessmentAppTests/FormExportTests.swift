import AssessmentConfig
import AssessmentFiles
import AssessmentKernel
import Foundation
import Testing
import TestSupport

@Suite("Yandex/Google form exports through a column mapping")
struct FormExportTests {
    static let mapping = """
        schema_version: 1
        title: Яндекс Форма
        organization:
          column: Учреждение
          values: {"Централизованная библиотечная система": cul-01, "Краеведческий музей": cul-04}
        response_id: {column: ID}
        columns:
          "Обращались ли Вы к информации на стендах?": q1
          "Удовлетворены ли Вы информацией на стендах?": q2
          "Ваши предложения": suggestions
        ignore: ["Время создания"]
        """

    func write(_ export: String) throws -> (URL, FormMapping) {
        let folder = try RepositoryPaths.temporaryDirectory("form")
        try Data(Self.mapping.utf8).write(to: folder.appendingPathComponent("mapping.yaml"))
        let url = folder.appendingPathComponent("export.csv")
        try Data(("\u{FEFF}" + export).utf8).write(to: url)
        return (url, try FormMappingLoader(url: folder.appendingPathComponent("mapping.yaml")).load())
    }

    let organizations = [
        Organization(id: "cul-01", name: "ЦБС", sector: "culture", type: "library"),
        Organization(id: "cul-04", name: "Музей", sector: "culture", type: "museum"),
    ]

    @Test("Names become registry codes, question texts become ids, and the standard reader counts the answers")
    func convert() throws {
        let (url, mapping) = try write("""
            ID;Время создания;Учреждение;Обращались ли Вы к информации на стендах?;Удовлетворены ли Вы информацией на стендах?;Ваши предложения
            101;01.05.2025;Централизованная библиотечная система;Да;Да;"Больше книг
            и журналов"
            102;01.05.2025;Краеведческий музей;Нет;;
            """)
        let export = try FormExport.convert(url, mapping: mapping)
        #expect(export.format.description == "кодировка UTF-8 с BOM, разделитель «;»")
        let sector = StandardSector.make(id: "culture")
        let read = try ResponsesFile.read(export.converted, organizations: organizations, questions: ["culture": sector.questions])
        #expect(read.tallies["cul-01"]?.tallies["q2"] == AnswerTally(answered: 1, counts: ["yes": 1]))
        #expect(read.tallies["cul-04"]?.respondents == 1)
        #expect(read.suggestions["cul-01"] == ["Больше книг и журналов"])
    }

    @Test("Problems are said in the export's own words: its line and its column header")
    func remappedProblems() throws {
        let (url, mapping) = try write("""
            ID;Время создания;Учреждение;Обращались ли Вы к информации на стендах?;Удовлетворены ли Вы информацией на стендах?;Ваши предложения
            101;01.05.2025;Централизованная библиотечная система;Да;"Да,
            вполне";
            102;01.05.2025;Краеведческий музей;Может быть;;
            """)
        let export = try FormExport.convert(url, mapping: mapping)
        do {
            _ = try ResponsesFile.read(export.converted, organizations: organizations, questions: ["culture": StandardSector.make(id: "culture").questions])
            Issue.record("a wrong answer was accepted")
        } catch {
            let problems = export.remap(error, to: url.path).problems.map(\.description)
            #expect(problems.count == 2)
            #expect(problems[0].hasPrefix("\(url.path):2: поле «Удовлетворены ли Вы информацией на стендах?»: значение «Да, вполне»"))
            #expect(problems[1].hasPrefix("\(url.path):4: поле «Обращались ли Вы к информации на стендах?»: значение «Может быть»"))
        }
    }

    @Test("An export column the mapping does not know is an error naming it; an unknown institution too")
    func unknownColumn() throws {
        let (url, mapping) = try write("ID;Учреждение;Возраст\n1;Детский сад;30\n")
        do {
            _ = try FormExport.convert(url, mapping: mapping)
            Issue.record("an unmapped column was accepted")
        } catch {
            #expect(error.problems.map(\.description).contains(
                "\(url.path):1: поле «Возраст»: столбец не сопоставлен: добавьте его в columns или ignore файла сопоставления"))
        }
        let (second, _) = try write("ID;Учреждение\n1;Детский сад\n")
        let reduced = FormMapping(title: "x", organizationColumn: "Учреждение", organizationValues: ["Музей": "cul-04"], responseIDColumn: "ID", columns: [:])
        do {
            _ = try FormExport.convert(second, mapping: reduced)
            Issue.record("an unknown institution was accepted")
        } catch {
            #expect(error.problems.map(\.description) == ["\(second.path):2: поле «Учреждение»: значение «Детский сад»: учреждение не найдено в values сопоставления"])
        }
    }
}
