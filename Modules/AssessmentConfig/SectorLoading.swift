import AssessmentKernel
import Foundation

/// What one sector folder yielded, also when parts of it failed, for the checks that span files.
struct LoadedSector {
    let folder: URL
    var definition: SectorDefinition?
    /// The `id` in sector.yaml, for the duplicate-sector message.
    var idNode: ConfigNode?
    var questions: Declared<Question>?
    var checklists: Declared<Checklist>?

    /// The id other files use: sector.yaml's, or the folder name when sector.yaml did not load.
    var id: String { definition?.id.rawValue ?? folder.lastPathComponent }
    var scope: ReferenceScope { ReferenceScope(questions: questions, checklists: checklists) }
}

/// One folder of `Configs/sectors/`: sector.yaml, questionnaire.yaml, checklists.yaml, indicators.yaml.
struct SectorLoading {
    static let files = ["sector.yaml", "questionnaire.yaml", "checklists.yaml", "indicators.yaml"]

    let folder: URL
    let editions: Editions
    let kinds: [String: any CustomIndicatorKind]
    let log: DiagnosticLog

    func load() -> LoadedSector {
        func file(_ name: String) -> YAMLFile? {
            YAMLFile(url: folder.appendingPathComponent(name), log: log,
                     missing: "в папке сферы должны быть \(Self.files.joined(separator: ", "))")
        }
        var sector = LoadedSector(folder: folder)
        let sectorFile = file("sector.yaml")
        sector.questions = file("questionnaire.yaml").flatMap(QuestionnaireLoading.load)
        sector.checklists = file("checklists.yaml").flatMap(ChecklistLoading.load)
        let document = sectorFile?.document(allowed: ["id", "title", "methodology", "legal_basis", "types"])
        let idNode = document?.required("id")
        let id = idNode?.identifier()
        if let id, let idNode, id != folder.lastPathComponent {
            idNode.error("id сферы «\(id)» не совпадает с именем папки «\(folder.lastPathComponent)»")
        }
        sector.idNode = idNode
        let title = document?.required("title")?.text()
        let declared = document?.required("methodology").flatMap(editionsOf)
        let legalBasis = document?.optional("legal_basis")?.sequence()?.compactMap { $0.text() } ?? []
        let types = document?.required("types").flatMap { self.types($0, editions: declared ?? []) }
        let indicators = file("indicators.yaml").flatMap { self.indicators($0, editions: declared ?? [], scope: sector.scope) }
        guard let id, let title, let declared, let types, let indicators,
              let questions = sector.questions, let checklists = sector.checklists else { return sector }
        sector.definition = SectorDefinition(
            id: SectorID(id), title: title, methodologies: declared.map(\.id), legalBasis: legalBasis, types: types,
            questions: questions.values, checklists: checklists.values, indicators: indicators.list, criteria: indicators.criteria)
        return sector
    }

    private func editionsOf(_ node: ConfigNode) -> [Methodology]? {
        guard let items = node.sequence() else { return nil }
        if items.isEmpty { node.error("список methodology пуст; нужна хотя бы одна редакция методики") }
        return items.compactMap { item in
            item.identifier().flatMap { editions.edition($0, at: item) }
        }
    }

    /// Criterion ids in `types`, each present in every declared edition.
    private func criterionIDs(_ node: ConfigNode, editions: [Methodology]) -> [CriterionID]? {
        guard let items = node.sequence() else { return nil }
        return items.compactMap { item in
            guard let id = item.identifier() else { return nil }
            if let missing = editions.first(where: { $0.criterion(CriterionID(id)) == nil }) {
                item.error("критерия «\(id)» нет в редакции методики «\(missing.id)»; есть: \(missing.criteria.map(\.id.rawValue).joined(separator: ", "))")
                return nil
            }
            return CriterionID(id)
        }
    }

