public import AssessmentKernel
import Foundation

/// One institution's results against its sector: criteria, indicators, every number explained,
/// shortcomings with measures, respondents' suggestions.
public struct OrganizationCard: Sendable {
    public var score: OrganizationScore
    public var sector: SectorDefinition
    public var sectorScores: [OrganizationScore]
    public var suggestions: [String]
    /// The institution's improvement plan rows and the day their status is told on.
    public var plan: [ImprovementMeasure]
    public var today: Day?
    /// Who checked each check-list item, when, and on what evidence (stored campaigns; empty from files).
    public var audits: [ChecklistID: [ChecklistItemID: ItemAudit]]
    /// Check-lists of the extra criteria, for the titles of their audited items.
    public var extraChecklists: [Checklist]
    /// The sector's means and bests; pass one shared value when writing many cards of a sector.
    public var statistics: SectorStatistics

    public init(score: OrganizationScore, sector: SectorDefinition, sectorScores: [OrganizationScore], suggestions: [String] = [],
                plan: [ImprovementMeasure] = [], today: Day? = nil, audits: [ChecklistID: [ChecklistItemID: ItemAudit]] = [:],
                extraChecklists: [Checklist] = [], statistics: SectorStatistics? = nil) {
        self.statistics = statistics ?? SectorStatistics(sectorScores)
        self.audits = audits
        self.extraChecklists = extraChecklists
        self.score = score
        self.sector = sector
        self.sectorScores = sectorScores
        self.suggestions = suggestions
        self.plan = plan
        self.today = today
    }


    static let auditHeader = ["Чек-лист", "Пункт", "Кто проверил", "Дата", "Подтверждение"]

    /// One row per audited item, in the sector's check-list order, then the extra criteria's.
    var auditRows: [[String]] {
        (sector.checklists + extraChecklists).flatMap { checklist -> [[String]] in
            guard let items = audits[checklist.id] else { return [] }
            return checklist.items.compactMap { item in
                guard let audit = items[item.id], !audit.isEmpty else { return nil }
                return [checklist.title, "\(item.id.rawValue). \(item.text)", audit.auditor ?? "—", audit.checkedOn?.russian ?? "—", audit.evidence ?? "—"]
            }
        }
    }


    public func markdown() -> String {
        let organization = score.organization
        let type = organization.type.flatMap(sector.type)
        let kind = type?.kinds.first { $0.id == organization.kind }
        var out = ["# \(MarkdownText.escape(organization.name))", ""]
        out.append("- Код: \(MarkdownText.escape(organization.id.rawValue))")
        out.append("- Сфера: \(MarkdownText.escape(sector.title))")
        if let type { out.append("- Тип: \(MarkdownText.escape(type.title))" + (kind.map { ", вид: \(MarkdownText.escape($0.title))" } ?? "")) }
        if let founder = organization.founder { out.append("- Учредитель: \(MarkdownText.escape(founder))") }
        out.append("- Редакция методики: \(score.methodology)")
        out.append("- Итог: **\(MarkdownText.number(score.total))**" + (score.band.map { " (\($0))" } ?? ""))
        out.append("- Анкет: \(score.respondents); выборка: \(score.sample.label)")
        out.append("")

        out.append("## Критерии")
        out.append("")
        var rows = score.criteria.map { criterion -> [String] in
            guard criterion.applied else { return [criterion.id.rawValue, MarkdownText.escape(criterion.title), "не применяется", "", ""] }
            return [criterion.id.rawValue, MarkdownText.escape(criterion.title), MarkdownText.number(criterion.value),
                    MarkdownText.number(statistics.criterion(criterion.id).mean),
                    MarkdownText.number(statistics.criterion(criterion.id).best)]
        }
        rows.append(["", "Итог", MarkdownText.number(score.total), MarkdownText.number(statistics.total.mean), MarkdownText.number(statistics.total.best)])
        out.append(MarkdownText.table(header: ["", "Критерий", "Значение", "Среднее по сфере", "Лучшее в сфере"], rows: rows))
        out.append("")

        out.append("## Показатели")
        out.append("")
        out.append(MarkdownText.table(
            header: ["", "Показатель", "Значение", "Среднее по сфере", "Лучшее в сфере"],
            rows: score.indicators.map { indicator in
                [indicator.id.rawValue, MarkdownText.escape(indicator.title), MarkdownText.number(indicator.value),
                 MarkdownText.number(statistics.indicator(indicator.id).mean),
                 MarkdownText.number(statistics.indicator(indicator.id).best)]
            }))
        out.append("")

        if !score.extra.isEmpty {
            out.append("## Дополнительные критерии (не входят в итог по 344н)")
            out.append("")
            for extra in score.extra {
                out.append("- \(MarkdownText.escape(extra.title)): \(MarkdownText.number(extra.value))")
            }
            if let index = score.regionalIndex { out.append("- Региональный индекс: \(MarkdownText.number(index))") }
            out.append("")
        }

        out.append("## Как получено каждое число")
        out.append("")
        out.append(ExplanationText.lines(score.totalExplanation).joined(separator: "\n"))
        for extra in score.extra { out.append(ExplanationText.lines(extra.explanation).joined(separator: "\n")) }
        out.append("")

        out.append("## Недостатки и рекомендуемые меры")
        out.append("")
        if score.shortcomings.isEmpty {
            out.append("Недостатков не выявлено.")
        } else {
            out.append(MarkdownText.table(
                header: ["Критерий", "Недостаток", "Рекомендуемая мера"],
                rows: score.shortcomings.map {
                    [$0.criterion?.rawValue ?? "", MarkdownText.escape($0.text), MarkdownText.escape($0.measure)]
                }))
        }
        out.append("")

        if !auditRows.isEmpty {
            out.append("## Проверка чек-листов: кто, когда, подтверждение")
            out.append("")
            out.append(MarkdownText.table(header: Self.auditHeader, rows: auditRows.map { $0.map(MarkdownText.escape) }))
            out.append("")
        }
        if !suggestions.isEmpty {
            out.append("## Предложения получателей услуг")
            out.append("")
            out += suggestions.map { "- \(MarkdownText.escape($0))" }
            out.append("")
        }
        if !score.flags.isEmpty {
            out.append("## Отметки")
            out.append("")
            out += score.flags.map { "- \(MarkdownText.escape($0.message))" }
            out.append("")
        }
        return out.joined(separator: "\n")
    }
}

/// An explanation tree as an indented Markdown list.
public enum ExplanationText {
    public static func lines(_ explanation: Explanation, depth: Int = 0) -> [String] {
        let indent = String(repeating: "  ", count: depth)
        var line = "\(indent)- \(MarkdownText.escape(explanation.subject)) = **\(MarkdownText.number(explanation.value))** — \(MarkdownText.escape(explanation.rule))"
        if !explanation.facts.isEmpty {
            line += " [" + explanation.facts.map { "\($0.name.rawValue) \(factValue($0.value))" }.joined(separator: ", ") + "]"
        }
        var lines = [line]
        lines += explanation.notes.map { "\(indent)  - _\(MarkdownText.escape($0))_" }
        for child in explanation.children { lines += Self.lines(child, depth: depth + 1) }
        return lines
    }

    static func factValue(_ value: Double) -> String {
        var out = HTMLBytes(capacity: 24)
        ExplanationHTML.factValue(value, into: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }
}
