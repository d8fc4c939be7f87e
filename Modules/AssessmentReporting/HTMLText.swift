import AssessmentKernel

/// HTML escaping and number formatting; every name and free text goes through `escape`.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        // Most names and texts hold nothing to escape: returned as they are, without a copy.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out = HTMLBytes(capacity: text.utf8.count + 16)
        out.escaped(text)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    public static func number(_ value: Double?) -> String { NumberText.format(value) }

    /// A signed change, «+1,25» / «−0,50» / «0,00»; «—» without a previous value.
    public static func change(_ current: Double?, _ previous: Double?) -> String {
        guard let current, let previous else { return "—" }
        let delta = DecimalRounding.round(current - previous, decimals: 2)
        if delta > 0 { return "+" + NumberText.format(delta) }
        if delta < 0 { return "−" + NumberText.format(-delta) }
        return NumberText.format(0)
    }

    /// A table row of already-escaped cells; the first `headers` cells are row headers.
    static func row(_ cells: [String], numeric: Set<Int> = [], headers: Int = 0, rowClass: String? = nil) -> String {
        var out = rowClass.map { "<tr class=\"\($0)\">" } ?? "<tr>"
        for (index, cell) in cells.enumerated() {
            let tag = index < headers ? "th scope=\"row\"" : "td"
            let close = index < headers ? "th" : "td"
            out += numeric.contains(index) ? "<\(tag) class=\"num\">\(cell)</\(close)>" : "<\(tag)>\(cell)</\(close)>"
        }
        return out + "</tr>\n"
    }

    static func headerRow(_ cells: [String], numeric: Set<Int> = []) -> String {
        "<thead><tr>" + cells.enumerated().map { index, cell in
            numeric.contains(index) ? "<th scope=\"col\" class=\"num\">\(escape(cell))</th>" : "<th scope=\"col\">\(escape(cell))</th>"
        }.joined() + "</tr></thead>\n"
    }

    /// An id usable in a URL and as an HTML id: letters, digits, «-» and «_» kept, anything else hex-coded.
    public static func slug(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if (scalar.value < 128 && (scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)))) || scalar == "-" || scalar == "_" {
                out.unicodeScalars.append(scalar)
            } else {
                out += "~" + String(scalar.value, radix: 16)
            }
        }
        return out
    }
}
