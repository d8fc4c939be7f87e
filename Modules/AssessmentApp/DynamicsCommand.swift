import ArgumentParser
import AssessmentConfig
import AssessmentKernel
import AssessmentReporting
import AssessmentStorage
import Foundation

/// `nok-report dynamics`: results across stored campaigns for an institution, a sector or the municipality.
struct DynamicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dynamics",
        abstract: "Динамика по кампаниям: итог и К1–К5 организации, средние по сфере, средние по сферам муниципалитета.",
        discussion: "Берутся сохранённые результаты кампании (nok-admin score); кампания без расчёта рассчитывается по её данным.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(parsing: .upToNextOption, help: "Кампании по порядку (по умолчанию — все кампании базы по годам).")
    var campaigns: [String] = []

    @Option(help: "Код организации: её итог и К1–К5.")
    var org: String?

    @Option(help: "Сфера (id из Configs/sectors): средние по сфере.")
    var sector: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if org != nil && sector != nil { throw ValidationError("Укажите либо --org, либо --sector, не оба.") }
    }

    func run() throws {
        try runReportingErrors {
            let environment = try config.environment()
            let store = SQLiteCampaignStore(database: try database.open())
            let chosen: [Campaign] = try campaigns.isEmpty
                ? store.campaigns().sorted { ($0.year, $0.id) < ($1.year, $1.id) }
                : campaigns.map { id in
                    guard let found = try store.campaign(id) else { throw StoreError.campaignNotFound(id) }
                    return found
                }
            guard let latest = chosen.last else { throw ReportError.noCampaigns }
            let results = try chosen.map { campaign in
                DynamicsReport.CampaignScores(id: campaign.id, label: Self.label(campaign, among: chosen),
                                              scores: try CampaignResults.ranked(campaign, store: store, environment: environment))
            }
            let scope: DynamicsReport.Scope = org.map { .organization(OrganizationID($0)) }
                ?? sector.map { .sector(SectorID($0)) } ?? .municipality
            let report = try DynamicsReport(
                campaigns: results, scope: scope, sectors: environment.config.sectors,
                criteria: try environment.engine(methodology: latest.methodology).methodology.criteria,
                decimals: environment.config.region.policies.decimals)
            let region = environment.config.region.name
            switch output.format {
            case .markdown: try emit(report.markdown(regionName: region), to: output.path)
            case .csv: try emit(report.csv(), to: output.path)
            case .html:
                let subtitle = "Кампании: " + chosen.map { "«\($0.title)» (\($0.year))" }.joined(separator: ", ")
                try withSink(output.path) { try report.html(regionName: region, subtitle: subtitle, to: $0) }
            case .json, .xlsx: throw ValidationError("Динамика выводится в формате markdown, csv или html.")
            }
        }
    }

    /// The year, or the year and id when two chosen campaigns share a year.
    static func label(_ campaign: Campaign, among all: [Campaign]) -> String {
        all.filter { $0.year == campaign.year }.count > 1 ? "\(campaign.year) (\(campaign.id))" : "\(campaign.year)"
    }
}

/// A stored campaign's results as the reports rank them.
enum CampaignResults {
    /// The latest stored run (`nok-admin score`) when there is one, else scored now from the campaign's data;
    /// branches folded in as the region's policy says.
    static func ranked(_ campaign: Campaign, store: SQLiteCampaignStore, environment: AppEnvironment) throws -> [OrganizationScore] {
        let stored = try store.storedScores(campaign: campaign.id)
        guard !stored.isEmpty else {
            return try ScoredCampaign.load(campaign: campaign.id, store: store, environment: environment).scores
        }
        let decoder = JSONDecoder()
        let units = try stored.map { try decoder.decode(OrganizationScore.self, from: Data($0.payload)) }
        let policies = try environment.scoped(to: campaign).engine(methodology: campaign.methodology).policies
        return BranchAggregation.apply(units, policies: policies)
    }
}
