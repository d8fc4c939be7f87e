import AssessmentKernel

/// Indicators with their formulas and weight maps; shared by sectors and extra criteria.
enum IndicatorLoading {
    struct Loaded {
        var indicators: [Indicator] = []
        /// What the formulas read, checked once the questions and check-lists in reach are known.
        var references: [FormulaReference] = []
        /// Where each indicator id was first declared (also of indicators with errors).
        var idNodes: [String: ConfigNode] = [:]
        /// Declaration order, for reports in file order.
        var order: [String] = []
    }

    static func indicators(_ node: ConfigNode, kinds: [String: any CustomIndicatorKind]) -> Loaded {
        var loaded = Loaded()
        guard let items = node.sequence() else { return loaded }
        if items.isEmpty { node.error("список indicators пуст; нужен хотя бы один показатель") }
        for item in items {
            guard let fields = item.mapping(allowed: ["id", "title", "value", "shortcoming"]) else { continue }
            let idNode = fields.required("id")
            let id = idNode?.identifier()
            let title = fields.required("title")?.text()
            var decoder = FormulaDecoder(indicatorKinds: kinds)
            let formula = fields.required("value").flatMap { decoder.decode($0) }
            loaded.references += decoder.references
            let rule = fields.optional("shortcoming").flatMap(shortcoming)
            if let id, let idNode {
                if let first = loaded.idNodes[id] {
                    idNode.error("показатель «\(id)» уже объявлен в строке \(first.position.line)")
                    continue
                }
                loaded.idNodes[id] = idNode
                loaded.order.append(id)
            }
            guard let id, let title, let formula else { continue }
            loaded.indicators.append(Indicator(id: IndicatorID(id), title: title, formula: formula, shortcoming: rule))
        }
        return loaded
    }

    private static func shortcoming(_ node: ConfigNode) -> ShortcomingRule? {
        guard let fields = node.mapping(allowed: ["below", "text", "measure"]) else { return nil }
        let belowNode = fields.required("below")
        let below = belowNode?.number()
        let text = fields.required("text")?.text()
        let measure = fields.required("measure")?.text()
        if let below, !(0...100).contains(below) {
            belowNode?.error("порог below должен быть от 0 до 100, а задано \(decimalText(below))")
            return nil
        }
        guard let below, let text, let measure else { return nil }
        return ShortcomingRule(below: below, text: text, measure: measure)
    }

    /// `{indicator: weight}` in order; each key must be a declared indicator and the weights must sum to 1.
    /// `mentioned` holds every declared indicator named, with its key, also when its weight was invalid,
    /// so that one typo is not reported twice.
    static func weights(_ node: ConfigNode, indicators: Loaded, what: String)
        -> (weights: [IndicatorWeight], mentioned: [(id: String, key: ConfigNode)])
    {
        guard let pairs = node.pairs() else { return ([], []) }
        if pairs.isEmpty { node.error("\(what): словарь весов пуст") }
        var result: [IndicatorWeight] = []
        var mentioned: [(id: String, key: ConfigNode)] = []
        var valid = true
        for (key, value) in pairs {
            let weight = value.number()
            guard let id = key.identifier() else {
                valid = false
                continue
            }
            guard indicators.idNodes[id] != nil else {
                key.error("показатель «\(id)» не объявлен в списке indicators; объявлены: \(quotedList(indicators.order))")
                valid = false
                continue
            }
            mentioned.append((id, key))
            guard let weight else {
                valid = false
                continue
            }
            result.append(IndicatorWeight(indicator: IndicatorID(id), weight: weight))
        }
        if valid, !pairs.isEmpty { checkWeights(result.map(\.weight), at: node, what: what) }
        return (result, mentioned)
    }
}
