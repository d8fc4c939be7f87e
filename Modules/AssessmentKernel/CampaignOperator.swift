/// The organisation-operator that collects and processes the data, and its terms of reference.
public struct CampaignOperator: Sendable, Equatable, Codable {
    public var name: String
    public var inn: String?
    /// Contract: «Муниципальный контракт № 15 от 10.04.2025».
    public var contract: String?
    /// Terms of reference as the council approved them: document and date, or a link.
    public var termsOfReference: String?

    public init(name: String, inn: String? = nil, contract: String? = nil, termsOfReference: String? = nil) {
        self.name = name
        self.inn = inn
        self.contract = contract
        self.termsOfReference = termsOfReference
    }
}
