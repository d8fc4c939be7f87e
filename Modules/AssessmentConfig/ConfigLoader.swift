public import AssessmentKernel
public import Foundation

/// The validated configuration of a region: what every command starts from.
public struct ConfigBundle: Sendable {
    public var region: RegionSettings
    public var methodologies: [Methodology]
    /// Sorted by id.
    public var sectors: [SectorDefinition]

    /// For tests and tools that build a configuration in memory; `sectors` are sorted here.
    public init(region: RegionSettings, methodologies: [Methodology], sectors: [SectorDefinition]) {
        self.region = region
        self.methodologies = methodologies
        self.sectors = sectors.sorted { $0.id < $1.id }
    }

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
        let methodologyFiles = yamlFiles(in: directory.appendingPathComponent("methodology"), log: log)
        let methodologies = methodologyFiles.compactMap { url in
            YAMLFile(url: url, log: log).flatMap { MethodologyLoading.load($0, expectedID: url.deletingPathExtension().lastPathComponent) }
        }
        // An edition whose file has errors is still known: naming it elsewhere is not a second error.
        let editions = Editions(
            loaded: Dictionary(methodologies.map { ($0.id, $0) }) { first, _ in first },
            files: Set(methodologyFiles.map { $0.deletingPathExtension().lastPathComponent }))

        var sectors: [LoadedSector] = []
        for folder in sectorFolders(log: log) {
            let sector = SectorLoading(folder: folder, editions: editions, kinds: indicatorKinds, log: log).load()
            if let first = sectors.first(where: { $0.id == sector.id }) {
                let message = "сфера «\(sector.id)» уже загружена из папки \(first.folder.path)"
                if let idNode = sector.idNode {
                    idNode.error(message)
                } else {
                    log.error(folder.appendingPathComponent("sector.yaml").path, .start, message)
                }
                continue
            }
            sectors.append(sector)
        }
        sectors.sort { $0.id < $1.id }

        let regionURL = directory.appendingPathComponent("region.yaml")
        let region = YAMLFile(url: regionURL, log: log, missing: "в нём политики региона и редакция методики по умолчанию")
            .flatMap { RegionLoading.load($0, editions: editions) }
        var extras: [ExtraCriterion] = []
        for (id, node) in region?.extraCriteria ?? [] {
            let url = directory.appendingPathComponent("extra-criteria").appendingPathComponent("\(id).yaml")
            guard FileManager.default.fileExists(atPath: url.path) else {
                node.error("нет файла дополнительного критерия extra-criteria/\(id).yaml")
                continue
            }
            if let file = YAMLFile(url: url, log: log),
               let extra = ExtraCriterionLoading.load(file, expectedID: id, sectors: sectors, earlier: extras, kinds: indicatorKinds) {
                extras.append(extra)
            }
        }
        let definitions = sectors.compactMap(\.definition)
        guard log.diagnostics.isEmpty, let region, definitions.count == sectors.count else {
            if log.diagnostics.isEmpty {
                // Every path that drops a value logs why; this guards the loader's own mistakes.
                log.error(directory.path, .start, "конфигурация не загружена: внутренняя ошибка загрузчика")
            }
            throw ConfigErrors(diagnostics: log.diagnostics)
        }
        return ConfigBundle(
            region: RegionSettings(name: region.name, methodology: region.methodology, policies: region.policies,
                                   extraCriteria: extras, regionalIndex: region.regionalIndex),
            methodologies: methodologies.sorted { $0.id < $1.id }, sectors: definitions)
    }

    private func yamlFiles(in folder: URL, log: DiagnosticLog) -> [URL] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            log.error(folder.path, .start, "нет папки «\(folder.lastPathComponent)»: в ней файлы редакций методики <id>.yaml")
            return []
        }
        let files = names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder.appendingPathComponent($0) }
        if files.isEmpty { log.error(folder.path, .start, "в папке нет ни одного файла .yaml; нужна хотя бы одна редакция методики") }
        return files
    }

    private func sectorFolders(log: DiagnosticLog) -> [URL] {
        let root = directory.appendingPathComponent("sectors")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) else {
            log.error(root.path, .start, "нет папки «sectors»: в ней по папке на каждую сферу")
            return extraSectorDirectories
        }
        let folders = names.filter { !$0.hasPrefix(".") }.sorted().map { root.appendingPathComponent($0) }
            .filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
        return folders + extraSectorDirectories
    }
}
