import AssessmentKernel

/// `checklists.yaml` (and the `checklists:` of an extra criterion).
enum ChecklistLoading {
    /// Nil when the file or its list could not be read.
    static func load(_ file: YAMLFile) -> Declared<Checklist>? {
        guard let document = file.document(allowed: ["checklists"]), let list = document.required("checklists") else { return nil }
        return checklists(list)
    }

    static func checklists(_ node: ConfigNode) -> Declared<Checklist>? {
        guard let items = node.sequence() else { return nil }
        var declared = Declared<Checklist>()
        for item in items {
            guard let fields = item.mapping(allowed: ["id", "title", "source", "basis", "items"]) else { continue }
            let idNode = fields.required("id")
            let id = idNode?.identifier()
            let title = fields.required("title")?.text()
            let basis = fields.optional("basis")?.text()
            let source = fields.required("source").flatMap(self.source)
            var isDuplicate = false
            if let id, let idNode {
                if let first = declared.ids[id] {
                    idNode.error("чек-лист «\(id)» уже объявлен в строке \(first.position.line)")
                    isDuplicate = true
                } else {
                    declared.ids[id] = idNode
                }
            }
            let entries = fields.required("items").flatMap { self.items($0, listTitle: title ?? id ?? "") }
            guard let id, let title, let source, let entries, !isDuplicate else { continue }
            declared.values.append(Checklist(id: ChecklistID(id), title: title, source: source, basis: basis, items: entries))
        }
        return declared
    }

    private static func source(_ node: ConfigNode) -> Checklist.Source? {
        guard let text = node.string() else { return nil }
        guard let source = Checklist.Source(rawValue: text) else {
            node.error("неизвестный источник «\(text)»; допустимы: \(Checklist.Source.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return source
    }

    private static func items(_ node: ConfigNode, listTitle: String) -> [ChecklistItem]? {
        guard let entries = node.sequence() else { return nil }
        if entries.isEmpty { node.error("в чек-листе нет ни одного пункта") }
        var lines: [String: Int] = [:]
        let items = entries.compactMap { entry -> ChecklistItem? in
            guard let fields = entry.mapping(allowed: ["id", "text", "shortcoming", "measure"]) else { return nil }
            let idNode = fields.required("id")
            let id = idNode?.identifier()
            let text = fields.required("text")?.text()
            let shortcoming = fields.optional("shortcoming")?.text()
            let measure = fields.required("measure")?.text()
            guard let id, let idNode else { return nil }
            if let line = lines[id] {
                idNode.error("пункт «\(id)» уже объявлен в этом чек-листе в строке \(line)")
                return nil
            }
            lines[id] = idNode.position.line
            guard let text, let measure else { return nil }
            // Configs/README.md: without `shortcoming` the wording is «Отсутствует: <text>», with the list's title.
            return ChecklistItem(id: ChecklistItemID(id), text: text,
                                 shortcoming: shortcoming ?? "Отсутствует (\(listTitle)): \(text)", measure: measure)
        }
        return items.count == entries.count && !items.isEmpty ? items : nil
    }
}
