public import AssessmentKernel

/// The Культура sector. Its indicators, questionnaire and check-lists are data in
/// `Configs/sectors/culture/`; this plugin names the sector and is the place for code YAML cannot say.
public struct CulturePlugin: SectorPlugin {
    public static let id: SectorID = "culture"
    public static let displayName = "Культура"
    public static let configFolder = "culture"

    public init() {}
}
