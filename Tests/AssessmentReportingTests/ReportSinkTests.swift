import AssessmentReporting
import Foundation
import Testing
import TestSupport

@Suite("Report files")
struct ReportSinkTests {
    @Test("A report written again over its earlier file replaces it; no part file is left behind")
    func overwrite() throws {
        let folder = try RepositoryPaths.temporaryDirectory("sink")
        let url = folder.appendingPathComponent("report.html")
        for text in ["первый", "второй"] {
            let sink = try FileSink(url: url)
            try sink.write(text)
            try sink.finish()
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "второй")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.html"])
    }
}
