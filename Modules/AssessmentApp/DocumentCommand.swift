public import ArgumentParser
import AssessmentConfig
import AssessmentDocuments
import AssessmentKernel
public import AssessmentReporting
import AssessmentStorage
import Foundation

extension CampaignDocuments.Kind: ExpressibleByArgument {}

/// `nok-report document`: the documents the campaign's stages need, as DOCX or HTML from one content model.
struct DocumentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "document",
        abstract: "Документы кампании в DOCX или HTML: техническое задание, уведомление, проект решения совета, проект постановления, планы (форма № 457).",
        discussion: "Виды: terms — техническое задание оператору; notification — письмо организациям; council-decision — проект решения "
            + "общественного совета об утверждении результатов; decree — проект постановления главы (Каспийск, этап 16); "
            + "improvement-plan — план по устранению недостатков по форме Постановления № 457 (--org для одной организации).")

    @Argument(help: "Вид документа: terms, notification, council-decision, decree, improvement-plan.")
    var kind: CampaignDocuments.Kind

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Код кампании.")
    var campaign: String

    @Option(help: "Формат: docx или html.")
    var format: DocumentFormat = .docx

    @Option(name: .customLong("output"), help: "Файл документа.")
    var output: String

    @Option(help: "Одна организация (для improvement-plan).")
    var org: String?

    @Option(name: .customLong("questionnaire-url"), help: "Адрес анкеты для уведомления организаций.")
    var questionnaireURL: String?

    enum DocumentFormat: String, ExpressibleByArgument {
        case docx, html
    }

    func validate() throws {
        if org != nil && kind != .improvementPlan { throw ValidationError("--org относится только к improvement-plan.") }
    }

    func run() throws {
        try runReportingErrors {
            let context = try StoredCampaignContext(config: config, database: database, campaign: campaign)
            let (environment, opened, store, stored) = (context.environment, context.database, context.store, context.campaign)
            let scored = try ScoredCampaign.load(campaign: campaign, store: store, environment: environment)
            let scoped = environment.scoped(to: stored)
            let documents = CampaignDocuments(
                regionName: environment.config.region.name, campaign: stored,
                sectors: environment.config.sectors.filter { stored.sectors.contains($0.id) },
                criteria: try scoped.engine(methodology: stored.methodology).methodology.criteria,
                policies: environment.config.region.policies, unitScores: scored.unitScores, scores: scored.scores,
                stages: try SQLiteStageStore(database: opened).stages(campaign: campaign),
                campaignOperator: try store.campaignOperator(campaign: campaign),
                approved: try store.approvedVersions(campaign: campaign, payloads: false).last,
                meetings: try SQLiteCouncilStore(database: opened).meetings(campaign: campaign),
                plan: try SQLiteImprovementPlanStore(database: opened).measures(campaign: campaign),
                questionnaireURL: questionnaireURL)
            let model = try documents.document(kind, organization: org.map { OrganizationID($0) })
            switch format {
            case .docx:
                try DocxWriter.write(model, to: URL(fileURLWithPath: output))
                printError("Записано: \(output)")
            case .html:
                try withSink(output) { try model.html(to: $0) }
            }
        }
    }
}
