import AssessmentKernel

extension ProblemCollector {
    /// The organisation a row names in `organization_id`, or nil with the problem recorded at the row.
    mutating func organization(_ text: String, line: Int, in byID: [OrganizationID: Organization]) -> Organization? {
        guard !text.isEmpty else {
            add(line: line, field: "organization_id", "значение не заполнено: ожидался код организации из файла организаций")
            return nil
        }
        guard let organization = byID[OrganizationID(text)] else {
            add(line: line, field: "organization_id", value: text,
                "организация с таким кодом не входит в кампанию (нет в реестре или в файле организаций, либо её сфера не оценивается)")
            return nil
        }
        return organization
    }
}