    private func types(_ node: ConfigNode, editions: [Methodology]) -> [InstitutionType]? {
        guard let items = node.sequence() else { return nil }
        if items.isEmpty { node.error("список types пуст; нужен хотя бы один тип организаций") }
        var typeLines: [String: Int] = [:]
        // Kind ids are unique across the sector: organisation files name a kind without its type.
        var kindLines: [String: Int] = [:]
        func isNew(_ node: ConfigNode?, _ id: String?, in lines: inout [String: Int], what: String) -> Bool {
            guard let node, let id else { return false }
            if let line = lines[id] {
                node.error("\(what) «\(id)» уже объявлен в строке \(line)")
                return false
            }
            lines[id] = node.position.line
            return true
        }
        return items.compactMap { item in
            guard let fields = item.mapping(allowed: ["id", "title", "criteria", "kinds"]) else { return nil }
            let idNode = fields.required("id")
            let id = idNode?.identifier()
            let unique = isNew(idNode, id, in: &typeLines, what: "тип")
            let title = fields.required("title")?.text()
            let criteria = fields.optional("criteria").flatMap { criterionIDs($0, editions: editions) }
            let kinds = (fields.optional("kinds")?.sequence() ?? []).compactMap { kindNode -> InstitutionKind? in
                guard let kindFields = kindNode.mapping(allowed: ["id", "title", "criteria"]) else { return nil }
                let kindIDNode = kindFields.required("id")
                let kindID = kindIDNode?.identifier()
                let kindUnique = isNew(kindIDNode, kindID, in: &kindLines, what: "вид")
                let kindTitle = kindFields.required("title")?.text()
                let kindCriteria = kindFields.optional("criteria").flatMap { criterionIDs($0, editions: editions) }
                guard let kindID, let kindTitle, kindUnique else { return nil }
                return InstitutionKind(id: InstitutionKindID(kindID), title: kindTitle, criteria: kindCriteria)
            }
            guard let id, let title, unique else { return nil }
            return InstitutionType(id: InstitutionTypeID(id), title: title, criteria: criteria, kinds: kinds)
        }
    }

    private func indicators(_ file: YAMLFile, editions: [Methodology], scope: ReferenceScope)
        -> (list: [Indicator], criteria: [CriterionWeights])?
    {
        guard let document = file.document(allowed: ["criteria", "indicators"]) else { return nil }
        let loaded = document.required("indicators").map { IndicatorLoading.indicators($0, kinds: kinds) } ?? IndicatorLoading.Loaded()
        ReferenceCheck.check(loaded.references, scopes: [("", scope)]) { target, _ in
            target == .question ? "в анкете сферы (questionnaire.yaml)" : "в чек-листах сферы (checklists.yaml)"
        }
        var criteria: [CriterionWeights] = []
        // Indicator id → criterion and the line of the key that placed it there.
        var placement: [String: (criterion: String, line: Int)] = [:]
        var criterionLines: [String: Int] = [:]
        for item in document.required("criteria")?.sequence() ?? [] {
            guard let fields = item.mapping(allowed: ["id", "weights"]) else { continue }
            let idNode = fields.required("id")
            let weightsNode = fields.required("weights")
            guard let idNode, let id = idNode.identifier() else { continue }
            if let line = criterionLines[id] {
                idNode.error("критерий «\(id)» уже объявлен в строке \(line)")
                continue
            }
            criterionLines[id] = idNode.position.line
            if let missing = editions.first(where: { $0.criterion(CriterionID(id)) == nil }) {
                idNode.error("критерия «\(id)» нет в редакции методики «\(missing.id)»; есть: \(missing.criteria.map(\.id.rawValue).joined(separator: ", "))")
            }
            guard let weightsNode else { continue }
            let (weights, mentioned) = IndicatorLoading.weights(weightsNode, indicators: loaded, what: "веса критерия «\(id)»")
            for (indicator, key) in mentioned {
                if let first = placement[indicator] {
                    key.error("показатель «\(indicator)» уже входит в критерий «\(first.criterion)» (строка \(first.line)); показатель входит ровно в один критерий")
                } else {
                    placement[indicator] = (id, key.position.line)
                }
            }
            criteria.append(CriterionWeights(criterion: CriterionID(id), weights: weights))
        }
        for id in loaded.order where placement[id] == nil {
            loaded.idNodes[id]?.error("показатель «\(id)» не входит ни в один критерий; добавьте его вес в criteria")
        }
        let criteriaKey = document.keyNode("criteria") ?? document.owner
        for edition in editions {
            for criterion in edition.criteria where criterionLines[criterion.id.rawValue] == nil {
                criteriaKey.error("нет весов критерия «\(criterion.id)» редакции методики «\(edition.id)»")
            }
        }
        return (loaded.indicators, criteria)
    }
}
