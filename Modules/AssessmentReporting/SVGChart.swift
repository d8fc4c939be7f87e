import AssessmentKernel

/// Inline SVG charts on a 0–100 scale (344н points). Every chart has a title and a text alternative,
/// and the numbers it shows are always in a table next to it.
public enum SVGChart {
    public struct Series: Sendable {
        public var name: String
        public var values: [Double?]
        /// One of the page's palette names: `bar`, `mean`, `best`.
        public var color: String

        public init(name: String, values: [Double?], color: String) {
            self.name = name
            self.values = values
            self.color = color
        }
    }

    static let palette = ["bar": "#2f6ea5", "mean": "#b07a10", "best": "#1d6b33", "other": "#6a3d9a",
                          "k4": "#a00000", "k5": "#4a4a4a", "k6": "#0e7c86"]
    /// Lines differ by dash as well as colour, so they stay apart in black-and-white print.
    static let dashes = ["", "6 3", "2 3", "8 3 2 3", "4 4", "1 2", "10 4"]

    /// Horizontal bars, one per item, in the given order.
    public static func bars(title: String, items: [(label: String, value: Double?)]) -> String {
        let labelWidth = 300.0, barWidth = 360.0, rowHeight = 20.0, top = 24.0
        let height = top + rowHeight * Double(items.count) + 24
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 720 \(f(height))\" width=\"720\" height=\"\(f(height))\" aria-labelledby=\"\(id(title))\">"
        out += "<title id=\"\(id(title))\">\(HTMLText.escape(title))</title>"
        out += axis(x: labelWidth, width: barWidth, top: top - 6, bottom: height - 20)
        for (index, item) in items.enumerated() {
            let y = top + rowHeight * Double(index)
            out += "<text x=\"\(f(labelWidth - 6))\" y=\"\(f(y + 14))\" text-anchor=\"end\" font-size=\"12\">\(HTMLText.escape(shorten(item.label, 44)))</text>"
            let width = barWidth * min(max(item.value ?? 0, 0), 100) / 100
            out += "<rect x=\"\(f(labelWidth))\" y=\"\(f(y + 3))\" width=\"\(f(width))\" height=\"\(f(rowHeight - 6))\" fill=\"\(palette["bar"]!)\"/>"
            out += "<text x=\"\(f(labelWidth + width + 4))\" y=\"\(f(y + 14))\" font-size=\"12\">\(HTMLText.number(item.value))</text>"
        }
        return out + "</svg>\n"
    }

    /// Vertical grouped bars: one group per category (К1–К5), one bar per series, with a legend.
    public static func groupedBars(title: String, categories: [String], series: [Series]) -> String {
        let left = 40.0, top = 30.0, plotHeight = 180.0, groupWidth = 120.0
        let width = left + groupWidth * Double(categories.count) + 20
        let height = top + plotHeight + 60
        let barWidth = (groupWidth - 24) / Double(max(series.count, 1))
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" aria-labelledby=\"\(id(title))\">"
        out += "<title id=\"\(id(title))\">\(HTMLText.escape(title))</title>"
        out += verticalAxis(left: left, top: top, height: plotHeight, right: width - 10)
        for (group, category) in categories.enumerated() {
            let x0 = left + groupWidth * Double(group) + 12
            for (index, line) in series.enumerated() {
                let value = group < line.values.count ? line.values[group] : nil
                let barHeight = plotHeight * min(max(value ?? 0, 0), 100) / 100
                let x = x0 + barWidth * Double(index)
                out += "<rect x=\"\(f(x))\" y=\"\(f(top + plotHeight - barHeight))\" width=\"\(f(barWidth - 2))\" height=\"\(f(barHeight))\" fill=\"\(palette[line.color] ?? palette["other"]!)\"><title>\(HTMLText.escape("\(category), \(line.name): \(HTMLText.number(value))"))</title></rect>"
            }
            out += "<text x=\"\(f(x0 + (groupWidth - 24) / 2))\" y=\"\(f(top + plotHeight + 16))\" text-anchor=\"middle\" font-size=\"13\">\(HTMLText.escape(category))</text>"
        }
        out += legend(series, y: top + plotHeight + 40, left: left)
        return out + "</svg>\n"
    }

