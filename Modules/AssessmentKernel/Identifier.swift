/// A stable string id that YAML, CSV files, the database and URLs refer to.
///
/// The phantom `Tag` keeps a question id from being passed where a check-list id is expected.
public struct Identifier<Tag>: Hashable, Comparable, Codable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

public enum SectorTag {}
public enum CriterionTag {}
public enum IndicatorTag {}
public enum QuestionTag {}
public enum ChecklistTag {}
public enum ChecklistItemTag {}
public enum OrganizationTag {}
public enum InstitutionTypeTag {}
public enum InstitutionKindTag {}
public enum MethodologyTag {}
public enum ExtraCriterionTag {}

public typealias SectorID = Identifier<SectorTag>
public typealias CriterionID = Identifier<CriterionTag>
public typealias IndicatorID = Identifier<IndicatorTag>
public typealias QuestionID = Identifier<QuestionTag>
public typealias ChecklistID = Identifier<ChecklistTag>
public typealias ChecklistItemID = Identifier<ChecklistItemTag>
public typealias OrganizationID = Identifier<OrganizationTag>
public typealias InstitutionTypeID = Identifier<InstitutionTypeTag>
public typealias InstitutionKindID = Identifier<InstitutionKindTag>
public typealias MethodologyID = Identifier<MethodologyTag>
public typealias ExtraCriterionID = Identifier<ExtraCriterionTag>
