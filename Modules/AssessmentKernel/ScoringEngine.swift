/// The 344н calculation: indicators → criteria К1–К5 → total, plus extra criteria beside it.
///
/// Pure and deterministic: the same counts and config give the same score, byte for byte.
public struct ScoringEngine: Sendable {
    public let methodology: Methodology
    public let policies: ScoringPolicies
    public let customKinds: [String: any CustomIndicatorKind]

    public init(methodology: Methodology, policies: ScoringPolicies, customKinds: [String: any CustomIndicatorKind] = [:]) {
        self.methodology = methodology
        self.policies = policies
        self.customKinds = customKinds
    }

    /// Scores one organisation. With `explanations: false` every explanation carries its value alone
    /// (`Explanation.omitted`) and no text is built: for reports that show only the numbers.
    public func score(
        _ data: OrganizationData, sector: SectorDefinition, extraCriteria: [ExtraCriterion] = [],
        regionalIndex: RegionalIndex? = nil, explanations: Bool = true
    ) -> OrganizationScore {
        scorer(for: sector, extraCriteria: extraCriteria, regionalIndex: regionalIndex).score(data, explanations: explanations)
    }

    /// What scoring many organisations of one sector shares, prepared once.
    public func scorer(for sector: SectorDefinition, extraCriteria: [ExtraCriterion] = [], regionalIndex: RegionalIndex? = nil)
        -> SectorScorer
    {
        SectorScorer(engine: self, sector: sector, extraCriteria: extraCriteria, regionalIndex: regionalIndex)
    }
}

/// The engine prepared for one sector: question and check-list look-ups built once, not per organisation.
public struct SectorScorer: Sendable {
    let engine: ScoringEngine
    let sector: SectorDefinition
    let extras: [ExtraCriterion]
    let regionalIndex: RegionalIndex?
    let questions: [QuestionID: Question]
    let checklists: [ChecklistID: Checklist]

    init(engine: ScoringEngine, sector: SectorDefinition, extraCriteria: [ExtraCriterion], regionalIndex: RegionalIndex?) {
        self.engine = engine
        self.sector = sector
        self.regionalIndex = regionalIndex
        extras = extraCriteria.filter { $0.sectors.contains(sector.id) }
        questions = Dictionary((sector.questions + extras.flatMap(\.questions)).map { ($0.id, $0) }) { a, _ in a }
        checklists = Dictionary((sector.checklists + extras.flatMap(\.checklists)).map { ($0.id, $0) }) { a, _ in a }
    }

    private var methodology: Methodology { engine.methodology }
    private var policies: ScoringPolicies { engine.policies }

