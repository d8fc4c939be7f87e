import AssessmentKernel

extension DynamicsReport {
    /// Table header: the campaign, then a column per line, the change of the first line, the count.
    var header: [String] {
        ["Кампания"] + lines.map(\.name) + ["Изменение", isInstitution ? "Оценена" : "Организаций"]
    }

    private var isInstitution: Bool {
        if case .organization = scope { return true }
        return false
    }

    private func countCell(_ index: Int) -> String {
        isInstitution ? (counts[index] > 0 ? "да" : "нет") : "\(counts[index])"
    }

    private func changeText(_ index: Int) -> String {
        guard let change = changes[index] else { return "—" }
        if change > 0 { return "+" + DecimalRounding.format(change) }
        if change < 0 { return "−" + DecimalRounding.format(-change) }
        return DecimalRounding.format(0)
    }

    public func markdown(regionName: String) -> String {
        var out = ["# Динамика результатов — \(MarkdownText.escape(regionName))", "", "## \(MarkdownText.escape(title))", ""]
        out.append(MarkdownText.table(header: header.map(MarkdownText.escape), rows: campaigns.indices.map { index in
            [MarkdownText.escape(campaigns[index])] + lines.map { MarkdownText.number($0.values[index]) } + [changeText(index), countCell(index)]
        }))
        out.append("")
        return out.joined(separator: "\n")
    }

    /// Long form for machines: one row per line and campaign.
    public func csv() -> String {
        var rows = ["subject,campaign,series,value,count"]
        for (index, campaign) in campaigns.enumerated() {
            for line in lines {
                rows.append([title, campaign, line.name, RankingReport.number(line.values[index]), "\(counts[index])"]
                    .map(RankingReport.field).joined(separator: ","))
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }

    public func html(regionName: String, subtitle: String, to sink: any ReportSink) throws {
        let page = HTMLPage(title: "Динамика: \(title) — \(regionName)")
        try page.open(sink)
        try sink.write("<h1>Динамика результатов — \(HTMLText.escape(regionName))</h1>\n<p class=\"note\">\(HTMLText.escape(subtitle))</p>\n")
        try sink.write("<section aria-labelledby=\"dynamics\">\n<h2 id=\"dynamics\">\(HTMLText.escape(title))</h2>\n<figure>\n")
        let colors = ["bar", "mean", "best", "other", "k4", "k5", "k6"]
        let series = lines.enumerated().map { index, line in
            SVGChart.Series(name: line.name, values: line.values, color: colors[index % colors.count])
        }
        try sink.write(SVGChart.lines(title: "Динамика: \(title)", labels: campaigns, series: series))
        try sink.write("<figcaption>Значения по кампаниям, баллы от 0 до 100; числа — в таблице ниже.</figcaption>\n</figure>\n")
        let numeric = Set(1...(lines.count + 2))
        try sink.write("<table>\n<caption>\(HTMLText.escape(title)) по кампаниям</caption>\n" + HTMLText.headerRow(header, numeric: numeric) + "<tbody>\n")
        for index in campaigns.indices {
            try sink.write(HTMLText.row([HTMLText.escape(campaigns[index])] + lines.map { HTMLText.number($0.values[index]) }
                                        + [changeText(index), countCell(index)], numeric: numeric, headers: 1))
        }
        try sink.write("</tbody>\n</table>\n</section>\n")
        try page.close(sink)
    }
}
