public import AssessmentKernel

/// Synthetic organisations for any sector config: best case, worst case, random.
public enum SampleData {
    public enum Mode: Sendable {
        case perfect
        case worst
        case random(seed: UInt64)
    }

    public static func organization(_ organization: Organization, questions: [Question], checklists: [Checklist], mode: Mode, respondents: Int = 20) -> OrganizationData {
        var rng = SeededGenerator(seed: 1)
        if case .random(let seed) = mode { rng = SeededGenerator(seed: seed) }
        func chance() -> Double { Double.random(in: 0...1, using: &rng) }
        var tallier = ResponseTallier(questions: questions)
        for _ in 0..<respondents {
            var answers: [QuestionID: String] = [:]
            for question in questions {
                if let filter = question.filter, answers[filter.question] != filter.answer { continue }
                switch (question.answer, mode) {
                case (.yesNo, .perfect): answers[question.id] = AnswerKind.yes
                case (.yesNo, .worst): answers[question.id] = question.filter == nil && isGate(question, questions) ? AnswerKind.yes : AnswerKind.no
                case (.yesNo, .random): answers[question.id] = chance() < 0.7 ? AnswerKind.yes : AnswerKind.no
                case (.number(let min, let max), _):
                    let low = min ?? 0, high = Swift.min(max ?? 30, 30)
                    let value: Double = switch mode {
                    case .perfect: low
                    case .worst: high
                    case .random: (low + (high - low) * chance()).rounded()
                    }
                    answers[question.id] = value == value.rounded() ? String(Int(value)) : String(value)
                case (.choice(let options), _):
                    guard !options.isEmpty else { continue }
                    answers[question.id] = options[Int(chance() * Double(options.count)) % options.count].id
                case (.text, _): continue
                }
            }
            tallier.add(answers)
        }
        var marks: [ChecklistID: [ChecklistItemID: ItemMark]] = [:]
        for list in checklists {
            marks[list.id] = Dictionary(uniqueKeysWithValues: list.items.map { item in
                let mark: ItemMark = switch mode {
                case .perfect: .present
                case .worst: .absent
                case .random: chance() < 0.6 ? .present : (chance() < 0.8 ? .absent : .notApplicable)
                }
                return (item.id, mark)
            })
        }
        return OrganizationData(organization: organization, respondents: tallier.respondents, tallies: tallier.tallies, checklists: marks)
    }

    /// A gate question opens a filtered one; in the worst case it is answered "yes" so the filtered share is 0, not empty.
    static func isGate(_ question: Question, _ questions: [Question]) -> Bool {
        questions.contains { $0.filter?.question == question.id }
    }
}
