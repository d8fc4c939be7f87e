import AssessmentKernel

/// `questionnaire.yaml` (and the `questions:` of an extra criterion).
enum QuestionnaireLoading {
    static let questionKeys = ["id", "text", "answer", "symbol", "asked_if", "options", "min", "max"]
    static let answerKinds = ["yes_no", "choice", "number", "text"]

    /// Nil when the file or its list could not be read.
    static func load(_ file: YAMLFile) -> Declared<Question>? {
        guard let document = file.document(allowed: ["questions"]), let list = document.required("questions") else { return nil }
        return questions(list)
    }

    /// Questions in order; a filter may only point to an earlier question of the same list.
    static func questions(_ node: ConfigNode) -> Declared<Question>? {
        guard let items = node.sequence() else { return nil }
        var declared = Declared<Question>()
        for (index, item) in items.enumerated() {
            guard let fields = item.mapping(allowed: questionKeys) else { continue }
            let idNode = fields.required("id")
            let id = idNode?.identifier()
            let text = fields.required("text")?.text()
            let symbol = fields.optional("symbol")?.text()
            let answer = answerKind(fields)
            var isDuplicate = false
            if let id, let idNode {
                if let first = declared.ids[id] {
                    idNode.error("вопрос «\(id)» уже объявлен в строке \(first.position.line)")
                    isDuplicate = true
                } else {
                    declared.ids[id] = idNode
                }
            }
            let filter = fields.optional("asked_if").flatMap { filterNode in
                self.filter(filterNode, questionID: id, earlier: declared, later: items[(index + 1)...].compactMap(\.declaredID?.id))
            }
            if fields.optional("asked_if") != nil && filter == nil { continue }
            guard let id, let text, let answer, !isDuplicate else { continue }
            declared.values.append(Question(id: QuestionID(id), text: text, answer: answer, symbol: symbol, filter: filter))
        }
        return declared
    }

    private static func answerKind(_ fields: MappingReader) -> AnswerKind? {
        guard let node = fields.required("answer"), let kind = node.string() else { return nil }
        func notApplicable(_ keys: [String]) {
            for key in keys where fields.keyNode(key) != nil {
                fields.keyNode(key)?.error("ключ «\(key)» не применяется к ответу «\(kind)»")
            }
        }
        switch kind {
        case "yes_no":
            notApplicable(["options", "min", "max"])
            return .yesNo
        case "text":
            notApplicable(["options", "min", "max"])
            return .text
        case "choice":
            notApplicable(["min", "max"])
            guard let optionsNode = fields.optional("options") else {
                node.error("для ответа «choice» нужен список options")
                return nil
            }
            return options(optionsNode).map { .choice($0) }
        case "number":
            notApplicable(["options"])
            let min = fields.optional("min")?.number()
            let max = fields.optional("max")?.number()
            if let min, let max, min > max {
                fields.optional("max")?.error("max (\(decimalText(max))) меньше min (\(decimalText(min)))")
                return nil
            }
            return .number(min: min, max: max)
        default:
            node.error("неизвестный вид ответа «\(kind)»; допустимы: \(answerKinds.joined(separator: ", "))")
            return nil
        }
    }

    private static func options(_ node: ConfigNode) -> [AnswerOption]? {
        guard let items = node.sequence() else { return nil }
        if items.isEmpty { node.error("список вариантов options пуст") }
        var lines: [String: Int] = [:]
        let parsed = items.compactMap { item -> AnswerOption? in
            guard let fields = item.mapping(allowed: ["id", "text"]) else { return nil }
            let idNode = fields.required("id")
            let id = idNode?.identifier()
            let text = fields.required("text")?.text()
            guard let id, let idNode else { return nil }
            if let line = lines[id] {
                idNode.error("вариант «\(id)» уже объявлен в строке \(line)")
                return nil
            }
            lines[id] = idNode.position.line
            return text.map { AnswerOption(id: id, text: $0) }
        }
        return parsed.count == items.count && !parsed.isEmpty ? parsed : nil
    }

    private static func filter(_ node: ConfigNode, questionID: String?, earlier: Declared<Question>, later: [String]) -> QuestionFilter? {
        guard let fields = node.mapping(allowed: ["question", "answer"]) else { return nil }
        let targetNode = fields.required("question")
        let target = targetNode?.identifier()
        let answerNode = fields.required("answer")
        let answer = answerNode?.text()
        guard let target, let targetNode else { return nil }
        if target == questionID {
            targetNode.error("вопрос «\(target)» не может фильтроваться по самому себе; фильтр ссылается только на предыдущий вопрос")
            return nil
        }
        guard earlier.ids[target] != nil else {
            targetNode.error(later.contains(target)
                ? "фильтр ссылается на вопрос «\(target)», который задаётся позже; фильтр может ссылаться только на предыдущий вопрос"
                : "фильтр ссылается на несуществующий вопрос «\(target)»")
            return nil
        }
        // An earlier question with errors of its own has been reported already.
        guard let question = earlier.values.first(where: { $0.id.rawValue == target }), let answer, let answerNode else { return nil }
        switch question.answer {
        case .number, .text:
            targetNode.error("фильтр может ссылаться только на вопрос с ответом yes_no или choice, а у вопроса «\(target)» ответ \(question.answer.name)")
            return nil
        case .yesNo, .choice:
            if let problem = question.answerProblem(answer) {
                answerNode.error(problem)
                return nil
            }
            return QuestionFilter(question: question.id, answer: answer)
        }
    }
}
