@testable import AssessmentFiles
import Foundation
import Testing

/// The byte reader of the data files against CSV.swift, the reader they used before (`CSVSwiftReader`): the same records, fields and physical line numbers on generated awkward files.
@Suite("Byte CSV reader agrees with CSV.swift")
struct ByteCSVReaderTests {
    let fixture: DataFileFixture
    init() throws { fixture = try DataFileFixture() }

    /// Both readers over one file: (line, trimmed fields) of every non-blank record.
    func bothReadings(_ url: URL) throws -> (bytes: [CSVRecord], reference: [CSVRecord]) {
        let byteReader = try ByteCSVReader(url)
        var record = ByteRecord()
        var bytes: [CSVRecord] = []
        while byteReader.next(into: &record) { bytes.append(record.strings) }
        #expect(byteReader.readError == nil)
        let reference = try CSVSwiftReader(url)
        var expected: [CSVRecord] = []
        while let next = reference.next() { expected.append(next) }
        #expect(byteReader.format == reference.format)
        return (bytes, expected)
    }

    func expectSame(_ url: URL, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (bytes, reference) = try bothReadings(url)
        #expect(bytes.map(\.line) == reference.map(\.line), "lines of \(text.debugDescription)", sourceLocation: sourceLocation)
        #expect(bytes.map(\.fields) == reference.map(\.fields), "fields of \(text.debugDescription)", sourceLocation: sourceLocation)
    }

    /// Pieces that make CSV awkward: quotes, doubled quotes, quotes inside unquoted fields and after a closing
    /// quote, both delimiters, every line break, whitespace Foundation trims (tab, no-break space, ideographic
    /// space), Cyrillic, «ё», four-byte scalars.
    static let pieces = [
        "a", "да", "Нет", "ё", "😀", " ", "  ", "\t", "\u{00A0}", "\u{3000}", "\u{2028}", ",", ";", ",", ";", "\"", "\"\"",
        "\"x\"", "\"a,b\"", "\"a;b\"", "\"line\nbreak\"", "\"cr\r\nlf\"", "\"lone\rcr\"", "\"q\"\"q\"", "\"end\"x", "\"end\"ё",
        "x\"y", "\n", "\r\n", "\r", "\n\n", "1", "0", "r0001", "cul-01",
    ]

    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("Generated awkward files, UTF-8 and UTF-8 with BOM, `,` and `;`", arguments: 0..<8)
    func generated(seed: Int) throws {
        var random = Generator(state: UInt64(seed) &* 7919 &+ 1)
        for round in 0..<60 {
            let delimiter = round.isMultiple(of: 2) ? "," : ";"
            var text = ["id", "name", "value"].joined(separator: delimiter) + "\n"
            for _ in 0..<Int.random(in: 0...40, using: &random) {
                text += Self.pieces.randomElement(using: &random)!
            }
            if Bool.random(using: &random) { text += "\n" }
            let url = try fixture.write("generated-\(seed)-\(round).csv", text, bom: round % 3 == 0)
            try expectSame(url, text)
        }
    }

    @Test("Hand-picked cases: trailing delimiter, quoted field to the end of the file, CR line ends, blank lines")
    func handPicked() throws {
        let cases = [
            "a,b\n1,2", "a,b\n1,", "a,b\n1,\n", "a,b\n\"open\n", "a,b\r1,2\r3,4\r", "a,b\r\n\r\n1,2\r\n", "a,b\n\"x\"\r",
            "a,b\n,\n,,\n", "a,b\n\"\"\n", "a,b\n \"q\" ,x\n", "a;b\n1;\"2;3\"\n", "a,b\n\"x\"\"\",\"\"\"y\"\n", "a,b\n\u{00A0}да\u{00A0},\tнет\t\n",
            "a,b\n\"a\"😀b,c\n", "a,b\n\"multi\r\n\r\nline\",2\n3,4\n",
        ]
        for (index, text) in cases.enumerated() {
            try expectSame(try fixture.write("case-\(index).csv", text), text)
        }
    }

    @Test("A record longer than the read buffer, and records across the buffer's end")
    func longRecords() throws {
        var text = "id,text\n"
        for index in 0..<200 { text += "r\(index),\"\(String(repeating: "длинное \"\" поле, ", count: 400 + index))\"\r\n" }
        text += "last,\(String(repeating: "x", count: ByteCSVReader.chunkSize + 17))\n"
        let url = try fixture.write("long.csv", text)
        let (bytes, reference) = try bothReadings(url)
        #expect(bytes.count == 202)
        #expect(bytes.map(\.line) == reference.map(\.line))
        #expect(bytes.map(\.fields) == reference.map(\.fields))
    }

    @Test("Windows-1251 goes through the transcoder: the same fields as CSV.swift reads")
    func windows1251() throws {
        let text = "код;название\nr1;\"Библиотека «Ёлка»\"\nr2; Нет \n"
        let url = try fixture.write("cp1251.csv", text, encoding: .windowsCP1251)
        let (bytes, reference) = try bothReadings(url)
        #expect(try ByteCSVReader(url).format == DetectedFormat(encoding: .windows1251, delimiter: ";"))
        #expect(bytes.map(\.fields) == reference.map(\.fields))
        #expect(bytes.map(\.fields) == [["код", "название"], ["r1", "Библиотека «Ёлка»"], ["r2", "Нет"]])
    }
}
