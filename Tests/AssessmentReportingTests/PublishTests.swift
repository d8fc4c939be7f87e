import ArgumentParser
import AssessmentApp
import Foundation
import Testing
import TestSupport

@Suite("Publish: every report of a campaign from one scoring")
struct PublishTests {
    static let common = ["--plan", ReportRunner.plan, "--today", "2026-06-01"] + ReportRunner.demoArguments

    @Test("publish writes the same bytes as rankings, site and busgov one by one")
    func sameAsSeparateCommands() throws {
        let runner = try ReportRunner()
        let published = runner.directory.appendingPathComponent("публикация")
        var publish = try ReportCommandParser.parse(["publish", "--output", published.path] + Self.common)
        try publish.run()

        for (name, format) in [("rankings.md", "markdown"), ("rankings.csv", "csv"), ("rankings.html", "html"), ("rankings.xlsx", "xlsx")] {
            let alone = try runner.run(["rankings", "--format", format] + Self.common, output: "alone-" + name)
            #expect(try Data(contentsOf: published.appendingPathComponent(name)) == alone, "\(name)")
        }
        for format in ["xml", "csv"] {
            let alone = try runner.run(["busgov", "--format", format] + Self.common, output: "alone-busgov.\(format)")
            #expect(try Data(contentsOf: published.appendingPathComponent("busgov.\(format)")) == alone, "busgov.\(format)")
        }
        #expect(!FileManager.default.fileExists(atPath: published.appendingPathComponent("rankings.json").path))

        let site = runner.directory.appendingPathComponent("site")
        var siteCommand = try ReportCommandParser.parse(["site", "--output", site.path] + Self.common)
        try siteCommand.run()
        for folder in ["", "vi/"] {
            let pages = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent(folder).path).filter { $0.hasSuffix(".html") }
            #expect(pages.count == 35)
            for page in pages {
                #expect(try Data(contentsOf: published.appendingPathComponent("site/" + folder + page))
                        == Data(contentsOf: site.appendingPathComponent(folder + page)), "site/\(folder)\(page)")
            }
        }
    }

    @Test("--json adds the rankings with every explanation")
    func json() throws {
        let runner = try ReportRunner()
        let published = runner.directory.appendingPathComponent("out")
        var publish = try ReportCommandParser.parse(["publish", "--json", "--output", published.path] + Self.common)
        try publish.run()
        let alone = try runner.run(["rankings", "--format", "json"] + Self.common, output: "alone.json")
        #expect(try Data(contentsOf: published.appendingPathComponent("rankings.json")) == alone)
    }
}
