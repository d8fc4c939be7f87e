import AssessmentKernel
import Yams

/// `questionnaire.yaml` (and the `questions:` of an extra criterion).
enum QuestionnaireLoading {
    static let questionKeys = ["id", "text", "answer", "symbol", "asked_if", "options", "min", "max"]
    static let answerKinds = ["yes_no", "choice", "number", "text"]

    static func load(_ file: YAMLFile) -> [Question] {
        guard let document = file.document(allowed: ["questions"]), let list = document.required("questions") else { return [] }
        return questions(list)
    }

    /// Questions in order; filters may only point to an earlier question of the same list.
    static func questions(_ node: ConfigNode, earlier: [Question] = []) -> [Question] {
        guard let items = node.sequence() else { return [] }
        var result: [Question] = []
        var firstLine: [String: Int] = [:]
        for item in items {
            guard let fields = item.mapping(allowed: questionKeys) else { continue }
            let idNode = fields.required("id")
            let id = idNode?.identifier()
            let text = fields.required("text")?.text()
            let symbol = fields.optional("symbol")?.text()
            let answer = answerKind(fields)
            if let id, let idNode {
                if let line = firstLine[id] {
                    idNode.error("вопрос «\(id)» уже объявлен в строке \(line)")
                } else if earlier.contains(where: { $0.id.rawValue == id }) {
                    idNode.error("вопрос «\(id)» уже есть в анкете сферы")
                }
                firstLine[id] = firstLine[id] ?? idNode.position.line
            }
            let filter = fields.optional("asked_if").flatMap { filterNode in
                self.filter(filterNode, questionID: id, earlier: earlier + result, later: items)
            }
            guard let id, let text, let answer else { continue }
            result.append(Question(id: QuestionID(id), text: text, answer: answer, symbol: symbol, filter: filter))
        }
        return result
    }

    private static func answerKind(_ fields: MappingReader) -> AnswerKind? {
        guard let node = fields.required("answer"), let kind = node.string() else { return nil }
        let options = fields.optional("options")
        let min = fields.optional("min")?.number()
        let max = fields.optional("max")?.number()
        switch kind {
        case "yes_no", "text":
            for key in ["options", "min", "max"] where fields.optional(key) != nil {
                fields.keyNode(key)?.error("ключ «\(key)» не применяется к ответу «\(kind)»")
            }
            return kind == "yes_no" ? .yesNo : .text
        case "choice":
            guard let options else {
                node.error("для ответа «choice» нужен список options")
                return nil
            }
            var ids: Set<String> = []
            let parsed = (options.sequence() ?? []).compactMap { option -> AnswerOption? in
                guard let fields = option.mapping(allowed: ["id", "text"]) else { return nil }
                guard let idNode = fields.required("id"), let id = idNode.identifier(), let text = fields.required("text")?.text() else { return nil }
                if !ids.insert(id).inserted { idNode.error("вариант «\(id)» повторяется") }
                return AnswerOption(id: id, text: text)
            }
            if parsed.isEmpty { options.error("список вариантов пуст") }
            return .choice(parsed)
        case "number":
            if options != nil { fields.keyNode("options")?.error("ключ «options» не применяется к ответу «number»") }
            if let min, let max, min > max { fields.optional("max")?.error("max меньше min") }
            return .number(min: min, max: max)
        default:
            node.error("неизвестный вид ответа «\(kind)»; допустимы: \(answerKinds.joined(separator: ", "))")
            return nil
        }
    }

    private static func filter(_ node: ConfigNode, questionID: String?, earlier: [Question], later: [ConfigNode]) -> QuestionFilter? {
        guard let fields = node.mapping(allowed: ["question", "answer"]) else { return nil }
        guard let targetNode = fields.required("question"), let target = targetNode.identifier(),
              let answerNode = fields.required("answer"), let answer = answerNode.text() else { return nil }
        if target == questionID {
            targetNode.error("вопрос «\(target)» не может фильтроваться по самому себе")
            return nil
        }
        guard let question = earlier.first(where: { $0.id.rawValue == target }) else {
            let isLater = later.contains { rawID($0) == target }
            targetNode.error(isLater
                ? "фильтр ссылается на вопрос «\(target)», который задаётся позже; фильтр может ссылаться только на предыдущий вопрос"
                : "фильтр ссылается на несуществующий вопрос «\(target)»")
            return nil
        }
        switch question.answer {
        case .yesNo where answer != AnswerKind.yes && answer != AnswerKind.no:
            answerNode.error("вопрос «\(target)» допускает ответы «yes» и «no», а задано «\(answer)»")
            return nil
        case .choice(let options) where !options.contains { $0.id == answer }:
            answerNode.error("у вопроса «\(target)» нет варианта «\(answer)»; допустимы: \(options.map(\.id).joined(separator: ", "))")
            return nil
        case .number, .text:
            targetNode.error("фильтр может ссылаться только на вопрос с ответом yes_no или choice")
            return nil
        default:
            return QuestionFilter(question: question.id, answer: answer)
        }
    }

    /// The `id` of a question node, read without logging anything (the node is reported on its own turn).
    private static func rawID(_ item: ConfigNode) -> String? {
        guard case .mapping(let mapping) = item.node else { return nil }
        return mapping.first { $0.key.scalar?.string == "id" }?.value.scalar?.string
    }
}
