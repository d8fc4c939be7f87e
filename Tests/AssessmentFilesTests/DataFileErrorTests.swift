import AssessmentFiles
import AssessmentKernel
import Foundation
import Testing

@Suite("Problem reports")
struct DataFileErrorTests {
    @Test("Without a line the file stands alone; field and value are optional")
    func descriptions() {
        #expect(DataFileProblem(file: "a.csv", line: 0, message: "файл пуст").description == "a.csv: файл пуст")
        #expect(DataFileProblem(file: "a.csv", line: 3, field: "x", message: "m").description == "a.csv:3: поле «x»: m")
    }

    @Test("The printed list stops at 200 problems and counts the rest")
    func cap() throws {
        let fixture = try DataFileFixture()
        var text = "id,name,sector,recipients\n"
        for index in 1...250 { text += "o\(index),Организация,culture,много\n" }
        let url = try fixture.write("organizations.csv", text)
        do {
            _ = try OrganizationsFile.read(url)
            Issue.record("ожидалась ошибка")
        } catch {
            #expect(error.problems.count == 250)
            let lines = try #require(error.errorDescription).split(separator: "\n")
            #expect(lines.count == 202)
            #expect(lines[199].hasPrefix("\(url.path):201: поле «recipients»"))
            #expect(lines[200] == "… и ещё 50")
            #expect(lines[201] == "Ошибок: 250 (файл прочитан так: кодировка UTF-8, разделитель «,»). Данные из файла не загружены: исправьте файл и повторите.")
        }
    }

    @Test("Collection stops at 5000 problems but keeps counting")
    func collectionCap() throws {
        let fixture = try DataFileFixture()
        var text = "response_id,organization_id,channel,q1\n"
        for index in 1...6_000 { text += "\(index),lib,web,может быть\n" }
        let url = try fixture.write("responses.csv", text)
        do {
            _ = try ResponsesFile.read(url, organizations: DataFileFixture.organizations, questions: DataFileFixture.questions)
            Issue.record("ожидалась ошибка")
        } catch {
            #expect(error.problems.count == 5_000)
            #expect(error.omitted == 1_000)
            #expect(error.errorDescription?.contains("… и ещё 5800") == true)
        }
    }
}
