/// What was found in a file, said back to the user so a wrong guess is visible.
public struct DetectedFormat: Sendable, Equatable, CustomStringConvertible {
    public enum Encoding: String, Sendable, CaseIterable {
        case utf8
        case utf8BOM
        case windows1251

        /// Russian name for messages.
        public var title: String {
            switch self {
            case .utf8: "UTF-8"
            case .utf8BOM: "UTF-8 с BOM"
            case .windows1251: "Windows-1251"
            }
        }
    }

    public var encoding: Encoding
    /// `,` or `;`, taken from the header line.
    public var delimiter: Character

    public init(encoding: Encoding, delimiter: Character) {
        self.encoding = encoding
        self.delimiter = delimiter
    }

    /// «кодировка Windows-1251, разделитель «;»».
    public var description: String { "кодировка \(encoding.title), разделитель «\(delimiter)»" }
}
