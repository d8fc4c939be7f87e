public import AssessmentKernel
import Culture
import Education
import SocialServices

/// The one list of Swift sector plugins. Adding a plugin: a folder in Plugins/, one line in
/// Package.swift, one line here. Sectors that are YAML only are not listed: their folder is enough.
public let sectorPlugins: [any SectorPlugin] = [
    CulturePlugin(),
    EducationPlugin(),
    SocialServicesPlugin(),
]
