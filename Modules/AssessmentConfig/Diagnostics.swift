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

/// Every problem found in the config tree, all files together, sorted by file, line and column.
public struct ConfigErrors: Error, Sendable, LocalizedError {
    public var diagnostics: [ConfigDiagnostic]

    public init(diagnostics: [ConfigDiagnostic]) {
        self.diagnostics = Self.sorted(diagnostics)
    }

    public var errorDescription: String? {
        Self.sorted(diagnostics).map(\.description).joined(separator: "\n")
    }

    /// Stable: two messages at one position keep the order in which they were found.
    static func sorted(_ diagnostics: [ConfigDiagnostic]) -> [ConfigDiagnostic] {
        diagnostics.enumerated()
            .sorted { ($0.element.file, $0.element.line, $0.element.column, $0.offset) < ($1.element.file, $1.element.line, $1.element.column, $1.offset) }
            .map(\.element)
    }
}

/// Collects diagnostics while the loader keeps going, so one run reports everything.
final class DiagnosticLog {
    private(set) var diagnostics: [ConfigDiagnostic] = []

    /// The same message at the same place is kept once: an extra criterion checks one reference
    /// against several sectors and may find the same fault in each.
    func error(_ file: String, _ position: Position, _ message: String) {
        let diagnostic = ConfigDiagnostic(file: file, line: position.line, column: position.column, message: message)
        if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
    }
}

/// A 1-based line and column in a YAML file.
struct Position: Equatable {
    var line: Int
    var column: Int

    static let start = Position(line: 1, column: 1)
}
