import Foundation
import Yams

/// One YAML file read into a node tree; a missing file, bad encoding or syntax error is logged.
struct YAMLFile {
    static let supportedSchemaVersion = 1

    let path: String
    let root: ConfigNode

    /// Nil when the file is missing or does not parse. `missing` says what the file is for.
    init?(url: URL, log: DiagnosticLog, missing: String? = nil) {
        path = url.path
        guard let data = FileManager.default.contents(atPath: url.path) else {
            log.error(url.path, .start, "нет файла «\(url.lastPathComponent)»" + (missing.map { ": \($0)" } ?? ""))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            log.error(url.path, .start, "файл не в кодировке UTF-8; сохраните его в UTF-8")
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
            log.error(url.path, .start, "файл пуст; первая строка должна быть «schema_version: \(Self.supportedSchemaVersion)»")
            return nil
        }
        root = ConfigNode(node: node, file: url.path, log: log)
    }

    /// The top mapping once `schema_version` is checked; `allowed` excludes `schema_version`.
    /// Nil when the file is not a mapping or declares a version this loader does not know.
    func document(allowed: [String]) -> MappingReader? {
        guard let mapping = root.mapping(allowed: ["schema_version"] + allowed) else { return nil }
        guard let version = mapping.optional("schema_version") else {
            root.log.error(path, .start, "нет ключа schema_version; первая строка файла должна быть «schema_version: \(Self.supportedSchemaVersion)»")
            return mapping
        }
        guard let number = version.integer() else { return mapping }
        guard number == Self.supportedSchemaVersion else {
            // The rest of the file follows a schema we do not know: its other "errors" would mislead.
            version.error("версия схемы \(number) не поддерживается; поддерживается только \(Self.supportedSchemaVersion)")
            return nil
        }
        return mapping
    }

    private static func report(_ error: YamlError, file: String, log: DiagnosticLog) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            log.error(file, Position(line: mark.line, column: mark.column), "ошибка синтаксиса YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            log.error(file, Position(line: context.mark.line, column: context.mark.column),
                      "ключ \(quotedList(duplicates)) повторяется в одном словаре (здесь первое вхождение); оставьте один")
        case .reader(let problem, _, _, _):
            log.error(file, .start, "не удалось прочитать YAML: \(problem)")
        default:
            log.error(file, .start, "не удалось разобрать YAML: \(error)")
        }
    }
}
