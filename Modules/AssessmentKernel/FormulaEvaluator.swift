/// Computes one formula for one organisation, applying the zero-denominator policy at each leaf.
struct FormulaEvaluator {
    let questions: [QuestionID: Question]
    let checklists: [ChecklistID: Checklist]
    let customKinds: [String: any CustomIndicatorKind]
    let policies: ScoringPolicies
    let data: OrganizationData
    /// False when the caller shows only the numbers: explanations then carry their value alone, and no text is built.
    var explain = true

    func evaluate(_ formula: Formula) -> FormulaResult {
        switch formula {
        case .share(let question, let positive):
            share(question, positive: positive)
        case .checklistPoints(let checklist, let pointsPerItem, let cap):
            checklistPoints(checklist, pointsPerItem: pointsPerItem, cap: cap)
        case .checklistRatio(let lists):
            checklistRatio(lists)
        case .lookup(let question, let table):
            lookup(question, table: table)
        case .mean(let parts):
            combine(parts.map { WeightedTerm(weight: 1, formula: $0) }, rule: "среднее подзначений", showWeights: false)
        case .weightedSum(let terms):
            combine(terms, rule: "взвешенная сумма: Σ вес × значение", showWeights: true)
        case .custom(let kind, let parameters):
            custom(kind, parameters: parameters)
        }
    }

    /// The explanation `make` builds, or only the value when explanations were not asked for.
    private func explained(_ value: Double?, _ make: @autoclosure () -> Explanation) -> Explanation {
        explain ? make() : .omitted(value)
    }

    private func questionLabel(_ id: QuestionID) -> String {
        let symbol = questions[id]?.symbol.map { " (\($0))" } ?? ""
        return "вопрос \(id)\(symbol)"
    }

    private func share(_ id: QuestionID, positive: [String]) -> FormulaResult {
        let tally = data.tally(id)
        let numerator = tally.count(of: positive)
        func facts() -> [Fact] {
            [Fact(.numerator, Double(numerator)), Fact(.denominator, Double(tally.answered))]
                + (tally.ignoredByFilter > 0 ? [Fact(.ignoredByFilter, Double(tally.ignoredByFilter))] : [])
        }
        func notes() -> [String] {
            tally.ignoredByFilter > 0 ? ["\(tally.ignoredByFilter) ответ(ов) на \(id) дано вопреки фильтру анкеты и не учтено."] : []
        }
        func rule() -> String {
            let wanted = positive == [AnswerKind.yes] ? "«да»" : positive.map { "«\($0)»" }.joined(separator: ", ")
            return "100 × ответы \(wanted) / ответившие на \(questionLabel(id))"
        }
        if tally.answered == 0 {
            return zeroDenominator(subject: "Доля: \(questionLabel(id))", rule: rule(), facts: facts(), notes: notes(),
                                   reason: "никто не ответил на \(id)")
        }
        let value = 100 * Double(numerator) / Double(tally.answered)
        return FormulaResult(value: value, explanation: explained(value, Explanation(
            subject: "Доля: \(questionLabel(id))", value: value, rule: rule(), facts: facts(), notes: notes())))
    }

    private struct ItemCount {
        var present = 0, applicable = 0, notApplicable = 0, unmarked = 0
    }

    private func countItems(_ id: ChecklistID) -> ItemCount {
        var count = ItemCount()
        let marks = data.checklists[id] ?? [:]
        for item in checklists[id]?.items ?? [] {
            switch marks[item.id] {
            case .present: count.present += 1; count.applicable += 1
            case .absent: count.applicable += 1
            case .notApplicable: count.notApplicable += 1
            case nil: count.unmarked += 1; count.applicable += 1
            }
        }
        return count
    }

    private func checklistTitle(_ id: ChecklistID) -> String { "«\(checklists[id]?.title ?? id.rawValue)»" }

    private func missingNotes(_ id: ChecklistID, _ count: ItemCount) -> [String] {
        if data.checklists[id] == nil {
            return ["Нет данных чек-листа \(checklistTitle(id)): все пункты считаются отсутствующими."]
        }
        if count.unmarked > 0 {
            return ["\(count.unmarked) пункт(ов) чек-листа \(checklistTitle(id)) без отметки считаются отсутствующими."]
        }
        return []
    }

    private func checklistPoints(_ id: ChecklistID, pointsPerItem: Double, cap: Double) -> FormulaResult {
        let count = countItems(id)
        let raw = Double(count.present) * pointsPerItem
        let value = min(raw, cap)
        func notes() -> [String] {
            missingNotes(id, count)
                + (raw > cap ? ["Сумма \(DecimalRounding.format(raw)) ограничена пределом \(DecimalRounding.format(cap))."] : [])
        }
        let explanation = explained(value, Explanation(
            subject: "Баллы по чек-листу \(checklistTitle(id))", value: value,
            rule: "\(DecimalRounding.format(pointsPerItem, decimals: 0)) баллов за каждый имеющийся пункт, не более \(DecimalRounding.format(cap, decimals: 0))",
            facts: [Fact(.itemsPresent, Double(count.present)), Fact(.pointsPerItem, pointsPerItem),
                    Fact(.points, raw), Fact(.cap, cap)],
            notes: notes()))
        return FormulaResult(value: value, explanation: explanation)
    }

