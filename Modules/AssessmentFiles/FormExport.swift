public import AssessmentKernel
public import Foundation

/// A Yandex/Google Forms export rewritten, through a column mapping, into the standard `responses.csv`,
/// so that it is checked and imported exactly like any other responses file.
public struct FormExport: Sendable {
    /// The standard file, in a temporary folder.
    public var converted: URL
    public var format: DetectedFormat
    /// Physical line in the export of each converted line (index 0 is the header).
    public var originalLines: [Int]
    /// Converted column (question id) → the export's own header, for messages.
    public var headers: [String: String]

    public static func convert(_ url: URL, mapping: FormMapping) throws(DataFileError) -> FormExport {
        let reader = try CSVRecordReader(url)
        var problems = ProblemCollector(file: reader.file, format: reader.format)
        guard let header = reader.next() else {
            throw DataFileError(problems: [DataFileProblem(file: reader.file, line: 0, message: "файл пуст: ожидалась строка заголовка")])
        }
        var organizationIndex: Int?
        var responseIndex: Int?
        var questionColumns: [(index: Int, id: QuestionID)] = []
        for (index, name) in header.fields.enumerated() {
            if name == mapping.organizationColumn {
                organizationIndex = index
            } else if name == mapping.responseIDColumn {
                responseIndex = index
            } else if let id = mapping.columns[name] {
                questionColumns.append((index, id))
            } else if !mapping.ignored.contains(name) && !name.isEmpty {
                problems.add(line: header.line, field: name, "столбец не сопоставлен: добавьте его в columns или ignore файла сопоставления")
            }
        }
        if organizationIndex == nil {
            problems.add(line: header.line, field: mapping.organizationColumn, "в выгрузке нет столбца с учреждением, указанного в сопоставлении")
        }
        for (name, _) in mapping.columns where !header.fields.contains(name) {
            problems.add(line: header.line, field: name, "в выгрузке нет столбца, указанного в сопоставлении")
        }
        try problems.check()

        var lines = [header.line]
        var output = (["response_id", "organization_id", "channel"] + questionColumns.map(\.id.rawValue)).joined(separator: ",") + "\n"
        var number = 0
        while let record = reader.next() {
            number += 1
            let organizationText = record[organizationIndex]
            var organization = organizationText
            if !mapping.organizationValues.isEmpty {
                guard let id = mapping.organizationValues[organizationText] else {
                    problems.add(line: record.line, field: mapping.organizationColumn, value: organizationText,
                                 "учреждение не найдено в values сопоставления")
                    continue
                }
                organization = id.rawValue
            }
            let responseID = responseIndex.map { record[$0] } ?? "\(url.deletingPathExtension().lastPathComponent)-\(number)"
            // One physical line per row, so the converted line maps back to the export's line.
            let cells = ([responseID, organization, mapping.channel] + questionColumns.map { record[$0.index] })
                .map { $0.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ") }
            output += cells.map(Self.field).joined(separator: ",") + "\n"
            lines.append(record.line)
        }
        if let readError = reader.readError { problems.add(line: 0, readError) }
        try problems.check()
        let converted = FileManager.default.temporaryDirectory.appendingPathComponent("opennok-form-\(UUID().uuidString).csv")
        do {
            try Data(output.utf8).write(to: converted)
        } catch {
            throw DataFileError(problems: [DataFileProblem(file: converted.path, line: 0, message: "не удалось записать временный файл")])
        }
        var headers = Dictionary(uniqueKeysWithValues: questionColumns.map { ($0.id.rawValue, header.fields[$0.index]) })
        headers["organization_id"] = mapping.organizationColumn
        if let column = mapping.responseIDColumn { headers["response_id"] = column }
        return FormExport(converted: converted, format: reader.format, originalLines: lines, headers: headers)
    }

    /// Problems found in the converted file, said about the export the user gave.
    public func remap(_ error: DataFileError, to file: String) -> DataFileError {
        var remapped = error
        remapped.format = format
        remapped.problems = error.problems.map { problem in
            var problem = problem
            problem.file = file
            problem.field = problem.field.map { headers[$0] ?? $0 }
            if problem.line >= 1, problem.line <= originalLines.count { problem.line = originalLines[problem.line - 1] }
            return problem
        }
        return remapped
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
