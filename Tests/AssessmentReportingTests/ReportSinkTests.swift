import ArgumentParser
import AssessmentReporting
import Foundation
import Testing
import TestSupport

@Suite("Report files")
struct ReportSinkTests {
    @Test("A report written again replaces the earlier file and leaves no part file behind")
    func overwrite() throws {
        let directory = try RepositoryPaths.temporaryDirectory("sink")
        let url = directory.appendingPathComponent("report.html")
        for text in ["первый", "второй"] {
            let sink = try FileSink(url: url)
            try sink.write(text)
            try sink.finish()
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "второй")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.html"])
    }

    @Test("A missing --output folder is said in Russian with the folder, and through the command as well")
    func missingFolder() throws {
        let missing = try RepositoryPaths.temporaryDirectory("sink").appendingPathComponent("нет/report.html")
        #expect(throws: ReportError.outputFolderMissing(missing.deletingLastPathComponent().path)) { try FileSink(url: missing) }
        #expect(ReportError.outputFolderMissing("/x").description == "Папки для --output нет: /x. Создайте её или укажите другой путь.")
        var command = try ReportCommandParser.parse(["rankings", "--output", missing.path] + ReportRunner.demoArguments)
        #expect(throws: (any Error).self) { try command.run() }
        #expect(!FileManager.default.fileExists(atPath: missing.deletingLastPathComponent().path))
    }
}
