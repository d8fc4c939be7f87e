import AssessmentApp
import AssessmentConfig
import AssessmentKernel
import AssessmentReporting
import Foundation
import Testing
import TestSupport

@Suite("HTML reports")
struct HTMLReportTests {
    @Test("Rankings and card of the demo municipality match their golden files and are byte-identical on a rerun")
    func golden() throws {
        let runner = try ReportRunner()
        let rankings = try runner.run(["rankings", "--format", "html"] + ReportRunner.demoArguments, output: "rankings.html")
        #expect(try runner.run(["rankings", "--format", "html"] + ReportRunner.demoArguments, output: "again.html") == rankings)
        try Golden.check("rankings.html", rankings)
        let byType = try runner.run(["rankings", "--by", "type", "--format", "html"] + ReportRunner.demoArguments, output: "by-type.html")
        try Golden.check("rankings-by-type.html", byType)
        let card = try runner.run(["card", "--org", "cul-06", "--plan", ReportRunner.plan, "--today", "2026-06-01", "--format", "html"]
                                  + ReportRunner.demoArguments, output: "card.html")
        try Golden.check("card-cul-06.html", card)
    }

    @Test("The rankings page is Russian, self-contained, prints on A4 and shows every column the officials look for")
    func rankingsContent() throws {
        let html = try ReportRunner().text(["rankings", "--format", "html"] + ReportRunner.demoArguments, output: "r.html")
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"ru\">"))
        #expect(html.contains("@media print") && html.contains("size: A4"))
        for external in ["https://", "<script", "<link", "src=", "@import"] {
            #expect(!html.contains(external), "внешний ресурс или скрипт: \(external)")
        }
        // The only URL is the SVG namespace.
        #expect(html.components(separatedBy: "http").count - 1 == html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1)
        for column in ["Место", "K1", "K5", "Итог", "Оценка", "Анкет", "Выборка", "Оценка деятельности руководителя", "Региональный индекс качества"] {
            #expect(html.contains(">\(column)</th>"), "нет столбца \(column)")
        }
        // A bar per sector in the summary chart and one per institution in the sector charts.
        #expect(html.components(separatedBy: "<rect ").count - 1 == 3 + 30)
        // Two institutions short of the sample are flagged.
        #expect(html.components(separatedBy: "<span class=\"warn\">недостаточна").count - 1 == 2)
        // Without a previous campaign there is no change column.
        #expect(!html.contains("Изменение"))
    }

    @Test("Change since the previous campaign: signed, per institution, only when a previous campaign is given")
    func change() throws {
        let environment = try AppEnvironment(configDirectory: RepositoryPaths.configs)
        let campaign = try ScoredCampaign.load(from: RepositoryPaths.demo, environment: environment)
        var report = RankingReport(scores: campaign.scores, sectors: environment.config.sectors,
                                   methodology: try environment.engine().methodology, region: environment.config.region)
        let first = try #require(report.groups.first?.entries.first?.score)
        let second = try #require(report.groups.first?.entries.dropFirst().first?.score)
        report.previousTotals = [first.organization.id: try #require(first.total) - 1.5,
                                 second.organization.id: try #require(second.total) + 2]
        let sink = StringSink()
        try report.html(regionName: "Округ", to: sink)
        #expect(sink.text.contains(">Изменение</th>"))
        #expect(sink.text.contains("<span class=\"up\">+1,50</span>"))
        #expect(sink.text.contains("<span class=\"down\">−2,00</span>"))
        #expect(report.change(first) == 1.5)
    }

    @Test("Names and respondents' free text are HTML-escaped in the card")
    func escaping() throws {
        let directory = try RepositoryPaths.temporaryDirectory("escape")
        for name in ["checklists.csv", "responses.csv"] {
            try FileManager.default.copyItem(at: RepositoryPaths.demo.appendingPathComponent(name), to: directory.appendingPathComponent(name))
        }
        var organizations = try String(contentsOf: RepositoryPaths.demo.appendingPathComponent("organizations.csv"), encoding: .utf8)
        organizations = organizations.replacingOccurrences(of: "МБУК «ЦБС»,culture", with: "\"<script>alert('x')</script> & «ЦБС»\",culture")
        try organizations.write(to: directory.appendingPathComponent("organizations.csv"), atomically: true, encoding: .utf8)
        let html = try ReportRunner().text(["card", "--org", "cul-01", "--format", "html", "--config-dir", RepositoryPaths.configs.path,
                                            "--data", directory.path], output: "card.html")
        #expect(!html.contains("<script"))
        let rankings = try ReportRunner().text(["rankings", "--format", "html", "--config-dir", RepositoryPaths.configs.path,
                                                "--data", directory.path], output: "r.html")
        #expect(!rankings.contains("<script"))
        #expect(rankings.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; «ЦБС»"))
        #expect(HTMLText.escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;")
    }

    @Test("The card shows the К1–К5 profile against the sector, shortcomings with measures and the plan status")
    func card() throws {
        let html = try ReportRunner().text(["card", "--org", "cul-06", "--plan", ReportRunner.plan, "--today", "2026-06-01", "--format", "html"]
                                           + ReportRunner.demoArguments, output: "card.html")
        #expect(html.contains("Профиль К1–К5"))
        // Three series × five criteria.
        #expect(html.components(separatedBy: "<rect x=").count - 1 >= 15)
        #expect(html.contains(">Среднее по сфере</th>") && html.contains(">Лучшее в сфере</th>"))
        #expect(html.contains("Недостатки и рекомендуемые меры") && html.contains("Рекомендуемая мера"))
        #expect(html.contains("Состояние на 01.06.2026"))
        #expect(html.components(separatedBy: "class=\"status-done\"").count - 1 == 2)
        #expect(html.components(separatedBy: "class=\"status-overdue\"").count - 1 == 1)
        #expect(html.contains("«&lt;Материальная база&gt;» &amp; фото"))
        #expect(html.contains("<ul class=\"explain\">") && html.contains("числитель"))
    }
}
