import AssessmentKernel

/// `extra-criteria/<id>.yaml`: a criterion of the administration, scored beside the 344н total.
///
/// Its questions and check-lists are extra columns and rows of the sectors' data files, so their ids
/// must not clash with a sector's (the engine would silently read the sector's one).
enum ExtraCriterionLoading {
    static let keys = ["id", "title", "sectors", "questions", "checklists", "indicators", "weights"]

    /// `earlier`: extra criteria loaded before this one; their questions and check-lists are taken too.
    static func load(_ file: YAMLFile, expectedID: String, sectors: [LoadedSector], earlier: [ExtraCriterion],
                     kinds: [String: any CustomIndicatorKind]) -> ExtraCriterion? {
        guard let document = file.document(allowed: keys) else { return nil }
        let idNode = document.required("id")
        let id = idNode?.identifier()
        if let id, let idNode, id != expectedID {
            idNode.error("id критерия «\(id)» не совпадает с именем файла «\(expectedID).yaml»")
        }
        let title = document.required("title")?.text()
        let applied = document.required("sectors").flatMap { appliedSectors($0, sectors: sectors) }
        let questions = document.optional("questions").map(QuestionnaireLoading.questions) ?? Declared<Question>()
        let checklists = document.optional("checklists").map(ChecklistLoading.checklists) ?? Declared<Checklist>()
        for sector in applied ?? [] {
            for (own, node) in questions?.ids ?? [:] where sector.questions?.ids[own] != nil {
                node.error("вопрос «\(own)» уже есть в анкете сферы «\(sector.id)»; дайте вопросу критерия другой id")
            }
            for (own, node) in checklists?.ids ?? [:] where sector.checklists?.ids[own] != nil {
                node.error("чек-лист «\(own)» уже есть в сфере «\(sector.id)»; дайте чек-листу критерия другой id")
            }
        }
        let appliedIDs = Set((applied ?? []).map(\.id))
        for other in earlier where other.sectors.contains(where: { appliedIDs.contains($0.rawValue) }) {
            for (own, node) in questions?.ids ?? [:] where other.questions.contains(where: { $0.id.rawValue == own }) {
                node.error("вопрос «\(own)» уже есть в дополнительном критерии «\(other.id)» той же сферы; дайте вопросу другой id")
            }
            for (own, node) in checklists?.ids ?? [:] where other.checklists.contains(where: { $0.id.rawValue == own }) {
                node.error("чек-лист «\(own)» уже есть в дополнительном критерии «\(other.id)» той же сферы; дайте чек-листу другой id")
            }
        }
        let own = ReferenceScope(questions: questions, checklists: checklists)
        let loaded = document.required("indicators").map { IndicatorLoading.indicators($0, kinds: kinds) } ?? IndicatorLoading.Loaded()
        let scopes = (applied ?? []).map { (name: $0.id, scope: own + $0.scope) }
        ReferenceCheck.check(loaded.references, scopes: scopes.isEmpty ? [("", own)] : scopes) { _, names in
            let sectorsText = names.filter { !$0.isEmpty }
            if sectorsText.isEmpty { return "в этом критерии" }
            return "ни в этом критерии, ни в сфер\(sectorsText.count == 1 ? "е" : "ах") \(quotedList(sectorsText))"
        }
        let (weights, mentioned) = document.required("weights")
            .map { IndicatorLoading.weights($0, indicators: loaded, what: "веса дополнительного критерия") } ?? ([], [])
        if document.optional("weights") != nil {
            for indicator in loaded.order where !mentioned.contains(where: { $0.id == indicator }) {
                loaded.idNodes[indicator]?.error("показатель «\(indicator)» не имеет веса в weights")
            }
        }
        guard let id, let title, let applied, let questions, let checklists else { return nil }
        return ExtraCriterion(id: ExtraCriterionID(id), title: title, sectors: applied.compactMap(\.definition?.id),
                              questions: questions.values, checklists: checklists.values,
                              indicators: loaded.indicators, weights: weights)
    }

    private static func appliedSectors(_ node: ConfigNode, sectors: [LoadedSector]) -> [LoadedSector]? {
        guard let items = node.sequence() else { return nil }
        if items.isEmpty { node.error("список sectors пуст; укажите сферы, к которым применяется критерий") }
        var seen: Set<String> = []
        return items.compactMap { item in
            guard let id = item.identifier() else { return nil }
            guard let sector = sectors.first(where: { $0.id == id }) else {
                item.error("сферы «\(id)» нет; есть: \(sectors.map(\.id).sorted().joined(separator: ", "))")
                return nil
            }
            if !seen.insert(id).inserted {
                item.error("сфера «\(id)» указана дважды")
                return nil
            }
            return sector
        }
    }
}
