import ArgumentParser
import AssessmentApp
import AssessmentReporting
import Foundation
import Testing
import TestSupport
import ZIPFoundation

@Suite("Campaign documents (DOCX and HTML)")
struct DocumentTests {
    /// Paragraph texts, then every table cell, as python-docx reads them; and the first section's orientation.
    static let reader = """
    import docx, json, sys
    d = docx.Document(sys.argv[1])
    out = {"paragraphs": [p.text for p in d.paragraphs],
           "cells": [c.text for t in d.tables for r in t.rows for c in r.cells],
           "tables": len(d.tables), "landscape": d.sections[0].orientation == 1, "title": d.core_properties.title}
    print(json.dumps(out, ensure_ascii=False))
    """

    /// The stored demo campaign 2025 with its operator and the golden plan.
    static func campaign() throws -> StoredCampaigns {
        let stored = try StoredCampaigns(scoreFirst: false, previousData: false)
        try stored.admin(["campaign", "operator", "--campaign", "2025", "--name", "ООО «Центр <социологии> & опросов»", "--inn", "7707083893",
                          "--contract", "Муниципальный контракт № 15 от 10.04.2025"], config: false)
        try stored.admin(["plan", "import", "--campaign", "2025", ReportRunner.plan], config: false)
        return stored
    }

    /// The text runs of `word/document.xml`, unzipped by ZIPFoundation.
    static func documentXML(_ data: Data) throws -> String {
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive["word/document.xml"])
        var xml = Data()
        _ = try archive.extract(entry) { xml.append($0) }
        #expect(Set(archive.map(\.path)) == ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "word/_rels/document.xml.rels",
                                             "word/styles.xml", "word/document.xml"])
        return String(decoding: xml, as: UTF8.self)
    }

    @Test("Every kind as DOCX is byte-identical on a rerun, unzips, and python-docx reads the same text the HTML shows")
    func docx() throws {
        let stored = try Self.campaign()
        let runner = try ReportRunner()
        for kind in CampaignDocuments.Kind.allCases {
            let arguments = ["document", kind.rawValue, "--campaign", "2025"] + stored.reportArguments
            let first = try runner.run(arguments, output: "\(kind.rawValue).docx")
            #expect(try runner.run(arguments, output: "again.docx") == first, "\(kind.rawValue): те же данные должны давать те же байты")
            let xml = try Self.documentXML(first)
            #expect(xml.contains("<w:document ") && xml.hasSuffix("</w:document>"))
            // Whatever the HTML says in text, the DOCX says too.
            let html = try runner.text(arguments + ["--format", "html"], output: "\(kind.rawValue).html")
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"ru\">"))
            for marker in ["Демонстрационный муниципальный округ", "2025"] where kind != .improvementPlan {
                #expect(xml.contains(marker) && html.contains(marker), "\(kind.rawValue): нет «\(marker)»")
            }
        }

        guard PythonReader.python != nil else {
            Issue.record("python3 не найден: DOCX не проверен независимым читателем (установите python3)")
            return
        }
        try PythonReader.ensure(module: "docx", package: "python-docx")
        func read(_ name: String) throws -> [String: Any] {
            let (status, output) = try PythonReader.script(Self.reader, arguments: [runner.directory.appendingPathComponent(name).path])
            try #require(status == 0, "python-docx не открыл \(name)")
            return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        }

        let terms = try read("terms.docx")
        let termsText = (terms["paragraphs"] as? [String] ?? []) + (terms["cells"] as? [String] ?? [])
        #expect(terms["title"] as? String == "Техническое задание организации-оператору")
        #expect(termsText.contains("Организация-оператор: ООО «Центр <социологии> & опросов», ИНН 7707083893 (Муниципальный контракт № 15 от 10.04.2025)"))
        // Stages with their dates, institutions with their minimum sample, the sample policy.
        #expect(termsText.contains("01.01.2025–01.04.2025"))
        #expect(termsText.contains { $0.hasPrefix("Число опрошенных получателей услуг в каждой организации — не менее 40 % ") })
        #expect(termsText.contains("Муниципальное бюджетное учреждение культуры «Централизованная библиотечная система»"))
        #expect(termsText.contains("Сфера «Культура»: 12"))
        #expect(terms["landscape"] as? Bool == false)

        let plan = try read("improvement-plan.docx")
        let cells = plan["cells"] as? [String] ?? []
        #expect(plan["landscape"] as? Bool == true)
        #expect(cells.contains("Плановый срок реализации мероприятия") && cells.contains("Фактический срок реализации"))
        // The stored plan of cul-06, with its free text as typed.
        #expect(cells.contains("Стенд обновлён: раздел «<Материальная база>» & фото"))
        #expect(cells.contains("Иванова А. П., директор") && cells.contains("20.02.2026"))
        #expect(cells.contains("K1. Открытость и доступность информации об организации"))

        let decision = try read("council-decision.docx")
        #expect((decision["paragraphs"] as? [String] ?? []).contains { $0.hasPrefix("2. Зафиксировать утверждённые результаты") })
        #expect(decision["tables"] as? Int == 3)
    }

    @Test("Golden HTML of the terms of reference and of one institution's plan; an unknown institution is refused")
    func golden() throws {
        let stored = try Self.campaign()
        let runner = try ReportRunner()
        let common = ["--campaign", "2025", "--format", "html"] + stored.reportArguments
        try Golden.check("document-terms.html", try runner.run(["document", "terms"] + common, output: "terms.html"))
        try Golden.check("document-improvement-plan-cul-06.html",
                         try runner.run(["document", "improvement-plan", "--org", "cul-06"] + common, output: "plan.html"))
        #expect(throws: ExitCode.self) { try runner.run(["document", "improvement-plan", "--org", "nope"] + common, output: "x.html") }
        #expect(throws: (any Error).self) { try runner.run(["document", "terms", "--org", "cul-06"] + common, output: "y.html") }
    }
}
