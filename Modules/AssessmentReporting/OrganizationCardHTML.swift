public import AssessmentKernel

extension OrganizationCard {
    /// The card as a whole HTML page.
    public func html(to sink: any ReportSink) throws {
        let page = HTMLPage(title: "\(score.organization.displayName) — результаты независимой оценки")
        try page.open(sink)
        try htmlBody(to: sink)
        try page.close(sink)
    }

    /// The card's content without the page frame (the public site wraps it in its own).
    public func htmlBody(to sink: any ReportSink) throws {
        let organization = score.organization
        let type = organization.type.flatMap(sector.type)
        let kind = type?.kinds.first { $0.id == organization.kind }
        var out = "<h1>\(HTMLText.escape(organization.name))</h1>\n<dl class=\"facts\">\n"
        func fact(_ term: String, _ value: String) { out += "<dt>\(term)</dt><dd>\(value)</dd>\n" }
        fact("Код", HTMLText.escape(organization.id.rawValue))
        fact("Сфера", HTMLText.escape(sector.title))
        if let type { fact("Тип", HTMLText.escape(type.title) + (kind.map { ", вид: \(HTMLText.escape($0.title))" } ?? "")) }
        if let founder = organization.founder { fact("Учредитель", HTMLText.escape(founder)) }
        if let inn = organization.inn { fact("ИНН", HTMLText.escape(inn)) }
        if let ogrn = organization.ogrn { fact("ОГРН", HTMLText.escape(ogrn)) }
        fact("Редакция методики", HTMLText.escape(score.methodology.rawValue))
        fact("Итог", "<strong>\(HTMLText.number(score.total))</strong>" + (score.band.map { " (\(HTMLText.escape($0)))" } ?? ""))
        fact("Анкет", "\(score.respondents)")
        fact("Выборка", score.sample.status == .sufficient ? HTMLText.escape(score.sample.label)
             : "<span class=\"warn\">\(HTMLText.escape(score.sample.label))</span>")
        out += "</dl>\n"
        try sink.write(out)

        try criteriaSection(to: sink)
        try indicatorsSection(to: sink)
        try explanationSection(to: sink)
        try shortcomingsSection(to: sink)
        try planSection(to: sink)
        let audited = auditRows
        if !audited.isEmpty {
            var out = "<section aria-labelledby=\"audits\">\n<h2 id=\"audits\">Проверка чек-листов</h2>\n<table>\n"
            out += "<caption>Кто, когда и по какому подтверждению проверил пункты</caption>\n" + HTMLText.headerRow(Self.auditHeader) + "<tbody>\n"
            out += audited.map { HTMLText.row($0.map(HTMLText.escape)) }.joined()
            try sink.write(out + "</tbody>\n</table>\n</section>\n")
        }
        if !suggestions.isEmpty {
            var out = "<section aria-labelledby=\"suggestions\">\n<h2 id=\"suggestions\">Предложения получателей услуг</h2>\n<ul>\n"
            out += suggestions.map { "<li>\(HTMLText.escape($0))</li>\n" }.joined()
            try sink.write(out + "</ul>\n</section>\n")
        }
        if !score.flags.isEmpty {
            var out = "<section aria-labelledby=\"flags\">\n<h2 id=\"flags\">Отметки</h2>\n<ul>\n"
            out += score.flags.map { "<li>\(HTMLText.escape($0.message))</li>\n" }.joined()
            try sink.write(out + "</ul>\n</section>\n")
        }
    }

    private func criteriaSection(to sink: any ReportSink) throws {
        let criteria = score.criteria
        var out = "<section aria-labelledby=\"criteria\">\n<h2 id=\"criteria\">Критерии</h2>\n<figure>\n"
        out += SVGChart.groupedBars(
            title: "Профиль К1–К5: организация, среднее и лучшее в сфере",
            categories: criteria.map(\.id.rawValue),
            series: [
                .init(name: "Организация", values: criteria.map { $0.applied ? $0.value : nil }, color: "bar"),
                .init(name: "Среднее по сфере", values: criteria.map { c in statistics.criterion(c.id).mean }, color: "mean"),
                .init(name: "Лучшее в сфере", values: criteria.map { c in statistics.criterion(c.id).best }, color: "best"),
            ])
        out += "<figcaption>Значения критериев (0–100) рядом со средним и лучшим значением в сфере.</figcaption>\n</figure>\n"
        out += "<table>\n<caption>Критерии против сферы</caption>\n"
        out += HTMLText.headerRow(["", "Критерий", "Значение", "Среднее по сфере", "Лучшее в сфере"], numeric: [2, 3, 4]) + "<tbody>\n"
        for criterion in criteria {
            if criterion.applied {
                out += HTMLText.row([HTMLText.escape(criterion.id.rawValue), HTMLText.escape(criterion.title), HTMLText.number(criterion.value),
                                     HTMLText.number(statistics.criterion(criterion.id).mean),
                                     HTMLText.number(statistics.criterion(criterion.id).best)], numeric: [2, 3, 4], headers: 1)
            } else {
                out += HTMLText.row([HTMLText.escape(criterion.id.rawValue), HTMLText.escape(criterion.title), "не применяется", "", ""], headers: 1)
            }
        }
        out += HTMLText.row(["", "<strong>Итог</strong>", "<strong>\(HTMLText.number(score.total))</strong>",
                             HTMLText.number(statistics.total.mean), HTMLText.number(statistics.total.best)], numeric: [2, 3, 4], headers: 1)
        try sink.write(out + "</tbody>\n</table>\n")
        if !score.extra.isEmpty {
            var out = "<h3>Дополнительные критерии (не входят в итог по 344н)</h3>\n<ul>\n"
            out += score.extra.map { "<li>\(HTMLText.escape($0.title)): \(HTMLText.number($0.value))</li>\n" }.joined()
            if let index = score.regionalIndex { out += "<li>Региональный индекс: \(HTMLText.number(index))</li>\n" }
            try sink.write(out + "</ul>\n")
        }
        try sink.write("</section>\n")
    }

