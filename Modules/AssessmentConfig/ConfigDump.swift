public import AssessmentKernel
import Yams

/// The effective configuration as YAML: one document per config file, in the files' own keys, with every
/// default the loader applied written out (policies, positive answers, shortcoming wordings).
///
/// Each document starts with `--- # <path>` so the stream reads as the folder it came from; writing the
/// documents back to those paths gives a folder that loads into the same bundle.
public enum ConfigDump {
    /// `sectors`: only these sectors and the extra criteria that apply to them; nil means all.
    public static func yaml(_ bundle: ConfigBundle, sectors: Set<SectorID>? = nil) throws -> String {
        var documents: [(path: String, node: Node)] = [("region.yaml", region(bundle.region))]
        documents += bundle.methodologies.map { ("methodology/\($0.id.rawValue).yaml", methodology($0)) }
        for sector in bundle.sectors where sectors?.contains(sector.id) ?? true {
            let folder = "sectors/\(sector.id.rawValue)"
            documents += [
                ("\(folder)/sector.yaml", sectorFile(sector)),
                ("\(folder)/questionnaire.yaml", document(["questions": list(sector.questions.map(question))])),
                ("\(folder)/checklists.yaml", document(["checklists": list(sector.checklists.map(checklist))])),
                ("\(folder)/indicators.yaml", indicatorsFile(sector)),
            ]
        }
        for extra in bundle.region.extraCriteria where sectors.map({ !$0.isDisjoint(with: extra.sectors) }) ?? true {
            documents.append(("extra-criteria/\(extra.id.rawValue).yaml", extraCriterion(extra)))
        }
        return try documents.map { path, node in
            "--- # \(path)\n" + (try Yams.serialize(node: node, indent: 2, width: -1, allowUnicode: true))
        }.joined()
    }

    private static func region(_ region: RegionSettings) -> Node {
        let policies = region.policies
        var pairs: [(String, Node)] = [
            ("name", text(region.name)),
            ("methodology", text(region.methodology.rawValue)),
            ("policies", mapping([
                ("zero_denominator", text(policies.zeroDenominator.rawValue)),
                ("rounding", text(policies.rounding.rawValue)),
                ("decimals", number(Double(policies.decimals))),
                ("ties", text(policies.ties.rawValue)),
                ("minimum_sample", mapping([
                    ("share_of_recipients", number(policies.minimumSample.shareOfRecipients)),
                    ("maximum", number(Double(policies.minimumSample.maximum))),
                ])),
                ("rating_bands", list(policies.ratingBands.map { mapping([("from", number($0.from)), ("title", text($0.title))]) })),
                ("branches", text(policies.branches.rawValue)),
            ])),
            ("extra_criteria", list(region.extraCriteria.map { text($0.id.rawValue) })),
        ]
        if let index = region.regionalIndex {
            pairs.append(("regional_index", mapping([
                ("title", text(index.title)),
                ("federal_weight", number(index.federalWeight)),
                ("extra_weights", mapping(index.extraWeights.map { ($0.criterion.rawValue, number($0.weight)) })),
            ])))
        }
        return document(pairs)
    }

    private static func methodology(_ methodology: Methodology) -> Node {
        document([
            ("id", text(methodology.id.rawValue)),
            ("title", text(methodology.title)),
            ("valid_from", text(methodology.validFrom)),
            ("valid_to", methodology.validTo.map(text) ?? Node("null", .implicit, .plain)),
            ("criteria", list(methodology.criteria.map { mapping([("id", text($0.id.rawValue)), ("title", text($0.title))]) })),
            ("total", text("mean_of_applied")),
        ])
    }

    private static func sectorFile(_ sector: SectorDefinition) -> Node {
        var pairs: [(String, Node)] = [
            ("id", text(sector.id.rawValue)),
            ("title", text(sector.title)),
            ("methodology", list(sector.methodologies.map { text($0.rawValue) })),
        ]
        if !sector.legalBasis.isEmpty { pairs.append(("legal_basis", list(sector.legalBasis.map(text)))) }
        pairs.append(("types", list(sector.types.map { type in
            var fields: [(String, Node)] = [("id", text(type.id.rawValue)), ("title", text(type.title))]
            if let criteria = type.criteria { fields.append(("criteria", list(criteria.map { text($0.rawValue) }))) }
            if !type.kinds.isEmpty {
                fields.append(("kinds", list(type.kinds.map { kind in
                    var kindFields: [(String, Node)] = [("id", text(kind.id.rawValue)), ("title", text(kind.title))]
                    if let criteria = kind.criteria { kindFields.append(("criteria", list(criteria.map { text($0.rawValue) }))) }
                    return mapping(kindFields)
                })))
            }
            return mapping(fields)
        })))
        return document(pairs)
    }

    private static func indicatorsFile(_ sector: SectorDefinition) -> Node {
        document([
            ("criteria", list(sector.criteria.map { criterion in
                mapping([("id", text(criterion.criterion.rawValue)), ("weights", weights(criterion.weights))])
            })),
            ("indicators", list(sector.indicators.map(indicator))),
        ])
    }

    private static func extraCriterion(_ extra: ExtraCriterion) -> Node {
        var pairs: [(String, Node)] = [
            ("id", text(extra.id.rawValue)),
            ("title", text(extra.title)),
            ("sectors", list(extra.sectors.map { text($0.rawValue) })),
        ]
        if !extra.questions.isEmpty { pairs.append(("questions", list(extra.questions.map(question)))) }
        if !extra.checklists.isEmpty { pairs.append(("checklists", list(extra.checklists.map(checklist)))) }
        pairs.append(("indicators", list(extra.indicators.map(indicator))))
        pairs.append(("weights", weights(extra.weights)))
        return document(pairs)
    }

