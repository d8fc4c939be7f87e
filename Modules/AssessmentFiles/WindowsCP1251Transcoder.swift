import Foundation

/// Rewrites a Windows-1251 file as UTF-8 into a temporary file, a chunk at a time (one byte is one character).
enum WindowsCP1251Transcoder {
    static func transcode(_ url: URL, file: String) throws(DataFileError) -> URL {
        let target = FileManager.default.temporaryDirectory
            .appendingPathComponent("opennok-cp1251-\(UUID().uuidString).csv")
        do {
            let input = try FileHandle(forReadingFrom: url)
            defer { try? input.close() }
            guard FileManager.default.createFile(atPath: target.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown)
            }
            let output = try FileHandle(forWritingTo: target)
            defer { try? output.close() }
            while let chunk = try input.read(upToCount: EncodingProbe.chunkSize), !chunk.isEmpty {
                guard let text = String(data: chunk, encoding: .windowsCP1251) else { throw CocoaError(.fileReadInapplicableStringEncoding) }
                try output.write(contentsOf: Data(text.utf8))
            }
        } catch {
            try? FileManager.default.removeItem(at: target)
            throw DataFileError(problems: [DataFileProblem(
                file: file, line: 0, message: "не удалось перекодировать файл из Windows-1251: \(error.localizedDescription)")])
        }
        return target
    }
}