    /// Scores one organisation of the sector; see `ScoringEngine.score`.
    public func score(_ data: OrganizationData, explanations: Bool = true) -> OrganizationScore {
        let explain = explanations
        var evaluator = FormulaEvaluator(
            questions: questions, checklists: checklists, customKinds: engine.customKinds, policies: policies, data: data)
        evaluator.explain = explain
        let organization = data.organization
        let applied = Set(sector.appliedCriteria(type: organization.type, kind: organization.kind)
                          ?? methodology.criteria.map(\.id))
        var flags: [ScoreFlag] = []
        var indicatorScores: [IndicatorScore] = []
        var criterionScores: [CriterionScore] = []

        for criterion in methodology.criteria {
            let weights = sector.criteria.first { $0.criterion == criterion.id }?.weights ?? []
            guard applied.contains(criterion.id) else {
                criterionScores.append(CriterionScore(
                    id: criterion.id, title: criterion.title, applied: false, value: nil,
                    explanation: explain ? Explanation(
                        subject: "Критерий \(criterion.id) «\(criterion.title)»", value: nil,
                        rule: "не применяется к организациям этого типа и вида (sector.yaml, ключ criteria)") : .omitted(nil)))
                continue
            }
            var scored: [(IndicatorScore, Double)] = []
            for weight in weights {
                guard let indicator = sector.indicator(weight.indicator) else { continue }
                let result = evaluator.evaluate(indicator.formula)
                let score = indicatorScore(indicator, criterion: criterion.id, result: result, explain: explain)
                if result.hitZeroDenominator {
                    flags.append(ScoreFlag(code: .zeroDenominator, message:
                        "Показатель \(indicator.id): нулевой знаменатель, применено правило zero_denominator = \(policies.zeroDenominator.rawValue)."))
                }
                indicatorScores.append(score)
                scored.append((score, weight.weight))
            }
            let value = weightedMean(scored.map { ($0.0.value, $0.1) })
            let rounded = roundStep(value)
            if rounded == nil {
                flags.append(ScoreFlag(code: .criterionWithoutValue, message:
                    "Критерий \(criterion.id): ни один показатель не дал значения; критерий не входит в итог."))
            }
            criterionScores.append(CriterionScore(
                id: criterion.id, title: criterion.title, applied: true, value: rounded,
                explanation: !explain ? .omitted(rounded) : Explanation(
                    subject: "Критерий \(criterion.id) «\(criterion.title)»", value: rounded,
                    rule: "Σ вес × значение показателя" + roundingSuffix,
                    notes: scored.contains { $0.0.value == nil } && rounded != nil
                        ? ["Показатели без значения исключены; веса оставшихся пересчитаны в сумму 1."] : [],
                    children: scored.map { score, weight in
                        var child = score.explanation
                        child.facts.insert(Fact(.weight, weight), at: 0)
                        return child
                    })))
        }

        let counted = criterionScores.filter { $0.applied && $0.value != nil }
        let total = counted.isEmpty ? nil
            : DecimalRounding.round(counted.compactMap(\.value).reduce(0, +) / Double(counted.count), decimals: policies.decimals)
        let totalExplanation = !explain ? .omitted(total) : Explanation(
            subject: "Итоговый показатель организации", value: total,
            rule: "среднее применённых критериев: (" + counted.map(\.id.rawValue).joined(separator: " + ") + ") / \(counted.count)",
            notes: criterionScores.filter { !$0.applied }.isEmpty ? [] :
                ["Не применяются: " + criterionScores.filter { !$0.applied }.map(\.id.rawValue).joined(separator: ", ") + "."],
            children: counted.map(\.explanation))

        let sample = sampleCheck(data)
        switch sample.status {
        case .insufficient:
            flags.append(ScoreFlag(code: .insufficientSample, message:
                "Недостаточная выборка: получено \(sample.actual) анкет из \(sample.required ?? 0) необходимых."))
        case .unknown:
            flags.append(ScoreFlag(code: .unknownSample, message:
                "Не указано число получателей услуг: достаточность выборки не проверена."))
        case .sufficient: break
        }
        let referencedLists = Set(indicatorScores.compactMap { sector.indicator($0.id) }.flatMap(\.formula.checklists))
        for list in sector.checklists where referencedLists.contains(list.id) && data.checklists[list.id] == nil {
            flags.append(ScoreFlag(code: .missingChecklist, message:
                "Нет данных чек-листа «\(list.title)»: все его пункты считаются отсутствующими."))
        }

        let extraScores = extras.map { scoreExtra($0, evaluator: evaluator, explain: explain) }
        for extra in extraScores where extra.value == nil {
            flags.append(ScoreFlag(code: .extraWithoutValue, message: "Дополнительный критерий «\(extra.title)» не получил значения."))
        }

        return OrganizationScore(
            organization: organization, methodology: methodology.id, respondents: data.respondents, sample: sample,
            indicators: indicatorScores, criteria: criterionScores, total: total,
            band: total.flatMap { policies.band(for: $0)?.title }, totalExplanation: totalExplanation,
            extra: extraScores, regionalIndex: regionalIndexValue(total: total, extras: extraScores, index: regionalIndex),
            shortcomings: ShortcomingFinder(sector: sector, data: data).find(indicatorScores)
                + extraShortcomings(extras, scores: extraScores),
            flags: flags)
    }

