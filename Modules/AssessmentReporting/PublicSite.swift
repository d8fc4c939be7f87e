public import AssessmentKernel
public import Foundation

/// The static public site of a campaign's results: an index with the sector summary, a page per sector,
/// a page per institution, the improvement plans; each page also in a version for the visually impaired
/// (`vi/`, same file names). Semantic HTML, keyboard navigation with a skip link, no scripts, nothing
/// loaded from outside.
public struct PublicSite {
    public var regionName: String
    /// «Кампания «…», 2025 год».
    public var subtitle: String
    public var report: RankingReport
    public var sectors: [SectorDefinition]
    public var scores: [OrganizationScore]
    public var plan: [ImprovementMeasure]
    public var today: Day

    public init(regionName: String, subtitle: String, report: RankingReport, sectors: [SectorDefinition],
                scores: [OrganizationScore], plan: [ImprovementMeasure], today: Day) {
        self.regionName = regionName
        self.subtitle = subtitle
        self.report = report
        self.sectors = sectors
        self.scores = scores
        self.plan = plan
        self.today = today
    }

    static func sectorPage(_ id: SectorID) -> String { "sector-\(HTMLText.slug(id.rawValue)).html" }
    static func organizationPage(_ id: OrganizationID) -> String { "org-\(HTMLText.slug(id.rawValue)).html" }

    /// Writes every page; returns the number of files written.
    @discardableResult
    public func write(to directory: URL) throws -> Int {
        var written = 0
        for theme in [HTMLPage.Theme.standard, .accessible] {
            let folder = theme == .standard ? directory : directory.appendingPathComponent("vi")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            written += try writePages(to: folder, theme: theme)
        }
        return written
    }

    private func page(_ title: String, file: String, theme: HTMLPage.Theme) -> HTMLPage {
        var navigation: [(title: String, href: String)] = [("Главная", "index.html")]
        navigation += sectors.filter { sector in report.groups.contains { $0.sector.id == sector.id } }
            .map { ($0.title, Self.sectorPage($0.id)) }
        navigation.append(("Планы по устранению недостатков", "plans.html"))
        let alternate = theme == .standard ? (title: "Версия для слабовидящих", href: "vi/\(file)")
            : (title: "Обычная версия", href: "../\(file)")
        return HTMLPage(title: "\(title) — \(regionName)", theme: theme, navigation: navigation, alternate: alternate)
    }

    private func writePage(_ folder: URL, _ file: String, title: String, theme: HTMLPage.Theme,
                           body: (any ReportSink) throws -> Void) throws {
        let sink = try FileSink(url: folder.appendingPathComponent(file))
        let frame = page(title, file: file, theme: theme)
        try frame.open(sink)
        try body(sink)
        try frame.close(sink)
        try sink.finish()
    }

    private func writePages(to folder: URL, theme: HTMLPage.Theme) throws -> Int {
        var count = 0
        try writePage(folder, "index.html", title: "Результаты независимой оценки качества", theme: theme) { sink in
            try sink.write("<h1>Результаты независимой оценки качества условий оказания услуг — \(HTMLText.escape(regionName))</h1>\n")
            try sink.write("<p>\(HTMLText.escape(subtitle)). Оценка проведена по единому порядку расчёта показателей (приказ Минтруда России № 344н); баллы — от 0 до 100.</p>\n")
            try report.htmlSummary(to: sink) { Self.sectorPage($0.id) }
            try sink.write("<h2>Разделы</h2>\n<ul>\n")
            for entry in report.sectorMeans {
                try sink.write("<li><a href=\"\(Self.sectorPage(entry.sector.id))\">\(HTMLText.escape(entry.sector.title))</a>: рейтинг \(entry.count) организаций</li>\n")
            }
            try sink.write("<li><a href=\"plans.html\">Планы по устранению недостатков и ход их выполнения</a></li>\n</ul>\n")
        }
        count += 1
        for group in report.groups {
            try writePage(folder, Self.sectorPage(group.sector.id), title: "Рейтинг: \(group.sector.title)", theme: theme) { sink in
                try sink.write("<h1>Рейтинг организаций: \(HTMLText.escape(group.sector.title))</h1>\n<p>\(HTMLText.escape(subtitle)).</p>\n")
                try report.htmlGroup(group, to: sink) { Self.organizationPage($0.organization.id) }
            }
            count += 1
        }
        let bySector = Dictionary(grouping: scores, by: \.organization.sector)
        let planByOrganization = Dictionary(grouping: plan, by: \.organization)
        for sector in sectors {
            let sectorScores = bySector[sector.id] ?? []
            let statistics = SectorStatistics(sectorScores)
            for score in sectorScores {
                let card = OrganizationCard(score: score, sector: sector, sectorScores: sectorScores,
                                            plan: planByOrganization[score.organization.id] ?? [], today: today, statistics: statistics)
                try writePage(folder, Self.organizationPage(score.organization.id), title: score.organization.displayName, theme: theme) { sink in
                    try sink.write("<p><a href=\"\(Self.sectorPage(sector.id))\">← Рейтинг: \(HTMLText.escape(sector.title))</a></p>\n")
                    try card.htmlBody(to: sink)
                }
                count += 1
            }
        }
        try writePage(folder, "plans.html", title: "Планы по устранению недостатков", theme: theme) { sink in
            try sink.write("<h1>Планы по устранению недостатков</h1>\n<p>Состояние на \(today.russian).</p>\n")
            let names = Dictionary(scores.map { ($0.organization.id, $0.organization) }) { first, _ in first }
            if plan.isEmpty { try sink.write("<p>Планы ещё не утверждены.</p>\n") }
            for (organization, measures) in planByOrganization.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let name = names[organization]?.displayName ?? organization.rawValue
                let done = measures.filter { $0.status(today: today) == .done }.count
                try sink.write("<section aria-labelledby=\"plan-\(HTMLText.slug(organization.rawValue))\">\n")
                try sink.write("<h2 id=\"plan-\(HTMLText.slug(organization.rawValue))\"><a href=\"\(Self.organizationPage(organization))\">\(HTMLText.escape(name))</a></h2>\n")
                try sink.write("<p>Выполнено мероприятий: \(done) из \(measures.count).</p>\n")
                try sink.write(PlanHTML.table(measures, today: today, organizationNames: nil))
                try sink.write("</section>\n")
            }
        }
        return count + 1
    }
}
