import AssessmentKernel
import Foundation
import NIOCore

/// An `application/x-www-form-urlencoded` body as ordered name/value pairs.
enum FormBody {
    static func parse(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The body as it lies in the buffer: split on `&` and `=` in the bytes, no String of the whole body.
    /// Same fields as `parse(String(buffer: buffer))`.
    static func parse(_ buffer: ByteBuffer) -> [(name: String, value: String)] {
        buffer.withUnsafeReadableBytes { bytes in
            let ampersand = UInt8(ascii: "&"), equals = UInt8(ascii: "=")
            var fields: [(name: String, value: String)] = []
            var start = 0
            while start < bytes.count {
                var end = start
                var split: Int?
                while end < bytes.count && bytes[end] != ampersand {
                    if split == nil && bytes[end] == equals { split = end }
                    end += 1
                }
                if end > start {
                    if let split {
                        fields.append((decode(UnsafeRawBufferPointer(rebasing: bytes[start..<split])),
                                       decode(UnsafeRawBufferPointer(rebasing: bytes[(split + 1)..<end]))))
                    } else {
                        fields.append((decode(UnsafeRawBufferPointer(rebasing: bytes[start..<end])), ""))
                    }
                }
                start = end + 1
            }
            return fields
        }
    }

    /// One name or value from the body's bytes; text without `+` or `%` needs no decoding.
    private static func decode(_ bytes: UnsafeRawBufferPointer) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard bytes.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else { return text }
        return decode(Substring(text))
    }

