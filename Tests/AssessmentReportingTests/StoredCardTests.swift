import AssessmentApp
import AssessmentKernel
import AssessmentReporting
import Foundation
import Testing
import TestSupport

@Suite("Card of a stored campaign")
struct StoredCardTests {
    @Test("The card of a stored campaign shows the stored suggestions and who checked each check-list item, escaped")
    func suggestionsAndAudits() throws {
        let stored = try StoredCampaigns(scoreFirst: false, previousData: false)
        let runner = try ReportRunner()
        let id = StoredCampaigns.audited
        let arguments = ["card", "--campaign", "2025", "--org", id] + stored.reportArguments
        let html = try runner.text(arguments + ["--format", "html"], output: "card.html")

        // The same suggestions the response file holds, each escaped once.
        let environment = try AppEnvironment(configDirectory: RepositoryPaths.configs)
        let suggestions = try ScoredCampaign.load(from: stored.files2025, environment: environment).suggestions[OrganizationID(id)] ?? []
        #expect(!suggestions.isEmpty)
        #expect(html.contains("<h2 id=\"suggestions\">Предложения получателей услуг</h2>"))
        for suggestion in suggestions { #expect(html.contains("<li>\(HTMLText.escape(suggestion))</li>"), "нет предложения «\(suggestion)»") }

        // Every check-list row of the institution carried the auditor: one table row per item.
        let rows = try String(contentsOf: stored.files2025.appendingPathComponent("checklists.csv"), encoding: .utf8)
            .split(separator: "\n").filter { $0.hasPrefix(id + ",") }.count
        #expect(html.contains("<h2 id=\"audits\">Проверка чек-листов</h2>"))
        #expect(html.components(separatedBy: "<td>Петрова &lt;А.&gt; В.</td><td>14.05.2025</td><td>Фото стенда, сайт &amp; акт</td>").count - 1 == rows)
        let markdown = try runner.text(arguments, output: "card.md")
        #expect(markdown.contains("| Петрова \\<А.\\> В. | 14.05.2025 | Фото стенда, сайт & акт |"))

        // An institution without recorded audits has no such section.
        let other = try runner.text(["card", "--campaign", "2025", "--org", "cul-01", "--format", "html"] + stored.reportArguments, output: "o.html")
        #expect(!other.contains("id=\"audits\""))
    }
}
