import AssessmentApp
import AssessmentKernel
import AssessmentReporting
import Foundation
import Testing
import TestSupport

@Suite("bus.gov.ru export")
struct BusGovExportTests {
    let arguments = ["--plan", ReportRunner.plan] + ReportRunner.demoArguments

    @Test("CSV and XML of the demo municipality match their golden files")
    func golden() throws {
        let runner = try ReportRunner()
        try Golden.check("busgov.csv", try runner.run(["busgov", "--format", "csv"] + arguments, output: "busgov.csv"))
        try Golden.check("busgov.xml", try runner.run(["busgov", "--format", "xml"] + arguments, output: "busgov.xml"))
    }

    @Test("The XML is well-formed for an independent parser: 30 institutions, five criteria each, the plan's six measures")
    func wellFormed() throws {
        let runner = try ReportRunner()
        try runner.run(["busgov", "--format", "xml"] + arguments, output: "busgov.xml")
        guard PythonReader.python != nil else {
            Issue.record("python3 не найден: XML не проверен независимым разборщиком")
            return
        }
        let (status, output) = try PythonReader.script("""
            import sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            orgs = root.findall("organization")
            print(len(orgs), len(orgs[0].findall("criteria/criterion")), len(root.findall(".//measure")), root.get("methodology"))
            """, arguments: [runner.directory.appendingPathComponent("busgov.xml").path])
        #expect(status == 0)
        #expect(output == "30 5 6 344n-2024\n")
    }

    @Test("Identifiers, escaping, and a writer of one's own behind the same protocol")
    func replaceableWriter() throws {
        final class Names: BusGovWriter {
            var seen: [String] = []
            func begin(_ header: BusGovExport.Header, to sink: any ReportSink) throws { try sink.write("[") }
            func record(_ record: BusGovExport.Record, header: BusGovExport.Header, to sink: any ReportSink) throws {
                seen.append(record.organization.inn ?? "")
                try sink.write(record.organization.id.rawValue + ";")
            }
            func end(to sink: any ReportSink) throws { try sink.write("]") }
        }
        let environment = try AppEnvironmentFixture.load()
        var scores = Array(environment.campaign.scores.prefix(2))
        scores[0].organization.inn = "0500000001"
        scores[0].organization.ogrn = "1020500000001"
        scores[0].organization.name = "Школа «<А&Б>»"
        let header = BusGovExport.Header(regionName: "Округ", campaign: "2025", methodology: "344n-2024", criteria: environment.criteria)
        let names = Names()
        let sink = StringSink()
        try BusGovExport.write(scores: scores, plan: [], header: header, writer: names, to: sink)
        #expect(sink.text == "[\(scores[0].organization.id);\(scores[1].organization.id);]")
        #expect(names.seen == ["0500000001", ""])

        let xml = StringSink()
        try BusGovExport.write(scores: scores, plan: [], header: header, writer: BusGovXMLWriter(), to: xml)
        #expect(xml.text.contains("inn=\"0500000001\" ogrn=\"1020500000001\""))
        #expect(xml.text.contains("<name>Школа «&lt;А&amp;Б&gt;»</name>"))
        let csv = StringSink()
        try BusGovExport.write(scores: scores, plan: [], header: header, writer: BusGovCSVWriter(), to: csv)
        #expect(csv.text.split(separator: "\r\n")[1].hasPrefix("0500000001,1020500000001,"))
    }
}
