public import AssessmentKernel

/// The Социальное обслуживание sector. Its indicators, questionnaire and check-lists are data in
/// `Configs/sectors/social-services/`; this plugin names the sector and is the place for code YAML cannot say.
public struct SocialServicesPlugin: SectorPlugin {
    public static let id: SectorID = "social-services"
    public static let displayName = "Социальное обслуживание"
    public static let configFolder = "social-services"

    public init() {}
}
