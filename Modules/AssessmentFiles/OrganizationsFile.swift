public import AssessmentKernel
public import Foundation

/// `organizations.csv`: the institutions of a campaign, one row each.
public struct OrganizationsFile {
    static let required = ["id", "name", "sector"]
    static let optional = ["short_name", "type", "kind", "founder", "parent_id", "recipients", "inn"]

    public static func read(_ url: URL) throws(DataFileError) -> (organizations: [Organization], format: DetectedFormat) {
        var table = try CSVTable(url: url)
        var problems = ProblemList(file: url.path)
        let column = table.columns(required: required, optional: optional, problems: &problems)
        try problems.check()

        var organizations: [Organization] = []
        var firstLine: [OrganizationID: Int] = [:]
        var parentLines: [(line: Int, parent: OrganizationID)] = []
        while let (line, row) = table.next() {
            let id = row.cell(column["id"])
            let name = row.cell(column["name"])
            let sector = row.cell(column["sector"])
            if id.isEmpty { problems.add(line: line, field: "id", "пустой код организации") }
            if name.isEmpty { problems.add(line: line, field: "name", "пустое наименование") }
            if sector.isEmpty { problems.add(line: line, field: "sector", "не указана сфера") }
            if let earlier = firstLine[OrganizationID(id)], !id.isEmpty {
                problems.add(line: line, field: "id", value: id, "код уже встречался в строке \(earlier)")
            }
            var recipients: Int?
            let recipientsText = row.cell(column["recipients"])
            if !recipientsText.isEmpty {
                if let value = Int(recipientsText), value >= 0 {
                    recipients = value
                } else {
                    problems.add(line: line, field: "recipients", value: recipientsText, "ожидалось целое число не меньше 0")
                }
            }
            let inn = row.cell(column["inn"])
            if !inn.isEmpty, let problem = RegistryCodes.innProblem(inn) {
                problems.add(line: line, field: "inn", value: inn, "неверный ИНН: \(problem.message)")
            }
            let parent = row.cell(column["parent_id"])
            if !parent.isEmpty { parentLines.append((line, OrganizationID(parent))) }
            func optional(_ name: String) -> String? {
                let value = row.cell(column[name])
                return value.isEmpty ? nil : value
            }
            firstLine[OrganizationID(id)] = firstLine[OrganizationID(id)] ?? line
            organizations.append(Organization(
                id: OrganizationID(id), name: name, shortName: optional("short_name"), sector: SectorID(sector),
                type: optional("type").map { InstitutionTypeID($0) }, kind: optional("kind").map { InstitutionKindID($0) },
                founder: optional("founder"), parent: parent.isEmpty ? nil : OrganizationID(parent), recipients: recipients))
        }
        for (line, parent) in parentLines where firstLine[parent] == nil {
            problems.add(line: line, field: "parent_id", value: parent.rawValue, "нет организации с таким кодом в этом файле")
        }
        if organizations.isEmpty && problems.isEmpty { problems.add(line: 1, "в файле нет ни одной организации") }
        try problems.check()
        return (organizations, table.format)
    }
}
