import AssessmentKernel

/// Decodes `value:` of an indicator (Configs/README.md, "Виды значения") and remembers what it reads,
/// to be checked once the questions and check-lists in reach are known.
struct FormulaDecoder {
    static let kinds = ["share", "checklist_points", "checklist_ratio", "lookup", "mean", "weighted_sum", "custom"]
    let indicatorKinds: [String: any CustomIndicatorKind]
    private(set) var references: [FormulaReference] = []

    init(indicatorKinds: [String: any CustomIndicatorKind]) { self.indicatorKinds = indicatorKinds }

    mutating func decode(_ node: ConfigNode) -> Formula? {
        guard let mapping = node.mapping(allowed: Self.kinds) else { return nil }
        guard mapping.keys.count == 1, let kind = mapping.keys.first else {
            node.error(mapping.keys.isEmpty
                ? "не задан вид значения; нужен ровно один из ключей: \(Self.kinds.joined(separator: ", "))"
                : "задано несколько видов значения (\(mapping.keys.joined(separator: ", "))); нужен ровно один")
            return nil
        }
        guard let body = mapping.required(kind) else { return nil }
        switch kind {
        case "share": return share(body)
        case "checklist_points": return points(body)
        case "checklist_ratio": return ratio(body)
        case "lookup": return lookup(body)
        case "mean": return mean(body)
        case "weighted_sum": return weightedSum(body)
        default: return custom(body)
        }
    }

    private mutating func share(_ node: ConfigNode) -> Formula? {
        guard let fields = node.mapping(allowed: ["question", "positive"]) else { return nil }
        let questionNode = fields.required("question")
        let question = questionNode?.identifier()
        var positive: [(value: String, node: ConfigNode)] = [(AnswerKind.yes, node)]
        if let list = fields.optional("positive") {
            guard let items = list.sequence() else { return nil }
            if items.isEmpty { list.error("список positive пуст; нужен хотя бы один ответ, считающийся положительным") }
            let values = items.compactMap { item in item.text().map { (value: $0, node: item) } }
            guard values.count == items.count, !values.isEmpty else { return nil }
            positive = values
        }
        guard let question, let questionNode else { return nil }
        // The default ["yes"] is checked too: a share over a choice question must name its options.
        references.append(FormulaReference(target: .question, id: question, node: questionNode, use: .share(positive: positive)))
        return .share(question: QuestionID(question), positive: positive.map(\.value))
    }

    private mutating func points(_ node: ConfigNode) -> Formula? {
        guard let fields = node.mapping(allowed: ["checklist", "points_per_item", "cap"]) else { return nil }
        let listNode = fields.required("checklist")
        let list = listNode?.identifier()
        let perNode = fields.required("points_per_item")
        let capNode = fields.required("cap")
        var per = perNode?.number()
        var cap = capNode?.number()
        if let value = per, value <= 0 {
            perNode?.error("баллов за пункт должно быть больше 0, а задано \(decimalText(value))")
            per = nil
        }
        if let value = cap, !(0...100).contains(value) {
            capNode?.error("предел баллов должен быть от 0 до 100, а задано \(decimalText(value))")
            cap = nil
        }
        guard let list, let listNode else { return nil }
        references.append(FormulaReference(target: .checklist, id: list, node: listNode))
        guard let per, let cap else { return nil }
        return .checklistPoints(checklist: ChecklistID(list), pointsPerItem: per, cap: cap)
    }

    private mutating func ratio(_ node: ConfigNode) -> Formula? {
        guard let lists = node.sequence() else { return nil }
        if lists.isEmpty { node.error("список чек-листов пуст; нужен хотя бы один") }
        let ids = lists.compactMap { list -> String? in
            guard let id = list.identifier() else { return nil }
            references.append(FormulaReference(target: .checklist, id: id, node: list))
            return id
        }
        guard ids.count == lists.count, !ids.isEmpty else { return nil }
        return .checklistRatio(ids.map { ChecklistID($0) })
    }

    private mutating func lookup(_ node: ConfigNode) -> Formula? {
        guard let fields = node.mapping(allowed: ["question", "table"]) else { return nil }
        let questionNode = fields.required("question")
        let question = questionNode?.identifier()
        guard let tableNode = fields.required("table"), let rows = tableNode.sequence() else { return nil }
        if rows.isEmpty { tableNode.error("таблица баллов пуста; нужна хотя бы одна строка") }
        let table = rows.compactMap { row in lookupRow(row).map { (row: $0, node: row) } }
        guard let question, let questionNode else { return nil }
        references.append(FormulaReference(target: .question, id: question, node: questionNode, use: .lookup(rows: table)))
        guard table.count == rows.count, !table.isEmpty else { return nil }
        return .lookup(question: QuestionID(question), table: table.map(\.row))
    }

