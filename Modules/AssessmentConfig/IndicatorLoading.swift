import AssessmentKernel

/// Indicators with their formulas; shared by sectors and extra criteria.
enum IndicatorLoading {
    struct Loaded {
        var indicators: [Indicator] = []
        /// References with positions, checked once the available questions and check-lists are known.
        var references: [FormulaReference] = []
        /// Where each indicator id was declared, for duplicate and criterion checks.
        var idNodes: [String: ConfigNode] = [:]
    }

    static func indicators(_ node: ConfigNode, kinds: [String: any CustomIndicatorKind]) -> Loaded {
        var loaded = Loaded()
        for item in node.sequence() ?? [] {
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
            }
            guard let id, let title, let formula else { continue }
            loaded.indicators.append(Indicator(id: IndicatorID(id), title: title, formula: formula, shortcoming: rule))
        }
        return loaded
    }

    private static func shortcoming(_ node: ConfigNode) -> ShortcomingRule? {
        guard let fields = node.mapping(allowed: ["below", "text", "measure"]) else { return nil }
        let below = fields.required("below")?.number()
        let text = fields.required("text")?.text()
        let measure = fields.required("measure")?.text()
        if let below, !(0...100).contains(below) { fields.optional("below")?.error("порог должен быть от 0 до 100") }
        guard let below, let text, let measure else { return nil }
        return ShortcomingRule(below: below, text: text, measure: measure)
    }

    /// Every reference must name a question or check-list available here.
    static func checkReferences(_ references: [FormulaReference], questions: Set<String>, checklists: Set<String>, scope: String) {
        for reference in references {
            switch reference.kind {
            case .question where !questions.contains(reference.id):
                reference.node.error("показатель ссылается на вопрос «\(reference.id)», которого нет \(scope)")
            case .checklist where !checklists.contains(reference.id):
                reference.node.error("показатель ссылается на чек-лист «\(reference.id)», которого нет \(scope)")
            default:
                break
            }
        }
    }

    /// `{indicator: weight}` in order; each key must be a declared indicator. `mentioned` also holds
    /// keys whose weight was invalid, so that one typo is not reported twice.
    static func weights(_ node: ConfigNode, indicators: Loaded, what: String) -> (weights: [IndicatorWeight], mentioned: [IndicatorID]) {
        guard let pairs = node.pairs() else { return ([], []) }
        var result: [IndicatorWeight] = []
        var mentioned: [IndicatorID] = []
        for (key, value) in pairs {
            guard let id = key.identifier() else { continue }
            guard indicators.idNodes[id] != nil else {
                key.error("показатель «\(id)» не объявлен в списке indicators")
                continue
            }
            mentioned.append(IndicatorID(id))
            guard let weight = value.number() else { continue }
            result.append(IndicatorWeight(indicator: IndicatorID(id), weight: weight))
        }
        if result.count == pairs.count { checkWeights(result.map(\.weight), at: node, what: what) }
        return (result, mentioned)
    }
}
