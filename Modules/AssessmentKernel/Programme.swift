/// A multi-year programme (Dalnegorsk 2016–2018): its plan template carries the target indicators with a
/// planned value per year; each year's campaign supplies the actual value.
public struct Programme: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    /// `Configs/plans/<id>.yaml` whose `targets` the programme follows.
    public var planTemplate: String
    public var firstYear: Int
    public var lastYear: Int
    /// Campaign ids by year, the years that have one.
    public var campaigns: [Int: String]

    public init(id: String, title: String, planTemplate: String, firstYear: Int, lastYear: Int, campaigns: [Int: String] = [:]) {
        self.id = id
        self.title = title
        self.planTemplate = planTemplate
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.campaigns = campaigns
    }

    public var years: ClosedRange<Int> { firstYear...lastYear }
}

/// Programmes as a port.
public protocol ProgrammeStore: Sendable {
    func createProgramme(_ programme: Programme, actor: String) throws
    func programmes() throws -> [Programme]
    func programme(_ id: String) throws -> Programme?
    /// Links the campaign of its year; a year has at most one campaign in a programme.
    func attach(campaign: String, to programme: String, actor: String) throws
}

/// One target indicator of a programme, year by year: planned against actual.
public struct TargetProgress: Sendable, Equatable, Codable {
    public struct Year: Sendable, Equatable, Codable {
        public var year: Int
        public var campaign: String?
        public var planned: Double?
        public var actual: Double?
        /// Nil when there is no plan for the year or nothing to compare yet.
        public var met: Bool?
    }

    public var target: PlanTargetID
    public var title: String
    public var years: [Year]

    /// `actuals[year][target id]`: what each year's campaign computed (`TargetActuals`).
    public static func of(_ programme: Programme, targets: [PlanTarget], actuals: [Int: [String: Double]]) -> [TargetProgress] {
        targets.map { target in
            TargetProgress(target: target.id, title: target.title, years: programme.years.map { year in
                let planned = target.value(for: year)
                let actual = actuals[year]?[target.id.rawValue]
                return Year(year: year, campaign: programme.campaigns[year], planned: planned, actual: actual,
                            met: planned.flatMap { plan in actual.map { $0 >= plan } })
            })
        }
    }
}
