public import Foundation

/// Where a report's text goes, piece by piece: a report for 10 000 institutions is written row by row
/// instead of being built as one string first.
public protocol ReportSink: AnyObject {
    func write(_ text: String) throws
    /// Bytes already built as UTF-8 (HTML pages); sinks that hold bytes take them without a `String`.
    func write(bytes: HTMLBytes) throws
}

extension ReportSink {
    public func write(bytes: HTMLBytes) throws { try write(String(decoding: bytes.bytes, as: UTF8.self)) }
}

/// Collects the text in memory (tests, small reports).
public final class StringSink: ReportSink {
    public private(set) var text = ""

    public init() {}

    public func write(_ text: String) throws { self.text += text }
}

/// Collects UTF-8 bytes in memory: a site page built whole before it is written with one call.
public final class ByteSink: ReportSink {
    public var buffer: HTMLBytes

    public init(capacity: Int = 1 << 14) { buffer = HTMLBytes(capacity: capacity) }

    public func write(_ text: String) throws { buffer.raw(text) }
    public func write(bytes: HTMLBytes) throws { buffer.raw(bytes) }
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
        var text = text
        text.withUTF8 { buffer.append($0) }
        if buffer.count >= 1 << 16 { try flush() }
    }

    public func write(bytes: HTMLBytes) throws {
        bytes.bytes.withUnsafeBufferPointer { buffer.append($0) }
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

/// Writes a whole file with plain system calls: no `FileHandle`, no `Data`, no temporary file per page. The
/// site's pages go into a staging folder that is moved into place at the end, which keeps all-or-nothing.
enum PlainFile {
    static func write(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ReportError.cannotWrite(path) }
        var closed = false
        defer { if !closed { close(descriptor) } }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw ReportError.cannotWrite(path)
                }
                offset += written
            }
        }
        closed = true
        guard close(descriptor) == 0 else { throw ReportError.cannotWrite(path) }
    }
}
