import AssessmentKernel

/// `region.yaml`: policies, default edition, extra criteria, the optional combined index.
enum RegionLoading {
    struct Loaded {
        var name: String
        var methodology: MethodologyID
        var policies: ScoringPolicies
        var extraCriteria: [(id: String, node: ConfigNode)]
        var regionalIndex: (title: String, federal: Double, extra: [(id: String, weight: Double, node: ConfigNode)], node: ConfigNode)?
    }

    static func load(_ file: YAMLFile, methodologies: Set<String>) -> Loaded? {
        guard let document = file.document(allowed: ["name", "methodology", "policies", "extra_criteria", "regional_index"]) else { return nil }
        let name = document.required("name")?.text()
        let methodologyNode = document.required("methodology")
        let methodology = methodologyNode?.identifier()
        if let methodology, let methodologyNode, !methodologies.contains(methodology) {
            methodologyNode.error("редакция методики «\(methodology)» не найдена в папке methodology; есть: \(methodologies.sorted().joined(separator: ", "))")
        }
        let policies = document.optional("policies").map(self.policies) ?? .defaults
        var extras: [(String, ConfigNode)] = []
        for item in document.optional("extra_criteria")?.sequence() ?? [] {
            guard let id = item.identifier() else { continue }
            if extras.contains(where: { $0.0 == id }) { item.error("дополнительный критерий «\(id)» указан дважды") }
            extras.append((id, item))
        }
        var index: (String, Double, [(String, Double, ConfigNode)], ConfigNode)?
        if let indexNode = document.optional("regional_index"), let fields = indexNode.mapping(allowed: ["title", "federal_weight", "extra_weights"]) {
            let title = fields.required("title")?.text()
            let federal = fields.required("federal_weight")?.number()
            var weights: [(String, Double, ConfigNode)] = []
            for (key, value) in fields.required("extra_weights")?.pairs() ?? [] {
                guard let id = key.identifier(), let weight = value.number() else { continue }
                if !extras.contains(where: { $0.0 == id }) {
                    key.error("дополнительный критерий «\(id)» не подключён в extra_criteria")
                }
                weights.append((id, weight, key))
            }
            if let federal {
                checkWeights([federal] + weights.map(\.1), at: indexNode, what: "federal_weight и extra_weights")
            }
            if let title, let federal { index = (title, federal, weights, indexNode) }
        }
        guard let name, let methodology else { return nil }
        return Loaded(name: name, methodology: MethodologyID(methodology), policies: policies, extraCriteria: extras,
                      regionalIndex: index.map { (title: $0.0, federal: $0.1, extra: $0.2.map { (id: $0.0, weight: $0.1, node: $0.2) }, node: $0.3) })
    }

    static let policyKeys = ["zero_denominator", "rounding", "decimals", "ties", "minimum_sample", "rating_bands", "branches"]

    /// Each omitted policy keeps its methodology.md default.
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
            if (0...4).contains(decimals) { policies.decimals = decimals } else { decimalsNode.error("decimals должно быть от 0 до 4") }
        }
        if let sampleNode = fields.optional("minimum_sample"), let sample = sampleNode.mapping(allowed: ["share_of_recipients", "maximum"]) {
            if let shareNode = sample.optional("share_of_recipients"), let share = shareNode.number() {
                if share > 0 && share <= 1 { policies.minimumSample.shareOfRecipients = share } else { shareNode.error("доля должна быть больше 0 и не больше 1") }
            }
            if let maximumNode = sample.optional("maximum"), let maximum = maximumNode.integer() {
                if maximum > 0 { policies.minimumSample.maximum = maximum } else { maximumNode.error("максимум должен быть больше 0") }
            }
        }
        if let bandsNode = fields.optional("rating_bands"), let items = bandsNode.sequence() {
            let bands = items.compactMap { item -> RatingBand? in
                guard let band = item.mapping(allowed: ["from", "title"]),
                      let from = band.required("from")?.number(), let title = band.required("title")?.text() else { return nil }
                return RatingBand(from: from, title: title)
            }
            if bands.count == items.count {
                if zip(bands, bands.dropFirst()).contains(where: { $0.from <= $1.from }) {
                    bandsNode.error("полосы оценок должны идти по убыванию from")
                } else if bands.last?.from != 0 {
                    bandsNode.error("последняя полоса оценок должна начинаться с 0, чтобы любой итог получил оценку")
                } else {
                    policies.ratingBands = bands
                }
            }
        }
        return policies
    }
}
