/// A sector that needs Swift: its identity as static facts, and optional capabilities.
///
/// A sector whose formulas fit the config language needs no plugin; its folder in
/// `Configs/sectors/` is enough.
public protocol SectorPlugin: Sendable {
    static var id: SectorID { get }
    /// Russian display name.
    static var displayName: String { get }
    /// Folder under `Configs/sectors/`.
    static var configFolder: String { get }
    init()
}

/// A capability a plugin may adopt: indicator kinds YAML cannot express (`custom: {kind: …}`).
public protocol ProvidesIndicatorKinds: SectorPlugin {
    var indicatorKinds: [any CustomIndicatorKind] { get }
}

/// An indicator kind implemented in Swift.
public protocol CustomIndicatorKind: Sendable {
    /// The name used in YAML: `custom: {kind: <name>, parameters: …}`.
    var name: String { get }
    /// Problems with the parameters, in Russian; empty when they are valid.
    func validate(parameters: [String: String]) -> [String]
    /// Value 0–100 (nil to exclude) with its explanation.
    func evaluate(parameters: [String: String], data: OrganizationData, policies: ScoringPolicies) -> FormulaResult
}

public struct FormulaResult: Sendable, Equatable {
    public var value: Double?
    public var explanation: Explanation
    /// A zero denominator was met and the policy decided the value.
    public var hitZeroDenominator: Bool

    public init(value: Double?, explanation: Explanation, hitZeroDenominator: Bool = false) {
        self.value = value
        self.explanation = explanation
        self.hitZeroDenominator = hitZeroDenominator
    }
}
