/// What was found in a file, said back to the user so a wrong guess is visible.
public struct DetectedFormat: Sendable, Equatable, CustomStringConvertible {
    public enum Encoding: String, Sendable {
        case utf8
        case utf8BOM
        case windows1251
    }

    public var encoding: Encoding
    public var delimiter: Character

    public var description: String {
        let encodingName = switch encoding {
        case .utf8: "UTF-8"
        case .utf8BOM: "UTF-8 с BOM"
        case .windows1251: "Windows-1251"
        }
        return "кодировка \(encodingName), разделитель «\(delimiter)»"
    }
}
