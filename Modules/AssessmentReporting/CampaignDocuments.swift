public import AssessmentKernel

/// The documents the seeds' stages need, built from a stored campaign as `DocumentModel`s: terms of reference
/// for the operator, the notification letter, the council's decision draft, the head's decree draft
/// (Kaspiysk step 16) and the improvement plans in the form of Постановление Правительства РФ № 457.
/// No dates of its own: the same campaign gives the same documents.
public struct CampaignDocuments: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case terms, notification, councilDecision = "council-decision", decree, improvementPlan = "improvement-plan"
    }

    public var regionName: String
    public var campaign: Campaign
    /// The campaign's sectors, in config order.
    public var sectors: [SectorDefinition]
    public var criteria: [Criterion]
    public var policies: ScoringPolicies
    /// Every assessed unit, and the ranked scores (branches folded in).
    public var unitScores: [OrganizationScore]
    public var scores: [OrganizationScore]
    public var stages: [CampaignStage]
    public var campaignOperator: CampaignOperator?
    public var approved: ApprovedResults?
    public var meetings: [CouncilMeeting]
    public var plan: [ImprovementMeasure]
    public var questionnaireURL: String?

    public init(regionName: String, campaign: Campaign, sectors: [SectorDefinition], criteria: [Criterion], policies: ScoringPolicies,
                unitScores: [OrganizationScore], scores: [OrganizationScore], stages: [CampaignStage], campaignOperator: CampaignOperator?,
                approved: ApprovedResults?, meetings: [CouncilMeeting], plan: [ImprovementMeasure], questionnaireURL: String?) {
        self.regionName = regionName
        self.campaign = campaign
        self.sectors = sectors
        self.criteria = criteria
        self.policies = policies
        self.unitScores = unitScores
        self.scores = scores
        self.stages = stages
        self.campaignOperator = campaignOperator
        self.approved = approved
        self.meetings = meetings
        self.plan = plan
        self.questionnaireURL = questionnaireURL
    }

    public func document(_ kind: Kind, organization: OrganizationID? = nil) throws -> DocumentModel {
        switch kind {
        case .terms: terms()
        case .notification: notification()
        case .councilDecision: councilDecision()
        case .decree: decree()
        case .improvementPlan: try improvementPlan(for: organization)
        }
    }

    // MARK: Shared pieces

    var assessment: String { "независимой оценки качества условий оказания услуг" }

    var sample: String {
        let share = DecimalRounding.format(policies.minimumSample.shareOfRecipients * 100, decimals: 0)
        return "не менее \(share) % от числа получателей услуг организации за год, но не более \(policies.minimumSample.maximum) анкет"
    }

    func units(in sector: SectorDefinition) -> [OrganizationScore] {
        unitScores.filter { $0.organization.sector == sector.id }
    }

    func stageTable() -> DocumentModel.Table {
        DocumentModel.Table(header: ["№", "Мероприятие", "Срок", "Даты", "Исполнители"], rows: stages.map { stage in
            [stage.number, stage.title, stage.deadlineText, CampaignDashboard.StageLine.dates(stage, year: campaign.year), stage.executors]
        }, widths: [1, 8, 3, 3, 4])
    }

    /// Per-sector results: place, institution, К1–К5, total, band.
    func resultTables(_ model: inout DocumentModel) {
        for sector in sectors {
            let ranked = Ranking.rank(scores.filter { $0.organization.sector == sector.id }, policies: policies)
            guard !ranked.isEmpty else { continue }
            model.heading("Сфера «\(sector.title)»", level: 3)
            model.table(DocumentModel.Table(
                header: ["Место", "Организация"] + criteria.map(\.id.rawValue) + ["Итог", "Оценка"],
                rows: ranked.map { entry in
                    let score = entry.score
                    return [entry.rank.map(String.init) ?? "—", score.organization.displayName]
                        + criteria.map { id in score.criterion(id.id).flatMap { $0.applied ? DecimalRounding.format($0.value) : nil } ?? "н/п" }
                        + [DecimalRounding.format(score.total), score.band ?? "—"]
                }, widths: [2, 10] + criteria.map { _ in 2 } + [2, 3]))
        }
    }

    var operatorText: String {
        guard let campaignOperator else { return "организация-оператор не определена (nok-admin campaign operator)" }
        return campaignOperator.name + (campaignOperator.inn.map { ", ИНН \($0)" } ?? "")
            + (campaignOperator.contract.map { " (\($0))" } ?? "")
    }

    // MARK: Documents

    func terms() -> DocumentModel {
        var model = DocumentModel(title: "Техническое задание организации-оператору")
        model.heading("Техническое задание на сбор и обобщение информации о качестве условий оказания услуг", level: 1)
        model.paragraph("Муниципальное образование «\(regionName)», \(campaign.year) год", .center)
        model.heading("1. Общие сведения")
        model.field("Заказчик", "администрация муниципального образования «\(regionName)»")
        model.field("Организация-оператор", operatorText)
        if let terms = campaignOperator?.termsOfReference { model.field("Техническое задание утверждено", terms) }
        model.field("Основание", "статья 36.1 Закона РФ от 09.10.1992 № 3612-1, статья 95.2 Федерального закона от 29.12.2012 № 273-ФЗ, "
                    + "статья 23.1 Федерального закона от 28.12.2013 № 442-ФЗ; единый порядок расчёта показателей — приказ Минтруда России № 344н")
        model.field("Кампания", "«\(campaign.title)», редакция методики \(campaign.methodology.rawValue)")
        model.heading("2. Организации, в отношении которых проводится оценка")
        for sector in sectors {
            let units = units(in: sector)
            guard !units.isEmpty else { continue }
            model.heading("Сфера «\(sector.title)»: \(units.count)", level: 3)
            model.table(DocumentModel.Table(
                header: ["№", "Организация", "Учредитель", "Получателей услуг", "Минимум анкет"],
                rows: units.enumerated().map { index, score in
                    let organization = score.organization
                    return ["\(index + 1)", organization.name, organization.founder ?? "—", organization.recipients.map(String.init) ?? "не указано",
                            score.sample.required.map(String.init) ?? "не определён"]
                }, widths: [1, 9, 6, 3, 3]))
        }
        model.heading("3. Критерии и показатели")
        model.paragraph("Оценка проводится по общим критериям: " + criteria.map { "\($0.id.rawValue) — \($0.title)" }.joined(separator: "; ") + ".")
        for sector in sectors where !units(in: sector).isEmpty {
            let criterionOf = Dictionary(sector.criteria.flatMap { weights in weights.weights.map { ($0.indicator, weights.criterion) } }) { first, _ in first }
            model.heading("Показатели сферы «\(sector.title)»", level: 3)
            model.table(DocumentModel.Table(header: ["Показатель", "Критерий", "Наименование"], rows: sector.indicators.map { indicator in
                [indicator.id.rawValue, criterionOf[indicator.id]?.rawValue ?? "—", indicator.title]
            }, widths: [2, 2, 12]))
        }
        model.heading("4. Объём выборки")
        model.paragraph("Число опрошенных получателей услуг в каждой организации — \(sample). Анкеты принимаются на официальном сайте, "
                        + "на бумаге, в интервью и по телефону; минимум по каждой организации указан в разделе 2.")
        model.heading("5. Сроки")
        if stages.isEmpty {
            model.paragraph("План кампании не задан: сроки устанавливаются контрактом.")
        } else {
            model.table(stageTable())
        }
        model.heading("6. Результат работ")
        model.paragraph("Оператор передаёт заказчику и общественному совету: заполненные чек-листы по каждой организации с указанием, кто, "
                        + "когда и по какому источнику проверил каждый пункт; анкеты получателей услуг в электронном виде; значения показателей "
                        + "и критериев с расчётом; перечень недостатков с предложениями по их устранению.")
        return model
    }

    func notification() -> DocumentModel {
        var model = DocumentModel(title: "Уведомление о проведении независимой оценки")
        model.paragraph("Руководителям муниципальных организаций муниципального образования «\(regionName)», сферы: " + sectors.map { "«\($0.title)»" }.joined(separator: ", "), .right)
        model.heading("О проведении \(assessment) в \(campaign.year) году", level: 1)
        model.paragraph("Уважаемые руководители!", .center)
        model.paragraph("Сообщаем, что в \(campaign.year) году в отношении ваших организаций проводится независимая оценка качества условий оказания услуг "
                        + "по общим критериям: " + criteria.map(\.title).joined(separator: "; ") + ". "
                        + "Сбор и обобщение информации выполняет \(campaignOperator.map { "организация-оператор \($0.name)" } ?? "организация-оператор, определённая заказчиком").")
        if !stages.isEmpty {
            model.paragraph("Сроки проведения:")
            model.table(stageTable())
        }
        model.paragraph("Просим подготовить:")
        var items = [
            "информацию на официальном сайте и на информационных стендах в помещениях организации в объёме, установленном для вашей сферы "
                + "(оператор проверит её по чек-листам: " + Set(sectors.flatMap { $0.checklists.map(\.title) }).sorted().joined(separator: "; ") + ");",
            "условия доступности для инвалидов и комфортность условий оказания услуг;",
            "информирование получателей услуг о возможности заполнить анкету; в каждой организации нужно не меньше анкет, чем указано в таблице ниже (\(sample)).",
        ]
        items.insert(questionnaireURL.map { "ссылку на анкету на главной странице официального сайта: \($0);" }
                     ?? "ссылку на анкету на главной странице официального сайта (адрес анкеты сообщит оператор);", at: 1)
        for (index, item) in items.enumerated() { model.paragraph("\(index + 1). \(item)") }
        model.table(DocumentModel.Table(header: ["Организация", "Сфера", "Минимум анкет"], rows: sectors.flatMap { sector in
            units(in: sector).map { [$0.organization.name, sector.title, $0.sample.required.map(String.init) ?? "не определён (нет числа получателей)"] }
        }, widths: [10, 4, 3]))
        return model
    }

    func councilDecision() -> DocumentModel {
        var model = DocumentModel(title: "Проект решения общественного совета")
        model.heading("Решение общественного совета по проведению \(assessment)", level: 1)
        model.paragraph("Проект. Муниципальное образование «\(regionName)», кампания «\(campaign.title)», \(campaign.year) год", .center)
        model.paragraph("Рассмотрев информацию организации-оператора\(campaignOperator.map { " \($0.name)" } ?? "") о результатах \(assessment) "
                        + "и проведя их общественное обсуждение, общественный совет РЕШИЛ:")
        model.paragraph("1. Утвердить результаты \(assessment) муниципальных организаций (баллы от 0 до 100 по критериям и итоговый балл):")
        resultTables(&model)
        if let approved, campaign.status == .approved {
            model.paragraph("2. Результаты зафиксированы: версия \(approved.version), решение «\(approved.decision)», "
                            + "контрольная сумма SHA-256 \(approved.contentHash).")
        } else {
            model.paragraph("2. Зафиксировать утверждённые результаты контрольной суммой SHA-256 при утверждении (nok-admin approve); "
                            + "изменение результатов после утверждения — только новым решением с указанием причины.")
        }
        model.paragraph("3. Направить в администрацию муниципального образования «\(regionName)» предложения об улучшении качества работы организаций:")
        let recorded = meetings.flatMap(\.decisions).filter { $0.subject == .proposals }
        var proposals = recorded.map { "\($0.text) (\($0.document))" }
        for section in ShortcomingSummary(scores: unitScores, sectors: sectors, previous: nil).sections {
            for line in section.lines.prefix(3) {
                proposals.append("сфера «\(section.sector.title)»: \(line.measure.lowercasedFirst) — недостаток «\(line.text)» выявлен у "
                                 + "\(line.institutions.count) из \(section.assessed) организаций")
            }
        }
        for (index, proposal) in proposals.enumerated() { model.paragraph("3.\(index + 1). \(proposal).") }
        model.paragraph("4. Разместить результаты на официальном сайте для размещения информации о государственных и муниципальных "
                        + "учреждениях (bus.gov.ru) и на сайте администрации.")
        return model
    }

    func decree() -> DocumentModel {
        var model = DocumentModel(title: "Проект постановления об утверждении результатов")
        model.paragraph("Проект", .right)
        model.heading("Постановление администрации муниципального образования «\(regionName)»", level: 1)
        model.heading("О мерах по улучшению деятельности муниципальных организаций по результатам \(assessment) в \(campaign.year) году", level: 2)
        let basis = approved.map { "решения общественного совета («\($0.decision)»)" } ?? "решения общественного совета об утверждении результатов"
        model.paragraph("В соответствии со статьёй 36.1 Закона РФ от 09.10.1992 № 3612-1, статьёй 95.2 Федерального закона от 29.12.2012 № 273-ФЗ, "
                        + "статьёй 23.1 Федерального закона от 28.12.2013 № 442-ФЗ, на основании \(basis) ПОСТАНОВЛЯЮ:")
        model.paragraph("1. Принять к сведению результаты \(assessment) муниципальных организаций в \(campaign.year) году (приложение).")
        let planned = Set(plan.map(\.organization))
        let withShortcomings = unitScores.filter { !$0.shortcomings.isEmpty }
        model.paragraph("2. Руководителям муниципальных организаций, у которых выявлены недостатки (\(withShortcomings.count)), разработать и утвердить "
                        + "планы по их устранению по форме, утверждённой постановлением Правительства РФ от 17.04.2018 № 457, "
                        + "разместить их на официальных сайтах организаций и на bus.gov.ru"
                        + (planned.isEmpty ? "." : "; планы представлены \(planned.count) организациями."))
        let founders = Set(unitScores.compactMap(\.organization.founder)).sorted()
        model.paragraph("3. Учредителям (" + (founders.isEmpty ? "органам, осуществляющим функции учредителя" : founders.joined(separator: "; "))
                        + ") обеспечить контроль выполнения планов и учитывать результаты оценки при оценке эффективности работы руководителей.")
        model.paragraph("4. Опубликовать настоящее постановление и результаты оценки на официальном сайте администрации.")
        model.paragraph("5. Контроль за исполнением настоящего постановления оставляю за собой.")
        model.heading("Приложение. Результаты \(assessment), \(campaign.year) год", level: 2)
        resultTables(&model)
        return model
    }

    /// The 457 form per institution: its stored plan, or a draft from its shortcomings when it has none yet.
    func improvementPlan(for organization: OrganizationID?) throws -> DocumentModel {
        var chosen = unitScores
        if let organization {
            guard let score = unitScores.first(where: { $0.organization.id == organization }) else {
                throw ReportError.organizationNotAssessed(organization.rawValue)
            }
            chosen = [score]
        }
        var model = DocumentModel(title: "План по устранению недостатков (форма № 457)", landscape: true)
        let header = ["Недостатки, выявленные в ходе независимой оценки качества условий оказания услуг",
                      "Наименование мероприятия по устранению недостатков", "Плановый срок реализации мероприятия",
                      "Ответственный исполнитель (фамилия, имя, отчество, должность)", "Реализованные меры по устранению недостатков",
                      "Фактический срок реализации"]
        for score in chosen {
            let stored = plan.filter { $0.organization == score.organization.id }
            let measures = stored.isEmpty ? score.shortcomings.map { ImprovementMeasure($0, organization: score.organization.id) } : stored
            guard !measures.isEmpty else { continue }
            model.heading("План по устранению недостатков, выявленных в ходе \(assessment), \(score.organization.name) на \(campaign.year + 1) год", level: 1)
            if stored.isEmpty {
                model.paragraph("Проект: мероприятия предложены по выявленным недостаткам; сроки и ответственных определяет организация.", .left)
            }
            var rows: [[String]] = []
            for criterion in criteria {
                let inCriterion = measures.filter { $0.criterion == criterion.id.rawValue }
                guard !inCriterion.isEmpty else { continue }
                rows.append(["\(criterion.id.rawValue). \(criterion.title)", "", "", "", "", ""])
                rows += inCriterion.map(Self.row)
            }
            let others = measures.filter { measure in !criteria.contains { $0.id.rawValue == measure.criterion } }
            if !others.isEmpty {
                rows.append(["Дополнительные критерии", "", "", "", "", ""])
                rows += others.map(Self.row)
            }
            model.table(DocumentModel.Table(header: header, rows: rows, widths: [5, 5, 2, 4, 4, 2]))
        }
        if model.blocks.isEmpty {
            model.paragraph("Недостатков не выявлено, мероприятий планов нет.")
        }
        return model
    }

    static func row(_ measure: ImprovementMeasure) -> [String] {
        let responsible = [measure.responsibleName, measure.responsiblePosition].compactMap { $0 }.joined(separator: ", ")
        return [measure.shortcoming, measure.measure, measure.plannedOn?.russian ?? "", responsible, measure.implemented ?? "", measure.actualOn?.russian ?? ""]
    }
}

extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
