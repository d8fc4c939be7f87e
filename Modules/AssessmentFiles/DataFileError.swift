public import Foundation

/// One problem in a data file: where it is, which field, what value, what was expected.
public struct DataFileProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
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

    public var description: String {
        var parts = ["\(file):\(line)"]
        if let field { parts.append("поле «\(field)»") }
        if let value { parts.append("значение «\(value)»") }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}

/// Every problem of a file; nothing is used from a file that has one.
public struct DataFileError: Error, Sendable, LocalizedError {
    public var problems: [DataFileProblem]

    public init(problems: [DataFileProblem]) { self.problems = problems }

    /// At most this many lines are printed; the rest are counted.
    static let printedLimit = 200

    public var errorDescription: String? {
        var lines = problems.prefix(Self.printedLimit).map(\.description)
        if problems.count > Self.printedLimit { lines.append("… и ещё \(problems.count - Self.printedLimit)") }
        lines.append("Ошибок в файле: \(problems.count). Данные из файла не использованы.")
        return lines.joined(separator: "\n")
    }
}

/// Collects problems up to a cap, so a broken million-row file does not fill memory with messages.
struct ProblemList {
    let file: String
    private(set) var problems: [DataFileProblem] = []
    private(set) var dropped = 0
    static let cap = 5000

    init(file: String) { self.file = file }

    mutating func add(line: Int, field: String? = nil, value: String? = nil, _ message: String) {
        guard problems.count < Self.cap else { dropped += 1; return }
        problems.append(DataFileProblem(file: file, line: line, field: field, value: value, message: message))
    }

    var isEmpty: Bool { problems.isEmpty }

    func check() throws(DataFileError) {
        guard !problems.isEmpty else { return }
        var all = problems
        if dropped > 0 {
            all.append(DataFileProblem(file: file, line: all.last?.line ?? 0, message: "проверка остановлена: ещё \(dropped) ошибок не показаны"))
        }
        throw DataFileError(problems: all)
    }
}
