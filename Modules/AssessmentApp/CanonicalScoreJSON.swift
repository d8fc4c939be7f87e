public import AssessmentKernel

/// The canonical JSON of a score written by hand: byte for byte what `JSONOutput.encode` (Foundation's
/// `JSONEncoder`, pretty-printed, sorted keys, slashes unescaped) gives, several times faster.
///
/// Stored runs and approved versions hash these bytes, so they must never drift from the encoder:
/// `CanonicalScoreJSONTests` compares the two on real campaigns and on edge cases. Keys are written in
/// the encoder's order (bytewise sorted), optionals that are nil are left out as the synthesized
/// `Codable` does, doubles are their `description` without a trailing ".0".
public struct CanonicalScoreJSON {
    /// The text being written, UTF-8.
    public private(set) var bytes: [UInt8] = []
    private var depth: Int

    /// A writer whose values start at nesting `depth` (1 for an element of the canonical array).
    public init(depth: Int = 0, capacity: Int = 64 * 1024) {
        self.depth = depth
        bytes.reserveCapacity(capacity)
    }

    /// One score's canonical text, as stored in `score_result`: the object and a line break.
    public static func encode(_ score: OrganizationScore) throws -> String {
        var writer = CanonicalScoreJSON()
        try writer.write(score)
        writer.bytes.append(0x0A)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Writes one score as a JSON object at the current depth (no line break after it).
    public mutating func write(_ score: OrganizationScore) throws {
        var object = beginObject()
        if let band = score.band { key("band", &object); string(band) }
        key("criteria", &object)
        try array(score.criteria) { writer, criterion in try writer.write(criterion) }
        key("extra", &object)
        try array(score.extra) { writer, extra in try writer.write(extra) }
        key("flags", &object)
        array(score.flags) { writer, flag in
            var object = writer.beginObject()
            writer.key("code", &object); writer.string(flag.code.rawValue)
            writer.key("message", &object); writer.string(flag.message)
            writer.endObject(object)
        }
        key("indicators", &object)
        try array(score.indicators) { writer, indicator in try writer.write(indicator) }
        key("methodology", &object); string(score.methodology.rawValue)
        key("organization", &object); write(score.organization)
        if let index = score.regionalIndex { key("regionalIndex", &object); try number(index) }
        key("respondents", &object); integer(score.respondents)
        key("sample", &object); write(score.sample)
        key("shortcomings", &object)
        try array(score.shortcomings) { writer, shortcoming in try writer.write(shortcoming) }
        if let total = score.total { key("total", &object); try number(total) }
        key("totalExplanation", &object); try write(score.totalExplanation)
        endObject(object)
    }

    private mutating func write(_ organization: Organization) {
        var object = beginObject()
        key("active", &object); append(organization.active ? "true" : "false")
        if let value = organization.address { key("address", &object); string(value) }
        if let value = organization.email { key("email", &object); string(value) }
        if let value = organization.founder { key("founder", &object); string(value) }
        if let value = organization.head { key("head", &object); string(value) }
        key("id", &object); string(organization.id.rawValue)
        if let value = organization.inn { key("inn", &object); string(value) }
        if let value = organization.kind { key("kind", &object); string(value.rawValue) }
        key("name", &object); string(organization.name)
        if let value = organization.ogrn { key("ogrn", &object); string(value) }
        if let value = organization.parent { key("parent", &object); string(value.rawValue) }
        if let value = organization.phone { key("phone", &object); string(value) }
        if let value = organization.recipients { key("recipients", &object); integer(value) }
        key("sector", &object); string(organization.sector.rawValue)
        if let value = organization.shortName { key("shortName", &object); string(value) }
        if let value = organization.type { key("type", &object); string(value.rawValue) }
        if let value = organization.website { key("website", &object); string(value) }
        endObject(object)
    }

    private mutating func write(_ sample: SampleCheck) {
        var object = beginObject()
        key("actual", &object); integer(sample.actual)
        if let required = sample.required { key("required", &object); integer(required) }
        key("status", &object); string(sample.status.rawValue)
        endObject(object)
    }

    private mutating func write(_ criterion: CriterionScore) throws {
        var object = beginObject()
        key("applied", &object); append(criterion.applied ? "true" : "false")
        key("explanation", &object); try write(criterion.explanation)
        key("id", &object); string(criterion.id.rawValue)
        key("title", &object); string(criterion.title)
        if let value = criterion.value { key("value", &object); try number(value) }
        endObject(object)
    }

    private mutating func write(_ indicator: IndicatorScore) throws {
        var object = beginObject()
        key("criterion", &object); string(indicator.criterion.rawValue)
        key("explanation", &object); try write(indicator.explanation)
        key("id", &object); string(indicator.id.rawValue)
        key("title", &object); string(indicator.title)
        if let value = indicator.value { key("value", &object); try number(value) }
        endObject(object)
    }

    private mutating func write(_ extra: ExtraCriterionScore) throws {
        var object = beginObject()
        key("explanation", &object); try write(extra.explanation)
        key("id", &object); string(extra.id.rawValue)
        key("indicators", &object)
        try array(extra.indicators) { writer, indicator in try writer.write(indicator) }
        key("title", &object); string(extra.title)
        if let value = extra.value { key("value", &object); try number(value) }
        endObject(object)
    }

    private mutating func write(_ shortcoming: Shortcoming) throws {
        var object = beginObject()
        if let value = shortcoming.checklist { key("checklist", &object); string(value.rawValue) }
        if let value = shortcoming.criterion { key("criterion", &object); string(value.rawValue) }
        if let value = shortcoming.indicator { key("indicator", &object); string(value.rawValue) }
        if let value = shortcoming.item { key("item", &object); string(value.rawValue) }
        key("measure", &object); string(shortcoming.measure)
        key("source", &object); string(shortcoming.source.rawValue)
        key("text", &object); string(shortcoming.text)
        if let value = shortcoming.value { key("value", &object); try number(value) }
        endObject(object)
    }

    private mutating func write(_ explanation: Explanation) throws {
        var object = beginObject()
        key("children", &object)
        try array(explanation.children) { writer, child in try writer.write(child) }
        key("facts", &object)
        try array(explanation.facts) { writer, fact in
            var object = writer.beginObject()
            writer.key("name", &object); writer.string(fact.name.rawValue)
            writer.key("value", &object); try writer.number(fact.value)
            writer.endObject(object)
        }
        key("notes", &object)
        array(explanation.notes) { writer, note in writer.string(note) }
        key("rule", &object); string(explanation.rule)
        key("subject", &object); string(explanation.subject)
        if let value = explanation.value { key("value", &object); try number(value) }
        endObject(object)
    }

    // MARK: - Layout, as JSONEncoder's pretty printer lays it out

    /// Whether the open object has a member yet (the next one needs ",").
    private struct OpenObject { var empty = true }

    private mutating func beginObject() -> OpenObject {
        bytes.append(UInt8(ascii: "{"))
        depth += 1
        return OpenObject()
    }

    private mutating func endObject(_ object: OpenObject) {
        depth -= 1
        if object.empty { bytes.append(0x0A) }
        newline()
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func key(_ name: StaticString, _ object: inout OpenObject) {
        if !object.empty { bytes.append(UInt8(ascii: ",")) }
        object.empty = false
        newline()
        bytes.append(UInt8(ascii: "\""))
        append(name)
        // From static text: an array literal here was a static object fetched and appended in every key.
        append("\" : ")
    }

    private mutating func array<Element>(_ elements: [Element], _ body: (inout Self, Element) throws -> Void) rethrows {
        bytes.append(UInt8(ascii: "["))
        depth += 1
        if elements.isEmpty { bytes.append(0x0A) }
        for (offset, element) in elements.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            newline()
            try body(&self, element)
        }
        depth -= 1
        newline()
        bytes.append(UInt8(ascii: "]"))
    }

    /// A line break and the indentation of `depth`, copied from one run of spaces instead of two bytes per level.
    private mutating func newline() {
        bytes.append(0x0A)
        let width = 2 * depth
        if width <= Self.spaces.count {
            Self.spaces.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<width])) }
        } else {
            bytes.append(contentsOf: repeatElement(0x20, count: width))
        }
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Decimal digits, written backwards into a small buffer on the stack (no `String` per number).
    private mutating func integer(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// A double as the encoder writes it: its shortest round-trip text, "1" rather than "1.0".
    private mutating func number(_ value: Double) throws {
        guard value.isFinite else { throw CanonicalJSONError.nonFinite(value) }
        // Counts and whole points are most of the numbers: below 10^15 a whole double's text is its integer's digits
        // and ".0" ("-0.0" keeps its sign, so it is left to `description`).
        if value.magnitude < 1e15, let whole = Int(exactly: value), !(whole == 0 && value.sign == .minus) {
            return integer(whole)
        }
        var text = value.description
        text.withUTF8 { utf8 in
            let pointZero = utf8.count >= 2 && utf8[utf8.count - 2] == UInt8(ascii: ".") && utf8[utf8.count - 1] == UInt8(ascii: "0")
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[..<(utf8.count - (pointZero ? 2 : 0))]))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Whether any of the eight bytes is a control character, a quote or a backslash (the classic "has a byte less
    /// than n" and "has a zero byte" word tests; exact for bytes below 0x80, and bytes from 0x80 up only ever give a
    /// false alarm, which the byte-by-byte path then clears).
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let control = (word &- ones &* 0x20) & ~word & highs != 0
        return control || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
    }

    /// A JSON string: quotes, backslashes and control characters escaped as the encoder escapes them.
    private mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = value
        text.withUTF8 { utf8 in
            var start = 0
            var index = 0
            while index < utf8.count {
                // Eight bytes at a time while none needs escaping: most of the text is long Cyrillic names.
                if index + 8 <= utf8.count, !Self.needsEscape(UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                    continue
                }
                let byte = utf8[index]
                index += 1
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                let at = index - 1
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<at]))
                start = at + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                default:
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                              Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// What the encoder refuses too: a number JSON cannot hold.
public enum CanonicalJSONError: Error, Equatable {
    case nonFinite(Double)
}
