import Crypto
import Foundation

/// Per-process secrets: the CSRF key and the salt for client address hashes.
///
/// Both live only in memory, so the database alone never lets anyone recover an address from its hash;
/// a restart starts a new salt (repeat control then relies on the cookie until hashes match again).
struct Secrets: Sendable {
    private let formKey: FormKey
    let addressSalt: Data

    init() {
        formKey = FormKey(SymmetricKey(data: Data((0..<32).map { _ in UInt8.random(in: 0...255) })))
        addressSalt = Data((0..<32).map { _ in UInt8.random(in: 0...255) })
    }

    /// The HMAC state after the key, made once: each token copies it instead of deriving the key pads again.
    private final class FormKey: @unchecked Sendable {
        // Never mutated after init; every use copies the value.
        let keyed: HMAC<SHA256>

        init(_ key: SymmetricKey) {
            keyed = HMAC<SHA256>(key: key)
        }
    }

    /// Salted SHA-256 of a client address, hex.
    func clientHash(_ address: String) -> String {
        var hasher = SHA256()
        hasher.update(data: addressSalt)
        hasher.update(data: Data(address.utf8))
        return Self.hex(hasher.finalize())
    }

    /// A CSRF token bound to `subject` (link code and cookie id, or an operator session) and issue time:
    /// `<seconds>.<HMAC-SHA256>`.
    func formToken(subject: String, issuedAt: Date) -> String {
        let seconds = Int(issuedAt.timeIntervalSince1970)
        return "\(seconds).\(mac(subject: subject, seconds: seconds))"
    }

    /// True when the token was issued by this process for `subject` no longer than `lifetime` ago.
    func checkFormToken(_ token: String?, subject: String, now: Date, lifetime: TimeInterval) -> Bool {
        guard let token, let dot = token.firstIndex(of: "."), let seconds = Int(token[..<dot]) else { return false }
        let age = now.timeIntervalSince1970 - Double(seconds)
        guard age >= -60 && age <= lifetime else { return false }
        let expected = mac(subject: subject, seconds: seconds)
        let given = token[token.index(after: dot)...]
        // Constant-time comparison: a timing difference must not reveal how much of a guess was right.
        guard given.utf8.count == expected.utf8.count else { return false }
        return zip(given.utf8, expected.utf8).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private func mac(subject: String, seconds: Int) -> String {
        var hmac = formKey.keyed
        hmac.update(data: Data("\(subject)|\(seconds)".utf8))
        return Self.hex(hmac.finalize())
    }

    /// A random URL- and cookie-safe id.
    static func randomID(bytes: Int = 16) -> String {
        hex((0..<bytes).map { _ in UInt8.random(in: 0...255) })
    }

    /// What the store keeps of a session token: its SHA-256, so a copied database opens no session.
    static func tokenHash(_ token: String) -> String {
        hex(SHA256.hash(data: Data(token.utf8)))
    }

    static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        // Two digits per byte straight into UTF-8: `String(format:)` per byte cost more than the hashing itself.
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            utf8.append(hexDigits[Int(byte >> 4)])
            utf8.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
