import AssessmentKernel
import Foundation

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
        let criteria = (document.required("criteria")?.sequence() ?? []).compactMap { item -> Criterion? in
            guard let fields = item.mapping(allowed: ["id", "title"]) else { return nil }
            let criterionIDNode = fields.required("id")
            let criterionID = criterionIDNode?.identifier()
            if let criterionID, let criterionIDNode {
                if let line = lines[criterionID] { criterionIDNode.error("критерий «\(criterionID)» уже объявлен в строке \(line)") }
                lines[criterionID] = lines[criterionID] ?? criterionIDNode.position.line
            }
            guard let criterionID, let title = fields.required("title")?.text() else { return nil }
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
