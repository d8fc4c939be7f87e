import AssessmentKernel

/// `checklists.yaml` (and the `checklists:` of an extra criterion).
enum ChecklistLoading {
    static func load(_ file: YAMLFile) -> [Checklist] {
        guard let document = file.document(allowed: ["checklists"]), let list = document.required("checklists") else { return [] }
        return checklists(list)
    }

    static func checklists(_ node: ConfigNode, earlier: [Checklist] = []) -> [Checklist] {
        var result: [Checklist] = []
        var firstLine: [String: Int] = [:]
        for item in node.sequence() ?? [] {
            guard let fields = item.mapping(allowed: ["id", "title", "source", "basis", "items"]) else { continue }
            let idNode = fields.required("id")
            let id = idNode?.identifier()
            let title = fields.required("title")?.text()
            let basis = fields.optional("basis")?.text()
            var source: Checklist.Source?
            if let sourceNode = fields.required("source"), let text = sourceNode.string() {
                source = Checklist.Source(rawValue: text)
                if source == nil {
                    sourceNode.error("неизвестный источник «\(text)»; допустимы: \(Checklist.Source.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            if let id, let idNode {
                if let line = firstLine[id] {
                    idNode.error("чек-лист «\(id)» уже объявлен в строке \(line)")
                } else if earlier.contains(where: { $0.id.rawValue == id }) {
                    idNode.error("чек-лист «\(id)» уже есть в сфере")
                }
                firstLine[id] = firstLine[id] ?? idNode.position.line
            }
            let items = fields.required("items").map { self.items($0, listTitle: title ?? id ?? "") } ?? []
            guard let id, let title, let source else { continue }
            result.append(Checklist(id: ChecklistID(id), title: title, source: source, basis: basis, items: items))
        }
        return result
    }

    private static func items(_ node: ConfigNode, listTitle: String) -> [ChecklistItem] {
        guard let entries = node.sequence() else { return [] }
        if entries.isEmpty { node.error("в чек-листе нет ни одного пункта") }
        var firstLine: [String: Int] = [:]
        return entries.compactMap { entry in
            guard let fields = entry.mapping(allowed: ["id", "text", "shortcoming", "measure"]) else { return nil }
            let idNode = fields.required("id")
            let id = idNode?.identifier()
            let text = fields.required("text")?.text()
            let shortcoming = fields.optional("shortcoming")?.text()
            let measure = fields.required("measure")?.text()
            if let id, let idNode {
                if let line = firstLine[id] { idNode.error("пункт «\(id)» уже объявлен в этом чек-листе в строке \(line)") }
                firstLine[id] = firstLine[id] ?? idNode.position.line
            }
            guard let id, let text, let measure else { return nil }
            return ChecklistItem(id: ChecklistItemID(id), text: text,
                                 shortcoming: shortcoming ?? "Отсутствует (\(listTitle)): \(text)", measure: measure)
        }
    }
}
