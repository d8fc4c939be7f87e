import AssessmentKernel
import Foundation

/// Turns what people type in forms («Да», «нет», 1, «Мужской», «3,5») into stored answer codes.
enum AnswerNormalizer {
    static let yesWords: Set<String> = ["да", "yes", "1"]
    static let noWords: Set<String> = ["нет", "no", "0"]

    /// The stored code for a non-empty trimmed cell, or what was expected, in Russian.
    static func normalize(_ raw: String, for question: Question) -> Result<String, Expected> {
        switch question.answer {
        case .yesNo:
            let key = MatchKey.of(raw)
            if yesWords.contains(key) { return .success(AnswerKind.yes) }
            if noWords.contains(key) { return .success(AnswerKind.no) }
            return .failure(Expected("ожидалось «да» или «нет»"))
        case .choice(let options):
            let key = MatchKey.of(raw)
            if let option = options.first(where: { MatchKey.of($0.id) == key || MatchKey.of($0.text) == key }) {
                return .success(option.id)
            }
            let listed = options.map { "«\($0.text)» (\($0.id))" }
            return .failure(Expected("ожидался один из вариантов: " + ExpectedList.text(listed)))
        case .number(let min, let max):
            guard let number = parseNumber(raw) else { return .failure(Expected(numberExpectation(min: min, max: max))) }
            if let min, number < min { return .failure(Expected(numberExpectation(min: min, max: max))) }
            if let max, number > max { return .failure(Expected(numberExpectation(min: min, max: max))) }
            return .success(canonical(number))
        case .text:
            return .success(raw)
        }
    }

    /// Digits with an optional sign and one decimal comma or dot: «14», «-2», «3,5», «3.5».
    static func parseNumber(_ raw: String) -> Double? {
        var text = Substring(raw)
        if text.first == "+" || text.first == "-" { text = text.dropFirst() }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).flatMap {
            $0.split(separator: ".", omittingEmptySubsequences: false)
        }
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }) else {
            return nil
        }
        return Double(raw.replacingOccurrences(of: ",", with: "."))
    }

    /// Integers without ".0", so «5» and «5,0» tally together.
    static func canonical(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    static func numberExpectation(min: Double?, max: Double?) -> String {
        switch (min, max) {
        case let (min?, max?): "ожидалось число от \(canonical(min)) до \(canonical(max))"
        case let (min?, nil): "ожидалось число не меньше \(canonical(min))"
        case let (nil, max?): "ожидалось число не больше \(canonical(max))"
        case (nil, nil): "ожидалось число (дробная часть — через запятую или точку)"
        }
    }

    /// Free-text answers that say nothing and are not kept as suggestions.
    static let emptySuggestions: Set<String> = ["-", "–", "—", "нет", "нет.", "no", "н/п", "нет предложений", "предложений нет", "всё устраивает", "все устраивает"]

    static func isMeaningfulSuggestion(_ text: String) -> Bool { !emptySuggestions.contains(MatchKey.of(text)) }
}

/// What a cell should have held, as shown to the user.
struct Expected: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Case- and «ё»-insensitive comparison key: lower case, «ё» as «е» (also when written «е» and a combining
/// diaeresis), runs of whitespace as one space and none at the ends. Built over Unicode scalars: per `Character`,
/// with Foundation's replacing, it was most of the cost of a free-text cell.
enum MatchKey {
    static func of(_ text: String) -> String {
        var key = String.UnicodeScalarView()
        var spaceBefore = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isWhitespace {
                spaceBefore = !key.isEmpty
                continue
            }
            if spaceBefore {
                key.append(" ")
                spaceBefore = false
            }
            switch scalar {
            case "ё": key.append("е")
            case "\u{308}" where key.last == "е": break
            default: key.append(scalar)
            }
        }
        return String(key)
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isWholeNumber }
}
