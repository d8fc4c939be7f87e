import Foundation

/// One pass over a file's bytes: byte-order mark, whether it is all valid UTF-8, and the header line.
///
/// The rule is the one Excel files need: valid UTF-8 (with or without BOM) is UTF-8, anything else is
/// Windows-1251, the encoding of «CSV (разделители — точка с запятой)» on a Russian Windows.
struct EncodingProbe {
    var encoding: DetectedFormat.Encoding
    /// Bytes of the first line (without its line break), at most `headerLimit`.
    var headerBytes: [UInt8]
    /// False when the file has nothing but, perhaps, a byte-order mark.
    var hasContent: Bool

    static let chunkSize = 1 << 16
    static let headerLimit = 1 << 20
    static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func run(_ url: URL, file: String) throws(DataFileError) -> EncodingProbe {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            // Foundation words its errors in English; the two common causes are said in Russian.
            let reason = !FileManager.default.fileExists(atPath: url.path) ? "такого файла нет — проверьте имя и папку"
                : !FileManager.default.isReadableFile(atPath: url.path) ? "нет прав на чтение файла"
                : error.localizedDescription
            throw DataFileError(problems: [DataFileProblem(file: file, line: 0, message: "файл не удалось открыть: \(reason)")])
        }
        defer { try? handle.close() }

        var validator = UTF8Validator()
        var valid = true
        var firstInvalidOffset = 0
        var offset = 0
        var header: [UInt8] = []
        var headerDone = false
        var hasBOM = false
        var hasContent = false
        var isFirstChunk = true

        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: chunkSize) ?? Data()
            } catch {
                throw DataFileError(problems: [DataFileProblem(file: file, line: 0, message: "ошибка чтения файла: \(error.localizedDescription)")])
            }
            if chunk.isEmpty { break }
            var bytes = [UInt8](chunk)
            if isFirstChunk {
                isFirstChunk = false
                if let problem = unsupportedBOM(bytes) {
                    throw DataFileError(problems: [DataFileProblem(file: file, line: 0, message: problem)])
                }
                if bytes.starts(with: utf8BOM) {
                    hasBOM = true
                    bytes.removeFirst(utf8BOM.count)
                    offset = utf8BOM.count
                }
            }
            if !bytes.isEmpty { hasContent = true }
            var index = 0
            while !headerDone && index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A || byte == 0x0D || header.count >= headerLimit {
                    headerDone = true
                } else {
                    header.append(byte)
                }
                if valid && !validator.feed(byte) {
                    valid = false
                    firstInvalidOffset = offset + index
                }
                index += 1
            }
            if valid, let invalid = Self.firstInvalid(bytes, from: index, validator: &validator) {
                valid = false
                firstInvalidOffset = offset + invalid
            }
            offset += bytes.count
            if !valid && headerDone { break }
        }
        if valid && !validator.isAtCharacterBoundary {
            valid = false
            firstInvalidOffset = offset
        }
        let firstInvalidLine = valid ? 0 : Self.line(at: firstInvalidOffset, in: url)
        if hasBOM && !valid {
            throw DataFileError(problems: [DataFileProblem(
                file: file, line: firstInvalidLine,
                message: "файл начинается с метки UTF-8 (BOM), но здесь есть байты, недопустимые в UTF-8: "
                    + "ожидался файл целиком в UTF-8; сохраните его заново как «CSV UTF-8»")])
        }
        let encoding: DetectedFormat.Encoding = valid ? (hasBOM ? .utf8BOM : .utf8) : .windows1251
        return EncodingProbe(encoding: encoding, headerBytes: header, hasContent: hasContent)
    }

    /// The position of the first byte that breaks UTF-8, checking eight ASCII bytes at a time between characters.
    private static func firstInvalid(_ bytes: [UInt8], from start: Int, validator: inout UTF8Validator) -> Int? {
        bytes.withUnsafeBytes { raw -> Int? in
            var index = start
            let count = raw.count
            while index < count {
                if validator.isAtCharacterBoundary && index + 8 <= count
                    && raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                    continue
                }
                if !validator.feed(raw[index]) { return index }
                index += 1
            }
            return nil
        }
    }

    /// The physical line (1 + line feeds before it) of a byte offset of the file: read again only for a message.
    private static func line(at offset: Int, in url: URL) -> Int {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return 0 }
        defer { try? handle.close() }
        var line = 1
        var remaining = offset
        while remaining > 0, let chunk = try? handle.read(upToCount: min(chunkSize, remaining)), !chunk.isEmpty {
            line += chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            remaining -= chunk.count
        }
        return line
    }

    /// UTF-16 and UTF-32 («Текст Юникод» in Excel) are not CSV the operators exchange; say so plainly.
    private static func unsupportedBOM(_ bytes: [UInt8]) -> String? {
        let utf32 = bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF])
        let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        guard utf16 || utf32 else { return nil }
        return "файл в кодировке \(utf32 ? "UTF-32" : "UTF-16") («Текст Юникод»): ожидался CSV в UTF-8 или Windows-1251; "
            + "сохраните его в Excel как «CSV UTF-8» или «CSV (разделители — точка с запятой)»"
    }

    /// `;` when the header has more semicolons than commas outside quotes, else `,`.
    func delimiter() -> Character {
        var commas = 0, semicolons = 0, quoted = false
        for byte in headerBytes {
            switch byte {
            case 0x22: quoted.toggle()
            case 0x2C where !quoted: commas += 1
            case 0x3B where !quoted: semicolons += 1
            default: break
            }
        }
        return semicolons > commas ? ";" : ","
    }
}
