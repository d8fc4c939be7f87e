@testable import AssessmentFiles
import CSV
import Foundation

/// The data files' reader as it was before the byte reader (`ByteCSVReader`): CSV.swift, one Unicode scalar at a
/// time. Kept here as the reference the byte reader is compared with on generated files.
final class CSVSwiftReader {
    /// The path as the caller gave it, for messages.
    let file: String
    let format: DetectedFormat
    private let reader: CSVReader
    private let temporaryFile: URL?
    private var nextLine = 1

    init(_ url: URL) throws(DataFileError) {
        let file = url.relativePath
        self.file = file
        let probe = try EncodingProbe.run(url, file: file)
        guard probe.hasContent else {
            throw DataFileError(problems: [DataFileProblem(file: file, line: 0, message: "файл пуст: ожидалась строка заголовка")])
        }
        format = DetectedFormat(encoding: probe.encoding, delimiter: probe.delimiter())
        let source: URL
        if probe.encoding == .windows1251 {
            source = try WindowsCP1251Transcoder.transcode(url, file: file)
            temporaryFile = source
        } else {
            source = url
            temporaryFile = nil
        }
        do {
            guard let stream = InputStream(url: source) else { throw CocoaError(.fileReadNoSuchFile) }
            reader = try CSVReader(
                stream: stream, hasHeaderRow: false, trimFields: false,
                delimiter: format.delimiter.unicodeScalars.first!)
        } catch {
            if let temporaryFile { try? FileManager.default.removeItem(at: temporaryFile) }
            throw DataFileError(problems: [DataFileProblem(file: file, line: 0, message: "файл не удалось прочитать как CSV: \(error)")])
        }
    }

    deinit {
        if let temporaryFile { try? FileManager.default.removeItem(at: temporaryFile) }
    }

    /// The cell without surrounding whitespace. Most cells have none; checking the two ends first skips
    /// Foundation's trimming, which was a tenth of a million-row import (docs/BENCHMARKS.md).
    static func trimmed(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, let last = cell.unicodeScalars.last,
              isTrimmable(first) || isTrimmable(last) else { return cell }
        return cell.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func isTrimmable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : CharacterSet.whitespacesAndNewlines.contains(scalar)
    }

    /// The next record that has any non-empty field, or nil at the end of the file.
    func next() -> CSVRecord? {
        while let row = reader.next() {
            let line = nextLine
            nextLine += 1 + row.reduce(0) { $0 + Self.lineBreaks(in: $1) }
            let record = CSVRecord(line: line, fields: row.map(Self.trimmed))
            if !record.isBlank { return record }
        }
        return nil
    }

    /// A reading error that stopped the file early (the encoding was checked beforehand, so rare).
    /// CSV.swift also reports `cannotReadFile` when a file stream on Linux says it has bytes at its end: that is the end.
    var readError: String? {
        switch reader.error {
        case nil, CSVError.cannotReadFile?: nil
        case CSVError.unicodeDecoding?: "файл прочитан не до конца: недопустимая последовательность байтов"
        case let error?: "файл прочитан не до конца: \(error)"
        }
    }

    /// Line breaks inside a quoted field: CR LF, LF and a lone CR count once each.
    static func lineBreaks(in field: String) -> Int {
        var count = 0
        var afterCR = false
        for scalar in field.unicodeScalars {
            if scalar == "\n" {
                if !afterCR { count += 1 }
                afterCR = false
            } else if scalar == "\r" {
                count += 1
                afterCR = true
            } else {
                afterCR = false
            }
        }
        return count
    }
}