    /// Lines over campaigns (dynamics): x is the campaign, y the 0–100 value; a gap where a value is missing.
    public static func lines(title: String, labels: [String], series: [Series]) -> String {
        let left = 40.0, top = 30.0, plotHeight = 180.0
        let step = labels.count > 1 ? min(560.0 / Double(labels.count - 1), 280) : 0
        // Wide enough for the three legend columns even with two campaigns.
        let width = max(left + step * Double(max(labels.count - 1, 0)) + 80, left + 620)
        let height = top + plotHeight + 40 + 20 * Double((series.count + 2) / 3)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" aria-labelledby=\"\(id(title))\">"
        out += "<title id=\"\(id(title))\">\(HTMLText.escape(title))</title>"
        out += verticalAxis(left: left, top: top, height: plotHeight, right: width - 10)
        func x(_ index: Int) -> Double { left + 30 + step * Double(index) }
        func y(_ value: Double) -> Double { top + plotHeight - plotHeight * min(max(value, 0), 100) / 100 }
        for (index, label) in labels.enumerated() {
            out += "<text x=\"\(f(x(index)))\" y=\"\(f(top + plotHeight + 16))\" text-anchor=\"middle\" font-size=\"12\">\(HTMLText.escape(label))</text>"
        }
        for (number, line) in series.enumerated() {
            let color = palette[line.color] ?? palette["other"]!
            let dash = dashes[number % dashes.count]
            let dashAttribute = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
            var segment: [String] = []
            func flush() {
                if segment.count > 1 { out += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dashAttribute) points=\"\(segment.joined(separator: " "))\"/>" }
                segment = []
            }
            for (index, value) in line.values.enumerated() {
                guard let value else { flush(); continue }
                segment.append("\(f(x(index))),\(f(y(value)))")
                out += "<circle cx=\"\(f(x(index)))\" cy=\"\(f(y(value)))\" r=\"3\" fill=\"\(color)\"><title>\(HTMLText.escape("\(line.name), \(index < labels.count ? labels[index] : ""): \(HTMLText.number(value))"))</title></circle>"
            }
            flush()
        }
        out += legend(series, y: top + plotHeight + 36, left: left, dashed: true)
        return out + "</svg>\n"
    }

    private static func legend(_ series: [Series], y: Double, left: Double, dashed: Bool = false) -> String {
        var out = ""
        for (index, line) in series.enumerated() {
            let x = left + Double(index % 3) * 200
            let row = y + Double(index / 3) * 20
            let color = palette[line.color] ?? palette["other"]!
            if dashed {
                let dash = dashes[index % dashes.count]
                out += "<line x1=\"\(f(x - 6))\" y1=\"\(f(row - 4))\" x2=\"\(f(x + 12))\" y2=\"\(f(row - 4))\" stroke=\"\(color)\" stroke-width=\"2\""
                    + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + "/>"
            } else {
                out += "<rect x=\"\(f(x))\" y=\"\(f(row - 10))\" width=\"12\" height=\"12\" fill=\"\(color)\"/>"
            }
            out += "<text x=\"\(f(x + 16))\" y=\"\(f(row))\" font-size=\"12\">\(HTMLText.escape(shorten(line.name, 28)))</text>"
        }
        return out
    }

    private static func axis(x: Double, width: Double, top: Double, bottom: Double) -> String {
        var out = ""
        for tick in stride(from: 0, through: 100, by: 20) {
            let tx = x + width * Double(tick) / 100
            out += "<line x1=\"\(f(tx))\" y1=\"\(f(top))\" x2=\"\(f(tx))\" y2=\"\(f(bottom))\" stroke=\"#d0d0d0\"/>"
            out += "<text x=\"\(f(tx))\" y=\"\(f(bottom + 14))\" text-anchor=\"middle\" font-size=\"11\">\(tick)</text>"
        }
        return out
    }

    private static func verticalAxis(left: Double, top: Double, height: Double, right: Double) -> String {
        var out = ""
        for tick in stride(from: 0, through: 100, by: 20) {
            let y = top + height - height * Double(tick) / 100
            out += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(right))\" y2=\"\(f(y))\" stroke=\"#d0d0d0\"/>"
            out += "<text x=\"\(f(left - 4))\" y=\"\(f(y + 4))\" text-anchor=\"end\" font-size=\"11\">\(tick)</text>"
        }
        return out
    }

    static func shorten(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// Coordinates with at most one decimal, dot-separated, locale-free.
    static func f(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let whole = Int(tenths) / 10, fraction = abs(Int(tenths) % 10)
        return fraction == 0 ? String(Int(tenths / 10)) : (tenths < 0 && whole == 0 ? "-" : "") + "\(whole).\(fraction)"
    }

    private static func id(_ title: String) -> String { "chart-" + HTMLText.slug(title) }
}
