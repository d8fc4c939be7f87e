public import AssessmentKernel
public import Foundation

/// `organizations.csv`: the institutions and branches of a campaign, one row each.
public struct OrganizationsFile {
    static let required = ["id", "name", "sector"]
    static let columns = ["id", "name", "short_name", "sector", "type", "kind", "founder", "parent_id", "recipients", "inn",
                          "ogrn", "address", "website", "head", "phone", "email"]

    /// Reads and checks the whole file; every problem is reported together.
    public static func read(_ url: URL) throws(DataFileError) -> (organizations: [Organization], format: DetectedFormat) {
        var (reader, problems, column, header) = try FixedColumnsFile.open(url, columns: columns, required: required)

        var organizations: [Organization] = []
        var lineOf: [OrganizationID: Int] = [:]
        var parents: [(line: Int, child: Organization, parent: OrganizationID)] = []
        while let record = reader.next() {
            guard column.checkShape(record, problems: &problems) else { continue }
            func value(_ name: String) -> String? {
                let text = record[column[name]]
                return text.isEmpty ? nil : text
            }
            let id = value("id"), name = value("name"), sector = value("sector")
            if id == nil { problems.add(line: record.line, field: "id", "значение не заполнено: ожидался код организации") }
            if name == nil { problems.add(line: record.line, field: "name", "значение не заполнено: ожидалось наименование организации") }
            if sector == nil {
                problems.add(line: record.line, field: "sector", "значение не заполнено: ожидался код сферы (например, culture, education, social-services)")
            }
            if let id, let earlier = lineOf[OrganizationID(id)] {
                problems.add(line: record.line, field: "id", value: id, "код организации повторяется: он уже указан в строке \(earlier)")
            }
            var recipients: Int?
            if let text = value("recipients") {
                if text.allSatisfy(\.isASCIIDigitCharacter), let number = Int(text) {
                    recipients = number
                } else {
                    problems.add(line: record.line, field: "recipients", value: text, "ожидалось целое число не меньше 0 (получателей услуг в год)")
                }
            }
            if let inn = value("inn") {
                if inn.count != 10 || !inn.allSatisfy(\.isASCIIDigitCharacter) {
                    problems.add(line: record.line, field: "inn", value: inn, "ожидалось 10 цифр (ИНН организации)")
                } else if RegistryCodes.innProblem(inn) != nil {
                    problems.add(line: record.line, field: "inn", value: inn, "не сходится контрольная цифра ИНН: проверьте номер")
                }
            }
            if let ogrn = value("ogrn") {
                if ogrn.count != 13 || !ogrn.allSatisfy(\.isASCIIDigitCharacter) {
                    problems.add(line: record.line, field: "ogrn", value: ogrn, "ожидалось 13 цифр (ОГРН организации)")
                } else if RegistryCodes.ogrnProblem(ogrn) != nil {
                    problems.add(line: record.line, field: "ogrn", value: ogrn, "не сходится контрольная цифра ОГРН: проверьте номер")
                }
            }
            if let email = value("email"), !email.contains("@") || email.contains(" ") {
                problems.add(line: record.line, field: "email", value: email, "ожидался адрес электронной почты вида name@example.ru")
            }
            guard let id, let name, let sector else { continue }
            let organization = Organization(
                id: OrganizationID(id), name: name, shortName: value("short_name"), sector: SectorID(sector),
                type: value("type").map { InstitutionTypeID($0) }, kind: value("kind").map { InstitutionKindID($0) },
                founder: value("founder"), parent: value("parent_id").map { OrganizationID($0) }, recipients: recipients,
                inn: value("inn"), ogrn: value("ogrn"), address: value("address"), website: value("website"),
                head: value("head"), phone: value("phone"), email: value("email"))
            if let parent = organization.parent { parents.append((record.line, organization, parent)) }
            if lineOf[organization.id] == nil {
                lineOf[organization.id] = record.line
                organizations.append(organization)
            }
        }
        if let readError = reader.readError { problems.add(line: 0, readError) }

        let byID = Dictionary(organizations.map { ($0.id, $0) }) { first, _ in first }
        for (line, child, parentID) in parents {
            guard parentID != child.id else {
                problems.add(line: line, field: "parent_id", value: parentID.rawValue, "организация не может быть филиалом самой себя: ожидался код головной организации")
                continue
            }
            guard let parent = byID[parentID] else {
                problems.add(line: line, field: "parent_id", value: parentID.rawValue,
                             "головная организация с таким кодом не найдена в файле: ожидался код из столбца id")
                continue
            }
            if parent.parent != nil {
                problems.add(line: line, field: "parent_id", value: parentID.rawValue,
                             "головная организация сама указана как филиал (строка \(lineOf[parentID] ?? 0)): ожидался один уровень подчинения")
            }
            if parent.sector != child.sector {
                problems.add(line: line, field: "parent_id", value: parentID.rawValue,
                             "головная организация относится к сфере «\(parent.sector)», а филиал — к «\(child.sector)»: ожидалась та же сфера")
            }
        }
        if organizations.isEmpty && problems.isEmpty {
            problems.add(line: header.line, "в файле нет ни одной организации: ожидалась хотя бы одна строка после заголовка")
        }
        try problems.check()
        return (organizations, reader.format)
    }
}
