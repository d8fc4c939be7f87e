import AssessmentKernel
import Foundation

/// Turns what people type in forms («Да», «нет», 1, «Мужской») into stored answer codes.
enum AnswerNormalizer {
    static let yesWords: Set<String> = ["да", "yes", "1", "д", "y", "true", "истина"]
    static let noWords: Set<String> = ["нет", "no", "0", "н", "n", "false", "ложь"]

    /// The code for `raw`, or a Russian description of what was expected.
    static func normalize(_ raw: String, for question: Question) -> Result<String, ExpectedValue> {
        let lowered = raw.lowercased()
        switch question.answer {
        case .yesNo:
            if yesWords.contains(lowered) { return .success(AnswerKind.yes) }
            if noWords.contains(lowered) { return .success(AnswerKind.no) }
            return .failure(ExpectedValue("ожидалось «да» или «нет» (также yes/no, 1/0)"))
        case .choice(let options):
            if let option = options.first(where: { $0.id.lowercased() == lowered || $0.text.lowercased() == lowered }) {
                return .success(option.id)
            }
            return .failure(ExpectedValue("ожидался один из вариантов: " + options.map { "«\($0.text)»" }.joined(separator: ", ")))
        case .number(let min, let max):
            guard let number = Double(raw.replacingOccurrences(of: ",", with: ".")), number.isFinite else {
                return .failure(ExpectedValue("ожидалось число"))
            }
            if let min, number < min { return .failure(ExpectedValue("число должно быть не меньше \(format(min))")) }
            if let max, number > max { return .failure(ExpectedValue("число должно быть не больше \(format(max))")) }
            return .success(format(number))
        case .text:
            return .success(raw)
        }
    }

    /// Integers without ".0", so "5" and "5,0" tally together.
    static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}

struct ExpectedValue: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
