import AssessmentKernel

/// `extra-criteria/<id>.yaml`: a criterion of the administration, scored beside the 344н total.
enum ExtraCriterionLoading {
    static func load(_ file: YAMLFile, expectedID: String, sectors: [SectorDefinition],
                     kinds: [String: any CustomIndicatorKind]) -> ExtraCriterion? {
        guard let document = file.document(allowed: ["id", "title", "sectors", "questions", "checklists", "indicators", "weights"]) else { return nil }
        let idNode = document.required("id")
        let id = idNode?.identifier()
        if let id, let idNode, id != expectedID {
            idNode.error("id критерия «\(id)» не совпадает с именем файла «\(expectedID).yaml»")
        }
        let title = document.required("title")?.text()
        let applied = (document.required("sectors")?.sequence() ?? []).compactMap { item -> SectorDefinition? in
            guard let sectorID = item.identifier() else { return nil }
            guard let sector = sectors.first(where: { $0.id.rawValue == sectorID }) else {
                item.error("сферы «\(sectorID)» нет в папке sectors")
                return nil
            }
            return sector
        }
        let questions = document.optional("questions").map { QuestionnaireLoading.questions($0) } ?? []
        let checklists = document.optional("checklists").map { ChecklistLoading.checklists($0) } ?? []
        let loaded = document.required("indicators").map { IndicatorLoading.indicators($0, kinds: kinds) } ?? IndicatorLoading.Loaded()
        for sector in applied {
            for question in questions where sector.question(question.id) != nil {
                document.optional("questions")?.error("вопрос «\(question.id)» уже есть в анкете сферы «\(sector.id)»")
            }
            IndicatorLoading.checkReferences(
                loaded.references,
                questions: Set((questions + sector.questions).map(\.id.rawValue)),
                checklists: Set((checklists + sector.checklists).map(\.id.rawValue)),
                scope: "ни в этом критерии, ни в сфере «\(sector.id)»")
        }
        let (weights, mentioned) = document.required("weights")
            .map { IndicatorLoading.weights($0, indicators: loaded, what: "веса дополнительного критерия") } ?? ([], [])
        for (indicator, node) in loaded.idNodes.sorted(by: { $0.key < $1.key }) where !mentioned.contains(IndicatorID(indicator)) {
            node.error("показатель «\(indicator)» не имеет веса в weights")
        }
        guard let id, let title else { return nil }
        return ExtraCriterion(id: ExtraCriterionID(id), title: title, sectors: applied.map(\.id), questions: questions,
                              checklists: checklists, indicators: loaded.indicators, weights: weights)
    }
}
