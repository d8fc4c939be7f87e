import ArgumentParser
import AssessmentApp
import AssessmentConfig
import AssessmentKernel
import AssessmentReporting
import Foundation
import Testing
import TestSupport

@Suite("Dynamics across stored campaigns and the change column")
struct DynamicsTests {
    /// Totals of both years scored from the files, independently of the database.
    struct Expected {
        let y2024: ScoredCampaign
        let y2025: ScoredCampaign

        init(_ stored: StoredCampaigns) throws {
            let environment = try AppEnvironment(configDirectory: RepositoryPaths.configs)
            y2024 = try ScoredCampaign.load(from: RepositoryPaths.demo, environment: environment)
            y2025 = try ScoredCampaign.load(from: stored.files2025, environment: environment)
        }

        func total(_ id: String, _ campaign: ScoredCampaign) throws -> Double {
            try #require(campaign.scores.first { $0.organization.id.rawValue == id }?.total)
        }
    }

    static func dot(_ value: Double?) -> String { DecimalRounding.format(value).replacingOccurrences(of: ",", with: ".") }

    /// CSV rows as `[campaign: value]` for one series.
    static func series(_ csv: String, _ name: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if cells.count == 5 && cells[2] == name { result[cells[1]] = cells[3] }
        }
        return result
    }

    @Test("An institution's total and К1–К5, a sector's means, the municipality per sector — over both campaigns, stored or scored")
    func dynamics() throws {
        let stored = try StoredCampaigns()
        let expected = try Expected(stored)
        let runner = try ReportRunner()

        for (id, better) in [(StoredCampaigns.improved, true), (StoredCampaigns.worsened, false)] {
            let csv = try runner.text(["dynamics", "--org", id, "--format", "csv"] + stored.reportArguments, output: "\(id).csv")
            let totals = Self.series(csv, "Итог")
            let before = try expected.total(id, expected.y2024), after = try expected.total(id, expected.y2025)
            #expect(totals == ["2024": Self.dot(before), "2025": Self.dot(after)])
            #expect(better ? after > before : after < before)
            let k1 = try #require(expected.y2025.scores.first { $0.organization.id.rawValue == id }?.criterion("K1")?.value)
            #expect(Self.series(csv, "K1")["2025"] == Self.dot(k1))
        }

        let sector = try runner.text(["dynamics", "--sector", "education"] + stored.reportArguments, output: "education.md")
        let decimals = 2
        for (year, campaign) in [("2024", expected.y2024), ("2025", expected.y2025)] {
            let inSector = campaign.scores.filter { $0.organization.sector == "education" }
            let mean = Ranking.meanTotal(inSector, decimals: decimals)
            #expect(sector.contains("| \(year) | \(DecimalRounding.format(mean)) |"), "нет строки \(year) со средним \(DecimalRounding.format(mean))")
            #expect(sector.contains(" | \(inSector.count) |"))
        }
        #expect(sector.contains("Среднее K5"))

        let html = try runner.run(["dynamics", "--format", "html", "--campaigns", "2025", "2024"] + stored.reportArguments, output: "m.html")
        #expect(try runner.run(["dynamics", "--format", "html", "--campaigns", "2025", "2024"] + stored.reportArguments, output: "again.html") == html)
        let page = String(decoding: html, as: UTF8.self)
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"ru\">"))
        // All sectors plus one line per sector, each drawn through both campaigns.
        #expect(page.components(separatedBy: "<polyline ").count - 1 == 4)
        let sectors = try AppEnvironment(configDirectory: RepositoryPaths.configs).config.sectors
        for title in ["Все сферы"] + sectors.map(\.title) { #expect(page.contains(">\(HTMLText.escape(title))</th>"), "нет столбца \(title)") }
        // The campaigns are in the order asked: 2025 first.
        let first = try #require(page.range(of: "<th scope=\"row\">2025</th>")), second = try #require(page.range(of: "<th scope=\"row\">2024</th>"))
        #expect(first.lowerBound < second.lowerBound)

        // An institution no chosen campaign assessed, and both --org and --sector, are refused.
        #expect(throws: ExitCode.self) { try runner.run(["dynamics", "--org", "nope"] + stored.reportArguments, output: "x.md") }
        #expect(throws: (any Error).self) { try runner.run(["dynamics", "--org", "cul-01", "--sector", "culture"] + stored.reportArguments, output: "y.md") }
    }

    @Test("Rankings from the database compare with the previous year's campaign unless another is named")
    func previousCampaignDefault() throws {
        let stored = try StoredCampaigns(scoreFirst: false)
        let expected = try Expected(stored)
        let runner = try ReportRunner()
        let id = StoredCampaigns.improved
        let change = DecimalRounding.round(try expected.total(id, expected.y2025) - expected.total(id, expected.y2024), decimals: 2)
        #expect(change > 0)

        let csv = try runner.text(["rankings", "--campaign", "2025", "--format", "csv"] + stored.reportArguments, output: "r.csv")
        let header = try #require(csv.split(separator: "\n").first).split(separator: ",").map(String.init)
        let column = try #require(header.firstIndex(of: "change"))
        let row = try #require(csv.split(separator: "\n").first { $0.contains(",\(id),") }).split(separator: ",", omittingEmptySubsequences: false)
        #expect(String(row[column]) == Self.dot(change))
        let markdown = try runner.text(["rankings", "--campaign", "2025"] + stored.reportArguments, output: "r.md")
        #expect(markdown.contains("| Изменение |") && markdown.contains("| +\(DecimalRounding.format(change)) |"))
        let html = try runner.text(["rankings", "--campaign", "2025", "--format", "html"] + stored.reportArguments, output: "r.html")
        #expect(html.contains("изменение — к кампании: Независимая оценка качества 2024 (2024)"))
        #expect(html.contains("<span class=\"up\">+\(DecimalRounding.format(change))</span>"))

        // The first year has nothing before it; naming a campaign compares with that one.
        let first = try runner.text(["rankings", "--campaign", "2024", "--format", "csv"] + stored.reportArguments, output: "f.csv")
        #expect(!first.contains("change"))
        let back = try runner.text(["rankings", "--campaign", "2024", "--previous-campaign", "2025", "--format", "csv"] + stored.reportArguments,
                                   output: "b.csv")
        let backRow = try #require(back.split(separator: "\n").first { $0.contains(",\(id),") }).split(separator: ",", omittingEmptySubsequences: false)
        #expect(String(backRow[column]) == Self.dot(-change))
    }
}