    private func lookupRow(_ node: ConfigNode) -> LookupRow? {
        guard let fields = node.mapping(allowed: ["from", "below", "answer", "points"]) else { return nil }
        let pointsNode = fields.required("points")
        let points = pointsNode?.number()
        let from = fields.optional("from")?.number()
        let below = fields.optional("below")?.number()
        let answer = fields.optional("answer")?.text()
        var valid = true
        if let points, !(0...100).contains(points) {
            pointsNode?.error("баллы должны быть от 0 до 100, а задано \(decimalText(points))")
            valid = false
        }
        let hasRange = fields.optional("from") != nil || fields.optional("below") != nil
        if fields.optional("answer") != nil && hasRange {
            node.error("строка таблицы задаёт либо answer, либо диапазон from/below, но не то и другое")
            valid = false
        } else if fields.optional("answer") == nil && !hasRange {
            node.error("строка таблицы должна задать answer или диапазон from/below")
            valid = false
        }
        if let from, let below, from >= below {
            node.error("from (\(decimalText(from))) должно быть меньше below (\(decimalText(below)))")
            valid = false
        }
        guard valid, let points, answer != nil || from != nil || below != nil else { return nil }
        return LookupRow(from: from, below: below, answer: answer, points: points)
    }

    private mutating func mean(_ node: ConfigNode) -> Formula? {
        guard let parts = node.sequence() else { return nil }
        if parts.isEmpty { node.error("список mean пуст; нужно хотя бы одно подзначение") }
        let formulas = parts.compactMap { decode($0) }
        guard formulas.count == parts.count, !formulas.isEmpty else { return nil }
        return .mean(formulas)
    }

    private mutating func weightedSum(_ node: ConfigNode) -> Formula? {
        guard let terms = node.sequence() else { return nil }
        if terms.isEmpty { node.error("список weighted_sum пуст; нужно хотя бы одно слагаемое") }
        let decoded = terms.compactMap { term -> WeightedTerm? in
            guard let fields = term.mapping(allowed: ["weight", "value"]) else { return nil }
            let weight = fields.required("weight")?.number()
            let formula = fields.required("value").flatMap { decode($0) }
            guard let weight, let formula else { return nil }
            return WeightedTerm(weight: weight, formula: formula)
        }
        guard decoded.count == terms.count, !decoded.isEmpty else { return nil }
        guard checkWeights(decoded.map(\.weight), at: node, what: "веса weighted_sum") else { return nil }
        return .weightedSum(decoded)
    }

    private func custom(_ node: ConfigNode) -> Formula? {
        guard let fields = node.mapping(allowed: ["kind", "parameters"]) else { return nil }
        guard let kindNode = fields.required("kind"), let kind = kindNode.identifier() else { return nil }
        let parametersNode = fields.optional("parameters")
        var parameters: [String: String] = [:]
        var readable = true
        if let parametersNode {
            guard let pairs = parametersNode.pairs() else { return nil }
            for (key, value) in pairs {
                guard let name = key.identifier(), let text = value.string() else {
                    readable = false
                    continue
                }
                parameters[name] = text
            }
        }
        guard let implementation = indicatorKinds[kind] else {
            let known = indicatorKinds.keys.sorted()
            kindNode.error("вид показателя «\(kind)» не предоставлен ни одним плагином сферы; "
                + (known.isEmpty ? "видов custom нет" : "доступны: \(known.joined(separator: ", "))"))
            return nil
        }
        guard readable else { return nil }
        let problems = implementation.validate(parameters: parameters)
        for problem in problems {
            (parametersNode ?? node).error("параметры вида «\(kind)»: \(problem)")
        }
        return problems.isEmpty ? .custom(kind: kind, parameters: parameters) : nil
    }
}

/// Weights must add up to 1 (±1e-6) and none may be negative; the message shows the actual sum.
@discardableResult
func checkWeights(_ weights: [Double], at node: ConfigNode, what: String) -> Bool {
    var valid = true
    for weight in weights where weight < 0 {
        node.error("\(what): вес \(decimalText(weight)) меньше 0")
        valid = false
    }
    let sum = weights.reduce(0, +)
    if abs(sum - 1) > 1e-6 {
        node.error("\(what) в сумме дают \(decimalText(sum)), а должны давать 1")
        valid = false
    }
    return valid
}
