/// What the engine scores for one organisation: counts, never raw responses.
///
/// Stores build this with one GROUP BY or one streaming pass (`ResponseTallier`), so scoring a
/// region never holds a million response objects.
public struct OrganizationData: Sendable, Equatable {
    public var organization: Organization
    /// Questionnaires received for the organisation.
    public var respondents: Int
    public var tallies: [QuestionID: AnswerTally]
    public var checklists: [ChecklistID: [ChecklistItemID: ItemMark]]

    public init(
        organization: Organization, respondents: Int = 0, tallies: [QuestionID: AnswerTally] = [:],
        checklists: [ChecklistID: [ChecklistItemID: ItemMark]] = [:]
    ) {
        self.organization = organization
        self.respondents = respondents
        self.tallies = tallies
        self.checklists = checklists
    }

    public func tally(_ question: QuestionID) -> AnswerTally { tallies[question] ?? AnswerTally() }
}

/// Answers to one question among respondents who were asked it.
public struct AnswerTally: Sendable, Equatable, Codable {
    /// Respondents who passed the question's filter and answered it.
    public var answered: Int
    /// Normalised answer code (`yes`, `no`, an option id, a number) → count.
    public var counts: [String: Int]
    /// Answers given although the filter skipped the question; they are not counted.
    public var ignoredByFilter: Int

    public init(answered: Int = 0, counts: [String: Int] = [:], ignoredByFilter: Int = 0) {
        self.answered = answered
        self.counts = counts
        self.ignoredByFilter = ignoredByFilter
    }

    public func count(of answers: [String]) -> Int { answers.reduce(0) { $0 + (counts[$1] ?? 0) } }
}

/// Folds normalised responses into per-question tallies, applying the skip logic.
public struct ResponseTallier: Sendable {
    private let questions: [Question]
    public private(set) var respondents = 0
    public private(set) var tallies: [QuestionID: AnswerTally] = [:]

    /// `questions` in questionnaire order: a filter always points to an earlier question.
    public init(questions: [Question]) {
        self.questions = questions.filter { $0.answer != .text }
    }

    /// Adds one response: question id → normalised answer code; a missing or empty answer is "not answered".
    public mutating func add(_ answers: [QuestionID: String]) {
        respondents += 1
        let asked = Self.askedQuestions(answers, questions: questions)
        for question in questions {
            guard let answer = answers[question.id], !answer.isEmpty else { continue }
            var tally = tallies[question.id] ?? AnswerTally()
            if asked.contains(question.id) {
                tally.answered += 1
                tally.counts[answer, default: 0] += 1
            } else {
                tally.ignoredByFilter += 1
            }
            tallies[question.id] = tally
        }
    }

    /// The questions this response was asked, following the skip logic in questionnaire order.
    /// An answer to any other question was given against the filter and is not counted.
    public static func askedQuestions(_ answers: [QuestionID: String], questions: [Question]) -> Set<QuestionID> {
        var asked: Set<QuestionID> = []
        for question in questions {
            if let filter = question.filter {
                if asked.contains(filter.question) && answers[filter.question] == filter.answer { asked.insert(question.id) }
            } else {
                asked.insert(question.id)
            }
        }
        return asked
    }
}
