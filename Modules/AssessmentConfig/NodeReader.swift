import Foundation
import Yams

/// A YAML node with its file and position; reading it reports type errors instead of throwing.
///
/// Scalars are read from their text as written, so `yes`, `no` and `on` stay strings: YAML 1.1
/// booleans never sneak in. Numbers must be plain (unquoted) numerals, booleans `true` or `false`.
struct ConfigNode {
    let node: Node
    let file: String
    let log: DiagnosticLog

    var position: Position {
        node.mark.map { Position(line: $0.line, column: $0.column) } ?? .start
    }

    func error(_ message: String) { log.error(file, position, message) }

    func child(_ node: Node) -> ConfigNode { ConfigNode(node: node, file: file, log: log) }

    /// What was written instead, for "ожидался …, а …" messages.
    private var written: String {
        switch node {
        case .scalar(let scalar): "задано значение «\(scalar.string)»"
        case .mapping: "задан словарь (ключ: значение)"
        case .sequence: "задан список"
        case .alias: "задана ссылка YAML"
        }
    }

    var isNull: Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The scalar text exactly as written.
    func string() -> String? {
        guard case .scalar(let scalar) = node else {
            error("ожидалась строка, а \(written)")
            return nil
        }
        return scalar.string
    }

    /// A non-empty string.
    func text() -> String? {
        guard let value = string() else { return nil }
        if isNull || value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            error("пустое значение; нужен текст")
            return nil
        }
        return value
    }

    /// Latin letters, digits, `_`, `-` and `.` (Configs/README.md).
    func identifier() -> String? {
        guard let value = text() else { return nil }
        guard value.unicodeScalars.allSatisfy(Self.isIdentifierScalar) else {
            error("идентификатор «\(value)» может содержать только латинские буквы, цифры, «_», «-» и «.»")
            return nil
        }
        return value
    }

    private static func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ".": true
        default: false
        }
    }

    func number() -> Double? {
        guard case .scalar(let scalar) = node else {
            error("ожидалось число, а \(written)")
            return nil
        }
        guard scalar.style == .plain else {
            error("ожидалось число, а задана строка в кавычках «\(scalar.string)»; число пишется без кавычек")
            return nil
        }
        // Decimal notation only: Double(_:) would also take "0x10", "nan" and "inf".
        guard scalar.string.allSatisfy({ "0123456789+-.eE".contains($0) }), let value = Double(scalar.string), value.isFinite else {
            error("ожидалось число, а задано значение «\(scalar.string)»")
            return nil
        }
        return value
    }

    func integer() -> Int? {
        guard let value = number() else { return nil }
        guard value == value.rounded(), abs(value) < 1e9 else {
            error("ожидалось целое число, а задано «\(decimalText(value))»")
            return nil
        }
        return Int(value)
    }

    /// Only plain `true` or `false`: YAML 1.1 spellings (`yes`, `on`, `True`) are refused, not guessed.
    func bool() -> Bool? {
        guard case .scalar(let scalar) = node, scalar.style == .plain, ["true", "false"].contains(scalar.string) else {
            error("ожидалось true или false, а \(written)")
            return nil
        }
        return scalar.string == "true"
    }

    func sequence() -> [ConfigNode]? {
        guard case .sequence(let sequence) = node else {
            error("ожидался список, а \(written)")
            return nil
        }
        return sequence.map(child)
    }

    /// Reads a mapping and reports every key not in `allowed` at its own position, listing the allowed keys.
    func mapping(allowed: [String]) -> MappingReader? {
        guard case .mapping(let mapping) = node else {
            error("ожидался словарь (ключ: значение), а \(written)")
            return nil
        }
        var entries: [MappingReader.Entry] = []
        for (key, value) in mapping {
            let keyNode = child(key)
            guard let name = keyNode.string() else { continue }
            guard allowed.contains(name) else {
                keyNode.error("неизвестный ключ «\(name)»; допустимы: \(allowed.joined(separator: ", "))")
                continue
            }
            entries.append(.init(name: name, key: keyNode, value: child(value)))
        }
        return MappingReader(owner: self, entries: entries)
    }

    /// A mapping whose keys are data (weights, parameters): keys in order with their values.
    func pairs() -> [(key: ConfigNode, value: ConfigNode)]? {
        guard case .mapping(let mapping) = node else {
            error("ожидался словарь (ключ: значение), а \(written)")
            return nil
        }
        return mapping.map { (child($0.key), child($0.value)) }
    }

    /// The `id` scalar of a mapping, read silently (the entry reports its own problems on its turn).
    var declaredID: (id: String, node: ConfigNode)? {
        guard case .mapping(let mapping) = node,
              let value = mapping.first(where: { $0.key.scalar?.string == "id" })?.value,
              case .scalar(let scalar) = value else { return nil }
        return (scalar.string, child(value))
    }

    /// The `id`s of a list of mappings, read silently: lets a reference to an entry that has an error
    /// of its own pass without a second, misleading error.
    func declaredIDs() -> [(id: String, node: ConfigNode)] {
        guard case .sequence(let items) = node else { return [] }
        return items.compactMap { child($0).declaredID }
    }
}

/// The allowed keys of one mapping; a missing required key is reported at the mapping's position.
struct MappingReader {
    struct Entry {
        let name: String
        let key: ConfigNode
        let value: ConfigNode
    }

    let owner: ConfigNode
    let entries: [Entry]

    var keys: [String] { entries.map(\.name) }

    /// The value, or nil when the key is absent or `null`.
    func optional(_ key: String) -> ConfigNode? {
        entries.first { $0.name == key }.flatMap { $0.value.isNull ? nil : $0.value }
    }

    func required(_ key: String) -> ConfigNode? {
        if let value = optional(key) { return value }
        if let entry = entries.first(where: { $0.name == key }) {
            entry.key.error("у ключа «\(key)» нет значения")
        } else {
            owner.error("нет обязательного ключа «\(key)»")
        }
        return nil
    }

    func keyNode(_ key: String) -> ConfigNode? { entries.first { $0.name == key }?.key }
}

/// A number as a person writes it: no trailing ".0", no binary noise (0.30000000000000004 → 0.3).
func decimalText(_ value: Double) -> String {
    let rounded = (value * 1e9).rounded() / 1e9
    if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
    return String(rounded)
}

/// Russian list of quoted values: «a», «b».
func quotedList(_ values: [String]) -> String {
    values.map { "«\($0)»" }.joined(separator: ", ")
}
