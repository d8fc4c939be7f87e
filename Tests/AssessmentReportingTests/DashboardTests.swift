import AssessmentApp
import AssessmentConfig
import AssessmentKernel
import Foundation
import Testing
import TestSupport

@Suite("Campaign dashboard")
struct DashboardTests {
    @Test("Stages against deadlines, the council, targets, samples, overdue measures and public control of a stored campaign")
    func dashboard() throws {
        let stored = try StoredCampaigns(scoreFirst: false, previousData: false)
        try stored.admin(["campaign", "done", "--campaign", "2025", "--stage", "1", "--on", "2025-03-28",
                          "--evidence", "Постановление № 112 от 28.03.2025"], config: false)
        try stored.admin(["council", "add-meeting", "--campaign", "2025", "--on", "2025-03-30", "--agenda", "Перечень организаций"], config: false)
        try stored.admin(["council", "visit", "--campaign", "2025", "--org", "cul-06", "--on", "2025-05-20", "--members", "Петров И. И.",
                          "--findings", "Стенд <b>не обновлён</b>", "--document", "Акт № 1"], config: false)
        let plan = stored.directory.appendingPathComponent("plan.csv")
        try """
        organization_id;criterion;shortcoming_key;shortcoming;measure;planned_date;responsible_name;responsible_position;implemented;actual_date;evidence
        cul-06;K1;item:stand/CUL-13;Нет сведений на стенде;Разместить сведения;15.05.2025;Иванова А. П.;директор;;;
        cul-06;K1;item:stand/CUL-17;Нет результатов оценки;Разместить результаты;15.05.2025;Иванова А. П.;директор;Размещены;10.05.2025;Фото

        """.write(to: plan, atomically: true, encoding: .utf8)
        try stored.admin(["plan", "import", "--campaign", "2025", plan.path], config: false)
        // Last year's plan, done late: the council's check of it is recorded under 2025.
        let lastYear = stored.directory.appendingPathComponent("plan-2024.csv")
        try """
        organization_id;criterion;shortcoming_key;shortcoming;measure;planned_date;responsible_name;responsible_position;implemented;actual_date;evidence
        cul-06;K1;item:stand/CUL-13;Нет сведений на стенде;Разместить сведения;01.03.2025;Иванова А. П.;директор;Размещены;10.03.2025;Фото

        """.write(to: lastYear, atomically: true, encoding: .utf8)
        try stored.admin(["plan", "import", "--campaign", "2024", lastYear.path], config: false)
        try stored.admin(["council", "check-plans", "--campaign", "2025", "--previous", "2024", "--today", "2025-06-01", "--record"], config: false)

        let runner = try ReportRunner()
        let arguments = ["dashboard", "--campaign", "2025", "--today", "2025-06-01"] + stored.reportArguments
        let html = try runner.run(arguments + ["--format", "html"], output: "d.html")
        #expect(try runner.run(arguments + ["--format", "html"], output: "again.html") == html)
        let page = String(decoding: html, as: UTF8.self)
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"ru\">") && page.contains("size: A4"))

        // Stage statuses as the kernel tells them for the template's stages on that day.
        let template = try #require(try PlanTemplateLoader(directory: RepositoryPaths.configs.appendingPathComponent("plans")).load()
            .first { $0.id == "kaspiysk" })
        let today = try #require(Day(iso: "2025-06-01"))
        let statuses = template.stages.map { stage in
            var campaignStage = CampaignStage.from(stage, of: template, year: 2025)
            if stage.number == "1" { campaignStage.completedOn = Day(iso: "2025-03-28") }
            return campaignStage.progress(year: 2025, today: today).status
        }
        let overdue = statuses.filter { $0 == .overdue }.count
        #expect(overdue > 0)
        #expect(page.components(separatedBy: "<tr class=\"status-overdue\">").count - 1 == overdue)
        #expect(page.components(separatedBy: "<tr class=\"status-done\">").count - 1 == 1)
        #expect(page.contains("28.03.2025: Постановление № 112 от 28.03.2025"))

        let markdown = try runner.text(arguments, output: "d.md")
        #expect(markdown.contains("- Этапов плана: \(template.stages.count): выполнено 1, просрочено \(overdue)"))
        #expect(markdown.contains("- Заседаний общественного совета: 1"))
        // Two demo institutions are short of the minimum sample.
        #expect(markdown.contains("анкет недостаточно у 2"))
        #expect(page.components(separatedBy: "<tr class=\"warn\"><th scope=\"row\">").count - 1 >= 2)
        // Targets computed from the data: every institution assessed, one meeting.
        #expect(markdown.contains("| Доля организаций, прошедших оценку | — | 100,00 % | — |"))
        #expect(markdown.contains("| Заседаний общественного совета | — | 1 | — |"))
        // One measure past its date and not done; the done one is not listed.
        #expect(markdown.contains("| Разместить сведения | 15.05.2025 | Иванова А. П., директор |"))
        #expect(!markdown.contains("| Разместить результаты |"))
        #expect(markdown.contains("- Мероприятий планов: 2: выполнено 1, просрочено 1"))
        // The visit, escaped; the recorded check of last year's plans.
        #expect(page.contains("Стенд &lt;b&gt;не обновлён&lt;/b&gt;") && !page.contains("<b>не"))
        #expect(page.contains("Проверка выполнения планов кампании 2024 на 01.06.2025"))
        #expect(markdown.contains("| 1 | 0 | 1 | 0 | 0 | выполнен |"))

        // In a programme, the targets are the programme template's, with this year's plan where it sets one.
        try stored.admin(["programme", "create", "--id", "p", "--title", "Программа <НОК>", "--plan", "dalnegorsk", "--from", "2024", "--to", "2026"])
        try stored.admin(["programme", "attach", "--programme", "p", "--campaign", "2025"], config: false)
        let inProgramme = try runner.text(arguments, output: "p.md")
        #expect(inProgramme.contains("## Целевые показатели (программа «Программа \\<НОК\\>»)"))
        #expect(inProgramme.contains("| Проведение заседаний Общественного совета по вопросам проведения независимой оценки. | — | 1 | — |"))
        #expect(inProgramme.contains("| Удельный вес учреждений, на официальных сайтах которых размещены анкеты для опроса мнения граждан о качестве оказанных услуг | — |"))
    }
}
