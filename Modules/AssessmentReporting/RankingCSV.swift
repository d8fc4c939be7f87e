import AssessmentKernel
import Foundation

extension RankingReport {
    /// RFC 4180 CSV for machines: comma, dot decimals, one row per organisation and group.
    public func csv() -> String {
        var header = ["sector", "group", "rank", "organization_id", "organization"]
        header += criteria.map(\.id.rawValue) + ["total", "band", "respondents", "sample_required", "sample_status"]
        if previousTotals != nil { header.append("change") }
        header += extraCriteria.map { "extra:\($0.id)" }
        if regionalIndex != nil { header.append("regional_index") }
        var lines = [header.map(Self.field).joined(separator: ",")]
        for group in groups {
            for entry in group.entries {
                let score = entry.score
                var cells = [group.sector.id.rawValue, group.title ?? "", entry.rank.map(String.init) ?? "",
                             score.organization.id.rawValue, score.organization.name]
                cells += criteria.map { id in Self.number(score.criterion(id.id)?.value) }
                cells += [Self.number(score.total), score.band ?? "", "\(score.respondents)",
                          score.sample.required.map(String.init) ?? "", score.sample.status.rawValue]
                if previousTotals != nil { cells.append(Self.number(change(score))) }
                cells += extraCriteria.map { extra in Self.number(score.extra.first { $0.id == extra.id }?.value) }
                if regionalIndex != nil { cells.append(Self.number(score.regionalIndex)) }
                lines.append(cells.map(Self.field).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return NumberText.format(value, separator: UInt8(ascii: "."))
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
