/// A document's content once, kernel-free: headings, paragraphs, tables. The HTML and the DOCX of a document
/// are both rendered from it, so the two never say different things.
public struct DocumentModel: Sendable, Equatable {
    public enum Alignment: String, Sendable, Equatable {
        case left, center, right, justify
    }

    /// A piece of a paragraph with its own emphasis.
    public struct Run: Sendable, Equatable {
        public var text: String
        public var bold: Bool

        public init(_ text: String, bold: Bool = false) {
            self.text = text
            self.bold = bold
        }
    }

    public struct Table: Sendable, Equatable {
        public var header: [String]
        public var rows: [[String]]
        /// Relative column widths (any unit; only proportions matter).
        public var widths: [Int]

        public init(header: [String], rows: [[String]], widths: [Int]? = nil) {
            self.header = header
            self.rows = rows
            self.widths = widths ?? Array(repeating: 1, count: header.count)
        }
    }

    public enum Block: Sendable, Equatable {
        /// Level 1 is the document's title.
        case heading(String, level: Int)
        case paragraph([Run], Alignment)
        case table(Table)
    }

    public var title: String
    /// Wide tables (the improvement plan) are laid out on landscape A4.
    public var landscape: Bool
    public var blocks: [Block]

    public init(title: String, landscape: Bool = false, blocks: [Block] = []) {
        self.title = title
        self.landscape = landscape
        self.blocks = blocks
    }

    public mutating func heading(_ text: String, level: Int = 2) { blocks.append(.heading(text, level: level)) }

    public mutating func paragraph(_ text: String, _ alignment: Alignment = .justify, bold: Bool = false) {
        blocks.append(.paragraph([Run(text, bold: bold)], alignment))
    }

    /// «Label: value» with the label in bold.
    public mutating func field(_ label: String, _ value: String) {
        blocks.append(.paragraph([Run(label + ": ", bold: true), Run(value)], .left))
    }

    public mutating func table(_ table: Table) { blocks.append(.table(table)) }

    /// Every piece of text in reading order (what a reader of the DOCX or HTML sees), for checks.
    public var plainText: [String] {
        blocks.flatMap { block -> [String] in
            switch block {
            case .heading(let text, _): [text]
            case .paragraph(let runs, _): [runs.map(\.text).joined()]
            case .table(let table): table.header + table.rows.flatMap { $0 }
            }
        }
    }
}

extension DocumentModel {
    /// A self-contained A4 page (portrait or landscape) in the frame of the other reports.
    public func html(to sink: any ReportSink) throws {
        let page = HTMLPage(title: title, theme: .document(landscape: landscape))
        try page.open(sink)
        for block in blocks {
            switch block {
            case .heading(let text, let level):
                let tag = "h\(min(max(level, 1), 3))"
                try sink.write("<\(tag)>\(HTMLText.escape(text))</\(tag)>\n")
            case .paragraph(let runs, let alignment):
                let content = runs.map { $0.bold ? "<strong>\(HTMLText.escape($0.text))</strong>" : HTMLText.escape($0.text) }.joined()
                try sink.write("<p class=\"\(alignment.rawValue)\">\(content)</p>\n")
            case .table(let table):
                let total = max(table.widths.reduce(0, +), 1)
                try sink.write("<table>\n<colgroup>" + table.widths.map { "<col style=\"width: \($0 * 100 / total)%\">" }.joined() + "</colgroup>\n")
                try sink.write(HTMLText.headerRow(table.header) + "<tbody>\n")
                for row in table.rows { try sink.write(HTMLText.row(row.map(HTMLText.escape))) }
                try sink.write("</tbody>\n</table>\n")
            }
        }
        try page.close(sink)
    }
}
