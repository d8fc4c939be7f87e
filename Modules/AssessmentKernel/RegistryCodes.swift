/// Check digits of Russian registry codes: ИНН (10 digits for organisations, 12 for individuals) and ОГРН (13; ОГРНИП 15).
public enum RegistryCodes {
    public enum Problem: Equatable, Sendable {
        case notDigits
        case wrongLength(expected: [Int], actual: Int)
        case checkDigit

        /// Russian text for an import error.
        public var message: String {
            switch self {
            case .notDigits: "допустимы только цифры"
            case .wrongLength(let expected, let actual):
                "ожидалось \(expected.map(String.init).joined(separator: " или ")) цифр, получено \(actual)"
            case .checkDigit: "не сходится контрольная цифра"
            }
        }
    }

    /// Nil when the ИНН is valid.
    public static func innProblem(_ text: String) -> Problem? {
        guard let digits = digits(text) else { return .notDigits }
        func check(_ weights: [Int]) -> Int {
            zip(weights, digits).reduce(0) { $0 + $1.0 * $1.1 } % 11 % 10
        }
        switch digits.count {
        case 10:
            return check([2, 4, 10, 3, 5, 9, 4, 6, 8]) == digits[9] ? nil : .checkDigit
        case 12:
            let first = check([7, 2, 4, 10, 3, 5, 9, 4, 6, 8])
            let second = check([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8])
            return first == digits[10] && second == digits[11] ? nil : .checkDigit
        default:
            return .wrongLength(expected: [10, 12], actual: digits.count)
        }
    }

    /// Nil when the ОГРН (13 digits) or ОГРНИП (15 digits) is valid.
    public static func ogrnProblem(_ text: String) -> Problem? {
        guard let digits = digits(text) else { return .notDigits }
        let modulus: Int
        switch digits.count {
        case 13: modulus = 11
        case 15: modulus = 13
        default: return .wrongLength(expected: [13, 15], actual: digits.count)
        }
        // The body is up to 14 digits: fits in Int64, and the remainder is taken digit by digit anyway.
        let remainder = digits.dropLast().reduce(0) { ($0 * 10 + $1) % modulus }
        return remainder % 10 == digits.last! ? nil : .checkDigit
    }

    private static func digits(_ text: String) -> [Int]? {
        let values = text.compactMap(\.wholeNumberValue)
        guard values.count == text.count, text.allSatisfy(\.isASCII) else { return nil }
        return values
    }
}
