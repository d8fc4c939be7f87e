import HummingbirdBcrypt

/// Operators' passwords as bcrypt hashes (salted, slow); the composition root hashes with this when adding an operator.
public enum OperatorPasswords {
    public static let minimumLength = 10

    /// Nil when the password is too short to protect personal-data work.
    public static func hash(_ password: String, cost: UInt8 = 12) -> String? {
        guard password.count >= minimumLength else { return nil }
        return Bcrypt.hash(password, cost: cost)
    }

    public static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }
}
