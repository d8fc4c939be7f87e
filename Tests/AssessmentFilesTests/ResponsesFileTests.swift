import AssessmentFiles
import AssessmentKernel
import Foundation
import Testing

@Suite("responses.csv")
struct ResponsesFileTests {
    let fixture: DataFileFixture
    init() throws { fixture = try DataFileFixture() }

    typealias Result = (tallies: [OrganizationID: ResponseTallier], suggestions: [OrganizationID: [String]], format: DetectedFormat, rows: Int)

    func read(_ url: URL) throws -> Result {
        try ResponsesFile.read(url, organizations: DataFileFixture.organizations, questions: DataFileFixture.questions)
    }

    @Test("Yes/no spellings, choice by text or id, numbers, channels, suggestions")
    func happyPath() throws {
        let url = try fixture.write("responses.csv", #"""
            response_id,organization_id,channel,q1,q2,q5,sex,age,suggestions,edu_extra
            1,lib,web,Да,да,1,Женский,34,Больше новых книг,
            2,lib,Бумага,ДА,Нет,0,female,"34,0",-,
            3,lib,интервью,нет,,yes,МУЖСКОЙ,71.5,,
            4,lib,phone,0,,NO,male,,"Продлить часы работы, ""по субботам""",
            5,school,сайт,да,да,,,18,,нет

            """#)
        let result = try read(url)
        #expect(result.rows == 5)
        #expect(result.format == DetectedFormat(encoding: .utf8, delimiter: ","))
        let library = try #require(result.tallies["lib"])
        #expect(library.respondents == 4)
        #expect(library.tallies["q1"] == AnswerTally(answered: 4, counts: ["yes": 2, "no": 2]))
        #expect(library.tallies["q2"] == AnswerTally(answered: 2, counts: ["yes": 1, "no": 1]))
        #expect(library.tallies["q5"] == AnswerTally(answered: 4, counts: ["yes": 2, "no": 2]))
        #expect(library.tallies["sex"] == AnswerTally(answered: 4, counts: ["female": 2, "male": 2]))
        #expect(library.tallies["age"] == AnswerTally(answered: 3, counts: ["34": 2, "71.5": 1]))
        #expect(library.tallies["suggestions"] == nil)
        #expect(result.tallies["school"]?.tallies["edu_extra"] == AnswerTally(answered: 1, counts: ["no": 1]))
        #expect(result.tallies["lib-2"]?.respondents == 0)
        #expect(result.suggestions == ["lib": ["Больше новых книг", "Продлить часы работы, \"по субботам\""]])
    }

    @Test("A q2 answer when q1 = no is not counted: the tallier applies the filter")
    func filter() throws {
        let url = try fixture.write("responses.csv", """
            response_id,organization_id,channel,q1,q2
            1,lib,paper,нет,да
            2,lib,paper,да,да
            3,lib,paper,да,нет
            4,lib,paper,,да
            """)
        let tally = try #require(try read(url).tallies["lib"]?.tallies["q2"])
        #expect(tally == AnswerTally(answered: 2, counts: ["yes": 1, "no": 1], ignoredByFilter: 2))
    }

    @Test("Windows-1251 with semicolons; «Да», «да», «Нет», 1, 0")
    func windows1251() throws {
        let url = try fixture.write("responses.csv", """
            response_id;organization_id;channel;q1;q3;q5;sex;age
            1;lib;бумага;Да;да;Нет;Женский;40
            2;lib;телефон;1;0;нет;мужской;

            """, encoding: .windowsCP1251)
        let result = try read(url)
        #expect(result.format == DetectedFormat(encoding: .windows1251, delimiter: ";"))
        let library = try #require(result.tallies["lib"])
        #expect(library.tallies["q1"]?.counts == ["yes": 2])
        #expect(library.tallies["q3"]?.counts == ["yes": 1, "no": 1])
        #expect(library.tallies["q5"]?.counts == ["no": 2])
        #expect(library.tallies["sex"]?.counts == ["female": 1, "male": 1])
    }

    @Test("UTF-8 with a byte-order mark and CR LF")
    func byteOrderMark() throws {
        let url = try fixture.write("responses.csv", "response_id,organization_id,channel,q14\r\n1,lib,web,да\r\n", bom: true)
        let result = try read(url)
        #expect(result.format.encoding == .utf8BOM)
        #expect(result.tallies["lib"]?.tallies["q14"]?.counts == ["yes": 1])
    }

    @Test("The message of the brief, exactly")
    func yesNoMessage() throws {
        let url = try fixture.write("responses.csv", "response_id,organization_id,channel,q5\n1,lib,web,может быть\n")
        #expect(DataFileFixture.problems { _ = try read(url) } == [
            "\(fixture.path("responses.csv")):2: поле «q5»: значение «может быть»: ожидалось «да» или «нет»",
        ])
    }

    @Test("Each kind of row problem with its exact message, all together")
    func rowProblems() throws {
        let url = try fixture.write("responses.csv", """
            response_id,organization_id,channel,q1,sex,age,edu_extra
            1,lib,почта,да,,,
            1,lib,web,,средний,,
            3,lib,web,,,abc,
            4,lib,web,,,13,
            5,nobody,web,,,,
            6,lib,web,,,,да
            ,lib,,,,"12,5",
            """)
        let file = fixture.path("responses.csv")
        #expect(DataFileFixture.problems { _ = try read(url) } == [
            "\(file):2: поле «channel»: значение «почта»: ожидалось web, paper, interview или phone (сайт, бумага, интервью, телефон)",
            "\(file):3: поле «response_id»: значение «1»: номер анкеты повторяется: он уже указан в строке 2",
            "\(file):3: поле «sex»: значение «средний»: ожидался один из вариантов: «Мужской» (male), «Женский» (female)",
            "\(file):4: поле «age»: значение «abc»: ожидалось число от 14 до 120",
            "\(file):5: поле «age»: значение «13»: ожидалось число от 14 до 120",
            "\(file):6: поле «organization_id»: значение «nobody»: организация с таким кодом не входит в кампанию (нет в реестре или в файле организаций, либо её сфера не оценивается)",
            "\(file):7: поле «edu_extra»: значение «да»: вопроса нет в анкете сферы «culture» (организация «lib»): ожидалась пустая ячейка",
            "\(file):8: поле «response_id»: значение не заполнено: ожидался номер анкеты",
            "\(file):8: поле «channel»: значение не заполнено: ожидалось web, paper, interview или phone (сайт, бумага, интервью, телефон)",
            "\(file):8: поле «age»: значение «12,5»: ожидалось число от 14 до 120",
        ])
    }

    @Test("A column that is no question of any sector")
    func unknownColumn() throws {
        let url = try fixture.write("responses.csv", "response_id,organization_id,channel,q99,Q1\n1,lib,web,да,да\n")
        let file = fixture.path("responses.csv")
        let expected = "столбец не служебный и не код вопроса анкеты ни одной из сфер (culture, education): ожидались response_id, organization_id, channel и коды вопросов"
        #expect(DataFileFixture.problems { _ = try read(url) } == [
            "\(file):1: поле «q99»: \(expected)",
            "\(file):1: поле «Q1»: \(expected)",
        ])
    }

    @Test("Line numbers count the line breaks inside quoted cells")
    func physicalLines() throws {
        let url = try fixture.write("responses.csv", """
            response_id,organization_id,channel,suggestions,q14
            1,lib,web,"первая строка
            вторая строка\r\nтретья",да
            2,lib,web,,может быть
            """)
        #expect(DataFileFixture.problems { _ = try read(url) } == [
            "\(fixture.path("responses.csv")):5: поле «q14»: значение «может быть»: ожидалось «да» или «нет»",
        ])
    }

    @Test("Twenty thousand questionnaires stream through in one pass")
    func manyRows() throws {
        var text = "response_id,organization_id,channel,q1,q2,q3,q4,q5,q14,sex,age\n"
        for index in 1...20_000 {
            text += "\(index),\(index % 3 == 0 ? "school" : "lib"),web,да,\(index % 10 == 0 ? "нет" : "да"),нет,,да,да,,\(18 + index % 60)\n"
        }
        let url = try fixture.write("responses.csv", text)
        let result = try read(url)
        #expect(result.rows == 20_000)
        #expect(result.tallies["lib"]!.respondents + result.tallies["school"]!.respondents == 20_000)
        #expect(result.tallies["lib"]?.tallies["q2"]?.counts["no"] == 1_334)
    }
}
