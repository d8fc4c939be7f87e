import Crypto
public import Foundation

/// SHA-256 of a file's bytes, hex: how a re-import of the same file is recognised.
public enum ContentHash {
    public static func sha256(of url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    public static func sha256(of data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

/// SHA-256 fed piece by piece: a campaign's results are hashed as they are written, never held as one text.
public struct StreamingHash {
    private var hasher = SHA256()

    public init() {}

    public mutating func update(_ text: String) { hasher.update(data: Data(text.utf8)) }

    public mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) } }

    public func finalize() -> String { hasher.finalize().map { String(format: "%02x", $0) }.joined() }
}
