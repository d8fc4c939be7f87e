public import AssessmentKernel

/// A sector built in code after methodology.md §2–3, small enough to compute by hand.
///
/// Check-lists: stand 4 items, website 5, remote channels 6, comfort 5, premises 5, services 6.
public enum StandardSector {
    public static let criteria: [Criterion] = [
        Criterion(id: "K1", title: "Открытость и доступность информации об организации"),
        Criterion(id: "K2", title: "Комфортность условий предоставления услуг"),
        Criterion(id: "K3", title: "Доступность услуг для инвалидов"),
        Criterion(id: "K4", title: "Доброжелательность, вежливость работников организации"),
        Criterion(id: "K5", title: "Удовлетворённость условиями оказания услуг"),
    ]

    public static let methodology = Methodology(
        id: "344n-2024", title: "344н в ред. 408н", validFrom: "2024-10-05", criteria: criteria)

    /// The 14 core questions; `timeliness` adds the social-services question after the website block.
    public static func questions(timeliness: Bool) -> [Question] {
        func yesNo(_ id: String, _ symbol: String, filter: (String, String)? = nil) -> Question {
            Question(id: QuestionID(id), text: "Вопрос \(id)", answer: .yesNo, symbol: symbol,
                     filter: filter.map { QuestionFilter(question: QuestionID($0.0), answer: $0.1) })
        }
        var list = [
            yesNo("q1", "Уобщ-стенд"), yesNo("q2", "Устенд", filter: ("q1", "yes")),
            yesNo("q3", "Уобщ-сайт"), yesNo("q4", "Усайт", filter: ("q3", "yes")),
        ]
        if timeliness { list.append(yesNo("q_timely", "Усвоевр")) }
        list += [
            yesNo("q5", "Укомф"), yesNo("q6", "Чинв"), yesNo("q7", "Удост", filter: ("q6", "yes")),
            yesNo("q8", "Уперв.конт"), yesNo("q9", "Уоказ.услуг"), yesNo("q10", "Чобщ_ус"),
            yesNo("q11", "Увежл.дист", filter: ("q10", "yes")), yesNo("q12", "Уреком"),
            yesNo("q13", "Уорг.усл"), yesNo("q14", "Ууд"),
            Question(id: "suggestions", text: "Предложения", answer: .text),
        ]
        return list
    }

    public static func checklist(_ id: String, _ count: Int, source: Checklist.Source = .visit) -> Checklist {
        Checklist(id: ChecklistID(id), title: id, source: source, items: (1...count).map {
            ChecklistItem(id: ChecklistItemID("\(id)-\($0)"), text: "Пункт \($0)",
                          shortcoming: "Нет пункта \($0) (\(id))", measure: "Обеспечить пункт \($0) (\(id))")
        })
    }

    /// A sector; with `timeliness` it uses 2.2 and К2 weights 0.3/0.4/0.3, otherwise 0.5/0.5.
    public static func make(id: SectorID = "standard", timeliness: Bool = false, types: [InstitutionType] = defaultTypes) -> SectorDefinition {
        func share(_ q: String) -> Formula { .share(question: QuestionID(q), positive: [AnswerKind.yes]) }
        func points(_ list: String, _ per: Double) -> Formula { .checklistPoints(checklist: ChecklistID(list), pointsPerItem: per, cap: 100) }
        var indicators = [
            Indicator(id: "1.1", title: "Информация на стендах и сайте", formula: .checklistRatio(["stand", "website"])),
            Indicator(id: "1.2", title: "Дистанционные способы", formula: points("remote_channels", 30)),
            Indicator(id: "1.3", title: "Удовлетворённость информацией", formula: .weightedSum([
                WeightedTerm(weight: 0.5, formula: share("q2")), WeightedTerm(weight: 0.5, formula: share("q4")),
            ]), shortcoming: ShortcomingRule(below: 90, text: "Низкая удовлетворённость информацией", measure: "Улучшить информирование")),
            Indicator(id: "2.1", title: "Комфортные условия", formula: points("comfort", 20)),
            Indicator(id: "2.3", title: "Удовлетворённость комфортностью", formula: share("q5")),
            Indicator(id: "3.1", title: "Оборудование помещений", formula: points("disability_premises", 20)),
            Indicator(id: "3.2", title: "Условия доступности услуг", formula: points("disability_services", 20)),
            Indicator(id: "3.3", title: "Удовлетворённость доступностью", formula: share("q7")),
            Indicator(id: "4.1", title: "Вежливость при первичном контакте", formula: share("q8")),
            Indicator(id: "4.2", title: "Вежливость при оказании услуги", formula: share("q9")),
            Indicator(id: "4.3", title: "Вежливость при дистанционном взаимодействии", formula: share("q11")),
            Indicator(id: "5.1", title: "Готовность рекомендовать", formula: share("q12")),
            Indicator(id: "5.2", title: "Организационные условия", formula: share("q13")),
            Indicator(id: "5.3", title: "Удовлетворённость в целом", formula: share("q14")),
        ]
        let k2: [IndicatorWeight]
        if timeliness {
            indicators.append(Indicator(id: "2.2", title: "Своевременность", formula: share("q_timely")))
            k2 = [IndicatorWeight(indicator: "2.1", weight: 0.3), IndicatorWeight(indicator: "2.2", weight: 0.4),
                  IndicatorWeight(indicator: "2.3", weight: 0.3)]
        } else {
            k2 = [IndicatorWeight(indicator: "2.1", weight: 0.5), IndicatorWeight(indicator: "2.3", weight: 0.5)]
        }
        func weights(_ pairs: [(String, Double)]) -> [IndicatorWeight] {
            pairs.map { IndicatorWeight(indicator: IndicatorID($0.0), weight: $0.1) }
        }
        return SectorDefinition(
            id: id, title: "Стандартная сфера", methodologies: ["344n-2024"], types: types,
            questions: questions(timeliness: timeliness),
            checklists: [
                checklist("stand", 4, source: .stand), checklist("website", 5, source: .website),
                checklist("remote_channels", 6, source: .website), checklist("comfort", 5),
                checklist("disability_premises", 5), checklist("disability_services", 6),
            ],
            indicators: indicators,
            criteria: [
                CriterionWeights(criterion: "K1", weights: weights([("1.1", 0.3), ("1.2", 0.3), ("1.3", 0.4)])),
                CriterionWeights(criterion: "K2", weights: k2),
                CriterionWeights(criterion: "K3", weights: weights([("3.1", 0.3), ("3.2", 0.4), ("3.3", 0.3)])),
                CriterionWeights(criterion: "K4", weights: weights([("4.1", 0.4), ("4.2", 0.4), ("4.3", 0.2)])),
                CriterionWeights(criterion: "K5", weights: weights([("5.1", 0.3), ("5.2", 0.2), ("5.3", 0.5)])),
            ])
    }

    public static let defaultTypes: [InstitutionType] = [
        InstitutionType(id: "library", title: "Библиотека"),
        InstitutionType(id: "theatre", title: "Театр", criteria: ["K1", "K3"]),
    ]
}
