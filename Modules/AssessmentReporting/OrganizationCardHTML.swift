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
        var out = HTMLBytes(capacity: 1 << 16)
        htmlBody(into: &out)
        try sink.write(bytes: out)
    }

    /// The card's content appended to `out`, byte for byte what `htmlBody(to:)` writes.
    public func htmlBody(into out: inout HTMLBytes) {
        let organization = score.organization
        let type = organization.type.flatMap(sector.type)
        let kind = type?.kinds.first { $0.id == organization.kind }
        out.raw("<h1>")
        out.escaped(organization.name)
        out.raw("</h1>\n<dl class=\"facts\">\n")
        out.raw("<dt>Код</dt><dd>")
        out.escaped(organization.id.rawValue)
        out.raw("</dd>\n<dt>Сфера</dt><dd>")
        out.escaped(sector.title)
        out.raw("</dd>\n")
        if let type {
            out.raw("<dt>Тип</dt><dd>")
            out.escaped(type.title)
            if let kind {
                out.raw(", вид: ")
                out.escaped(kind.title)
            }
            out.raw("</dd>\n")
        }
        for (term, value) in [("Учредитель", organization.founder), ("ИНН", organization.inn), ("ОГРН", organization.ogrn)] {
            guard let value else { continue }
            out.raw("<dt>\(term)</dt><dd>")
            out.escaped(value)
            out.raw("</dd>\n")
        }
        out.raw("<dt>Редакция методики</dt><dd>")
        out.escaped(score.methodology.rawValue)
        out.raw("</dd>\n<dt>Итог</dt><dd><strong>")
        out.number(score.total)
        out.raw("</strong>")
        if let band = score.band {
            out.raw(" (")
            out.escaped(band)
            out.raw(")")
        }
        out.raw("</dd>\n<dt>Анкет</dt><dd>")
        out.integer(score.respondents)
        out.raw("</dd>\n<dt>Выборка</dt><dd>")
        if score.sample.status == .sufficient {
            out.escaped(score.sample.label)
        } else {
            out.raw("<span class=\"warn\">")
            out.escaped(score.sample.label)
            out.raw("</span>")
        }
        out.raw("</dd>\n</dl>\n")

        criteriaSection(into: &out)
        indicatorsSection(into: &out)
        explanationSection(into: &out)
        shortcomingsSection(into: &out)
        planSection(into: &out)
        let audited = auditRows
        if !audited.isEmpty {
            var text = "<section aria-labelledby=\"audits\">\n<h2 id=\"audits\">Проверка чек-листов</h2>\n<table>\n"
            text += "<caption>Кто, когда и по какому подтверждению проверил пункты</caption>\n" + HTMLText.headerRow(Self.auditHeader) + "<tbody>\n"
            text += audited.map { HTMLText.row($0.map(HTMLText.escape)) }.joined()
            out.raw(text + "</tbody>\n</table>\n</section>\n")
        }
        if !suggestions.isEmpty {
            out.raw("<section aria-labelledby=\"suggestions\">\n<h2 id=\"suggestions\">Предложения получателей услуг</h2>\n<ul>\n")
            for suggestion in suggestions {
                out.raw("<li>")
                out.escaped(suggestion)
                out.raw("</li>\n")
            }
            out.raw("</ul>\n</section>\n")
        }
        if !score.flags.isEmpty {
            out.raw("<section aria-labelledby=\"flags\">\n<h2 id=\"flags\">Отметки</h2>\n<ul>\n")
            for flag in score.flags {
                out.raw("<li>")
                out.escaped(flag.message)
                out.raw("</li>\n")
            }
            out.raw("</ul>\n</section>\n")
        }
    }

    static let versusSectorHeader = HTMLText.headerRow(["", "Критерий", "Значение", "Среднее по сфере", "Лучшее в сфере"], numeric: [2, 3, 4])
    static let indicatorsHeader = HTMLText.headerRow(["", "Показатель", "Значение", "Среднее по сфере", "Лучшее в сфере"], numeric: [2, 3, 4])
    static let shortcomingsHeader = HTMLText.headerRow(["Критерий", "Недостаток", "Рекомендуемая мера"])

    /// `<tr><th scope="row">id</th><td>title</td><td class="num">value</td><td class="num">mean</td><td class="num">best</td></tr>`
    private func versusRow(_ out: inout HTMLBytes, id: String, title: String, value: Double?, figure: SectorStatistics.Figure) {
        out.raw("<tr><th scope=\"row\">")
        out.escaped(id)
        out.raw("</th><td>")
        out.escaped(title)
        out.raw("</td><td class=\"num\">")
        out.number(value)
        out.raw("</td><td class=\"num\">")
        out.number(figure.mean)
        out.raw("</td><td class=\"num\">")
        out.number(figure.best)
        out.raw("</td></tr>\n")
    }

    private func criteriaSection(into out: inout HTMLBytes) {
        let criteria = score.criteria
        out.raw("<section aria-labelledby=\"criteria\">\n<h2 id=\"criteria\">Критерии</h2>\n<figure>\n")
        out.raw(SVGChart.groupedBars(
            title: "Профиль К1–К5: организация, среднее и лучшее в сфере",
            categories: criteria.map(\.id.rawValue),
            series: [
                .init(name: "Организация", values: criteria.map { $0.applied ? $0.value : nil }, color: "bar"),
                .init(name: "Среднее по сфере", values: criteria.map { c in statistics.criterion(c.id).mean }, color: "mean"),
                .init(name: "Лучшее в сфере", values: criteria.map { c in statistics.criterion(c.id).best }, color: "best"),
            ]))
        out.raw("<figcaption>Значения критериев (0–100) рядом со средним и лучшим значением в сфере.</figcaption>\n</figure>\n")
        out.raw("<table>\n<caption>Критерии против сферы</caption>\n")
        out.raw(Self.versusSectorHeader)
        out.raw("<tbody>\n")
        for criterion in criteria {
            if criterion.applied {
                versusRow(&out, id: criterion.id.rawValue, title: criterion.title, value: criterion.value,
                          figure: statistics.criterion(criterion.id))
            } else {
                out.raw("<tr><th scope=\"row\">")
                out.escaped(criterion.id.rawValue)
                out.raw("</th><td>")
                out.escaped(criterion.title)
                out.raw("</td><td>не применяется</td><td></td><td></td></tr>\n")
            }
        }
        out.raw("<tr><th scope=\"row\"></th><td><strong>Итог</strong></td><td class=\"num\"><strong>")
        out.number(score.total)
        out.raw("</strong></td><td class=\"num\">")
        out.number(statistics.total.mean)
        out.raw("</td><td class=\"num\">")
        out.number(statistics.total.best)
        out.raw("</td></tr>\n</tbody>\n</table>\n")
        if !score.extra.isEmpty {
            out.raw("<h3>Дополнительные критерии (не входят в итог по 344н)</h3>\n<ul>\n")
            for extra in score.extra {
                out.raw("<li>")
                out.escaped(extra.title)
                out.raw(": ")
                out.number(extra.value)
                out.raw("</li>\n")
            }
            if let index = score.regionalIndex {
                out.raw("<li>Региональный индекс: ")
                out.number(index)
                out.raw("</li>\n")
            }
            out.raw("</ul>\n")
        }
        out.raw("</section>\n")
    }

    private func indicatorsSection(into out: inout HTMLBytes) {
        out.raw("<section aria-labelledby=\"indicators\">\n<h2 id=\"indicators\">Показатели</h2>\n<table>\n<caption>Показатели против сферы</caption>\n")
        out.raw(Self.indicatorsHeader)
        out.raw("<tbody>\n")
        for indicator in score.indicators {
            versusRow(&out, id: indicator.id.rawValue, title: indicator.title, value: indicator.value,
                      figure: statistics.indicator(indicator.id))
        }
        out.raw("</tbody>\n</table>\n</section>\n")
    }

    private func explanationSection(into out: inout HTMLBytes) {
        out.raw("<section aria-labelledby=\"explain\">\n<h2 id=\"explain\">Как получено каждое число</h2>\n<ul class=\"explain\">\n")
        ExplanationHTML.item(score.totalExplanation, into: &out)
        for extra in score.extra { ExplanationHTML.item(extra.explanation, into: &out) }
        out.raw("</ul>\n</section>\n")
    }

    private func shortcomingsSection(into out: inout HTMLBytes) {
        out.raw("<section aria-labelledby=\"shortcomings\">\n<h2 id=\"shortcomings\">Недостатки и рекомендуемые меры</h2>\n")
        if score.shortcomings.isEmpty {
            out.raw("<p>Недостатков не выявлено.</p>\n")
        } else {
            out.raw("<table>\n<caption>Недостатки</caption>\n")
            out.raw(Self.shortcomingsHeader)
            out.raw("<tbody>\n")
            for shortcoming in score.shortcomings {
                out.raw("<tr><td>")
                out.escaped(shortcoming.criterion?.rawValue ?? "")
                out.raw("</td><td>")
                out.escaped(shortcoming.text)
                out.raw("</td><td>")
                out.escaped(shortcoming.measure)
                out.raw("</td></tr>\n")
            }
            out.raw("</tbody>\n</table>\n")
        }
        out.raw("</section>\n")
    }

    private func planSection(into out: inout HTMLBytes) {
        guard !plan.isEmpty else { return }
        out.raw("<section aria-labelledby=\"plan\">\n<h2 id=\"plan\">План по устранению недостатков</h2>\n")
        if let today {
            out.raw("<p class=\"muted\">Состояние на ")
            out.raw(today.russian)
            out.raw(".</p>\n")
        }
        out.raw(PlanHTML.table(plan, today: today, organizationNames: nil))
        out.raw("</section>\n")
    }
}

