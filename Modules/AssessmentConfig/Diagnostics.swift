public import Foundation

/// One config problem at its place, printed like a compiler's: `file:line:column: ошибка: …`.
public struct ConfigDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): ошибка: \(message)" }
}

/// Every problem found in the config tree, all files together.
public struct ConfigErrors: Error, Sendable, LocalizedError {
    public var diagnostics: [ConfigDiagnostic]

    public init(diagnostics: [ConfigDiagnostic]) {
        self.diagnostics = diagnostics.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
    }

    public var errorDescription: String? {
        (diagnostics.map(\.description) + ["Ошибок в конфигурации: \(diagnostics.count)."]).joined(separator: "\n")
    }
}

/// Collects diagnostics while the loader keeps going, so one run reports everything.
final class DiagnosticLog {
    private(set) var diagnostics: [ConfigDiagnostic] = []

    func error(_ file: String, _ position: Position, _ message: String) {
        diagnostics.append(ConfigDiagnostic(file: file, line: position.line, column: position.column, message: message))
    }
}

/// A 1-based line and column in a YAML file.
struct Position: Equatable {
    var line: Int
    var column: Int

    static let start = Position(line: 1, column: 1)
}
