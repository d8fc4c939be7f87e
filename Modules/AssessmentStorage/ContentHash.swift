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
        return hex(hasher.finalize())
    }

    public static func sha256(of data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Lower-case hex, two digits per byte (`String(format:)` per byte cost more than the hashing).
    private static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var utf8: [UInt8] = []
        utf8.reserveCapacity(64)
        for byte in bytes {
            utf8.append(digits[Int(byte >> 4)])
            utf8.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: utf8, as: UTF8.self)
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
