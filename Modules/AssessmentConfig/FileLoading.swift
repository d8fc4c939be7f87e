import Foundation
import Yams

/// Reads one YAML file: parse errors and `schema_version` are checked here.
struct YAMLFile {
    static let supportedSchemaVersion = 1

    let path: String
    let root: ConfigNode

    /// Nil when the file is missing or does not parse; the problem is logged.
    init?(url: URL, log: DiagnosticLog) {
        path = url.path
        guard let data = FileManager.default.contents(atPath: url.path) else {
            log.error(url.path, .start, "файл не найден")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            log.error(url.path, .start, "файл не в кодировке UTF-8")
            return nil
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            Self.report(error, file: url.path, log: log)
            return nil
        } catch {
            log.error(url.path, .start, "не удалось разобрать YAML: \(error)")
            return nil
        }
        guard let node else {
            log.error(url.path, .start, "файл пуст: нужен хотя бы schema_version")
            return nil
        }
        root = ConfigNode(node: node, file: url.path, log: log)
    }

    /// The top mapping after checking `schema_version`; `allowed` excludes `schema_version`.
    func document(allowed: [String]) -> MappingReader? {
        guard let mapping = root.mapping(allowed: ["schema_version"] + allowed) else { return nil }
        guard let version = mapping.optional("schema_version") else {
            root.log.error(path, .start, "нет ключа schema_version: первая строка файла должна быть «schema_version: \(Self.supportedSchemaVersion)»")
            return mapping
        }
        if let number = version.integer(), number != Self.supportedSchemaVersion {
            version.error("версия схемы \(number) не поддерживается; поддерживается \(Self.supportedSchemaVersion)")
        }
        return mapping
    }

    static func report(_ error: YamlError, file: String, log: DiagnosticLog) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            log.error(file, Position(line: mark.line, column: mark.column), "ошибка синтаксиса YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            log.error(file, Position(line: context.mark.line, column: context.mark.column),
                      "ключ повторяется в одном словаре: \(duplicates.joined(separator: ", "))")
        default:
            log.error(file, .start, "не удалось разобрать YAML: \(error)")
        }
    }
}
