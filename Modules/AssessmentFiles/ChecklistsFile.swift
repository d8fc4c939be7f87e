public import AssessmentKernel
public import Foundation

/// `checklists.csv`: one row per check-list item of an organisation (long format).
public struct ChecklistsFile {
    static let required = ["organization_id", "checklist", "item", "value"]
    /// Who checked the item, when, and its evidence; and the rejects file's problems, which are skipped.
    static let optional = ["auditor", "checked_on", "evidence"]

    public typealias Marks = [OrganizationID: [ChecklistID: [ChecklistItemID: ItemMark]]]
    public typealias Audits = [OrganizationID: [ChecklistID: [ChecklistItemID: ItemAudit]]]

    /// `checklists[sector]` already holds the extra criteria's check-lists of that sector.
    /// With `rejected`, a row with problems goes there instead of failing the file (`--skip-invalid`).
    public static func read(_ url: URL, organizations: [Organization], checklists: [SectorID: [Checklist]],
                            rejected: ((RejectedRow) -> Void)? = nil, progress: ((Int) -> Void)? = nil)
        throws(DataFileError) -> (marks: Marks, audits: Audits, format: DetectedFormat)
    {
        var (reader, problems, column, header) = try FixedColumnsFile.open(
            url, columns: required + optional, required: required, hidden: [RejectsFile.problemsColumn])

        let organizationByID = Dictionary(organizations.map { ($0.id, $0) }) { first, _ in first }
        let listsBySector = checklists.mapValues { lists in Dictionary(lists.map { ($0.id, $0) }) { first, _ in first } }
        var itemSets: [SectorID: [ChecklistID: Set<ChecklistItemID>]] = [:]
        var marks: Marks = [:]
        var audits: Audits = [:]
        var lineOfMark: [OrganizationID: [ChecklistID: [ChecklistItemID: Int]]] = [:]

        // A file has a handful of spellings of a mark in hundreds of thousands of rows: each is looked up once.
        var markOfSpelling: [String: ItemMark?] = [:]
        var rows = 0
        while let record = reader.next() {
            rows += 1
            progress?(rows)
            let problemsBefore = problems.count
            defer {
                if let rejected, problems.count > problemsBefore {
                    rejected(RejectedRow(header: header.fields, fields: record.fields, problems: problems.take(since: problemsBefore)))
                }
            }
            guard column.checkShape(record, problems: &problems) else { continue }
            let organizationText = record[column["organization_id"]]
            let listText = record[column["checklist"]]
            let itemText = record[column["item"]]
            let valueText = record[column["value"]]

            let mark: ItemMark?
            if valueText.isEmpty {
                problems.add(line: record.line, field: "value", "значение не заполнено: " + CellVocabulary.markExpectation)
                mark = nil
            } else {
                if let known = markOfSpelling[valueText] {
                    mark = known
                } else {
                    mark = CellVocabulary.mark(valueText)
                    if markOfSpelling.count < 256 { markOfSpelling[valueText] = mark }
                }
                if mark == nil { problems.add(line: record.line, field: "value", value: valueText, CellVocabulary.markExpectation) }
            }
            var audit = ItemAudit()
            if let position = column["auditor"], !record[position].isEmpty { audit.auditor = record[position] }
            if let position = column["evidence"], !record[position].isEmpty { audit.evidence = record[position] }
            if let position = column["checked_on"], !record[position].isEmpty {
                audit.checkedOn = TimestampCell.day(record[position])
                if audit.checkedOn == nil {
                    problems.add(line: record.line, field: "checked_on", value: record[position], "ожидалась дата 2025-05-14 или 14.05.2025")
                }
            }
            guard let organization = problems.organization(organizationText, line: record.line, in: organizationByID) else { continue }
            let lists = listsBySector[organization.sector] ?? [:]
            let expectedLists = (checklists[organization.sector] ?? []).map(\.id.rawValue)
            guard !listText.isEmpty else {
                problems.add(line: record.line, field: "checklist",
                             "значение не заполнено: ожидался чек-лист сферы «\(organization.sector)»: \(ExpectedList.text(expectedLists))")
                continue
            }
            let listID = ChecklistID(listText)
            guard let list = lists[listID] else {
                problems.add(line: record.line, field: "checklist", value: listText,
                             "чек-листа нет в сфере «\(organization.sector)»: ожидался один из: \(ExpectedList.text(expectedLists))")
                continue
            }
            let itemID = ChecklistItemID(itemText)
            if itemSets[organization.sector]?[listID] == nil {
                itemSets[organization.sector, default: [:]][listID] = Set(list.items.map(\.id))
            }
            guard !itemText.isEmpty, itemSets[organization.sector]?[listID]?.contains(itemID) == true else {
                let expected = "ожидался пункт чек-листа «\(listID)»: \(ExpectedList.text(list.items.map(\.id.rawValue)))"
                if itemText.isEmpty {
                    problems.add(line: record.line, field: "item", "значение не заполнено: " + expected)
                } else {
                    problems.add(line: record.line, field: "item", value: itemText, "пункта нет в чек-листе «\(listID)»: " + expected)
                }
                continue
            }
            if let earlier = lineOfMark[organization.id]?[listID]?[itemID] {
                problems.add(line: record.line, field: "item", value: itemText,
                             "пункт «\(listID)» / «\(itemID)» для организации «\(organization.id)» уже отмечен в строке \(earlier): ожидалась одна строка на пункт")
                continue
            }
            lineOfMark[organization.id, default: [:]][listID, default: [:]][itemID] = record.line
            guard let mark, problems.count == problemsBefore else { continue }
            marks[organization.id, default: [:]][listID, default: [:]][itemID] = mark
            if !audit.isEmpty { audits[organization.id, default: [:]][listID, default: [:]][itemID] = audit }
        }
        if let readError = reader.readError { problems.add(line: 0, readError) }
        try problems.check()
        return (marks, audits, reader.format)
    }
}
