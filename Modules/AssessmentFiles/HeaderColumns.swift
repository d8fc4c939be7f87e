/// Column positions of a data file, checked against the columns the file may have.
struct HeaderColumns {
    /// Column name as the reader knows it → position.
    private(set) var index: [String: Int] = [:]
    /// Columns left without a name (Excel leaves them after touched empty cells); their cells must stay empty.
    private(set) var unnamed: [Int] = []
    let count: Int

    /// `recognise` returns the known name of a header cell or nil for an unknown column.
    init(
        _ header: CSVRecord, required: [String], recognise: (String) -> String?,
        unknownMessage: String, problems: inout ProblemCollector
    ) {
        count = header.fields.count
        for (position, raw) in header.fields.enumerated() {
            if raw.isEmpty {
                unnamed.append(position)
            } else if let name = recognise(raw) {
                if let earlier = index[name] {
                    problems.add(line: header.line, field: raw, "столбец повторяется: он уже есть под номером \(earlier + 1)")
                } else {
                    index[name] = position
                }
            } else {
                problems.add(line: header.line, field: raw, unknownMessage)
            }
        }
        for name in required where index[name] == nil {
            problems.add(line: header.line, field: name, "в заголовке нет обязательного столбца")
        }
    }

    subscript(_ name: String) -> Int? { index[name] }

    func contains(all names: [String]) -> Bool { names.allSatisfy { index[$0] != nil } }

    /// Problems of a record's shape: the number of fields and values under unnamed columns.
    /// False when the record cannot be read column by column.
    func checkShape(_ record: CSVRecord, problems: inout ProblemCollector) -> Bool {
        guard record.fields.count == count else {
            problems.add(
                line: record.line,
                "полей в строке — \(record.fields.count), а в заголовке — \(count): ожидалось столько же, сколько в заголовке "
                    + "(проверьте разделители и кавычки)")
            return false
        }
        for position in unnamed where !record[position].isEmpty {
            problems.add(line: record.line, field: "столбец \(position + 1) без заголовка", value: record[position],
                         "значение в столбце без имени: ожидалась пустая ячейка или имя столбца в заголовке")
        }
        return true
    }
}

/// Listing allowed values in messages without flooding them.
enum ExpectedList {
    static func text(_ values: [String], limit: Int = 15) -> String {
        guard values.count > limit else { return values.joined(separator: ", ") }
        return values.prefix(limit).joined(separator: ", ") + " … (всего \(values.count))"
    }
}
