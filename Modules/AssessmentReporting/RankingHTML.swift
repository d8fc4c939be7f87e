public import AssessmentKernel

extension RankingReport {
    /// The rankings as one HTML page: a summary with a bar chart of sector means, then each group with a
    /// bar chart of its totals and the table; the regional index in its own ranking when the region has one.
    public func html(regionName: String, subtitle: String? = nil, to sink: any ReportSink) throws {
        let page = HTMLPage(title: "Рейтинг организаций — \(regionName)")
        try page.open(sink)
        try sink.write("<h1>Рейтинг организаций — \(HTMLText.escape(regionName))</h1>\n")
        if let subtitle { try sink.write("<p class=\"muted\">\(HTMLText.escape(subtitle))</p>\n") }
        try htmlSummary(to: sink)
        for group in groups {
            try htmlGroup(group, to: sink, link: nil)
        }
        try page.close(sink)
    }

    /// Mean total per sector: table and bar chart.
    public func htmlSummary(to sink: any ReportSink, link: ((SectorDefinition) -> String)? = nil) throws {
        guard !sectorMeans.isEmpty else { return }
        var out = "<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">Сводка по сферам</h2>\n<figure>\n"
        out += SVGChart.bars(title: "Средний итог по сферам", items: sectorMeans.map { ($0.sector.title, $0.mean) })
        out += "<figcaption>Средний итоговый балл организаций каждой сферы (0–100).</figcaption>\n</figure>\n"
        out += "<table>\n<caption>Средний итог по сферам</caption>\n"
        out += HTMLText.headerRow(["Сфера", "Организаций", "Средний итог"], numeric: [1, 2]) + "<tbody>\n"
        for entry in sectorMeans {
            let title = HTMLText.escape(entry.sector.title)
            let name = link.map { "<a href=\"\(HTMLText.escape($0(entry.sector)))\">\(title)</a>" } ?? title
            out += HTMLText.row([name, "\(entry.count)", HTMLText.number(entry.mean)], numeric: [1, 2], headers: 1)
        }
        try sink.write(out + "</tbody>\n</table>\n</section>\n")
    }

    /// One group: heading, chart of totals, the ranking table, and the regional index ranking.
    public func htmlGroup(_ group: Group, to sink: any ReportSink, link: ((OrganizationScore) -> String)?) throws {
        let heading = group.title.map { "\(group.sector.title) — \($0)" } ?? group.sector.title
        let anchor = "group-" + HTMLText.slug(group.sector.id.rawValue + "-" + (group.title ?? ""))
        try sink.write("<section aria-labelledby=\"\(anchor)\">\n<h2 id=\"\(anchor)\">\(HTMLText.escape(heading))</h2>\n<figure>\n")
        try sink.write(SVGChart.bars(title: "Итог: \(heading)", items: group.entries.map { ($0.score.organization.displayName, $0.score.total) }))
        try sink.write("<figcaption>Итоговый балл каждой организации (0–100), по местам.</figcaption>\n</figure>\n")
        try htmlTable(caption: "Рейтинг: \(heading)", entries: group.entries.map { ($0.rank, $0.score) }, to: sink, link: link)
        try sink.write("<p>Среднее по группе: <strong>\(HTMLText.number(group.meanTotal))</strong></p>\n")
        if let regional = regionalIndexRanking(group), let regionalIndex {
            try sink.write("<h3>\(HTMLText.escape(regionalIndex.title)): \(HTMLText.escape(heading))</h3>\n")
            var out = "<table>\n<caption>\(HTMLText.escape(regionalIndex.title))</caption>\n"
            out += HTMLText.headerRow(["Место", "Организация", regionalIndex.title, "Итог по 344н"], numeric: [0, 2, 3]) + "<tbody>\n"
            try sink.write(out)
            for entry in regional {
                try sink.write(HTMLText.row([entry.rank.map(String.init) ?? "—", name(entry.score, link),
                                             HTMLText.number(entry.score.regionalIndex), HTMLText.number(entry.score.total)],
                                            numeric: [0, 2, 3]))
            }
            try sink.write("</tbody>\n</table>\n")
        }
        try sink.write("</section>\n")
    }

    /// The ranking table, written row by row.
    public func htmlTable(caption: String, entries: [(rank: Int?, score: OrganizationScore)], to sink: any ReportSink,
                          link: ((OrganizationScore) -> String)?) throws {
        var columns = ["Место", "Организация"] + criteria.map(\.id.rawValue) + ["Итог", "Оценка", "Анкет", "Выборка"]
        if previousTotals != nil { columns.append("Изменение") }
        columns += extraCriteria.map(\.title)
        if let regionalIndex { columns.append(regionalIndex.title) }
        let numeric = Set([0] + Array(2..<(2 + criteria.count + 1)) + [2 + criteria.count + 2]
            + Array((2 + criteria.count + 4)..<columns.count))
        try sink.write("<table>\n<caption>\(HTMLText.escape(caption))</caption>\n" + HTMLText.headerRow(columns, numeric: numeric) + "<tbody>\n")
        for entry in entries {
            let score = entry.score
            var cells = [entry.rank.map(String.init) ?? "—", name(score, link)]
            cells += criteria.map { criterion in
                guard let value = score.criterion(criterion.id), value.applied else { return "<abbr title=\"не применяется\">н/п</abbr>" }
                return HTMLText.number(value.value)
            }
            cells += ["<strong>\(HTMLText.number(score.total))</strong>", HTMLText.escape(score.band ?? "—"), "\(score.respondents)",
                      score.sample.status == .sufficient ? HTMLText.escape(score.sample.label)
                          : "<span class=\"warn\">\(HTMLText.escape(score.sample.label))</span>"]
            if previousTotals != nil {
                let text = HTMLText.change(score.total, previousTotals?[score.organization.id])
                let delta = change(score) ?? 0
                cells.append(delta > 0 ? "<span class=\"up\">\(text)</span>" : delta < 0 ? "<span class=\"down\">\(text)</span>" : text)
            }
            cells += extraCriteria.map { extra in
                score.extra.first { $0.id == extra.id }.map { HTMLText.number($0.value) } ?? "н/п"
            }
            if regionalIndex != nil { cells.append(HTMLText.number(score.regionalIndex)) }
            try sink.write(HTMLText.row(cells, numeric: numeric))
        }
        try sink.write("</tbody>\n</table>\n")
    }

    private func name(_ score: OrganizationScore, _ link: ((OrganizationScore) -> String)?) -> String {
        let text = HTMLText.escape(score.organization.displayName)
        guard let link else { return text }
        return "<a href=\"\(HTMLText.escape(link(score)))\">\(text)</a>"
    }
}
