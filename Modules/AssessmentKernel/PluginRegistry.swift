/// The Swift sector plugins of one program run, indexed by id. A value, never a singleton.
public struct PluginRegistry: Sendable {
    public let plugins: [any SectorPlugin]
    private let byID: [SectorID: any SectorPlugin]

    public init(_ plugins: [any SectorPlugin]) throws(KernelError) {
        var byID: [SectorID: any SectorPlugin] = [:]
        for plugin in plugins {
            let id = type(of: plugin).id
            guard byID[id] == nil else { throw .duplicatePlugin(id) }
            byID[id] = plugin
        }
        self.plugins = plugins
        self.byID = byID
    }

    public func plugin(for sector: SectorID) -> (any SectorPlugin)? { byID[sector] }

    public var sectorIDs: [SectorID] { plugins.map { type(of: $0).id } }

    /// Indicator kinds supplied by all plugins, by name.
    public var indicatorKinds: [String: any CustomIndicatorKind] {
        var kinds: [String: any CustomIndicatorKind] = [:]
        for case let provider as any ProvidesIndicatorKinds in plugins {
            for kind in provider.indicatorKinds { kinds[kind.name] = kind }
        }
        return kinds
    }
}
