import AssessmentKernel

/// A question or check-list a formula refers to, with where it was written.
struct FormulaReference {
    enum Kind { case question, checklist }
    let kind: Kind
    let id: String
    let node: ConfigNode
}

/// Decodes `value:` of an indicator (methodology.md §3 language) and remembers its references.
struct FormulaDecoder {
    static let kinds = ["share", "checklist_points", "checklist_ratio", "lookup", "mean", "weighted_sum", "custom"]
    let indicatorKinds: [String: any CustomIndicatorKind]
    private(set) var references: [FormulaReference] = []

    init(indicatorKinds: [String: any CustomIndicatorKind]) { self.indicatorKinds = indicatorKinds }

    mutating func decode(_ node: ConfigNode) -> Formula? {
        guard let mapping = node.mapping(allowed: Self.kinds) else { return nil }
        guard mapping.keys.count == 1, let kind = mapping.keys.first, let body = mapping.optional(kind) else {
            node.error(mapping.keys.isEmpty
                ? "не задан вид значения; допустимы: \(Self.kinds.joined(separator: ", "))"
                : "задано несколько видов значения (\(mapping.keys.joined(separator: ", "))); нужен ровно один")
            return nil
        }
        switch kind {
        case "share": return share(body)
        case "checklist_points": return points(body)
        case "checklist_ratio":
            guard let lists = body.sequence() else { return nil }
            if lists.isEmpty { body.error("нужен хотя бы один чек-лист") }
            let ids = lists.compactMap { list in list.identifier().map { reference(.checklist, $0, list) } }
            return ids.count == lists.count && !ids.isEmpty ? .checklistRatio(ids.map { ChecklistID($0) }) : nil
        case "lookup": return lookup(body)
        case "mean":
            guard let parts = body.sequence() else { return nil }
            if parts.isEmpty { body.error("нужно хотя бы одно подзначение") }
            let formulas = parts.compactMap { decode($0) }
            return formulas.count == parts.count && !formulas.isEmpty ? .mean(formulas) : nil
        case "weighted_sum": return weightedSum(body)
        default: return custom(body)
        }
    }

    private mutating func reference(_ kind: FormulaReference.Kind, _ id: String, _ node: ConfigNode) -> String {
        references.append(FormulaReference(kind: kind, id: id, node: node))
        return id
    }

    private mutating func share(_ node: ConfigNode) -> Formula? {
        guard let mapping = node.mapping(allowed: ["question", "positive"]) else { return nil }
        guard let questionNode = mapping.required("question"), let question = questionNode.identifier() else { return nil }
        _ = reference(.question, question, questionNode)
        var positive = [AnswerKind.yes]
        if let list = mapping.optional("positive") {
            guard let values = list.sequence()?.compactMap({ $0.text() }), !values.isEmpty else {
                list.error("нужен непустой список ответов, считающихся положительными")
                return nil
            }
            positive = values
        }
        return .share(question: QuestionID(question), positive: positive)
    }

    private mutating func points(_ node: ConfigNode) -> Formula? {
        guard let mapping = node.mapping(allowed: ["checklist", "points_per_item", "cap"]) else { return nil }
        let listNode = mapping.required("checklist")
        let list = listNode?.identifier()
        let per = mapping.required("points_per_item")?.number()
        let cap = mapping.required("cap")?.number()
        if let per, per <= 0 { mapping.optional("points_per_item")?.error("баллов за пункт должно быть больше 0") }
        if let cap, !(0...100).contains(cap) { mapping.optional("cap")?.error("предел должен быть от 0 до 100") }
        guard let list, let listNode, let per, let cap else { return nil }
        _ = reference(.checklist, list, listNode)
        return .checklistPoints(checklist: ChecklistID(list), pointsPerItem: per, cap: cap)
    }

    private mutating func lookup(_ node: ConfigNode) -> Formula? {
        guard let mapping = node.mapping(allowed: ["question", "table"]) else { return nil }
        let questionNode = mapping.required("question")
        let question = questionNode?.identifier()
        guard let rowsNode = mapping.required("table"), let rows = rowsNode.sequence() else { return nil }
        if rows.isEmpty { rowsNode.error("таблица пуста") }
        let table = rows.compactMap { row -> LookupRow? in
            guard let fields = row.mapping(allowed: ["from", "below", "answer", "points"]) else { return nil }
            let points = fields.required("points")?.number()
            if let points, !(0...100).contains(points) { fields.optional("points")?.error("баллы должны быть от 0 до 100") }
            let from = fields.optional("from")?.number()
            let below = fields.optional("below")?.number()
            let answer = fields.optional("answer")?.text()
            if answer != nil && (from != nil || below != nil) {
                row.error("строка таблицы задаёт либо answer, либо диапазон from/below, но не то и другое")
            } else if answer == nil && from == nil && below == nil {
                row.error("строка таблицы должна задать answer или from/below")
            }
            if let from, let below, from >= below { row.error("from должно быть меньше below") }
            guard let points else { return nil }
            return LookupRow(from: from, below: below, answer: answer, points: points)
        }
        guard let question, let questionNode, table.count == rows.count, !table.isEmpty else { return nil }
        _ = reference(.question, question, questionNode)
        return .lookup(question: QuestionID(question), table: table)
    }

    private mutating func weightedSum(_ node: ConfigNode) -> Formula? {
        guard let terms = node.sequence() else { return nil }
        if terms.isEmpty { node.error("нужно хотя бы одно слагаемое") }
        let decoded = terms.compactMap { term -> WeightedTerm? in
            guard let fields = term.mapping(allowed: ["weight", "value"]) else { return nil }
            let weight = fields.required("weight")?.number()
            let formula = fields.required("value").flatMap { decode($0) }
            guard let weight, let formula else { return nil }
            return WeightedTerm(weight: weight, formula: formula)
        }
        guard decoded.count == terms.count, !decoded.isEmpty else { return nil }
        checkWeights(decoded.map(\.weight), at: node, what: "веса взвешенной суммы")
        return .weightedSum(decoded)
    }

    private func custom(_ node: ConfigNode) -> Formula? {
        guard let mapping = node.mapping(allowed: ["kind", "parameters"]) else { return nil }
        guard let kindNode = mapping.required("kind"), let kind = kindNode.identifier() else { return nil }
        var parameters: [String: String] = [:]
        if let parametersNode = mapping.optional("parameters") {
            for (key, value) in parametersNode.pairs() ?? [] {
                if let name = key.string(), let text = value.string() { parameters[name] = text }
            }
        }
        guard let implementation = indicatorKinds[kind] else {
            let known = indicatorKinds.keys.sorted()
            kindNode.error("вид показателя «\(kind)» не предоставлен ни одним плагином" + (known.isEmpty ? "" : "; доступны: \(known.joined(separator: ", "))"))
            return nil
        }
        let problems = implementation.validate(parameters: parameters)
        for problem in problems { (mapping.optional("parameters") ?? node).error(problem) }
        return problems.isEmpty ? .custom(kind: kind, parameters: parameters) : nil
    }
}

/// Weights must add up to 1; the message shows the actual sum.
func checkWeights(_ weights: [Double], at node: ConfigNode, what: String) {
    let sum = weights.reduce(0, +)
    if abs(sum - 1) > 1e-6 {
        node.error("\(what) в сумме дают \(DecimalText((sum * 1e6).rounded() / 1e6)), а должны давать 1")
    }
    for weight in weights where weight < 0 {
        node.error("\(what): вес \(DecimalText(weight)) меньше 0")
    }
}
