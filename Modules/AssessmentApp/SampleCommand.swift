import ArgumentParser
import AssessmentKernel
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

    struct Line: Encodable {
        var organization: String
        var name: String
        var required: Int?
        var received: Int
        var shortfall: Int
        var byChannel: [String: Int]
    }

    func run() throws {
        try runReportingErrors {
            let environment = try config.environment()
            let store = SQLiteCampaignStore(database: try database.open())
            let scored = try ScoredCampaign.load(campaign: campaign, store: store, environment: environment)
            let channels = try store.responsesByChannel(campaign: campaign)
            var lines = scored.unitScores.map { score in
                Line(organization: score.organization.id.rawValue, name: score.organization.displayName, required: score.sample.required,
                     received: score.respondents, shortfall: score.sample.shortfall, byChannel: channels[score.organization.id] ?? [:])
            }
            if short { lines = lines.filter { $0.shortfall > 0 || $0.required == nil } }
            if json {
                print(try JSONOutput.encode(lines), terminator: "")
                return
            }
            let names = ["web": "сайт", "paper": "бумага", "interview": "интервью", "phone": "телефон"]
            for line in lines {
                let required = line.required.map(String.init) ?? "не задано (нет числа получателей услуг)"
                let byChannel = ["web", "paper", "interview", "phone"].compactMap { key in line.byChannel[key].map { "\(names[key]!) \($0)" } }
                print("\(line.organization)\t\(line.name)\tнужно \(required), получено \(line.received)"
                      + (line.shortfall > 0 ? ", не хватает \(line.shortfall)" : "")
                      + (byChannel.isEmpty ? "" : " (\(byChannel.joined(separator: ", ")))"))
            }
            let short = lines.filter { $0.shortfall > 0 }.count
            print("Организаций: \(lines.count), с недостаточной выборкой: \(short).")
        }
    }
}
