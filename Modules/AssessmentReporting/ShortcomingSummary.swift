public import AssessmentKernel

/// The most frequent shortcomings of each sector: how many institutions have each, and how many of them
/// had it in the previous campaign too.
public struct ShortcomingSummary: Sendable {
    public struct Line: Sendable {
        public var key: String
        public var criterion: String
        public var text: String
        public var measure: String
        public var institutions: [OrganizationID]
        /// Institutions that had the same shortcoming in the previous campaign.
        public var persisted: [OrganizationID]
    }

    public struct Section: Sendable {
        public var sector: SectorDefinition
        public var assessed: Int
        public var lines: [Line]
    }

    public var sections: [Section]
    /// Whether a previous campaign was compared (otherwise the persisted column is not shown).
    public var hasPrevious: Bool

    public init(scores: [OrganizationScore], sectors: [SectorDefinition], previous: [OrganizationScore]?) {
        let before = Set((previous ?? []).flatMap { score in score.shortcomings.map { "\(score.organization.id)\u{1F}\($0.key)" } })
        hasPrevious = previous != nil
        sections = sectors.compactMap { sector in
            let inSector = scores.filter { $0.organization.sector == sector.id }
            guard !inSector.isEmpty else { return nil }
            var lines: [String: Line] = [:]
            for score in inSector {
                for shortcoming in score.shortcomings {
                    let id = score.organization.id
                    var line = lines[shortcoming.key] ?? Line(key: shortcoming.key, criterion: shortcoming.criterion?.rawValue ?? "",
                                                              text: shortcoming.text, measure: shortcoming.measure, institutions: [], persisted: [])
                    guard !line.institutions.contains(id) else { continue }
                    line.institutions.append(id)
                    if before.contains("\(id)\u{1F}\(shortcoming.key)") { line.persisted.append(id) }
                    lines[shortcoming.key] = line
                }
            }
            let ordered = lines.values.sorted { ($1.institutions.count, $0.key) < ($0.institutions.count, $1.key) }
            return Section(sector: sector, assessed: inSector.count, lines: ordered)
        }
    }

    public func markdown(regionName: String) -> String {
        var out = ["# Недостатки по сферам — \(MarkdownText.escape(regionName))", ""]
        for section in sections {
            out.append("## \(MarkdownText.escape(section.sector.title)) (организаций: \(section.assessed))")
            out.append("")
            if section.lines.isEmpty { out += ["Недостатков не выявлено.", ""]; continue }
            var header = ["Критерий", "Недостаток", "Организаций", "Доля, %"]
            if hasPrevious { header.append("Сохранился с прошлой кампании") }
            header.append("Рекомендуемая мера")
            out.append(MarkdownText.table(header: header, rows: section.lines.map { line in
                var cells = [line.criterion, MarkdownText.escape(line.text), "\(line.institutions.count)",
                             MarkdownText.number(100 * Double(line.institutions.count) / Double(section.assessed))]
                if hasPrevious { cells.append("\(line.persisted.count)") }
                cells.append(MarkdownText.escape(line.measure))
                return cells
            }))
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    public func html(regionName: String, subtitle: String?, to sink: any ReportSink) throws {
        let page = HTMLPage(title: "Недостатки по сферам — \(regionName)")
        try page.open(sink)
        try sink.write("<h1>Недостатки по сферам — \(HTMLText.escape(regionName))</h1>\n")
        if let subtitle { try sink.write("<p class=\"muted\">\(HTMLText.escape(subtitle))</p>\n") }
        for section in sections {
            let anchor = "sector-" + HTMLText.slug(section.sector.id.rawValue)
            try sink.write("<section aria-labelledby=\"\(anchor)\">\n<h2 id=\"\(anchor)\">\(HTMLText.escape(section.sector.title)) (организаций: \(section.assessed))</h2>\n")
            if section.lines.isEmpty {
                try sink.write("<p>Недостатков не выявлено.</p>\n</section>\n")
                continue
            }
            try sink.write("<figure>\n" + SVGChart.bars(
                title: "Частые недостатки: \(section.sector.title), % организаций",
                items: section.lines.prefix(10).map { ($0.text, 100 * Double($0.institutions.count) / Double(section.assessed)) })
                + "<figcaption>Десять самых частых недостатков: доля организаций сферы, у которых они выявлены.</figcaption>\n</figure>\n")
            var header = ["Критерий", "Недостаток", "Организаций", "Доля, %"]
            if hasPrevious { header.append("Сохранился с прошлой кампании") }
            header.append("Рекомендуемая мера")
            let numeric: Set<Int> = hasPrevious ? [2, 3, 4] : [2, 3]
            try sink.write("<table>\n<caption>Недостатки: \(HTMLText.escape(section.sector.title))</caption>\n" + HTMLText.headerRow(header, numeric: numeric) + "<tbody>\n")
            for line in section.lines {
                var cells = [HTMLText.escape(line.criterion), HTMLText.escape(line.text), "\(line.institutions.count)",
                             HTMLText.number(100 * Double(line.institutions.count) / Double(section.assessed))]
                if hasPrevious { cells.append(line.persisted.isEmpty ? "0" : "<span class=\"warn\">\(line.persisted.count)</span>") }
                cells.append(HTMLText.escape(line.measure))
                try sink.write(HTMLText.row(cells, numeric: numeric))
            }
            try sink.write("</tbody>\n</table>\n</section>\n")
        }
        try page.close(sink)
    }

    public func csv() -> String {
        var lines = ["sector,criterion,key,shortcoming,institutions,assessed,persisted,measure,organization_ids"]
        for section in sections {
            for line in section.lines {
                lines.append([section.sector.id.rawValue, line.criterion, line.key, line.text, "\(line.institutions.count)", "\(section.assessed)",
                              hasPrevious ? "\(line.persisted.count)" : "", line.measure,
                              line.institutions.map(\.rawValue).joined(separator: " ")].map(RankingReport.field).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