    private static func question(_ question: Question) -> Node {
        var pairs: [(String, Node)] = [("id", text(question.id.rawValue)), ("text", text(question.text))]
        switch question.answer {
        case .yesNo: pairs.append(("answer", text("yes_no")))
        case .text: pairs.append(("answer", text("text")))
        case .choice(let options):
            pairs.append(("answer", text("choice")))
            pairs.append(("options", list(options.map { mapping([("id", text($0.id)), ("text", text($0.text))]) })))
        case .number(let min, let max):
            pairs.append(("answer", text("number")))
            if let min { pairs.append(("min", number(min))) }
            if let max { pairs.append(("max", number(max))) }
        }
        if let symbol = question.symbol { pairs.append(("symbol", text(symbol))) }
        if let filter = question.filter {
            pairs.append(("asked_if", mapping([("question", text(filter.question.rawValue)), ("answer", text(filter.answer))])))
        }
        return mapping(pairs)
    }

    private static func checklist(_ checklist: Checklist) -> Node {
        var pairs: [(String, Node)] = [
            ("id", text(checklist.id.rawValue)), ("title", text(checklist.title)), ("source", text(checklist.source.rawValue)),
        ]
        if let basis = checklist.basis { pairs.append(("basis", text(basis))) }
        pairs.append(("items", list(checklist.items.map { item in
            mapping([
                ("id", text(item.id.rawValue)), ("text", text(item.text)),
                ("shortcoming", text(item.shortcoming)), ("measure", text(item.measure)),
            ])
        })))
        return mapping(pairs)
    }

    private static func indicator(_ indicator: Indicator) -> Node {
        var pairs: [(String, Node)] = [
            ("id", text(indicator.id.rawValue)), ("title", text(indicator.title)), ("value", formula(indicator.formula)),
        ]
        if let rule = indicator.shortcoming {
            pairs.append(("shortcoming", mapping([("below", number(rule.below)), ("text", text(rule.text)), ("measure", text(rule.measure))])))
        }
        return mapping(pairs)
    }

    private static func formula(_ formula: Formula) -> Node {
        switch formula {
        case .share(let question, let positive):
            return mapping([("share", mapping([
                ("question", text(question.rawValue)), ("positive", list(positive.map(text))),
            ]))])
        case .checklistPoints(let checklist, let points, let cap):
            return mapping([("checklist_points", mapping([
                ("checklist", text(checklist.rawValue)), ("points_per_item", number(points)), ("cap", number(cap)),
            ]))])
        case .checklistRatio(let lists):
            return mapping([("checklist_ratio", list(lists.map { text($0.rawValue) }))])
        case .lookup(let question, let table):
            return mapping([("lookup", mapping([
                ("question", text(question.rawValue)),
                ("table", list(table.map { row in
                    var fields: [(String, Node)] = []
                    if let from = row.from { fields.append(("from", number(from))) }
                    if let below = row.below { fields.append(("below", number(below))) }
                    if let answer = row.answer { fields.append(("answer", text(answer))) }
                    fields.append(("points", number(row.points)))
                    return mapping(fields)
                })),
            ]))])
        case .mean(let parts):
            return mapping([("mean", list(parts.map(self.formula)))])
        case .weightedSum(let terms):
            return mapping([("weighted_sum", list(terms.map { mapping([("weight", number($0.weight)), ("value", self.formula($0.formula))]) }))])
        case .custom(let kind, let parameters):
            var fields: [(String, Node)] = [("kind", text(kind))]
            if !parameters.isEmpty {
                fields.append(("parameters", mapping(parameters.sorted { $0.key < $1.key }.map { ($0.key, text($0.value)) })))
            }
            return mapping([("custom", mapping(fields))])
        }
    }

    private static func weights(_ weights: [IndicatorWeight]) -> Node {
        mapping(weights.map { ($0.indicator.rawValue, number($0.weight)) })
    }

    // MARK: - Nodes

    private static func document(_ pairs: [(String, Node)]) -> Node {
        mapping([("schema_version", number(1))] + pairs)
    }

    private static func document(_ pairs: KeyValuePairs<String, Node>) -> Node {
        document(pairs.map { ($0.key, $0.value) })
    }

    private static func list(_ nodes: [Node]) -> Node { .sequence(Node.Sequence(nodes)) }

    private static func mapping(_ pairs: [(String, Node)]) -> Node {
        .mapping(Node.Mapping(pairs.map { (text($0.0), $0.1) }))
    }

    /// A string, quoted where a YAML 1.1 reader would take it for a number, a boolean or null («1.1», «yes»).
    private static func text(_ value: String) -> Node {
        let lowered = value.lowercased()
        let ambiguous = value.isEmpty || Double(value) != nil
            || ["yes", "no", "on", "off", "true", "false", "y", "n", "null", "~"].contains(lowered)
        return Node(value, Tag(.str), ambiguous ? .doubleQuoted : .any)
    }

    /// Integers without a fraction («30», not «30.0»); other values in Swift's shortest exact form.
    private static func number(_ value: Double) -> Node {
        let written = value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        return Node(written, .implicit, .plain)
    }
}
