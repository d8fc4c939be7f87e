public import Foundation

/// Where a report's text goes, piece by piece: a report for 10 000 institutions is written row by row
/// instead of being built as one string first.
public protocol ReportSink: AnyObject {
    func write(_ text: String) throws
}

/// Collects the text in memory (tests, small reports).
public final class StringSink: ReportSink {
    public private(set) var text = ""

    public init() {}

    public func write(_ text: String) throws { self.text += text }
}

/// Writes to a file handle through a small buffer.
public final class FileSink: ReportSink {
    private let handle: FileHandle
    private var buffer = Data()
    private let temporary: URL?
    private let destination: URL?

    /// Standard output.
    public init(handle: FileHandle) {
        self.handle = handle
        temporary = nil
        destination = nil
    }

    /// A file written beside `url` and moved over it by `finish()`: a failed report leaves no half file.
    public init(url: URL) throws {
        try Self.checkFolder(of: url)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).part")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw ReportError.cannotWrite(url.path)
        }
        handle = try FileHandle(forWritingTo: temporary)
        self.temporary = temporary
        destination = url
    }

    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes; for a file, closes it and moves it into place.
    public func finish() throws {
        try flush()
        guard let temporary, let destination else { return }
        try handle.close()
        // rename(2) replaces an existing file in one step (FileManager.replaceItemAt loses it on Linux).
        guard rename(temporary.path, destination.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw ReportError.cannotWrite(destination.path)
        }
    }

    /// A report's folder must exist: said in Russian, with the path, before anything is written.
    public static func checkFolder(of url: URL) throws {
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReportError.outputFolderMissing(folder.path)
        }
    }
}
