/// An institution or a branch in the registry.
public struct Organization: Sendable, Equatable, Codable {
    public var id: OrganizationID
    public var name: String
    public var shortName: String?
    public var sector: SectorID
    public var type: InstitutionTypeID?
    public var kind: InstitutionKindID?
    public var founder: String?
    /// The institution this unit is a branch of.
    public var parent: OrganizationID?
    /// Service recipients per year: the base of the minimum sample.
    public var recipients: Int?

    public init(
        id: OrganizationID, name: String, shortName: String? = nil, sector: SectorID,
        type: InstitutionTypeID? = nil, kind: InstitutionKindID? = nil, founder: String? = nil,
        parent: OrganizationID? = nil, recipients: Int? = nil
    ) {
        self.id = id
        self.name = name
        self.shortName = shortName
        self.sector = sector
        self.type = type
        self.kind = kind
        self.founder = founder
        self.parent = parent
        self.recipients = recipients
    }

    public var displayName: String { shortName ?? name }
}
