import AssessmentKernel

/// Entries of a list (questions, check-lists) and every id written in it.
///
/// `ids` also holds entries that had errors of their own, so a reference to one of them is not
/// reported a second time as dangling.
struct Declared<Value> {
    var values: [Value] = []
    /// Each id with the node where it was first written.
    var ids: [String: ConfigNode] = [:]

    static func + (lhs: Self, rhs: Self) -> Self {
        Declared(values: lhs.values + rhs.values, ids: lhs.ids.merging(rhs.ids) { first, _ in first })
    }
}

/// What a formula reads and what it expects of it, with where it was written.
struct FormulaReference {
    enum Target { case question, checklist }

    /// How a formula reads the answers of its question, checked against the question's answer kind.
    enum AnswerUse {
        case none
        case share(positive: [(value: String, node: ConfigNode)])
        case lookup(rows: [(row: LookupRow, node: ConfigNode)])
    }

    let target: Target
    let id: String
    let node: ConfigNode
    var use: AnswerUse = .none
}

/// Questions and check-lists a formula may read. Nil means the file did not load (its own error is
/// already reported): references into it are not checked.
struct ReferenceScope {
    var questions: Declared<Question>?
    var checklists: Declared<Checklist>?

    static func + (lhs: Self, rhs: Self) -> Self {
        ReferenceScope(
            questions: lhs.questions.flatMap { own in rhs.questions.map { own + $0 } },
            checklists: lhs.checklists.flatMap { own in rhs.checklists.map { own + $0 } })
    }
}

enum ReferenceCheck {
    /// Each reference must resolve in every scope (an extra criterion: in each of its sectors).
    /// `missingFrom` words the names of the scopes that lack it.
    static func check(_ references: [FormulaReference], scopes: [(name: String, scope: ReferenceScope)],
                      missingFrom: (FormulaReference.Target, [String]) -> String)
    {
        for reference in references {
            var missing: [String] = []
            var found: [Question] = []
            for (name, scope) in scopes {
                switch reference.target {
                case .question:
                    guard let questions = scope.questions else { continue }
                    if questions.ids[reference.id] == nil { missing.append(name) }
                    found += questions.values.filter { $0.id.rawValue == reference.id }
                case .checklist:
                    guard let checklists = scope.checklists else { continue }
                    if checklists.ids[reference.id] == nil { missing.append(name) }
                }
            }
            if !missing.isEmpty {
                let what = reference.target == .question ? "вопрос" : "чек-лист"
                reference.node.error("показатель ссылается на \(what) «\(reference.id)», которого нет \(missingFrom(reference.target, missing))")
                continue
            }
            for question in found { checkAnswers(reference, question: question) }
        }
    }

    private static func checkAnswers(_ reference: FormulaReference, question: Question) {
        switch (reference.use, question.answer) {
        case (.none, _):
            break
        case (.share, .number), (.share, .text):
            reference.node.error("доля считается по вопросу с ответом yes_no или choice, а у вопроса «\(question.id)» ответ \(question.answer.name)")
        case (.share(let positive), _):
            for (value, node) in positive {
                if let problem = question.answerProblem(value) { node.error(problem) }
            }
        case (.lookup, .text):
            reference.node.error("таблица баллов строится по вопросу с ответом number, choice или yes_no, а у вопроса «\(question.id)» ответ text")
        case (.lookup(let rows), .number):
            for (row, node) in rows where row.answer != nil {
                node.error("вопрос «\(question.id)» числовой: строка таблицы задаёт диапазон from/below, а не answer")
            }
        case (.lookup(let rows), _):
            for (row, node) in rows {
                guard let answer = row.answer else {
                    node.error("у вопроса «\(question.id)» ответ \(question.answer.name): строка таблицы задаёт answer, а не диапазон from/below")
                    continue
                }
                if let problem = question.answerProblem(answer) { node.error(problem) }
            }
        }
    }
}

extension AnswerKind {
    /// The YAML name of the kind.
    var name: String {
        switch self {
        case .yesNo: "yes_no"
        case .choice: "choice"
        case .number: "number"
        case .text: "text"
        }
    }
}

extension Question {
    /// Why `value` is not an answer to this question; nil when it is one.
    func answerProblem(_ value: String) -> String? {
        switch answer {
        case .yesNo where value != AnswerKind.yes && value != AnswerKind.no:
            "вопрос «\(id)» допускает ответы «yes» и «no», а задано «\(value)»"
        case .choice(let options) where !options.contains { $0.id == value }:
            "у вопроса «\(id)» нет варианта «\(value)»; допустимы: \(quotedList(options.map(\.id)))"
        default:
            nil
        }
    }
}
