import Foundation
import Yams

/// A YAML node with its file and position; reading it reports type errors instead of throwing.
struct ConfigNode {
    let node: Node
    let file: String
    let log: DiagnosticLog

    var position: Position {
        node.mark.map { Position(line: $0.line, column: $0.column) } ?? .start
    }

    func error(_ message: String) { log.error(file, position, message) }

    /// What was written instead, for "ожидался …, а …" messages.
    private var kindName: String {
        switch node {
        case .scalar(let scalar): "задано значение «\(scalar.string)»"
        case .mapping: "задан словарь (ключ: значение)"
        case .sequence: "задан список"
        case .alias: "задана ссылка YAML"
        }
    }

    /// The scalar text as written: `yes`, `no`, `on` stay strings (no YAML 1.1 booleans).
    func string(_ what: String = "строка") -> String? {
        guard case .scalar(let scalar) = node else {
            error("ожидалась \(what), а \(kindName)")
            return nil
        }
        return scalar.string
    }

    /// A non-empty string.
    func text() -> String? {
        guard let value = string() else { return nil }
        if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || isNull {
            error("пустое значение")
            return nil
        }
        return value
    }

    var isNull: Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func identifier() -> String? {
        guard let value = text() else { return nil }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_-."))
        guard value.unicodeScalars.allSatisfy({ allowed.contains($0) && $0.isASCII }) else {
            error("идентификатор «\(value)» может содержать только латинские буквы, цифры, «_», «-» и «.»")
            return nil
        }
        return value
    }

    func number() -> Double? {
        guard case .scalar(let scalar) = node else {
            error("ожидалось число, а \(kindName)")
            return nil
        }
        guard scalar.style == .plain, let value = Double(scalar.string), value.isFinite else {
            error("ожидалось число, а задано значение «\(scalar.string)»")
            return nil
        }
        return value
    }

    func integer() -> Int? {
        guard let value = number() else { return nil }
        guard value == value.rounded(), abs(value) < 1e9 else {
            error("ожидалось целое число, а задано «\(DecimalText(value))»")
            return nil
        }
        return Int(value)
    }

    func bool() -> Bool? {
        guard case .scalar(let scalar) = node, scalar.style == .plain, ["true", "false"].contains(scalar.string) else {
            error("ожидалось true или false")
            return nil
        }
        return scalar.string == "true"
    }

    func sequence() -> [ConfigNode]? {
        guard case .sequence(let sequence) = node else {
            error("ожидался список, а \(kindName)")
            return nil
        }
        return sequence.map { ConfigNode(node: $0, file: file, log: log) }
    }

    func stringList() -> [String]? {
        sequence()?.compactMap { $0.identifier() }
    }

    /// Reads a mapping and reports every key not in `allowed` at its own position.
    func mapping(allowed: [String]) -> MappingReader? {
        guard case .mapping(let mapping) = node else {
            error("ожидался словарь (ключ: значение), а \(kindName)")
            return nil
        }
        var entries: [(key: String, keyNode: ConfigNode, value: ConfigNode)] = []
        for (key, value) in mapping {
            let keyNode = ConfigNode(node: key, file: file, log: log)
            guard let name = keyNode.string("строка-ключ") else { continue }
            if !allowed.contains(name) {
                keyNode.error("неизвестный ключ «\(name)»; допустимы: \(allowed.joined(separator: ", "))")
                continue
            }
            entries.append((name, keyNode, ConfigNode(node: value, file: file, log: log)))
        }
        return MappingReader(owner: self, entries: entries)
    }

    /// A mapping whose keys are data (weights): keys in order with their values.
    func pairs() -> [(key: ConfigNode, value: ConfigNode)]? {
        guard case .mapping(let mapping) = node else {
            error("ожидался словарь (ключ: значение), а \(kindName)")
            return nil
        }
        return mapping.map { (ConfigNode(node: $0.key, file: file, log: log), ConfigNode(node: $0.value, file: file, log: log)) }
    }
}

/// The keys of one mapping; a missing required key is reported at the mapping's position.
struct MappingReader {
    let owner: ConfigNode
    let entries: [(key: String, keyNode: ConfigNode, value: ConfigNode)]

    func optional(_ key: String) -> ConfigNode? {
        entries.first { $0.key == key }.flatMap { $0.value.isNull ? nil : $0.value }
    }

    func required(_ key: String) -> ConfigNode? {
        if let value = optional(key) { return value }
        owner.error("нет обязательного ключа «\(key)»")
        return nil
    }

    func keyNode(_ key: String) -> ConfigNode? { entries.first { $0.key == key }?.keyNode }

    var keys: [String] { entries.map(\.key) }
}

/// A number as a person writes it (no trailing ".0").
func DecimalText(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}
