import AssessmentKernel

extension CampaignDashboard {
    var heading: String { "Ход кампании «\(campaign.title)», \(campaign.year) год" }

    static let stageHeader = ["№", "Этап", "Исполнители", "Срок", "Даты", "Статус", "Подтверждение"]
    static let meetingHeader = ["Дата", "Повестка", "Решения"]
    static let targetHeader = ["Показатель", "План", "Факт", "Выполнен"]
    static let sampleHeader = ["Организация", "Нужно анкет", "Получено", "Не хватает"] + SampleProgress.channels.map(\.1)
    static let overdueHeader = ["Организация", "Критерий", "Недостаток", "Мероприятие", "Срок", "Ответственный"]
    static let visitHeader = ["Дата", "Организация", "Кто посетил", "Что установлено", "Документ"]
    static let checkHeader = ["Организация", "Мероприятий", "В срок", "С опозданием", "Просрочено", "В работе", "Итог"]

    func stageCells(_ line: StageLine, _ escape: (String) -> String) -> [String] {
        [escape(line.stage.number), escape(line.stage.title), escape(line.stage.executors), escape(line.stage.deadlineText),
         escape(line.dates), escape((line.dueSoon ? "Скоро срок. " : "") + line.message),
         escape(line.stage.evidence.map { evidence in (line.stage.completedOn.map { "\($0.russian): " } ?? "") + evidence } ?? "—")]
    }

    func meetingCells(_ meeting: CouncilMeeting, _ escape: (String) -> String) -> [String] {
        let decisions = meeting.decisions.map { "\($0.subject.title): \($0.text) (\($0.document))" }.joined(separator: "; ")
        return [meeting.heldOn.russian, escape(meeting.agenda), escape(decisions.isEmpty ? "—" : decisions)]
    }

    func targetCells(_ line: TargetLine, _ escape: (String) -> String) -> [String] {
        [escape(line.title), line.format(line.planned), line.format(line.actual), line.met.map { $0 ? "да" : "нет" } ?? "—"]
    }

    func sampleCells(_ line: SampleProgress, _ escape: (String) -> String) -> [String] {
        [escape(line.name), line.required.map(String.init) ?? "не задано", "\(line.received)", line.shortfall > 0 ? "\(line.shortfall)" : "—"]
            + SampleProgress.channels.map { key, _ in line.byChannel[key].map(String.init) ?? "0" }
    }

    func overdueCells(_ line: OverdueMeasure, _ escape: (String) -> String) -> [String] {
        let measure = line.measure
        let responsible = [measure.responsibleName, measure.responsiblePosition].compactMap { $0 }.joined(separator: ", ")
        return [escape(line.organization), escape(measure.criterion), escape(measure.shortcoming), escape(measure.measure),
                measure.plannedOn?.russian ?? "—", escape(responsible.isEmpty ? "—" : responsible)]
    }

    func visitCells(_ visit: ControlVisit, _ escape: (String) -> String) -> [String] {
        [visit.visitedOn.russian, escape(name(visit.organization)), escape(visit.members), escape(visit.findings), escape(visit.document ?? "—")]
    }

    func checkCells(_ execution: PlanExecution, _ escape: (String) -> String) -> [String] {
        [escape(name(execution.organization)), "\(execution.measures)", "\(execution.doneOnTime)", "\(execution.doneLate)",
         "\(execution.overdue)", "\(execution.pending)", execution.verdict.title]
    }

    var checkTitle: String? {
        planCheck.map { "Проверка выполнения планов кампании \($0.previousCampaign) на \($0.checkedOn.russian)" }
    }

