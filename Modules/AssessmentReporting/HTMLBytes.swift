import AssessmentKernel
import Foundation

/// A page's bytes as they are built: text appended as UTF-8, names escaped in one pass over the bytes,
/// numbers formatted without Foundation. The site writes 20 000 pages this way; concatenating `String`s
/// and escaping `Character` by `Character` was most of its time.
public struct HTMLBytes: Sendable {
    public var bytes: [UInt8]

    public init(capacity: Int = 1 << 14) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public var count: Int { bytes.count }

    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Markup and other text that needs no escaping.
    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func raw(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    public mutating func raw(_ other: HTMLBytes) { bytes.append(contentsOf: other.bytes) }

    /// The same bytes as `HTMLText.escape(text)`: & < > " ' become entities, everything else is copied.
    public mutating func escaped(_ text: String) {
        var text = text
        text.withUTF8 { source in
            var start = 0
            for index in 0..<source.count {
                let entity: StaticString
                switch source[index] {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&quot;"
                case UInt8(ascii: "'"): entity = "&#39;"
                default: continue
                }
                if index > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<index])) }
                entity.withUTF8Buffer { bytes.append(contentsOf: $0) }
                start = index + 1
            }
            if start < source.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start...])) }
        }
    }

    /// The same text as `DecimalRounding.format(value, decimals:)`.
    public mutating func number(_ value: Double?, decimals: Int = 2) {
        NumberText.append(value, decimals: decimals, to: &bytes)
    }

    public mutating func integer(_ value: Int) { raw(String(value)) }
}

/// Report numbers without Foundation's `Decimal`: the same half-up rounding on the decimal value as written
/// as `DecimalRounding` (the 9-digit text of the double, rounded by its digits), the same comma.
public enum NumberText {
    /// The same text as `DecimalRounding.format(value, decimals:)`.
    /// `separator: "."` gives the machine formats' text (`DecimalRounding.format` with the comma replaced).
    public static func format(_ value: Double?, decimals: Int = 2, separator: UInt8 = UInt8(ascii: ",")) -> String {
        guard let value else { return "—" }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(value, decimals: decimals, separator: separator, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func append(_ value: Double?, decimals: Int, separator: UInt8 = UInt8(ascii: ","), to bytes: inout [UInt8]) {
        guard var value else {
            bytes.append(contentsOf: [0xE2, 0x80, 0x94])  // «—»
            return
        }
        if value == 0 { value = 0 }  // −0 is written «0,00», as the Decimal it becomes
        // Negative values, huge ones and odd precisions are rare in reports: the kernel's own formatting.
        guard value.isFinite, value >= 0, value < 1e12, (0...8).contains(decimals) else {
            for byte in DecimalRounding.format(value, decimals: decimals).utf8 { bytes.append(byte == UInt8(ascii: ",") ? separator : byte) }
            return
        }
        // "%.9f" as DecimalRounding writes it before parsing it as a Decimal: at most 13 + 1 + 9 bytes.
        var text: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &text) { raw in
            let buffer = raw.bindMemory(to: CChar.self)
            let length = Int(withVaList([value]) { vsnprintf(buffer.baseAddress!, buffer.count, "%.9f", $0) })
            let digits = UnsafeMutableRawBufferPointer(rebasing: raw[0..<length])
            // The decimal separator is whatever the C locale wrote: the first byte that is not a digit.
            let point = digits.firstIndex { $0 < UInt8(ascii: "0") || $0 > UInt8(ascii: "9") }!
            // Keep `decimals` digits after the point; a first dropped digit of 5 or more rounds up (half-up, as
            // NSDecimalRound(.plain) does for positive values).
            let end = point + decimals  // index of the last kept digit
            var carry = digits[end + 1] >= UInt8(ascii: "5")
            var index = end
            while carry && index >= 0 {
                if index == point { index -= 1; continue }
                if digits[index] == UInt8(ascii: "9") {
                    digits[index] = UInt8(ascii: "0")
                    index -= 1
                } else {
                    digits[index] += 1
                    carry = false
                }
            }
            if carry { bytes.append(UInt8(ascii: "1")) }
            bytes.append(contentsOf: digits[0..<point])
            if decimals > 0 {
                bytes.append(separator)
                bytes.append(contentsOf: digits[(point + 1)...end])
            }
        }
    }
}
