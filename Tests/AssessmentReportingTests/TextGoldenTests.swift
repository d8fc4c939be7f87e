import Foundation
import Testing
import TestSupport

@Suite("Golden text reports")
struct TextGoldenTests {
    /// Rankings JSON (2.6 MB of explanations) has no golden file: JSONReportTests holds it to the whole array encoded at once.
    @Test("Rankings in Markdown and CSV, and the card in Markdown and JSON, match their golden files")
    func golden() throws {
        let runner = try ReportRunner()
        for (format, ext) in [("markdown", "md"), ("csv", "csv")] {
            try Golden.check("rankings.\(ext)", try runner.run(["rankings", "--format", format] + ReportRunner.demoArguments, output: "r.\(ext)"))
        }
        for (format, ext) in [("markdown", "md"), ("json", "json")] {
            try Golden.check("card-cul-06.\(ext)", try runner.run(["card", "--org", "cul-06", "--plan", ReportRunner.plan, "--today", "2026-06-01",
                                                                   "--format", format] + ReportRunner.demoArguments, output: "c.\(ext)"))
        }
    }
}
