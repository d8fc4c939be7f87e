public import AssessmentKernel

/// How the improvement plans are carried out on a given day: measures done on time, done late, overdue,
/// still in work — per institution and per founder. The counts are the kernel's `PlanExecution`.
public struct PlanExecutionReport: Sendable {
    public enum Outcome: String, Sendable, CaseIterable {
        case onTime = "on_time", late, overdue, inWork = "in_work"

        public var title: String {
            switch self {
            case .onTime: "выполнено в срок"
            case .late: "выполнено с опозданием"
            case .overdue: "просрочено"
            case .inWork: "в работе"
            }
        }

        func count(_ execution: PlanExecution) -> Int {
            switch self {
            case .onTime: execution.doneOnTime
            case .late: execution.doneLate
            case .overdue: execution.overdue
            case .inWork: execution.pending
            }
        }
    }

    /// A named row: an institution, a founder or everything.
    public struct Counts: Sendable, Equatable {
        public var name: String
        public var execution: PlanExecution
        public var total: Int { execution.measures }
        public func count(_ outcome: Outcome) -> Int { outcome.count(execution) }
    }

    public var today: Day
    public var institutions: [Counts]
    public var founders: [Counts]
    public var overall: Counts

    public init(plan: [ImprovementMeasure], organizations: [Organization], today: Day) {
        self.today = today
        let byID = Dictionary(organizations.map { ($0.id, $0) }) { first, _ in first }
        let executions = PlanExecution.of(plan, today: today)
        institutions = executions.map { execution in
            Counts(name: byID[execution.organization]?.displayName ?? execution.organization.rawValue, execution: execution)
        }
        let byFounder = Dictionary(grouping: executions) { byID[$0.organization]?.founder ?? "Учредитель не указан" }
        founders = byFounder.sorted { $0.key < $1.key }.map { Counts(name: $0.key, execution: Self.sum($0.value)) }
        overall = Counts(name: "Всего", execution: Self.sum(executions))
    }

    /// Counts of several institutions added up.
    static func sum(_ executions: [PlanExecution]) -> PlanExecution {
        PlanExecution(organization: OrganizationID(""), measures: executions.map(\.measures).reduce(0, +),
                      doneOnTime: executions.map(\.doneOnTime).reduce(0, +), doneLate: executions.map(\.doneLate).reduce(0, +),
                      overdue: executions.map(\.overdue).reduce(0, +), pending: executions.map(\.pending).reduce(0, +))
    }

    static let header = ["Всего мероприятий"] + Outcome.allCases.map(\.title) + ["Доля в срок, %"]

    func cells(_ counts: Counts) -> [String] {
        ["\(counts.total)"] + Outcome.allCases.map { "\(counts.count($0))" }
            + [counts.total == 0 ? "—" : MarkdownText.number(100 * Double(counts.count(.onTime)) / Double(counts.total))]
    }

    public func markdown(regionName: String) -> String {
        var out = ["# Выполнение планов по устранению недостатков — \(MarkdownText.escape(regionName))", "", "Состояние на \(today.russian).", ""]
        for (title, rows) in [("По организациям", institutions), ("По учредителям", founders)] {
            out += ["## \(title)", ""]
            out.append(MarkdownText.table(header: ["Наименование"] + Self.header,
                                          rows: (rows + [overall]).map { [MarkdownText.escape($0.name)] + cells($0) }))
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    public func html(regionName: String, to sink: any ReportSink) throws {
        let page = HTMLPage(title: "Выполнение планов — \(regionName)")
        try page.open(sink)
        try sink.write("<h1>Выполнение планов по устранению недостатков — \(HTMLText.escape(regionName))</h1>\n<p>Состояние на \(today.russian).</p>\n")
        let numeric = Set(1...(Self.header.count))
        for (id, title, rows) in [("institutions", "По организациям", institutions), ("founders", "По учредителям", founders)] {
            try sink.write("<section aria-labelledby=\"\(id)\">\n<h2 id=\"\(id)\">\(title)</h2>\n<table>\n<caption>\(title)</caption>\n")
            try sink.write(HTMLText.headerRow(["Наименование"] + Self.header, numeric: numeric) + "<tbody>\n")
            for counts in rows { try sink.write(HTMLText.row([HTMLText.escape(counts.name)] + cells(counts), numeric: numeric, headers: 1)) }
            try sink.write(HTMLText.row(["<strong>Всего</strong>"] + cells(overall), numeric: numeric, headers: 1))
            try sink.write("</tbody>\n</table>\n</section>\n")
        }
        try page.close(sink)
    }

    public func csv() -> String {
        var lines = ["level,name,total," + Outcome.allCases.map(\.rawValue).joined(separator: ",")]
        for (level, rows) in [("institution", institutions), ("founder", founders), ("all", [overall])] {
            for counts in rows {
                lines.append(([level, counts.name, "\(counts.total)"] + Outcome.allCases.map { "\(counts.count($0))" })
                    .map(RankingReport.field).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