    public func markdown() -> String {
        let e = MarkdownText.escape
        var out = ["# \(e(heading))", "", "Состояние на \(today.russian).", ""]
        out += facts.map { "- \($0.0): \($0.1)" } + [""]
        func section(_ title: String, _ header: [String], _ rows: [[String]], empty: String) {
            out += ["## \(title)", ""]
            out.append(rows.isEmpty ? empty : MarkdownText.table(header: header.map(e), rows: rows))
            out.append("")
        }
        section("Этапы плана", Self.stageHeader, stages.map { stageCells($0, e) }, empty: "Этапы не заданы (кампания создана без шаблона плана).")
        section("Заседания общественного совета", Self.meetingHeader, meetings.map { meetingCells($0, e) }, empty: "Заседаний не записано.")
        section("Целевые показатели" + (programme.map { " (программа «\(e($0))»)" } ?? ""), Self.targetHeader,
                targets.map { targetCells($0, e) }, empty: "Целевых показателей нет.")
        section("Выборка по организациям", Self.sampleHeader, samples.map { sampleCells($0, e) }, empty: "Организаций нет.")
        section("Просроченные мероприятия планов", Self.overdueHeader, overdue.map { overdueCells($0, e) }, empty: "Просроченных мероприятий нет.")
        section("Общественный контроль: посещения", Self.visitHeader, visits.map { visitCells($0, e) }, empty: "Посещений не записано.")
        if let planCheck, let checkTitle {
            section(e(checkTitle), Self.checkHeader, planCheck.execution.map { checkCells($0, e) }, empty: "Планов не было.")
        }
        return out.joined(separator: "\n")
    }

    public func html(to sink: any ReportSink) throws {
        let e = HTMLText.escape
        let page = HTMLPage(title: heading)
        try page.open(sink)
        try sink.write("<h1>\(e(heading))</h1>\n<p>Состояние на \(today.russian).</p>\n<dl class=\"facts\">\n")
        for (label, value) in facts { try sink.write("<dt>\(e(label))</dt><dd>\(e(value))</dd>\n") }
        try sink.write("</dl>\n")
        func section(_ id: String, _ title: String, _ header: [String], numeric: Set<Int> = [], empty: String, count: Int,
                     rows: ((([String], String?)) throws -> Void) throws -> Void) throws {
            try sink.write("<section aria-labelledby=\"\(id)\">\n<h2 id=\"\(id)\">\(e(title))</h2>\n")
            guard count > 0 else {
                try sink.write("<p class=\"note\">\(e(empty))</p>\n</section>\n")
                return
            }
            try sink.write("<table>\n<caption>\(e(title))</caption>\n" + HTMLText.headerRow(header, numeric: numeric) + "<tbody>\n")
            try rows { cells, rowClass in
                try sink.write(HTMLText.row(cells, numeric: numeric, headers: 1, rowClass: rowClass))
            }
            try sink.write("</tbody>\n</table>\n</section>\n")
        }
        try section("stages", "Этапы плана", Self.stageHeader, empty: "Этапы не заданы (кампания создана без шаблона плана).",
                    count: stages.count) { write in
            for line in stages {
                let rowClass: String? = line.status == .overdue ? "status-overdue" : line.status == .done ? "status-done" : line.dueSoon ? "warn" : nil
                try write((stageCells(line, e), rowClass))
            }
        }
        try section("meetings", "Заседания общественного совета", Self.meetingHeader, empty: "Заседаний не записано.", count: meetings.count) { write in
            for meeting in meetings { try write((meetingCells(meeting, e), nil)) }
        }
        try section("targets", "Целевые показатели" + (programme.map { " (программа «\($0)»)" } ?? ""), Self.targetHeader, numeric: [1, 2],
                    empty: "Целевых показателей нет.", count: targets.count) { write in
            for line in targets { try write((targetCells(line, e), line.met == false ? "warn" : nil)) }
        }
        try section("sample", "Выборка по организациям", Self.sampleHeader, numeric: Set(1..<Self.sampleHeader.count), empty: "Организаций нет.",
                    count: samples.count) { write in
            for line in samples { try write((sampleCells(line, e), line.shortfall > 0 ? "warn" : nil)) }
        }
        try section("overdue", "Просроченные мероприятия планов", Self.overdueHeader, empty: "Просроченных мероприятий нет.",
                    count: overdue.count) { write in
            for line in overdue { try write((overdueCells(line, e), nil)) }
        }
        try section("visits", "Общественный контроль: посещения", Self.visitHeader, empty: "Посещений не записано.", count: visits.count) { write in
            for visit in visits { try write((visitCells(visit, e), nil)) }
        }
        if let planCheck, let checkTitle {
            try section("plan-check", checkTitle, Self.checkHeader, numeric: Set(1...5), empty: "Планов не было.",
                        count: planCheck.execution.count) { write in
                for execution in planCheck.execution { try write((checkCells(execution, e), nil)) }
            }
        }
        try page.close(sink)
    }
}
