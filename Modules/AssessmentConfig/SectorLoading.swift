import AssessmentKernel
import Foundation

/// One folder of `Configs/sectors/`: sector.yaml, questionnaire.yaml, checklists.yaml, indicators.yaml.
struct SectorLoading {
    let folder: URL
    let methodologies: [MethodologyID: Methodology]
    let kinds: [String: any CustomIndicatorKind]
    let log: DiagnosticLog

    func load() -> SectorDefinition? {
        func file(_ name: String) -> YAMLFile? { YAMLFile(url: folder.appendingPathComponent(name), log: log) }
        let sectorFile = file("sector.yaml")
        let questions = file("questionnaire.yaml").map(QuestionnaireLoading.load) ?? []
        let checklists = file("checklists.yaml").map(ChecklistLoading.load) ?? []
        guard let sectorFile, let document = sectorFile.document(allowed: ["id", "title", "methodology", "legal_basis", "types"]) else {
            _ = file("indicators.yaml").map { indicators($0, editions: [], questions: questions, checklists: checklists) }
            return nil
        }
        let idNode = document.required("id")
        let id = idNode?.identifier()
        if let id, let idNode, id != folder.lastPathComponent {
            idNode.error("id сферы «\(id)» не совпадает с именем папки «\(folder.lastPathComponent)»")
        }
        let title = document.required("title")?.text()
        let editions = editionsOf(document.required("methodology"))
        let legalBasis = document.optional("legal_basis")?.sequence()?.compactMap { $0.text() } ?? []
        let types = document.required("types").map { self.types($0, editions: editions) } ?? []
        let (indicatorList, criteria) = file("indicators.yaml")
            .map { indicators($0, editions: editions, questions: questions, checklists: checklists) } ?? ([], [])
        guard let id, let title else { return nil }
        return SectorDefinition(
            id: SectorID(id), title: title, methodologies: editions.map(\.id), legalBasis: legalBasis, types: types,
            questions: questions, checklists: checklists, indicators: indicatorList, criteria: criteria)
    }

    private func editionsOf(_ node: ConfigNode?) -> [Methodology] {
        guard let node, let items = node.sequence() else { return [] }
        if items.isEmpty { node.error("нужна хотя бы одна редакция методики") }
        return items.compactMap { item in
            guard let id = item.identifier() else { return nil }
            guard let methodology = methodologies[MethodologyID(id)] else {
                item.error("редакция методики «\(id)» не найдена в папке methodology; есть: \(methodologies.keys.map(\.rawValue).sorted().joined(separator: ", "))")
                return nil
            }
            return methodology
        }
    }

    /// Criterion ids must exist in every declared edition.
    private func criterionIDs(_ node: ConfigNode, editions: [Methodology]) -> [CriterionID]? {
        guard let items = node.sequence() else { return nil }
        return items.compactMap { item in
            guard let id = item.identifier() else { return nil }
            if let missing = editions.first(where: { $0.criterion(CriterionID(id)) == nil }) {
                item.error("критерия «\(id)» нет в редакции методики «\(missing.id)»")
                return nil
            }
            return CriterionID(id)
        }
    }

    private func types(_ node: ConfigNode, editions: [Methodology]) -> [InstitutionType] {
        var typeLines: [String: Int] = [:]
        var kindLines: [String: Int] = [:]
        func unique(_ node: ConfigNode?, _ id: String?, in lines: inout [String: Int], what: String) {
            guard let node, let id else { return }
            if let line = lines[id] { node.error("\(what) «\(id)» уже объявлен в строке \(line)") }
            lines[id] = lines[id] ?? node.position.line
        }
        return (node.sequence() ?? []).compactMap { item in
            guard let fields = item.mapping(allowed: ["id", "title", "criteria", "kinds"]) else { return nil }
            let idNode = fields.required("id")
            let id = idNode?.identifier()
            unique(idNode, id, in: &typeLines, what: "тип")
            let title = fields.required("title")?.text()
            let criteria = fields.optional("criteria").flatMap { criterionIDs($0, editions: editions) }
            let kinds = (fields.optional("kinds")?.sequence() ?? []).compactMap { kindNode -> InstitutionKind? in
                guard let kindFields = kindNode.mapping(allowed: ["id", "title", "criteria"]) else { return nil }
                let kindIDNode = kindFields.required("id")
                let kindID = kindIDNode?.identifier()
                unique(kindIDNode, kindID, in: &kindLines, what: "вид")
                let kindTitle = kindFields.required("title")?.text()
                let kindCriteria = kindFields.optional("criteria").flatMap { criterionIDs($0, editions: editions) }
                guard let kindID, let kindTitle else { return nil }
                return InstitutionKind(id: InstitutionKindID(kindID), title: kindTitle, criteria: kindCriteria)
            }
            guard let id, let title else { return nil }
            return InstitutionType(id: InstitutionTypeID(id), title: title, criteria: criteria, kinds: kinds)
        }
    }

    private func indicators(_ file: YAMLFile, editions: [Methodology], questions: [Question], checklists: [Checklist])
        -> ([Indicator], [CriterionWeights])
    {
        guard let document = file.document(allowed: ["criteria", "indicators"]) else { return ([], []) }
        let loaded = document.required("indicators").map { IndicatorLoading.indicators($0, kinds: kinds) } ?? IndicatorLoading.Loaded()
        IndicatorLoading.checkReferences(
            loaded.references, questions: Set(questions.map(\.id.rawValue)), checklists: Set(checklists.map(\.id.rawValue)),
            scope: "в анкете и чек-листах сферы")
        var criteria: [CriterionWeights] = []
        var placement: [String: String] = [:]
        var criterionLines: [String: Int] = [:]
        for item in document.required("criteria")?.sequence() ?? [] {
            guard let fields = item.mapping(allowed: ["id", "weights"]) else { continue }
            let idNode = fields.required("id")
            let id = idNode?.identifier()
            if let id, let idNode {
                if let line = criterionLines[id] { idNode.error("критерий «\(id)» уже объявлен в строке \(line)") }
                criterionLines[id] = criterionLines[id] ?? idNode.position.line
                if let missing = editions.first(where: { $0.criterion(CriterionID(id)) == nil }) {
                    idNode.error("критерия «\(id)» нет в редакции методики «\(missing.id)»")
                }
            }
            guard let weightsNode = fields.required("weights"), let id else { continue }
            let (weights, mentioned) = IndicatorLoading.weights(weightsNode, indicators: loaded, what: "веса критерия «\(id)»")
            for indicator in mentioned {
                if let other = placement[indicator.rawValue] {
                    weightsNode.error("показатель «\(indicator)» уже входит в критерий «\(other)»; показатель входит ровно в один критерий")
                }
                placement[indicator.rawValue] = id
            }
            criteria.append(CriterionWeights(criterion: CriterionID(id), weights: weights))
        }
        for (id, node) in loaded.idNodes.sorted(by: { $0.key < $1.key }) where placement[id] == nil {
            node.error("показатель «\(id)» не входит ни в один критерий")
        }
        if let edition = editions.first {
            for criterion in edition.criteria where !criteria.contains(where: { $0.criterion == criterion.id }) {
                document.owner.error("не заданы веса критерия «\(criterion.id)» редакции «\(edition.id)»")
            }
        }
        return (loaded.indicators, criteria)
    }
}
