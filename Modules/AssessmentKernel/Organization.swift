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
    /// Registry details (ИНН and ОГРН are checked on import).
    public var inn: String?
    public var ogrn: String?
    public var address: String?
    public var website: String?
    public var head: String?
    public var phone: String?
    public var email: String?
    /// A deactivated institution stays in the registry with its results; it leaves new campaigns.
    public var active: Bool

    public init(
        id: OrganizationID, name: String, shortName: String? = nil, sector: SectorID,
        type: InstitutionTypeID? = nil, kind: InstitutionKindID? = nil, founder: String? = nil,
        parent: OrganizationID? = nil, recipients: Int? = nil, inn: String? = nil, ogrn: String? = nil,
        address: String? = nil, website: String? = nil, head: String? = nil, phone: String? = nil,
        email: String? = nil, active: Bool = true
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
        self.inn = inn
        self.ogrn = ogrn
        self.address = address
        self.website = website
        self.head = head
        self.phone = phone
        self.email = email
        self.active = active
    }

    public var displayName: String { shortName ?? name }
}
