public import AssessmentKernel

/// The Образование sector. Its indicators, questionnaire and check-lists are data in
/// `Configs/sectors/education/`; this plugin names the sector and is the place for code YAML cannot say.
public struct EducationPlugin: SectorPlugin {
    public static let id: SectorID = "education"
    public static let displayName = "Образование"
    public static let configFolder = "education"

    public init() {}
}
