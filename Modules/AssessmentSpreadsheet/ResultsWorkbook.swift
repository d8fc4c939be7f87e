public import AssessmentKernel
public import Foundation

/// A campaign's results as the workbook officials open: ranking, indicators, shortcomings and plans,
/// each on its own sheet with a frozen header row, number formats and column widths.
public struct ResultsWorkbook: Sendable {
    public var regionName: String
    public var sectors: [SectorDefinition]
    public var methodology: Methodology
    public var region: RegionSettings
    public var scores: [OrganizationScore]
    /// Previous campaign's totals for the change column; nil hides the column.
    public var previousTotals: [OrganizationID: Double]?
    public var plan: [ImprovementMeasure]
    /// The day measures' status is told on; the creation date stored in the file (the same campaign gives the same bytes).
    public var today: Day

    public init(regionName: String, sectors: [SectorDefinition], methodology: Methodology, region: RegionSettings,
                scores: [OrganizationScore], previousTotals: [OrganizationID: Double]? = nil, plan: [ImprovementMeasure] = [], today: Day) {
        self.regionName = regionName
        self.sectors = sectors
        self.methodology = methodology
        self.region = region
        self.scores = scores
        self.previousTotals = previousTotals
        self.plan = plan
        self.today = today
    }

    public func write(to url: URL) throws(SpreadsheetError) {
        let workbook = try Workbook(url: url, title: "Результаты независимой оценки качества — \(regionName)", created: today.date())
        try writeRanking(workbook)
        try writeIndicators(workbook)
        try writeShortcomings(workbook)
        try writePlans(workbook)
        try workbook.close()
    }

    private func writeRanking(_ workbook: Workbook) throws(SpreadsheetError) {
        var columns: [(String, Double)] = [("Сфера", 22), ("Место", 7), ("Код", 10), ("Организация", 48), ("Тип", 22), ("Учредитель", 30)]
        columns += methodology.criteria.map { ($0.id.rawValue, 8) }
        columns += [("Итог", 8), ("Оценка", 16), ("Анкет", 8), ("Требуется анкет", 10), ("Выборка", 16)]
        if previousTotals != nil { columns.append(("Изменение", 11)) }
        columns += region.extraCriteria.map { ($0.title, 14) }
        if let index = region.regionalIndex { columns.append((index.title, 14)) }
        let sheet = try workbook.addSheet("Рейтинг", columns: columns)
        for sector in sectors {
            let ranked = Ranking.rank(scores.filter { $0.organization.sector == sector.id }, policies: region.policies)
            for entry in ranked {
                let score = entry.score
                var cells: [Workbook.Sheet.Cell] = [
                    .text(sector.title), .integer(entry.rank), .text(score.organization.id.rawValue), .wrapped(score.organization.name),
                    .text(score.organization.type.flatMap(sector.type)?.title ?? ""), .wrapped(score.organization.founder ?? ""),
                ]
                cells += methodology.criteria.map { criterion in
                    guard let value = score.criterion(criterion.id), value.applied else { return .text("н/п") }
                    return .number(value.value)
                }
                cells += [.number(score.total), .text(score.band ?? ""), .integer(score.respondents), .integer(score.sample.required),
                          .text(sampleText(score.sample))]
                if let previousTotals {
                    cells.append(.number(score.total.flatMap { total in
                        previousTotals[score.organization.id].map { DecimalRounding.round(total - $0, decimals: region.policies.decimals) }
                    }))
                }
                cells += region.extraCriteria.map { extra in .number(score.extra.first { $0.id == extra.id }?.value) }
                if region.regionalIndex != nil { cells.append(.number(score.regionalIndex)) }
                try sheet.append(cells)
            }
        }
    }

    private func sampleText(_ sample: SampleCheck) -> String {
        switch sample.status {
        case .sufficient: "достаточна"
        case .insufficient: "недостаточна"
        case .unknown: "не проверена"
        }
    }

    private func writeIndicators(_ workbook: Workbook) throws(SpreadsheetError) {
        let sheet = try workbook.addSheet("Показатели", columns: [
            ("Код", 10), ("Организация", 40), ("Критерий", 9), ("Показатель", 10), ("Название показателя", 60),
            ("Значение", 10), ("Числитель", 10), ("Знаменатель", 11), ("Среднее по сфере", 11),
        ])
        for sector in sectors {
            let inSector = scores.filter { $0.organization.sector == sector.id }
            var means: [IndicatorID: Double] = [:]
            for indicator in sector.indicators {
                let values = inSector.compactMap { $0.indicator(indicator.id)?.value }
                if !values.isEmpty { means[indicator.id] = DecimalRounding.round(values.reduce(0, +) / Double(values.count), decimals: region.policies.decimals) }
            }
            for score in inSector {
                for indicator in score.indicators {
                    try sheet.append([
                        .text(score.organization.id.rawValue), .text(score.organization.displayName), .text(indicator.criterion.rawValue),
                        .text(indicator.id.rawValue), .wrapped(indicator.title), .number(indicator.value),
                        .number(indicator.explanation.fact(.numerator)), .number(indicator.explanation.fact(.denominator)),
                        .number(means[indicator.id]),
                    ])
                }
            }
        }
    }

    private func writeShortcomings(_ workbook: Workbook) throws(SpreadsheetError) {
        let sheet = try workbook.addSheet("Недостатки", columns: [
            ("Код", 10), ("Организация", 40), ("Критерий", 9), ("Показатель", 10), ("Недостаток", 60), ("Рекомендуемая мера", 60),
        ])
        for sector in sectors {
            for score in scores where score.organization.sector == sector.id {
                for shortcoming in score.shortcomings {
                    try sheet.append([
                        .text(score.organization.id.rawValue), .text(score.organization.displayName),
                        .text(shortcoming.criterion?.rawValue ?? ""), .text(shortcoming.indicator?.rawValue ?? ""),
                        .wrapped(shortcoming.text), .wrapped(shortcoming.measure),
                    ])
                }
            }
        }
    }

    private func writePlans(_ workbook: Workbook) throws(SpreadsheetError) {
        let sheet = try workbook.addSheet("Планы", columns: [
            ("Код", 10), ("Организация", 36), ("Критерий", 9), ("Недостаток", 48), ("Мероприятие", 48), ("Плановый срок", 12),
            ("Ответственный", 22), ("Должность", 18), ("Реализованные меры", 40), ("Фактический срок", 12), ("Состояние", 12),
        ])
        let names = Dictionary(scores.map { ($0.organization.id, $0.organization.displayName) }) { first, _ in first }
        func date(_ day: Day?) -> Workbook.Sheet.Cell { day.map { .date(year: $0.year, month: $0.month, day: $0.day) } ?? .empty }
        for measure in plan {
            try sheet.append([
                .text(measure.organization.rawValue), .text(names[measure.organization] ?? ""), .text(measure.criterion),
                .wrapped(measure.shortcoming), .wrapped(measure.measure), date(measure.plannedOn), .text(measure.responsibleName ?? ""),
                .text(measure.responsiblePosition ?? ""), .wrapped(measure.implemented ?? ""), date(measure.actualOn),
                .text(measure.status(today: today).title),
            ])
        }
    }
}
