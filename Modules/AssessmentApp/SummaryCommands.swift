import ArgumentParser
import AssessmentConfig
import AssessmentKernel
import AssessmentReporting
import Foundation

/// `nok-report shortcomings`: the most frequent shortcomings per sector, and which persisted.
struct ShortcomingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shortcomings",
        abstract: "Сводка недостатков по сферам: самые частые, у скольких организаций, какие сохранились с прошлой кампании.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var comparison: ComparisonOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try runReportingErrors {
            let inputs = try ReportInputs.load(config: config, data: data, comparison: comparison)
            let region = inputs.environment.config.region.name
            let summary = ShortcomingSummary(scores: inputs.campaign.unitScores, sectors: inputs.environment.config.sectors,
                                             previous: inputs.previous?.unitScores)
            switch output.format {
            case .markdown: try emit(summary.markdown(regionName: region), to: output.path)
            case .csv: try emit(summary.csv(), to: output.path)
            case .html:
                let subtitle = inputs.title + (inputs.previousTitle.map { "; сравнение с кампанией: \($0)" } ?? "")
                try withSink(output.path) { try summary.html(regionName: region, subtitle: subtitle, to: $0) }
            case .json, .xlsx: throw ValidationError("Сводка недостатков выводится в формате markdown, html или csv.")
            }
        }
    }
}

/// `nok-report plan-execution`: measures done on time, late, overdue, per institution and founder.
struct PlanExecutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan-execution",
        abstract: "Выполнение планов: мероприятия в срок, с опозданием, просроченные — по организациям и учредителям.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var comparison: ComparisonOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try runReportingErrors {
            let inputs = try ReportInputs.load(config: config, data: data, comparison: comparison)
            let region = inputs.environment.config.region.name
            let report = PlanExecutionReport(plan: inputs.plan, organizations: inputs.campaign.organizations, today: inputs.today)
            switch output.format {
            case .markdown: try emit(report.markdown(regionName: region), to: output.path)
            case .csv: try emit(report.csv(), to: output.path)
            case .html: try withSink(output.path) { try report.html(regionName: region, to: $0) }
            case .json, .xlsx: throw ValidationError("Отчёт о выполнении планов выводится в формате markdown, html или csv.")
            }
        }
    }
}
