import Foundation

/// One record of a CSV file: its fields, trimmed, and the physical line it starts on.
struct CSVRecord {
    let line: Int
    let fields: [String]

    /// The trimmed cell at `index`; empty when there is no such column.
    subscript(_ index: Int?) -> String {
        guard let index, index < fields.count else { return "" }
        return fields[index]
    }

    var isBlank: Bool { fields.allSatisfy(\.isEmpty) }
}

/// Streams the records of a data file as trimmed strings: `ByteCSVReader` (encoding and delimiter detected,
/// Windows-1251 through a temporary UTF-8 copy), one record at a time, never holding the file.
final class CSVRecordReader {
    /// The path as the caller gave it, for messages.
    let file: String
    let format: DetectedFormat
    private let reader: ByteCSVReader
    private var record = ByteRecord()

    init(_ url: URL) throws(DataFileError) {
        reader = try ByteCSVReader(url)
        file = reader.file
        format = reader.format
    }

    /// The next record that has any non-empty field, or nil at the end of the file.
    func next() -> CSVRecord? {
        reader.next(into: &record) ? record.strings : nil
    }

    /// A reading error that stopped the file early.
    var readError: String? { reader.readError }
}
