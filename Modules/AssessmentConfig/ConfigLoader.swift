public import AssessmentKernel
public import Foundation

/// The validated configuration of a region: what every command starts from.
public struct ConfigBundle: Sendable {
    public var region: RegionSettings
    public var methodologies: [Methodology]
    /// Sorted by id.
    public var sectors: [SectorDefinition]

    public func sector(_ id: SectorID) -> SectorDefinition? { sectors.first { $0.id == id } }
    public func methodology(_ id: MethodologyID) -> Methodology? { methodologies.first { $0.id == id } }
}

/// Loads `Configs/` strictly: every problem of every file is collected and reported together.
public struct ConfigLoader: Sendable {
    public let directory: URL
    public let extraSectorDirectories: [URL]
    public let indicatorKinds: [String: any CustomIndicatorKind]

    public init(directory: URL, extraSectorDirectories: [URL] = [], indicatorKinds: [String: any CustomIndicatorKind] = [:]) {
        self.directory = directory
        self.extraSectorDirectories = extraSectorDirectories
        self.indicatorKinds = indicatorKinds
    }

    public func load() throws(ConfigErrors) -> ConfigBundle {
        let log = DiagnosticLog()
        let methodologies = yamlFiles(in: directory.appendingPathComponent("methodology"), log: log).compactMap { url in
            YAMLFile(url: url, log: log).flatMap { MethodologyLoading.load($0, expectedID: url.deletingPathExtension().lastPathComponent) }
        }
        let byID = Dictionary(methodologies.map { ($0.id, $0) }) { first, _ in first }

        var sectors: [SectorDefinition] = []
        for folder in sectorFolders(log: log) {
            guard let sector = SectorLoading(folder: folder, methodologies: byID, kinds: indicatorKinds, log: log).load() else { continue }
            if sectors.contains(where: { $0.id == sector.id }) {
                log.error(folder.appendingPathComponent("sector.yaml").path, .start, "сфера «\(sector.id)» уже загружена из другой папки")
                continue
            }
            sectors.append(sector)
        }
        sectors.sort { $0.id < $1.id }

        let regionURL = directory.appendingPathComponent("region.yaml")
        let region = YAMLFile(url: regionURL, log: log).flatMap { RegionLoading.load($0, methodologies: Set(methodologies.map(\.id.rawValue))) }
        var extras: [ExtraCriterion] = []
        for (id, node) in region?.extraCriteria ?? [] {
            let url = directory.appendingPathComponent("extra-criteria/\(id).yaml")
            guard FileManager.default.fileExists(atPath: url.path) else {
                node.error("нет файла дополнительного критерия extra-criteria/\(id).yaml")
                continue
            }
            if let file = YAMLFile(url: url, log: log),
               let extra = ExtraCriterionLoading.load(file, expectedID: id, sectors: sectors, kinds: indicatorKinds) {
                extras.append(extra)
            }
        }
        guard log.diagnostics.isEmpty, let region else { throw ConfigErrors(diagnostics: log.diagnostics) }
        let index = region.regionalIndex.map { index in
            RegionalIndex(title: index.title, federalWeight: index.federal,
                          extraWeights: index.extra.map { .init(criterion: ExtraCriterionID($0.id), weight: $0.weight) })
        }
        return ConfigBundle(
            region: RegionSettings(name: region.name, methodology: region.methodology, policies: region.policies,
                                   extraCriteria: extras, regionalIndex: index),
            methodologies: methodologies.sorted { $0.id < $1.id }, sectors: sectors)
    }

    private func yamlFiles(in folder: URL, log: DiagnosticLog) -> [URL] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            log.error(folder.path, .start, "папка не найдена")
            return []
        }
        let files = names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder.appendingPathComponent($0) }
        if files.isEmpty { log.error(folder.path, .start, "в папке нет ни одного файла .yaml") }
        return files
    }

    private func sectorFolders(log: DiagnosticLog) -> [URL] {
        let root = directory.appendingPathComponent("sectors")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) else {
            log.error(root.path, .start, "папка сфер не найдена")
            return extraSectorDirectories
        }
        let folders = names.filter { !$0.hasPrefix(".") }.sorted().map { root.appendingPathComponent($0) }
            .filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
        return folders + extraSectorDirectories
    }
}
