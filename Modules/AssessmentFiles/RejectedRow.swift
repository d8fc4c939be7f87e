public import Foundation

/// A data row left out under `--skip-invalid`: its cells as read and every problem found in it.
public struct RejectedRow: Sendable {
    public var header: [String]
    public var fields: [String]
    public var problems: [DataFileProblem]
}

/// The rejects file: the original columns (so the fixed file imports as it is) plus «ошибки», which readers skip.
public enum RejectsFile {
    /// The column readers ignore, so a corrected rejects file imports without editing its header.
    public static let problemsColumn = "ошибки"

    /// Writes UTF-8 with BOM and `;`, as Russian Excel opens it. Nothing is written when `rows` is empty.
    public static func write(_ rows: [RejectedRow], to url: URL) throws {
        guard let first = rows.first else { return }
        var text = "\u{FEFF}" + line(first.header.filter { $0 != problemsColumn } + [problemsColumn])
        for row in rows {
            let cells = zip(row.header, row.fields).filter { $0.0 != problemsColumn }.map(\.1)
            let problems = row.problems.map { problem in
                [problem.field.map { "поле «\($0)»" }, problem.value.map { "значение «\($0)»" }, problem.message]
                    .compactMap { $0 }.joined(separator: ": ")
            }
            text += line(cells + ["строка \(row.problems.first?.line ?? 0): " + problems.joined(separator: "; ")])
        }
        try Data(text.utf8).write(to: url, options: .atomic)
    }

    private static func line(_ cells: [String]) -> String {
        cells.map { cell in
            cell.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }.joined(separator: ";") + "\r\n"
    }
}
