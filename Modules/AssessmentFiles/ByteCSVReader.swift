import Foundation

/// One record read by `ByteCSVReader`: the fields' bytes with quoting undone, back to back, and where each
/// field starts and ends once the whitespace around it is trimmed. Reused from record to record.
struct ByteRecord {
    /// Physical line the record starts on (the header is line 1).
    var line = 0
    var bytes: [UInt8] = []
    /// Trimmed bounds of each field in `bytes`.
    var starts: [Int] = []
    var ends: [Int] = []

    var count: Int { starts.count }

    func isEmpty(_ field: Int) -> Bool { starts[field] == ends[field] }

    /// The trimmed field as text.
    func string(_ field: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[starts[field]..<ends[field]]), as: UTF8.self) }
    }

    /// The record as `CSVRecordReader` gives it: trimmed strings.
    var strings: CSVRecord { CSVRecord(line: line, fields: (0..<count).map(string)) }

    var isBlank: Bool {
        for field in 0..<count where starts[field] != ends[field] { return false }
        return true
    }

    mutating func reset(line: Int) {
        self.line = line
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }
}

/// Reads the records of a data file straight from its UTF-8 bytes, without a `String` per field.
///
/// It follows CSV.swift's reading exactly (the reader the other data files use, and the one the tests compare
/// it with): `,` or `;` between fields; a field that starts with `"` is quoted, `""` inside it is a quote, and a
/// quote followed by anything else keeps the quote and drops that character; CR LF, LF and a lone CR end a
/// record; a quoted field may hold line breaks. Line numbers are physical lines, so a record with a line break
/// inside quotes moves the next record's number by as many lines. Encoding is detected as for `CSVRecordReader`:
/// Windows-1251 goes through a temporary UTF-8 copy, a UTF-8 byte-order mark is skipped.
final class ByteCSVReader {
    /// The path as the caller gave it, for messages.
    let file: String
    let format: DetectedFormat
    private let delimiter: UInt8
    private let descriptor: Int32
    private let temporaryFile: URL?
    private var buffer: [UInt8]
    private var position = 0
    private var end = 0
    private var atEOF = false
    private var nextLine = 1
    private(set) var readError: String?

    static let chunkSize = 1 << 20

