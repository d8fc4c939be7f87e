import Foundation

/// Opening a data file whose columns are a fixed list: read the header, report unknown or missing
/// columns, and stop when a required one is missing.
enum FixedColumnsFile {
    /// `hidden` columns are accepted without being offered in messages (the rejects file's problems).
    static func open(_ url: URL, columns: [String], required: [String], hidden: [String] = []) throws(DataFileError)
        -> (reader: CSVRecordReader, problems: ProblemCollector, column: HeaderColumns, header: CSVRecord)
    {
        let reader = try CSVRecordReader(url)
        var problems = ProblemCollector(file: reader.file, format: reader.format)
        guard let header = reader.next() else {
            throw DataFileError(problems: [DataFileProblem(
                file: reader.file, line: 0, message: "файл пуст: ожидалась строка заголовка со столбцами \(columns.joined(separator: ", "))")])
        }
        let column = HeaderColumns(
            header, required: required, recognise: { name in (columns + hidden).first { $0 == name.lowercased() } },
            unknownMessage: "неизвестный столбец: ожидались столбцы \(columns.joined(separator: ", "))", problems: &problems)
        guard column.contains(all: required) else { throw problems.error }
        return (reader, problems, column, header)
    }
}