/// An explanation tree as nested HTML lists.
public enum ExplanationHTML {
    public static func item(_ explanation: Explanation) -> String {
        var out = HTMLBytes(capacity: 4096)
        item(explanation, into: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    public static func item(_ explanation: Explanation, into out: inout HTMLBytes) {
        out.raw("<li>")
        out.escaped(explanation.subject)
        out.raw(" = <strong>")
        out.number(explanation.value)
        out.raw("</strong> — ")
        out.escaped(explanation.rule)
        if !explanation.facts.isEmpty {
            out.raw(" <span class=\"muted\">[")
            for (index, fact) in explanation.facts.enumerated() {
                if index > 0 { out.raw(", ") }
                out.escaped(fact.name.rawValue)
                out.raw(" ")
                factValue(fact.value, into: &out)
            }
            out.raw("]</span>")
        }
        if !explanation.notes.isEmpty || !explanation.children.isEmpty {
            out.raw("\n<ul>\n")
            for note in explanation.notes {
                out.raw("<li class=\"note\"><em>")
                out.escaped(note)
                out.raw("</em></li>\n")
            }
            for child in explanation.children { item(child, into: &out) }
            out.raw("</ul>\n")
        }
        out.raw("</li>\n")
    }

    /// The same text as `ExplanationText.factValue`: whole numbers as integers, others to 4 decimals without trailing zeros.
    static func factValue(_ value: Double, into out: inout HTMLBytes) {
        if value == value.rounded() && abs(value) < 1e12 {
            out.integer(Int(value))
            return
        }
        let start = out.bytes.count
        out.number(value, decimals: 4)
        while out.bytes.count > start, out.bytes[out.bytes.count - 1] == UInt8(ascii: "0") { out.bytes.removeLast() }
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
