public import AssessmentKernel
public import Foundation

/// `checklists.csv`: one row per check-list item of an organisation (long format).
public struct ChecklistsFile {
    static let required = ["organization_id", "checklist", "item", "value"]

    public static func read(_ url: URL, organizations: [Organization], checklists: [SectorID: [Checklist]])
        throws(DataFileError) -> (marks: [OrganizationID: [ChecklistID: [ChecklistItemID: ItemMark]]], format: DetectedFormat)
    {
        var table = try CSVTable(url: url)
        var problems = ProblemList(file: url.path)
        let column = table.columns(required: required, optional: [], problems: &problems)
        try problems.check()

        let sectorOf = Dictionary(organizations.map { ($0.id, $0.sector) }) { first, _ in first }
        var marks: [OrganizationID: [ChecklistID: [ChecklistItemID: ItemMark]]] = [:]
        var seen: [String: Int] = [:]
        while let (line, row) = table.next() {
            let organization = OrganizationID(row.cell(column["organization_id"]))
            let listID = ChecklistID(row.cell(column["checklist"]))
            let itemID = ChecklistItemID(row.cell(column["item"]))
            let valueText = row.cell(column["value"])
            guard let sector = sectorOf[organization] else {
                problems.add(line: line, field: "organization_id", value: organization.rawValue, "нет организации с таким кодом в файле организаций")
                continue
            }
            let lists = checklists[sector] ?? []
            guard let list = lists.first(where: { $0.id == listID }) else {
                problems.add(line: line, field: "checklist", value: listID.rawValue,
                             "нет такого чек-листа в сфере «\(sector)»; допустимы: \(lists.map(\.id.rawValue).joined(separator: ", "))")
                continue
            }
            guard list.items.contains(where: { $0.id == itemID }) else {
                problems.add(line: line, field: "item", value: itemID.rawValue, "нет такого пункта в чек-листе «\(listID)»")
                continue
            }
            guard let mark = parseMark(valueText) else {
                problems.add(line: line, field: "value", value: valueText, "ожидалось 1/да (есть), 0/нет (нет) или «-»/н/п (неприменимо)")
                continue
            }
            let key = "\(organization)\u{1F}\(listID)\u{1F}\(itemID)"
            if let earlier = seen[key] {
                problems.add(line: line, field: "item", value: itemID.rawValue, "пункт этой организации уже отмечен в строке \(earlier)")
                continue
            }
            seen[key] = line
            marks[organization, default: [:]][listID, default: [:]][itemID] = mark
        }
        try problems.check()
        return (marks, table.format)
    }

    static func parseMark(_ text: String) -> ItemMark? {
        switch text.lowercased() {
        case "1", "да", "есть", "yes", "+": .present
        case "0", "нет", "no": .absent
        case "-", "н/п", "неприм", "неприменимо", "n/a": .notApplicable
        default: nil
        }
    }
}
