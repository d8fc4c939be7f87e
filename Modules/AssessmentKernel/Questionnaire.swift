/// One question of a sector's questionnaire (Приказ Минтруда № 675н style).
public struct Question: Sendable, Equatable {
    public var id: QuestionID
    public var text: String
    public var answer: AnswerKind
    /// The symbol used in 344н formulas, e.g. «Устенд».
    public var symbol: String?
    /// Skip logic: the question is asked only when an earlier question got the given answer.
    public var filter: QuestionFilter?

    public init(id: QuestionID, text: String, answer: AnswerKind, symbol: String? = nil, filter: QuestionFilter? = nil) {
        self.id = id
        self.text = text
        self.answer = answer
        self.symbol = symbol
        self.filter = filter
    }
}

public enum AnswerKind: Sendable, Equatable {
    case yesNo
    case choice([AnswerOption])
    case number(min: Double?, max: Double?)
    case text

    /// Stored answer codes for yes/no questions.
    public static let yes = "yes"
    public static let no = "no"
}

public struct AnswerOption: Sendable, Equatable {
    public var id: String
    public var text: String

    public init(id: String, text: String) {
        self.id = id
        self.text = text
    }
}

public struct QuestionFilter: Sendable, Equatable {
    public var question: QuestionID
    public var answer: String

    public init(question: QuestionID, answer: String) {
        self.question = question
        self.answer = answer
    }
}
