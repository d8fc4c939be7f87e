public import AssessmentKernel
public import Foundation

/// The static public site of a campaign's results: an index with the sector summary, a page per sector,
/// a page per institution, the improvement plans; each page also in a version for the visually impaired
/// (`vi/`, same file names). Semantic HTML, keyboard navigation with a skip link, no scripts, nothing
/// loaded from outside.
public struct PublicSite: Sendable {
    public var regionName: String
    /// «Кампания «…», 2025 год».
    public var subtitle: String
    public var report: RankingReport
    public var sectors: [SectorDefinition]
    public var scores: [OrganizationScore]
    public var plan: [ImprovementMeasure]
    public var today: Day
    /// How many institution pages are rendered at once (default: one per processor).
    public var workers: Int = ProcessInfo.processInfo.activeProcessorCount

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
    ///
    /// The pages are written into a staging folder beside `directory` first. A new folder is then renamed into
    /// place in one step; into an existing folder the pages are moved one by one (files of the same names are
    /// replaced, others are kept) only once every page has been written. A failure leaves `directory` as it was.
    @discardableResult
    public func write(to directory: URL) throws -> Int {
        let fileManager = FileManager.default
        let parent = directory.deletingLastPathComponent()
        try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(directory.lastPathComponent).part-\(UUID().uuidString.prefix(8))")
        try? fileManager.removeItem(at: staging)
        do {
            try fileManager.createDirectory(at: staging.appendingPathComponent("vi"), withIntermediateDirectories: true)
            let files = try writePages(to: staging.path)
            try Self.publish(staging, files: files, to: directory)
            return files.count
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
    }

    /// Moves the staged site into `directory`: one rename for a new (or empty) folder, a rename per page otherwise.
    static func publish(_ staging: URL, files: [String], to directory: URL) throws {
        if rename(staging.path, directory.path) == 0 { return }
        guard errno == ENOTEMPTY || errno == EEXIST else { throw ReportError.cannotWrite(directory.path) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("vi"), withIntermediateDirectories: true)
        for file in files {
            let target = directory.appendingPathComponent(file).path
            guard rename(staging.appendingPathComponent(file).path, target) == 0 else { throw ReportError.cannotWrite(target) }
        }
        try? FileManager.default.removeItem(at: staging)
    }

    /// The frame of one page; the navigation is the same on every page of a theme.
    private struct Frames {
        var navigation: [(title: String, href: String)]

        func page(_ title: String, file: String, theme: HTMLPage.Theme, regionName: String) -> HTMLPage {
            let alternate = theme == .standard ? (title: "Версия для слабовидящих", href: "vi/\(file)")
                : (title: "Обычная версия", href: "../\(file)")
            return HTMLPage(title: "\(title) — \(regionName)", theme: theme, navigation: navigation, alternate: alternate)
        }
    }

    private var frames: Frames {
        var navigation: [(title: String, href: String)] = [("Главная", "index.html")]
        navigation += sectors.filter { sector in report.groups.contains { $0.sector.id == sector.id } }
            .map { ($0.title, Self.sectorPage($0.id)) }
        navigation.append(("Планы по устранению недостатков", "plans.html"))
        return Frames(navigation: navigation)
    }

    static let themes: [(theme: HTMLPage.Theme, folder: String)] = [(.standard, ""), (.accessible, "vi/")]

    /// Writes a page with the same body in both themes; returns the two relative paths.
    private func writeBoth(_ root: String, _ file: String, title: String, body: HTMLBytes, page: inout HTMLBytes,
                           frames: Frames) throws -> [String] {
        var written: [String] = []
        for (theme, folder) in Self.themes {
            page.removeAll()
            frames.page(title, file: file, theme: theme, regionName: regionName).open(into: &page)
            page.raw(body)
            HTMLPage.close(into: &page)
            try PlainFile.write(page.bytes, to: root + "/" + folder + file)
            written.append(folder + file)
        }
        return written
    }

    private func writePages(to root: String) throws -> [String] {
        let frames = self.frames
        var files: [String] = []
        var page = HTMLBytes(capacity: 1 << 17)
        func summaryPage(_ file: String, title: String, _ body: (any ReportSink) throws -> Void) throws {
            let sink = ByteSink()
            try body(sink)
            files += try writeBoth(root, file, title: title, body: sink.buffer, page: &page, frames: frames)
        }
        try summaryPage("index.html", title: "Результаты независимой оценки качества") { sink in
            try sink.write("<h1>Результаты независимой оценки качества условий оказания услуг — \(HTMLText.escape(regionName))</h1>\n")
            try sink.write("<p>\(HTMLText.escape(subtitle)). Оценка проведена по единому порядку расчёта показателей (приказ Минтруда России № 344н); баллы — от 0 до 100.</p>\n")
            try report.htmlSummary(to: sink) { Self.sectorPage($0.id) }
            try sink.write("<h2>Разделы</h2>\n<ul>\n")
            for entry in report.sectorMeans {
                try sink.write("<li><a href=\"\(Self.sectorPage(entry.sector.id))\">\(HTMLText.escape(entry.sector.title))</a>: рейтинг \(entry.count) организаций</li>\n")
            }
            try sink.write("<li><a href=\"plans.html\">Планы по устранению недостатков и ход их выполнения</a></li>\n</ul>\n")
        }
        for group in report.groups {
            try summaryPage(Self.sectorPage(group.sector.id), title: "Рейтинг: \(group.sector.title)") { sink in
                try sink.write("<h1>Рейтинг организаций: \(HTMLText.escape(group.sector.title))</h1>\n<p>\(HTMLText.escape(subtitle)).</p>\n")
                try report.htmlGroup(group, to: sink) { Self.organizationPage($0.organization.id) }
            }
        }
        let planByOrganization = Dictionary(grouping: plan, by: \.organization)
        files += try writeInstitutionPages(to: root, frames: frames, plans: planByOrganization)
        try summaryPage("plans.html", title: "Планы по устранению недостатков") { sink in
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
        return files
    }

    /// The institution pages, the bulk of the site: each body is rendered once for both themes, and the pages
    /// are shared out among `workers` threads in small batches (pages are independent of one another).
    private func writeInstitutionPages(to root: String, frames: Frames, plans: [OrganizationID: [ImprovementMeasure]]) throws -> [String] {
        let bySector = Dictionary(grouping: scores, by: \.organization.sector)
        struct SectorPart: Sendable {
            var sector: SectorDefinition
            var scores: [OrganizationScore]
            var statistics: SectorStatistics
            var backLink: String
        }
        var sectorParts: [SectorPart] = []
        var pageJobs: [(part: Int, index: Int)] = []
        for sector in sectors {
            let sectorScores = bySector[sector.id] ?? []
            guard !sectorScores.isEmpty else { continue }
            sectorParts.append(SectorPart(
                sector: sector, scores: sectorScores, statistics: SectorStatistics(sectorScores),
                backLink: "<p><a href=\"\(Self.sectorPage(sector.id))\">← Рейтинг: \(HTMLText.escape(sector.title))</a></p>\n"))
            pageJobs += sectorScores.indices.map { (sectorParts.count - 1, $0) }
        }
        let (parts, jobs) = (sectorParts, pageJobs)  // shared read-only by the workers
        let queue = BatchQueue(count: jobs.count, batch: 32)
        let workers = max(1, min(self.workers, (jobs.count + 31) / 32))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var body = HTMLBytes(capacity: 1 << 17)
            var page = HTMLBytes(capacity: 1 << 17)
            while let batch = queue.next() {
                for job in jobs[batch] {
                    let part = parts[job.part]
                    let score = part.scores[job.index]
                    let card = OrganizationCard(score: score, sector: part.sector, sectorScores: part.scores,
                                                plan: plans[score.organization.id] ?? [], today: today, statistics: part.statistics)
                    body.removeAll()
                    body.raw(part.backLink)
                    card.htmlBody(into: &body)
                    do {
                        _ = try writeBoth(root, Self.organizationPage(score.organization.id), title: score.organization.displayName,
                                          body: body, page: &page, frames: frames)
                    } catch {
                        queue.fail(error)
                        return
                    }
                }
            }
        }
        if let error = queue.error { throw error }
        return jobs.flatMap { job in
            let file = Self.organizationPage(parts[job.part].scores[job.index].organization.id)
            return Self.themes.map { $0.folder + file }
        }
    }
}

/// Hands out consecutive ranges of `0..<count` to worker threads; the first error stops them all.
final class BatchQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var next_ = 0
    private let count: Int
    private let batch: Int
    private(set) var error: (any Error)?

    init(count: Int, batch: Int) {
        self.count = count
        self.batch = batch
    }

    func next() -> Range<Int>? {
        lock.lock()
        defer { lock.unlock() }
        guard error == nil, next_ < count else { return nil }
        let range = next_..<min(next_ + batch, count)
        next_ = range.upperBound
        return range
    }

    func fail(_ error: any Error) {
        lock.lock()
        defer { lock.unlock() }
        if self.error == nil { self.error = error }
    }
}
