import CSV
import Foundation

/// A CSV file decoded from UTF-8, UTF-8 with BOM or Windows-1251, with the delimiter detected
/// from its header; rows come with their physical line numbers.
struct CSVTable {
    let path: String
    let format: DetectedFormat
    let header: [String]
    private let reader: CSVReader
    private var nextLine = 2

    init(url: URL) throws(DataFileError) {
        path = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DataFileError(problems: [DataFileProblem(file: url.path, line: 0, message: "файл не удалось прочитать")])
        }
        let (text, encoding) = Self.decode(data)
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
        let delimiter: Character = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        format = DetectedFormat(encoding: encoding, delimiter: delimiter)
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true, delimiter: delimiter.unicodeScalars.first!)
        } catch {
            throw DataFileError(problems: [DataFileProblem(file: url.path, line: 1, message: "не удалось разобрать CSV: \(error)")])
        }
        header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        if header.allSatisfy(\.isEmpty) {
            throw DataFileError(problems: [DataFileProblem(file: url.path, line: 1, message: "нет строки заголовка")])
        }
    }

    /// Valid UTF-8 is taken as UTF-8 (a BOM is dropped); anything else is read as Windows-1251, as Excel saves it.
    static func decode(_ data: Data) -> (String, DetectedFormat.Encoding) {
        if data.starts(with: [0xEF, 0xBB, 0xBF]), let text = String(data: data.dropFirst(3), encoding: .utf8) {
            return (text, .utf8BOM)
        }
        if let text = String(data: data, encoding: .utf8) { return (text, .utf8) }
        return (String(data: data, encoding: .windowsCP1251) ?? String(decoding: data, as: UTF8.self), .windows1251)
    }

    /// The next record with its line number, or nil at the end; blank lines are skipped.
    mutating func next() -> (line: Int, fields: [String])? {
        while let row = reader.next() {
            let line = nextLine
            nextLine += 1 + row.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            return (line, row)
        }
        return nil
    }

    /// Checks the header against the allowed columns; returns column index by name.
    func columns(required: [String], optional: [String], problems: inout ProblemList) -> [String: Int] {
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() {
            if index[name] != nil {
                problems.add(line: 1, field: name, "столбец повторяется")
            } else if required.contains(name) || optional.contains(name) {
                index[name] = position
            } else {
                problems.add(line: 1, field: name, "неизвестный столбец; допустимы: \((required + optional).joined(separator: ", "))")
            }
        }
        for name in required where index[name] == nil {
            problems.add(line: 1, field: name, "нет обязательного столбца")
        }
        return index
    }
}

extension Array where Element == String {
    /// A trimmed cell, empty when the row is shorter than the header.
    func cell(_ index: Int?) -> String {
        guard let index, index < count else { return "" }
        return self[index].trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
