public import AssessmentKernel

/// Builds an organisation's counts from readable responses and check-list marks.
public struct DataBuilder {
    public var organization: Organization
    private var tallier: ResponseTallier
    private var marks: [ChecklistID: [ChecklistItemID: ItemMark]] = [:]

    public init(sector: SectorDefinition, organization: Organization? = nil) {
        self.organization = organization ?? Organization(id: "org-1", name: "Организация", sector: sector.id, type: "library")
        self.tallier = ResponseTallier(questions: sector.questions)
    }

    /// Adds `count` identical responses; answers as `["q1": "yes", …]`.
    public mutating func respond(_ answers: [String: String], times count: Int = 1) {
        let converted = Dictionary(uniqueKeysWithValues: answers.map { (QuestionID($0.key), $0.value) })
        for _ in 0..<count { tallier.add(converted) }
    }

    /// Marks the first `present` items of a check-list present and the rest absent.
    public mutating func checklist(_ list: Checklist, present: Int, notApplicable: Int = 0) {
        var result: [ChecklistItemID: ItemMark] = [:]
        for (index, item) in list.items.enumerated() {
            result[item.id] = index < present ? .present : (index < present + notApplicable ? .notApplicable : .absent)
        }
        marks[list.id] = result
    }

    public var data: OrganizationData {
        OrganizationData(organization: organization, respondents: tallier.respondents, tallies: tallier.tallies, checklists: marks)
    }
}
