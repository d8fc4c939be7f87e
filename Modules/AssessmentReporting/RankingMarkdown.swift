import AssessmentKernel

extension RankingReport {
    /// Markdown for the terminal and for documents.
    public func markdown(regionName: String) -> String {
        var out = ["# Рейтинг организаций — \(MarkdownText.escape(regionName))", ""]
        if !sectorMeans.isEmpty {
            out.append("## Сводка по сферам")
            out.append("")
            out.append(MarkdownText.table(
                header: ["Сфера", "Организаций", "Средний итог"],
                rows: sectorMeans.map { [MarkdownText.escape($0.sector.title), "\($0.count)", MarkdownText.number($0.mean)] }))
            out.append("")
        }
        for group in groups {
            let heading = group.title.map { "\(group.sector.title) — \($0)" } ?? group.sector.title
            out.append("## \(MarkdownText.escape(heading))")
            out.append("")
            out.append(MarkdownText.table(header: header, rows: group.entries.map(row)))
            out.append("")
            out.append("Среднее по группе: \(MarkdownText.number(group.meanTotal))")
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    var header: [String] {
        var columns = ["Место", "Организация"] + criteria.map(\.id.rawValue) + ["Итог", "Оценка", "Анкет", "Выборка"]
        if previousTotals != nil { columns.append("Изменение") }
        columns += extraCriteria.map(\.title)
        if let regionalIndex { columns.append(regionalIndex.title) }
        return columns.map(MarkdownText.escape)
    }

    func row(_ entry: RankedScore) -> [String] {
        let score = entry.score
        var cells = [entry.rank.map(String.init) ?? "—", MarkdownText.escape(score.organization.displayName)]
        cells += criteria.map { criterion in
            guard let value = score.criterion(criterion.id), value.applied else { return "н/п" }
            return MarkdownText.number(value.value)
        }
        cells += [MarkdownText.number(score.total), score.band ?? "—", "\(score.respondents)", score.sample.label]
        if previousTotals != nil { cells.append(HTMLText.change(score.total, previousTotals?[score.organization.id])) }
        cells += extraCriteria.map { extra in
            score.extra.first { $0.id == extra.id }.map { MarkdownText.number($0.value) } ?? "н/п"
        }
        if regionalIndex != nil { cells.append(MarkdownText.number(score.regionalIndex)) }
        return cells
    }
}
