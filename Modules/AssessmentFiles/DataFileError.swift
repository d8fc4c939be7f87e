public import Foundation

/// One problem in a data file: where it is, which field, what value, what was expected.
public struct DataFileProblem: Sendable, Equatable, CustomStringConvertible {
    /// The path as the caller gave it.
    public var file: String
    /// 1-based physical line where the record starts (the header is line 1); 0 for the file as a whole.
    public var line: Int
    public var field: String?
    public var value: String?
    public var message: String

    public init(file: String, line: Int, field: String? = nil, value: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.value = value
        self.message = message
    }

    /// `responses.csv:12: поле «q5»: значение «может быть»: ожидалось «да» или «нет»`.
    public var description: String {
        var parts = [line > 0 ? "\(file):\(line)" : file]
        if let field { parts.append("поле «\(field)»") }
        if let value { parts.append("значение «\(value)»") }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}

/// Every problem of one file; nothing is taken from a file that has any.
public struct DataFileError: Error, Sendable, LocalizedError {
    public var problems: [DataFileProblem]
    /// Problems found after the collection cap was reached: counted, not kept.
    public var omitted: Int
    /// How the file was read, when it got that far: a wrong guess explains odd problems.
    public var format: DetectedFormat?

    public init(problems: [DataFileProblem], omitted: Int = 0, format: DetectedFormat? = nil) {
        self.problems = problems
        self.omitted = omitted
        self.format = format
    }

    /// At most this many problems are printed; the rest are counted.
    public static let printedLimit = 200

    public var total: Int { problems.count + omitted }

    public var errorDescription: String? {
        var lines = problems.prefix(Self.printedLimit).map(\.description)
        let hidden = total - min(problems.count, Self.printedLimit)
        if hidden > 0 { lines.append("… и ещё \(hidden)") }
        let read = format.map { " (файл прочитан так: \($0))" } ?? ""
        lines.append("Ошибок: \(total)\(read). Данные из файла не загружены: исправьте файл и повторите.")
        return lines.joined(separator: "\n")
    }
}