    private func indicatorsSection(to sink: any ReportSink) throws {
        var out = "<section aria-labelledby=\"indicators\">\n<h2 id=\"indicators\">Показатели</h2>\n<table>\n<caption>Показатели против сферы</caption>\n"
        out += HTMLText.headerRow(["", "Показатель", "Значение", "Среднее по сфере", "Лучшее в сфере"], numeric: [2, 3, 4]) + "<tbody>\n"
        for indicator in score.indicators {
            out += HTMLText.row([HTMLText.escape(indicator.id.rawValue), HTMLText.escape(indicator.title), HTMLText.number(indicator.value),
                                 HTMLText.number(statistics.indicator(indicator.id).mean),
                                 HTMLText.number(statistics.indicator(indicator.id).best)], numeric: [2, 3, 4], headers: 1)
        }
        try sink.write(out + "</tbody>\n</table>\n</section>\n")
    }

    private func explanationSection(to sink: any ReportSink) throws {
        var out = "<section aria-labelledby=\"explain\">\n<h2 id=\"explain\">Как получено каждое число</h2>\n<ul class=\"explain\">\n"
        out += ExplanationHTML.item(score.totalExplanation)
        for extra in score.extra { out += ExplanationHTML.item(extra.explanation) }
        try sink.write(out + "</ul>\n</section>\n")
    }

    private func shortcomingsSection(to sink: any ReportSink) throws {
        var out = "<section aria-labelledby=\"shortcomings\">\n<h2 id=\"shortcomings\">Недостатки и рекомендуемые меры</h2>\n"
        if score.shortcomings.isEmpty {
            out += "<p>Недостатков не выявлено.</p>\n"
        } else {
            out += "<table>\n<caption>Недостатки</caption>\n" + HTMLText.headerRow(["Критерий", "Недостаток", "Рекомендуемая мера"]) + "<tbody>\n"
            for shortcoming in score.shortcomings {
                out += HTMLText.row([HTMLText.escape(shortcoming.criterion?.rawValue ?? ""), HTMLText.escape(shortcoming.text),
                                     HTMLText.escape(shortcoming.measure)])
            }
            out += "</tbody>\n</table>\n"
        }
        try sink.write(out + "</section>\n")
    }

    private func planSection(to sink: any ReportSink) throws {
        guard !plan.isEmpty else { return }
        var out = "<section aria-labelledby=\"plan\">\n<h2 id=\"plan\">План по устранению недостатков</h2>\n"
        if let today { out += "<p class=\"muted\">Состояние на \(today.russian).</p>\n" }
        out += PlanHTML.table(plan, today: today, organizationNames: nil)
        try sink.write(out + "</section>\n")
    }
}

/// An explanation tree as nested HTML lists.
public enum ExplanationHTML {
    public static func item(_ explanation: Explanation) -> String {
        var out = "<li>\(HTMLText.escape(explanation.subject)) = <strong>\(HTMLText.number(explanation.value))</strong> — \(HTMLText.escape(explanation.rule))"
        if !explanation.facts.isEmpty {
            out += " <span class=\"muted\">[" + explanation.facts.map {
                "\(HTMLText.escape($0.name.rawValue)) \(ExplanationText.factValue($0.value))"
            }.joined(separator: ", ") + "]</span>"
        }
        if !explanation.notes.isEmpty || !explanation.children.isEmpty {
            out += "\n<ul>\n"
            out += explanation.notes.map { "<li class=\"note\"><em>\(HTMLText.escape($0))</em></li>\n" }.joined()
            out += explanation.children.map(item).joined()
            out += "</ul>\n"
        }
        return out + "</li>\n"
    }
}

/// Improvement plan rows in the columns of Постановление № 457, with their status.
public enum PlanHTML {
    public static func table(_ measures: [ImprovementMeasure], today: Day?, organizationNames: [OrganizationID: String]?) -> String {
        var columns = ["Недостаток", "Мероприятие", "Срок", "Ответственный", "Реализованные меры", "Фактический срок"]
        if organizationNames != nil { columns.insert("Организация", at: 0) }
        if today != nil { columns.append("Состояние") }
        var out = "<table>\n<caption>План мероприятий (форма Постановления Правительства РФ № 457)</caption>\n" + HTMLText.headerRow(columns) + "<tbody>\n"
        for measure in measures {
            var cells: [String] = []
            if let organizationNames { cells.append(HTMLText.escape(organizationNames[measure.organization] ?? measure.organization.rawValue)) }
            let responsible = [measure.responsibleName, measure.responsiblePosition].compactMap { $0 }.joined(separator: ", ")
            cells += [HTMLText.escape(measure.shortcoming), HTMLText.escape(measure.measure), measure.plannedOn?.russian ?? "—",
                      HTMLText.escape(responsible.isEmpty ? "—" : responsible), HTMLText.escape(measure.implemented ?? "—"),
                      measure.actualOn?.russian ?? "—"]
            if let today {
                let status = measure.status(today: today)
                cells.append("<span class=\"status-\(status.rawValue)\">\(status.title)</span>")
            }
            out += HTMLText.row(cells)
        }
        return out + "</tbody>\n</table>\n"
    }
}