    init(_ url: URL) throws(DataFileError) {
        let file = url.relativePath
        self.file = file
        let probe = try EncodingProbe.run(url, file: file)
        guard probe.hasContent else {
            throw DataFileError(problems: [DataFileProblem(file: file, line: 0, message: "файл пуст: ожидалась строка заголовка")])
        }
        format = DetectedFormat(encoding: probe.encoding, delimiter: probe.delimiter())
        delimiter = format.delimiter == ";" ? 0x3B : 0x2C
        let source: URL
        if probe.encoding == .windows1251 {
            source = try WindowsCP1251Transcoder.transcode(url, file: file)
            temporaryFile = source
        } else {
            source = url
            temporaryFile = nil
        }
        descriptor = open(source.path, O_RDONLY)
        guard descriptor >= 0 else {
            if let temporaryFile { try? FileManager.default.removeItem(at: temporaryFile) }
            throw DataFileError(problems: [DataFileProblem(file: file, line: 0, message: "файл не удалось открыть: ошибка \(errno)")])
        }
        buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        fill()
        if probe.encoding == .utf8BOM, end - position >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            position = 3
        }
    }

    deinit {
        close(descriptor)
        if let temporaryFile { try? FileManager.default.removeItem(at: temporaryFile) }
    }

    /// Moves the unread bytes to the front and reads more after them, growing the buffer when a single
    /// record fills it.
    private func fill() {
        if position > 0 {
            let unread = end - position
            if unread > 0 {
                buffer.withUnsafeMutableBufferPointer { bytes in
                    _ = memmove(bytes.baseAddress!, bytes.baseAddress! + position, unread)
                }
            }
            end = unread
            position = 0
        }
        if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
        while end < buffer.count {
            let count = buffer.withUnsafeMutableBufferPointer { bytes in
                read(descriptor, bytes.baseAddress! + end, bytes.count - end)
            }
            if count < 0 {
                if errno == EINTR { continue }
                readError = "файл прочитан не до конца: ошибка чтения \(errno)"
                atEOF = true
                return
            }
            if count == 0 {
                atEOF = true
                return
            }
            end += count
        }
    }

    /// The next record that has any non-empty field, or false at the end of the file.
    func next(into record: inout ByteRecord) -> Bool {
        while true {
            if position == end {
                if atEOF { return false }
                fill()
                continue
            }
            switch parse(into: &record) {
            case .needMore:
                fill()
            case .record(let next, let lines):
                position = next
                nextLine += lines
                trim(&record)
                if !record.isBlank { return true }
            }
        }
    }

    private enum Outcome {
        case record(next: Int, lines: Int)
        case needMore
    }

    /// Parses one record from `position`. `.needMore` when the buffer ends before the record does and more
    /// of the file remains: the caller reads more and parses the record again from its start.
    private func parse(into record: inout ByteRecord) -> Outcome {
        record.reset(line: nextLine)
        let delimiter = delimiter
        let eof = atEOF
        return buffer.withUnsafeBufferPointer { bytes -> Outcome in
            let end = end
            var p = position
            var lines = 0
            fields: while true {
                record.starts.append(record.bytes.count)
                if p == end {
                    // After a delimiter at the very end of the file: one more empty field.
                    if !eof { return .needMore }
                    record.ends.append(record.bytes.count)
                    return .record(next: p, lines: lines)
                }
                if bytes[p] == 0x22 {
                    p += 1
                    var afterCR = false
                    while true {
                        if p == end {
                            if !eof { return .needMore }
                            record.ends.append(record.bytes.count)
                            return .record(next: p, lines: lines)
                        }
                        let byte = bytes[p]
                        if byte == 0x22 {
                            if p + 1 == end {
                                if !eof { return .needMore }
                                record.ends.append(record.bytes.count)
                                return .record(next: p + 1, lines: lines)
                            }
                            let following = bytes[p + 1]
                            if following == 0x0D {
                                if p + 2 == end && !eof { return .needMore }
                                p += 2
                                if p < end && bytes[p] == 0x0A { p += 1 }
                                record.ends.append(record.bytes.count)
                                return .record(next: p, lines: lines + 1)
                            } else if following == 0x0A {
                                record.ends.append(record.bytes.count)
                                return .record(next: p + 2, lines: lines + 1)
                            } else if following == delimiter {
                                record.ends.append(record.bytes.count)
                                p += 2
                                continue fields
                            } else if following == 0x22 {
                                record.bytes.append(0x22)
                                afterCR = false
                                p += 2
                            } else {
                                // CSV.swift keeps the quote and drops the character after it.
                                let length = following < 0x80 ? 1 : following < 0xE0 ? 2 : following < 0xF0 ? 3 : 4
                                if p + 1 + length > end && !eof { return .needMore }
                                record.bytes.append(0x22)
                                afterCR = false
                                p = min(p + 1 + length, end)
                            }
                        } else {
                            if byte == 0x0A {
                                if !afterCR { lines += 1 }
                                afterCR = false
                            } else if byte == 0x0D {
                                lines += 1
                                afterCR = true
                            } else {
                                afterCR = false
                            }
                            record.bytes.append(byte)
                            p += 1
                        }
                    }
                } else {
                    let start = p
                    while p < end {
                        let byte = bytes[p]
                        if byte == delimiter || byte == 0x0A || byte == 0x0D { break }
                        p += 1
                    }
                    if p > start { record.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<p])) }
                    if p == end {
                        if !eof { return .needMore }
                        record.ends.append(record.bytes.count)
                        return .record(next: p, lines: lines)
                    }
                    let byte = bytes[p]
                    record.ends.append(record.bytes.count)
                    if byte == delimiter {
                        p += 1
                        continue fields
                    }
                    if byte == 0x0D {
                        if p + 1 == end && !eof { return .needMore }
                        p += 1
                        if p < end && bytes[p] == 0x0A { p += 1 }
                    } else {
                        p += 1
                    }
                    return .record(next: p, lines: lines + 1)
                }
            }
        }
    }

    /// Narrows every field to its bytes without surrounding whitespace (`CharacterSet.whitespacesAndNewlines`).
    private func trim(_ record: inout ByteRecord) {
        record.bytes.withUnsafeBufferPointer { bytes in
            for field in 0..<record.starts.count {
                var start = record.starts[field]
                var end = record.ends[field]
                while start < end {
                    let byte = bytes[start]
                    if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                        start += 1
                    } else if byte >= 0x80, let length = Self.whitespaceScalarLength(bytes, from: start, to: end) {
                        start += length
                    } else {
                        break
                    }
                }
                while end > start {
                    let byte = bytes[end - 1]
                    if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                        end -= 1
                    } else if byte >= 0x80 {
                        var first = end - 1
                        while first > start && bytes[first] & 0xC0 == 0x80 { first -= 1 }
                        guard Self.whitespaceScalarLength(bytes, from: first, to: end) == end - first else { break }
                        end = first
                    } else {
                        break
                    }
                }
                record.starts[field] = start
                record.ends[field] = end
            }
        }
    }

    private static let whitespace = CharacterSet.whitespacesAndNewlines

    /// The length of the scalar at `start` when it is whitespace, else nil.
    private static func whitespaceScalarLength(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        let lead = bytes[start]
        // Whitespace beyond ASCII starts with C2 (U+0085, U+00A0), E1 (U+1680), E2 (U+2000…U+205F) or E3 (U+3000):
        // Cyrillic letters (D0, D1) are told apart without decoding.
        guard lead == 0xC2 || (lead >= 0xE1 && lead <= 0xE3) else { return nil }
        let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard start + length <= end else { return nil }
        var decoder = UTF8()
        var iterator = UnsafeBufferPointer(rebasing: bytes[start..<(start + length)]).makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator), whitespace.contains(scalar) else { return nil }
        return length
    }
}
