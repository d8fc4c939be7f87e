import AssessmentKernel
import Foundation

/// The editions of `methodology/`: those that loaded, and the names of all files (also of broken ones).
struct Editions {
    let loaded: [MethodologyID: Methodology]
    let files: Set<String>

    /// The edition named at `node`; nil (reported unless its file merely has errors of its own) when absent.
    func edition(_ id: String, at node: ConfigNode) -> Methodology? {
        if let methodology = loaded[MethodologyID(id)] { return methodology }
        if !files.contains(id) {
            node.error("редакция методики «\(id)» не найдена: нет файла methodology/\(id).yaml; есть: \(files.sorted().joined(separator: ", "))")
        }
        return nil
    }
}

/// `methodology/<id>.yaml`: one edition of 344н.
enum MethodologyLoading {
    static func load(_ file: YAMLFile, expectedID: String) -> Methodology? {
        guard let document = file.document(allowed: ["id", "title", "valid_from", "valid_to", "criteria", "total"]) else { return nil }
        let idNode = document.required("id")
        let id = idNode?.identifier()
        if let id, let idNode, id != expectedID {
            idNode.error("id редакции «\(id)» не совпадает с именем файла «\(expectedID).yaml»")
        }
        let title = document.required("title")?.text()
        let validFrom = document.required("valid_from").flatMap(date)
        let validTo = document.optional("valid_to").flatMap(date)
        if let totalNode = document.required("total"), let total = totalNode.string(), total != "mean_of_applied" {
            totalNode.error("неизвестное правило итога «\(total)»; допустимо: mean_of_applied")
        }
        var lines: [String: Int] = [:]
        let criteriaNode = document.required("criteria")
        let items = criteriaNode.flatMap { $0.sequence() }
        if let criteriaNode, items?.isEmpty == true { criteriaNode.error("список criteria пуст; нужен хотя бы один критерий") }
        let criteria = (items ?? []).compactMap { item -> Criterion? in
            guard let fields = item.mapping(allowed: ["id", "title"]) else { return nil }
            let criterionIDNode = fields.required("id")
            let criterionID = criterionIDNode?.identifier()
            let title = fields.required("title")?.text()
            guard let criterionID, let criterionIDNode else { return nil }
            if let line = lines[criterionID] {
                criterionIDNode.error("критерий «\(criterionID)» уже объявлен в строке \(line)")
                return nil
            }
            lines[criterionID] = criterionIDNode.position.line
            guard let title else { return nil }
            return Criterion(id: CriterionID(criterionID), title: title)
        }
        guard let id, let title, let validFrom else { return nil }
        return Methodology(id: MethodologyID(id), title: title, validFrom: validFrom, validTo: validTo, criteria: criteria)
    }

    /// `YYYY-MM-DD`, as written.
    static func date(_ node: ConfigNode) -> String? {
        guard let text = node.string() else { return nil }
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let month = Int(parts[1]), let day = Int(parts[2]),
              Int(parts[0]) != nil, (1...12).contains(month), (1...31).contains(day) else {
            node.error("ожидалась дата в виде ГГГГ-ММ-ДД, а задано «\(text)»")
            return nil
        }
        return text
    }
}
