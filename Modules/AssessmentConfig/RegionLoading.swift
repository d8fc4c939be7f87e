import AssessmentKernel

/// `region.yaml`: policies, default edition, extra criteria, the optional combined index.
enum RegionLoading {
    struct Loaded {
        var name: String
        var methodology: MethodologyID
        var policies: ScoringPolicies
        /// File names under `extra-criteria/`, with where each was named.
        var extraCriteria: [(id: String, node: ConfigNode)]
        var regionalIndex: RegionalIndex?
    }

    static let keys = ["name", "methodology", "policies", "extra_criteria", "regional_index"]
    static let policyKeys = ["zero_denominator", "rounding", "decimals", "ties", "minimum_sample", "rating_bands", "branches"]

    static func load(_ file: YAMLFile, editions: Editions) -> Loaded? {
        guard let document = file.document(allowed: keys) else { return nil }
        let name = document.required("name")?.text()
        let methodologyNode = document.required("methodology")
        let methodology = methodologyNode?.identifier()
        if let methodology, let methodologyNode { _ = editions.edition(methodology, at: methodologyNode) }
        let policies = document.optional("policies").map(self.policies) ?? .defaults
        var extras: [(id: String, node: ConfigNode)] = []
        for item in document.optional("extra_criteria")?.sequence() ?? [] {
            guard let id = item.identifier() else { continue }
            if let first = extras.first(where: { $0.id == id }) {
                item.error("дополнительный критерий «\(id)» уже указан в строке \(first.node.position.line)")
                continue
            }
            extras.append((id, item))
        }
        let index = document.optional("regional_index").flatMap { regionalIndex($0, extras: extras.map(\.id)) }
        guard let name, let methodology else { return nil }
        return Loaded(name: name, methodology: MethodologyID(methodology), policies: policies, extraCriteria: extras, regionalIndex: index)
    }

    private static func regionalIndex(_ node: ConfigNode, extras: [String]) -> RegionalIndex? {
        guard let fields = node.mapping(allowed: ["title", "federal_weight", "extra_weights"]) else { return nil }
        let title = fields.required("title")?.text()
        let federal = fields.required("federal_weight")?.number()
        guard let pairs = fields.required("extra_weights")?.pairs() else { return nil }
        var weights: [RegionalIndex.ExtraWeight] = []
        for (key, value) in pairs {
            let weight = value.number()
            guard let id = key.identifier() else { continue }
            if !extras.contains(id) {
                key.error("дополнительный критерий «\(id)» не подключён в extra_criteria"
                    + (extras.isEmpty ? "" : "; подключены: \(extras.joined(separator: ", "))"))
            }
            if let weight { weights.append(.init(criterion: ExtraCriterionID(id), weight: weight)) }
        }
        guard let title, let federal, weights.count == pairs.count else { return nil }
        guard checkWeights([federal] + weights.map(\.weight), at: node, what: "federal_weight и extra_weights") else { return nil }
        return RegionalIndex(title: title, federalWeight: federal, extraWeights: weights)
    }

    /// Each omitted policy keeps its default (methodology.md §3).
    static func policies(_ node: ConfigNode) -> ScoringPolicies {
        var policies = ScoringPolicies.defaults
        guard let fields = node.mapping(allowed: policyKeys) else { return policies }
        func choice<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type) -> T? where T.RawValue == String {
            guard let valueNode = fields.optional(key), let text = valueNode.string() else { return nil }
            guard let value = T(rawValue: text) else {
                valueNode.error("неизвестное значение «\(text)» для \(key); допустимы: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            return value
        }
        if let value = choice("zero_denominator", ScoringPolicies.ZeroDenominator.self) { policies.zeroDenominator = value }
        if let value = choice("rounding", ScoringPolicies.Rounding.self) { policies.rounding = value }
        if let value = choice("ties", ScoringPolicies.Ties.self) { policies.ties = value }
        if let value = choice("branches", ScoringPolicies.Branches.self) { policies.branches = value }
        if let decimalsNode = fields.optional("decimals"), let decimals = decimalsNode.integer() {
            if (0...4).contains(decimals) {
                policies.decimals = decimals
            } else {
                decimalsNode.error("decimals должно быть от 0 до 4, а задано \(decimals)")
            }
        }
        if let sample = fields.optional("minimum_sample")?.mapping(allowed: ["share_of_recipients", "maximum"]) {
            if let shareNode = sample.optional("share_of_recipients"), let share = shareNode.number() {
                if share > 0 && share <= 1 {
                    policies.minimumSample.shareOfRecipients = share
                } else {
                    shareNode.error("share_of_recipients — доля: больше 0 и не больше 1, а задано \(decimalText(share))")
                }
            }
            if let maximumNode = sample.optional("maximum"), let maximum = maximumNode.integer() {
                if maximum > 0 {
                    policies.minimumSample.maximum = maximum
                } else {
                    maximumNode.error("maximum должен быть больше 0, а задано \(maximum)")
                }
            }
        }
        if let bands = fields.optional("rating_bands").flatMap(ratingBands) { policies.ratingBands = bands }
        return policies
    }

    /// Bands in strictly descending `from`, the last from 0 so that every total gets a word.
    private static func ratingBands(_ node: ConfigNode) -> [RatingBand]? {
        guard let items = node.sequence() else { return nil }
        if items.isEmpty { node.error("список rating_bands пуст") }
        var bands: [RatingBand] = []
        var valid = !items.isEmpty
        for item in items {
            guard let fields = item.mapping(allowed: ["from", "title"]) else {
                valid = false
                continue
            }
            let fromNode = fields.required("from")
            let from = fromNode?.number()
            let title = fields.required("title")?.text()
            guard let from, let fromNode, let title else {
                valid = false
                continue
            }
            if let previous = bands.last, from >= previous.from {
                fromNode.error("полосы rating_bands идут по убыванию from: \(decimalText(from)) не меньше предыдущего \(decimalText(previous.from))")
                valid = false
            }
            bands.append(RatingBand(from: from, title: title))
        }
        if valid, let last = bands.last, last.from != 0 {
            node.error("последняя полоса rating_bands должна начинаться с 0, чтобы любой итог получил оценку; задано \(decimalText(last.from))")
            valid = false
        }
        return valid ? bands : nil
    }
}
