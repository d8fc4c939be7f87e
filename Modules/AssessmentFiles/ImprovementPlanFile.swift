public import AssessmentKernel
public import Foundation

/// `plan.csv`: improvement plans in the columns of Постановление № 457, one measure per row.
/// Written with «;» and a BOM so that Excel opens it as is; read in any of the supported encodings.
public struct ImprovementPlanFile {
    static let required = ["organization_id", "shortcoming_key", "shortcoming", "measure"]
    static let columns = ["organization_id", "criterion", "shortcoming_key", "shortcoming", "measure", "planned_date",
                          "responsible_name", "responsible_position", "implemented", "actual_date", "evidence"]

    public static func read(_ url: URL, organizations: [OrganizationID]) throws(DataFileError) -> (measures: [ImprovementMeasure], format: DetectedFormat) {
        var (reader, problems, column, _) = try FixedColumnsFile.open(url, columns: columns, required: required)
        let known = Set(organizations)
        var measures: [ImprovementMeasure] = []
        var lineOfKey: [String: Int] = [:]
        while let record = reader.next() {
            guard column.checkShape(record, problems: &problems) else { continue }
            func value(_ name: String) -> String? {
                let text = record[column[name]]
                return text.isEmpty ? nil : text
            }
            func date(_ name: String) -> Day? {
                guard let text = value(name) else { return nil }
                if let day = parseDay(text) { return day }
                problems.add(line: record.line, field: name, value: text, "ожидалась дата вида 31.12.2025 или 2025-12-31")
                return nil
            }
            for name in required where value(name) == nil {
                problems.add(line: record.line, field: name, "значение не заполнено")
            }
            let organization = value("organization_id").map { OrganizationID($0) }
            if let organization, !known.contains(organization) {
                problems.add(line: record.line, field: "organization_id", value: organization.rawValue, "организации с таким кодом нет в реестре")
            }
            let planned = date("planned_date"), actual = date("actual_date")
            if let key = value("shortcoming_key"), let organization {
                let unique = "\(organization)\u{1F}\(key)"
                if let earlier = lineOfKey[unique] {
                    problems.add(line: record.line, field: "shortcoming_key", value: key, "этот недостаток организации уже есть в строке \(earlier)")
                }
                lineOfKey[unique] = lineOfKey[unique] ?? record.line
            }
            guard let organization, let key = value("shortcoming_key"), let shortcoming = value("shortcoming"),
                  let measure = value("measure") else { continue }
            measures.append(ImprovementMeasure(
                organization: organization, criterion: value("criterion") ?? "", shortcomingKey: key, shortcoming: shortcoming,
                measure: measure, plannedOn: planned, responsibleName: value("responsible_name"),
                responsiblePosition: value("responsible_position"), implemented: value("implemented"), actualOn: actual,
                evidence: value("evidence")))
        }
        if let readError = reader.readError { problems.add(line: 0, readError) }
        try problems.check()
        return (measures, reader.format)
    }

    /// The plan as a file an official fills in: «;», BOM, dates as ДД.ММ.ГГГГ.
    public static func write(_ measures: [ImprovementMeasure]) -> String {
        func field(_ text: String?) -> String {
            let text = text ?? ""
            guard text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var lines = [columns.joined(separator: ";")]
        for measure in measures {
            lines.append([measure.organization.rawValue, measure.criterion, measure.shortcomingKey, measure.shortcoming, measure.measure,
                          measure.plannedOn?.russian, measure.responsibleName, measure.responsiblePosition, measure.implemented,
                          measure.actualOn?.russian, measure.evidence].map(field).joined(separator: ";"))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    static func parseDay(_ text: String) -> Day? {
        if let day = Day(iso: text) { return day }
        let parts = text.split(separator: ".")
        guard parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]), parts[2].count == 4 else { return nil }
        return Day(year: year, month: month, day: day)
    }
}