    /// `+` is a space and `%XX` a byte; a malformed escape or bytes that are not UTF-8 leave the text as it came
    /// (with `+` as spaces), as Foundation's `removingPercentEncoding` fallback did. Works on UTF-8 bytes: the
    /// Foundation calls were a tenth of the server's CPU time per questionnaire.
    static func decode(_ part: Substring) -> String {
        let plus = UInt8(ascii: "+"), percent = UInt8(ascii: "%"), space = UInt8(ascii: " ")
        let input = Array(part.utf8)
        guard input.contains(where: { $0 == plus || $0 == percent }) else { return String(part) }
        let spaced = input.map { $0 == plus ? space : $0 }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(input.count)
        var index = 0
        while index < spaced.count {
            let byte = spaced[index]
            guard byte == percent else {
                bytes.append(byte)
                index += 1
                continue
            }
            guard index + 2 < spaced.count, let high = hexValue(spaced[index + 1]), let low = hexValue(spaced[index + 2]) else {
                return String(decoding: spaced, as: UTF8.self)
            }
            bytes.append(high << 4 | low)
            index += 3
        }
        return String(validating: bytes, as: UTF8.self) ?? String(decoding: spaced, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The first value of a field.
    static func value(_ name: String, in fields: [(name: String, value: String)]) -> String? {
        fields.first { $0.name == name }?.value
    }
}

/// Answers that passed validation against the questionnaire.
struct ValidatedAnswers: Equatable {
    /// Every answer as given, free text included (what a refilled form shows).
    var answers: [QuestionID: String]
    var asked: Set<QuestionID>
    /// Questions with free-text answers: suggestions, kept with the response but never counted.
    var textQuestions: Set<QuestionID> = []

    /// The answers scoring counts.
    var counted: [QuestionID: String] { answers.filter { !textQuestions.contains($0.key) } }
    /// Free-text answers by question.
    var comments: [QuestionID: String] { answers.filter { textQuestions.contains($0.key) } }
}

/// One thing wrong with a submitted form.
struct AnswerProblem: Error, Equatable {
    enum Kind: Equatable {
        /// The form could not have come from our page: unknown question or option, repeated field.
        case malformed
        /// The respondent can fix it: a required answer is missing, a number is out of range.
        case fixable
    }

    var kind: Kind
    var question: QuestionID?
    var message: String
}

/// A questionnaire with what checking a form needs looked up once: its questions by id, its free-text questions.
struct PreparedQuestionnaire: Sendable {
    let questionnaire: SurveyQuestionnaire
    let byID: [QuestionID: Question]
    let textQuestions: Set<QuestionID>

    init(_ questionnaire: SurveyQuestionnaire) {
        self.questionnaire = questionnaire
        byID = Dictionary(questionnaire.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        textQuestions = Set(questionnaire.questions.filter { $0.answer == .text }.map(\.id))
    }
}

/// Checks a posted form against the questionnaire on the server; the skip logic decides which answers are required.
enum AnswerValidation {
    /// Answer fields are named `a.<question id>`; other fields (the CSRF token, the channel) are not answers.
    static let prefix = "a."
    static let maxTextLength = 2_000

    static func validate(_ fields: [(name: String, value: String)], questionnaire: SurveyQuestionnaire)
        -> (answers: ValidatedAnswers, problems: [AnswerProblem])
    {
        validate(fields, questionnaire: PreparedQuestionnaire(questionnaire))
    }

    /// The same check against a questionnaire prepared once (the server keeps one per sector).
    static func validate(_ fields: [(name: String, value: String)], questionnaire prepared: PreparedQuestionnaire)
        -> (answers: ValidatedAnswers, problems: [AnswerProblem])
    {
        let questionnaire = prepared.questionnaire
        var problems: [AnswerProblem] = []
        var raw: [QuestionID: String] = [:]
        raw.reserveCapacity(questionnaire.questions.count)
        for field in fields where field.name.hasPrefix(prefix) {
            let id = QuestionID(String(field.name.dropFirst(prefix.count)))
            let value = trimmed(field.value)
            guard let question = prepared.byID[id] else {
                problems.append(AnswerProblem(kind: .malformed, question: nil,
                    message: "Вопроса «\(id)» нет в анкете «\(questionnaire.title)»: ответ не принят."))
                continue
            }
            if raw[id] != nil {
                problems.append(AnswerProblem(kind: .malformed, question: id, message: "На вопрос «\(id)» пришло несколько ответов: нужен один."))
                continue
            }
            guard !value.isEmpty else { continue }
            switch normalise(value, for: question) {
            case .success(let normalised): raw[id] = normalised
            case .failure(let problem): problems.append(problem)
            }
        }
        let asked = ResponseTallier.askedQuestions(raw, questions: questionnaire.questions)
        for question in questionnaire.questions where asked.contains(question.id) && raw[question.id] == nil {
            switch question.answer {
            case .yesNo, .choice:
                problems.append(AnswerProblem(kind: .fixable, question: question.id, message: "Ответьте на этот вопрос."))
            case .number, .text:
                continue
            }
        }
        return (ValidatedAnswers(answers: raw, asked: asked, textQuestions: prepared.textQuestions), problems)
    }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)` (`.whitespaces` when `newlines` is false), without
    /// Foundation when both ends are ASCII and not blank (nearly every answer: an option id or a number).
    static func trimmed(_ value: String, newlines: Bool = true) -> String {
        guard let first = value.utf8.first, let last = value.utf8.last else { return value }
        func plain(_ byte: UInt8) -> Bool {
            byte < 0x80 && byte != 0x20 && byte != 0x09 && !(newlines && (0x0a...0x0d).contains(byte))
        }
        guard !(plain(first) && plain(last)) else { return value }
        return value.trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
    }

    private static func normalise(_ value: String, for question: Question) -> Result<String, AnswerProblem> {
        switch question.answer {
        case .yesNo:
            guard value == AnswerKind.yes || value == AnswerKind.no else {
                return .failure(AnswerProblem(kind: .malformed, question: question.id,
                    message: "Вопрос «\(question.id)»: ответа «\(value)» нет среди вариантов (нужно «да» или «нет»)."))
            }
            return .success(value)
        case .choice(let options):
            guard options.contains(where: { $0.id == value }) else {
                let known = options.map { "«\($0.text)»" }.joined(separator: ", ")
                return .failure(AnswerProblem(kind: .malformed, question: question.id,
                    message: "Вопрос «\(question.id)»: варианта «\(value)» нет в анкете (есть: \(known))."))
            }
            return .success(value)
        case .number(let min, let max):
            guard let number = Double(value.replacingOccurrences(of: ",", with: ".")), number.isFinite else {
                return .failure(AnswerProblem(kind: .fixable, question: question.id, message: "Введите число цифрами."))
            }
            if let min, number < min { return .failure(AnswerProblem(kind: .fixable, question: question.id, message: "Число не меньше \(format(min)).")) }
            if let max, number > max { return .failure(AnswerProblem(kind: .fixable, question: question.id, message: "Число не больше \(format(max)).")) }
            return .success(format(number))
        case .text:
            guard value.count <= maxTextLength else {
                return .failure(AnswerProblem(kind: .fixable, question: question.id,
                    message: "Слишком длинный текст: не больше \(maxTextLength) знаков, сейчас \(value.count)."))
            }
            return .success(value)
        }
    }

    static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
