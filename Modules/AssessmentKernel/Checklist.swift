/// A list of normative items an auditor marks present or absent (stand, website, visit).
public struct Checklist: Sendable, Equatable {
    public enum Source: String, Sendable, Equatable, CaseIterable {
        case stand, website, visit
    }

    public var id: ChecklistID
    public var title: String
    public var source: Source
    /// The legal act the items come from, cited not copied.
    public var basis: String?
    public var items: [ChecklistItem]

    public init(id: ChecklistID, title: String, source: Source, basis: String? = nil, items: [ChecklistItem]) {
        self.id = id
        self.title = title
        self.source = source
        self.basis = basis
        self.items = items
    }
}

public struct ChecklistItem: Sendable, Equatable {
    public var id: ChecklistItemID
    public var text: String
    /// Standard wording of the shortcoming when the item is absent.
    public var shortcoming: String
    /// Recommended measure for the improvement plan (Постановление № 457).
    public var measure: String

    public init(id: ChecklistItemID, text: String, shortcoming: String, measure: String) {
        self.id = id
        self.text = text
        self.shortcoming = shortcoming
        self.measure = measure
    }
}

/// How an auditor marked one item for one organisation.
public enum ItemMark: String, Sendable, Equatable, Codable {
    case present
    case absent
    /// Blank in the operator's sheet: the item does not apply and leaves the denominator.
    case notApplicable
}

/// Who checked an item, on which day, and what proves it (a link or a photo's path).
public struct ItemAudit: Sendable, Equatable, Codable {
    public var auditor: String?
    public var checkedOn: Day?
    public var evidence: String?

    public init(auditor: String? = nil, checkedOn: Day? = nil, evidence: String? = nil) {
        self.auditor = auditor
        self.checkedOn = checkedOn
        self.evidence = evidence
    }

    public var isEmpty: Bool { auditor == nil && checkedOn == nil && evidence == nil }
}
