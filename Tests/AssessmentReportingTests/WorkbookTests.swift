import ArgumentParser
import AssessmentApp
import Foundation
import Testing
import TestSupport

@Suite("XLSX workbook")
struct WorkbookTests {
    static let reader = """
    import json, sys, openpyxl
    wb = openpyxl.load_workbook(sys.argv[1])
    out = {}
    for ws in wb:
        rows = list(ws.iter_rows(values_only=True))
        out[ws.title] = {
            "freeze": ws.freeze_panes, "rows": len(rows), "header": list(rows[0]),
            "widths": {k: round(v.width, 1) for k, v in ws.column_dimensions.items() if v.width},
            "first": [None if c is None else str(c) for c in (rows[1] if len(rows) > 1 else [])],
            "formats": [c.number_format for c in ws[2]] if ws.max_row > 1 else [],
        }
    print(json.dumps(out, ensure_ascii=False))
    """

    @Test("Ranking, indicators, shortcomings and plans read back by openpyxl: own sheets, frozen headers, formats, widths")
    func readBack() throws {
        guard PythonReader.python != nil else {
            Issue.record("python3 не найден: книга XLSX не проверена независимым читателем (установите python3)")
            return
        }
        try PythonReader.ensure(module: "openpyxl", package: "openpyxl")
        let runner = try ReportRunner()
        let arguments = ["rankings", "--format", "xlsx", "--plan", ReportRunner.plan, "--today", "2026-06-01"] + ReportRunner.demoArguments
        let first = try runner.run(arguments, output: "results.xlsx")
        #expect(try runner.run(arguments, output: "again.xlsx") == first, "та же кампания должна давать те же байты")

        let (status, output) = try PythonReader.script(Self.reader, arguments: [runner.directory.appendingPathComponent("results.xlsx").path])
        try #require(status == 0, "openpyxl не открыл книгу")
        let sheets = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [String: Any]])
        #expect(Set(sheets.keys) == ["Рейтинг", "Показатели", "Недостатки", "Планы"])
        for (name, sheet) in sheets { #expect(sheet["freeze"] as? String == "A2", "лист \(name): шапка не закреплена") }

        let ranking = try #require(sheets["Рейтинг"])
        #expect(ranking["rows"] as? Int == 31)
        let header = try #require(ranking["header"] as? [String])
        #expect(Array(header.prefix(4)) == ["Сфера", "Место", "Код", "Организация"])
        #expect(header.contains("Итог") && header.contains("K5") && header.contains("Региональный индекс качества"))
        let leader = try #require(ranking["first"] as? [Any])
        #expect(leader[1] as? String == "1")
        #expect((ranking["formats"] as? [String])?.contains("0.00") == true)
        let nameWidth = try #require((ranking["widths"] as? [String: Double])?["D"])
        #expect(nameWidth >= 48 && nameWidth < 50, "ширина столбца «Организация» \(nameWidth)")

        #expect(sheets["Показатели"]?["rows"] as? Int ?? 0 > 30 * 10)
        #expect(sheets["Недостатки"]?["rows"] as? Int ?? 0 > 30)
        let plans = try #require(sheets["Планы"])
        #expect(plans["rows"] as? Int == 7)
        #expect((plans["formats"] as? [String])?[5] == "dd.mm.yyyy")
        #expect((plans["first"] as? [Any])?[5] as? String == "2026-03-01 00:00:00")
        #expect((plans["first"] as? [Any])?.last as? String == "выполнено")
    }

    @Test("XLSX needs a file: without --output the command stops with a Russian message")
    func needsOutput() throws {
        var command = try ReportCommand.parseAsRoot(["rankings", "--format", "xlsx"] + ReportRunner.demoArguments)
        #expect(throws: (any Error).self) { try command.run() }
    }
}