    private func checklistRatio(_ lists: [ChecklistID]) -> FormulaResult {
        let parts = lists.map { id -> FormulaResult in
            let count = countItems(id)
            func facts() -> [Fact] {
                [Fact(.numerator, Double(count.present)), Fact(.denominator, Double(count.applicable))]
                    + (count.notApplicable > 0 ? [Fact(.itemsNotApplicable, Double(count.notApplicable))] : [])
            }
            func subject() -> String { "Доля пунктов чек-листа \(checklistTitle(id))" }
            let rule = "100 × пунктов есть / пунктов применимо"
            if count.applicable == 0 {
                return zeroDenominator(subject: subject(), rule: rule, facts: facts(), notes: missingNotes(id, count),
                                       reason: "в чек-листе \(checklistTitle(id)) нет применимых пунктов")
            }
            let value = 100 * Double(count.present) / Double(count.applicable)
            return FormulaResult(value: value, explanation: explained(value, Explanation(
                subject: subject(), value: value, rule: rule, facts: facts(), notes: missingNotes(id, count))))
        }
        return aggregate(parts, weights: Array(repeating: 1, count: parts.count),
                         rule: "100 × среднее долей «есть / применимо» по спискам", showWeights: false)
    }

    private func lookup(_ id: QuestionID, table: [LookupRow]) -> FormulaResult {
        let tally = data.tally(id)
        var points = 0.0
        var matched = 0
        var unmatched = 0
        for (answer, count) in tally.counts.sorted(by: { $0.key < $1.key }) {
            if let row = table.first(where: { $0.matches(answer) }) {
                points += row.points * Double(count)
                matched += count
            } else {
                unmatched += count
            }
        }
        func notes() -> [String] {
            unmatched > 0 ? ["\(unmatched) ответ(ов) на \(id) не нашли строки в таблице и не учтены."] : []
        }
        let facts = [Fact(.points, points), Fact(.denominator, Double(matched))]
        func rule() -> String { "среднее по ответившим баллов из таблицы по \(questionLabel(id))" }
        if matched == 0 {
            return zeroDenominator(subject: "Баллы: \(questionLabel(id))", rule: rule(), facts: facts, notes: notes(),
                                   reason: "нет ответов на \(id)")
        }
        let value = points / Double(matched)
        return FormulaResult(value: value, explanation: explained(value, Explanation(
            subject: "Баллы: \(questionLabel(id))", value: value, rule: rule(), facts: facts, notes: notes())))
    }

    private func combine(_ terms: [WeightedTerm], rule: String, showWeights: Bool) -> FormulaResult {
        aggregate(terms.map { evaluate($0.formula) }, weights: terms.map(\.weight), rule: rule, showWeights: showWeights)
    }

    /// Weighted mean of parts; parts without a value (policy `exclude`) drop out and the rest are rescaled.
    private func aggregate(_ parts: [FormulaResult], weights: [Double], rule: String, showWeights: Bool) -> FormulaResult {
        var sum = 0.0
        var weightUsed = 0.0
        var children: [Explanation] = []
        for (part, weight) in zip(parts, weights) {
            if explain {
                var child = part.explanation
                if showWeights { child.facts.insert(Fact(.weight, weight), at: 0) }
                children.append(child)
            }
            guard let value = part.value else { continue }
            sum += weight * value
            weightUsed += weight
        }
        let totalWeight = weights.reduce(0, +)
        var notes: [String] = []
        let value: Double?
        if weightUsed == 0 {
            value = nil
        } else {
            value = sum / weightUsed
            if explain && weightUsed < totalWeight - 1e-9 {
                notes.append("Часть подзначений исключена; веса оставшихся пересчитаны в сумму 1.")
            }
        }
        return FormulaResult(
            value: value,
            explanation: explained(value, Explanation(subject: "Сводное значение", value: value, rule: rule, notes: notes, children: children)),
            hitZeroDenominator: parts.contains { $0.hitZeroDenominator })
    }

    private func custom(_ kind: String, parameters: [String: String]) -> FormulaResult {
        guard let implementation = customKinds[kind] else {
            // Config validation rejects unknown kinds; reaching here means the plugin list changed.
            return FormulaResult(value: nil, explanation: Explanation(
                subject: "Вид показателя «\(kind)»", value: nil, rule: "нет плагина с этим видом показателя"))
        }
        var result = implementation.evaluate(parameters: parameters, data: data, policies: policies)
        if !explain { result.explanation = .omitted(result.value) }
        return result
    }

    private func zeroDenominator(
        subject: @autoclosure () -> String, rule: @autoclosure () -> String, facts: @autoclosure () -> [Fact],
        notes: @autoclosure () -> [String], reason: @autoclosure () -> String
    ) -> FormulaResult {
        let value: Double?
        let outcome: String
        switch policies.zeroDenominator {
        case .zero: value = 0; outcome = "значение 0"
        case .full: value = 100; outcome = "значение 100"
        case .exclude: value = nil; outcome = "часть исключена, веса пересчитаны"
        }
        return FormulaResult(
            value: value,
            explanation: explained(value, Explanation(
                subject: subject(), value: value, rule: rule(), facts: facts(),
                notes: notes() + ["Знаменатель равен 0 (\(reason())); правило zero_denominator = \(policies.zeroDenominator.rawValue): \(outcome)."])),
            hitZeroDenominator: true)
    }
}
