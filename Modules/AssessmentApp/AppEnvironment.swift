public import AssessmentConfig
public import AssessmentKernel
public import Foundation

/// Everything a command needs, wired once: plugins, validated configs, the scoring engine.
public struct AppEnvironment: Sendable {
    public let configDirectory: URL
    public let registry: PluginRegistry
    public let config: ConfigBundle
    /// The extra criteria a campaign attached; nil means every one region.yaml lists.
    public private(set) var attachedExtraCriteria: Set<ExtraCriterionID>?

    /// Loads and validates the configs; a bad config stops here with every diagnostic.
    public init(configDirectory: URL, extraSectorDirectories: [URL] = [], plugins: [any SectorPlugin] = sectorPlugins) throws {
        let registry = try PluginRegistry(plugins)
        let config = try ConfigLoader(
            directory: configDirectory, extraSectorDirectories: extraSectorDirectories,
            indicatorKinds: registry.indicatorKinds
        ).load()
        for plugin in registry.plugins {
            let type = type(of: plugin)
            guard config.sector(type.id) != nil else {
                throw AppError.pluginWithoutConfig(
                    sector: type.id.rawValue,
                    folder: configDirectory.appendingPathComponent("sectors/\(type.configFolder)").path)
            }
        }
        self.configDirectory = configDirectory
        self.registry = registry
        self.config = config
    }

    /// The engine for a methodology edition (the region's default when nil).
    public func engine(methodology id: MethodologyID? = nil) throws -> ScoringEngine {
        let id = id ?? config.region.methodology
        guard let methodology = config.methodology(id) else { throw AppError.unknownMethodology(id.rawValue) }
        return ScoringEngine(methodology: methodology, policies: config.region.policies, customKinds: registry.indicatorKinds)
    }

    /// The environment as a stored campaign sees it: only the extra criteria attached to it.
    public func scoped(to campaign: Campaign) -> AppEnvironment {
        var scoped = self
        scoped.attachedExtraCriteria = campaign.extraCriteria.map(Set.init)
        return scoped
    }

    /// Extra criteria that apply to a sector (in a campaign's scope, those attached to it).
    public func extraCriteria(for sector: SectorID) -> [ExtraCriterion] {
        config.region.extraCriteria.filter { $0.sectors.contains(sector) && attachedExtraCriteria.map { [id = $0.id] in $0.contains(id) } ?? true }
    }

    /// Questions of a sector including those of its extra criteria, in questionnaire order.
    public func questions(for sector: SectorDefinition) -> [Question] {
        sector.questions + extraCriteria(for: sector.id).flatMap(\.questions)
    }

    public func checklists(for sector: SectorDefinition) -> [Checklist] {
        sector.checklists + extraCriteria(for: sector.id).flatMap(\.checklists)
    }
}

/// Finds Configs/: the option, then $OPENNOK_CONFIG_DIR, then Configs/ in the working directory or above.
public enum ConfigDirectory {
    public static func resolve(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                               workingDirectory: String = FileManager.default.currentDirectoryPath) throws -> URL {
        if let option { return URL(fileURLWithPath: option) }
        if let fromEnvironment = environment["OPENNOK_CONFIG_DIR"], !fromEnvironment.isEmpty {
            return URL(fileURLWithPath: fromEnvironment)
        }
        var directory = URL(fileURLWithPath: workingDirectory)
        while true {
            let candidate = directory.appendingPathComponent("Configs")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("region.yaml").path) {
                return candidate
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        throw AppError.configDirectoryNotFound(searchedFrom: workingDirectory)
    }
}
