import ArgumentParser
import AssessmentKernel
import AssessmentReporting
import AssessmentStorage

/// Sample control: how many questionnaires each institution still needs (675н minimum, region policy).
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample", abstract: "Контроль выборки: необходимый минимум анкет, получено (по каналам), сколько не хватает.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    @Flag(help: "Только организации, где анкет не хватает.")
    var short = false

    @Flag(help: "Вывести в JSON.")
    var json = false

    func run() throws {
        try runReportingErrors {
            let environment = try config.environment()
            let store = SQLiteCampaignStore(database: try database.open())
            let scored = try ScoredCampaign.load(campaign: campaign, store: store, environment: environment)
            let channels = try store.responsesByChannel(campaign: campaign)
            var lines = SampleProgress.lines(scored.unitScores, channels: channels)
            if short { lines = lines.filter { $0.shortfall > 0 || $0.required == nil } }
            if json {
                print(try JSONOutput.encode(lines), terminator: "")
                return
            }
            for line in lines {
                let required = line.required.map(String.init) ?? "не задано (нет числа получателей услуг)"
                print("\(line.organization)\t\(line.name)\tнужно \(required), получено \(line.received)"
                      + (line.shortfall > 0 ? ", не хватает \(line.shortfall)" : "")
                      + (line.channelText.isEmpty ? "" : " (\(line.channelText))"))
            }
            let short = lines.filter { $0.shortfall > 0 }.count
            print("Организаций: \(lines.count), с недостаточной выборкой: \(short).")
        }
    }
}