    /// An extra criterion's indicator below its configured threshold is a shortcoming too, under the criterion's id.
    private func extraShortcomings(_ extras: [ExtraCriterion], scores: [ExtraCriterionScore]) -> [Shortcoming] {
        zip(extras, scores).flatMap { extra, score in
            score.indicators.compactMap { indicatorScore -> Shortcoming? in
                guard let rule = extra.indicators.first(where: { $0.id == indicatorScore.id })?.shortcoming,
                      let value = indicatorScore.value, value < rule.below else { return nil }
                return Shortcoming(source: .surveyIndicator, criterion: CriterionID(extra.id.rawValue), indicator: indicatorScore.id,
                                   checklist: nil, item: nil, text: rule.text, measure: rule.measure, value: value)
            }
        }
    }

    private var roundingSuffix: String {
        policies.rounding == .eachStep ? "; округление до \(policies.decimals) знаков" : ""
    }

    private func roundStep(_ value: Double?) -> Double? {
        guard let value, policies.rounding == .eachStep else { return value }
        return DecimalRounding.round(value, decimals: policies.decimals)
    }

    private func weightedMean(_ parts: [(Double?, Double)]) -> Double? {
        let present = parts.compactMap { value, weight in value.map { ($0, weight) } }
        let weightUsed = present.reduce(0) { $0 + $1.1 }
        guard weightUsed > 0 else { return nil }
        return present.reduce(0) { $0 + $1.0 * $1.1 } / weightUsed
    }

    private func indicatorScore(_ indicator: Indicator, criterion: CriterionID, result: FormulaResult, explain: Bool) -> IndicatorScore {
        let value = roundStep(result.value)
        var explanation = result.explanation
        explanation.value = value
        if explain {
            explanation.subject = "Показатель \(indicator.id) «\(indicator.title)»"
            explanation.rule += roundingSuffix
        }
        return IndicatorScore(id: indicator.id, title: indicator.title, criterion: criterion, value: value, explanation: explanation)
    }

    private func scoreExtra(_ extra: ExtraCriterion, evaluator: FormulaEvaluator, explain: Bool) -> ExtraCriterionScore {
        let scored = extra.weights.compactMap { weight -> (IndicatorScore, Double)? in
            guard let indicator = extra.indicators.first(where: { $0.id == weight.indicator }) else { return nil }
            let score = indicatorScore(indicator, criterion: CriterionID(extra.id.rawValue), result: evaluator.evaluate(indicator.formula),
                                       explain: explain)
            return (score, weight.weight)
        }
        let value = roundStep(weightedMean(scored.map { ($0.0.value, $0.1) }))
        return ExtraCriterionScore(
            id: extra.id, title: extra.title, value: value, indicators: scored.map(\.0),
            explanation: !explain ? .omitted(value) : Explanation(
                subject: "Дополнительный критерий «\(extra.title)»", value: value,
                rule: "Σ вес × значение показателя; не входит в итог по 344н" + roundingSuffix,
                children: scored.map { score, weight in
                    var child = score.explanation
                    child.facts.insert(Fact(.weight, weight), at: 0)
                    return child
                }))
    }

    private func regionalIndexValue(total: Double?, extras: [ExtraCriterionScore], index: RegionalIndex?) -> Double? {
        guard let index, let total else { return nil }
        var sum = index.federalWeight * total
        for weight in index.extraWeights {
            guard let value = extras.first(where: { $0.id == weight.criterion })?.value else { return nil }
            sum += weight.weight * value
        }
        return DecimalRounding.round(sum, decimals: policies.decimals)
    }

    private func sampleCheck(_ data: OrganizationData) -> SampleCheck {
        policies.minimumSample.check(recipients: data.organization.recipients, actual: data.respondents)
    }
}
