import AssessmentReporting

/// `word/document.xml` of a document model: headings, aligned paragraphs with bold runs, bordered tables
/// whose header row repeats on every page, A4 portrait or landscape.
enum WordprocessingML {
    /// A4 in twentieths of a point, and the text width left between the margins.
    static let a4 = (short: 11906, long: 16838)
    static let margin = 1134

    static func document(_ model: DocumentModel) -> String {
        let (width, height) = model.landscape ? (a4.long, a4.short) : (a4.short, a4.long)
        let textWidth = width - 2 * margin
        var out = DocxWriter.header
        out += "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
        for block in model.blocks {
            switch block {
            case .heading(let text, let level):
                out += paragraph([DocumentModel.Run(text)], style: "Heading\(min(max(level, 1), 3))", alignment: nil)
            case .paragraph(let runs, let alignment):
                out += paragraph(runs, style: nil, alignment: alignment)
            case .table(let table):
                out += self.table(table, width: textWidth)
            }
        }
        out += "<w:sectPr><w:pgSz w:w=\"\(width)\" w:h=\"\(height)\"" + (model.landscape ? " w:orient=\"landscape\"" : "") + "/>"
        out += "<w:pgMar w:top=\"\(margin)\" w:right=\"\(margin)\" w:bottom=\"\(margin)\" w:left=\"\(margin)\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/>"
        out += "</w:sectPr></w:body></w:document>"
        return out
    }

    static func paragraph(_ runs: [DocumentModel.Run], style: String?, alignment: DocumentModel.Alignment?) -> String {
        var properties = style.map { "<w:pStyle w:val=\"\($0)\"/>" } ?? ""
        if let alignment {
            let value = switch alignment {
            case .left: "left"
            case .center: "center"
            case .right: "right"
            case .justify: "both"
            }
            properties += "<w:jc w:val=\"\(value)\"/>"
        }
        return "<w:p>" + (properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>") + runs.map(run).joined() + "</w:p>"
    }

    /// A run; line breaks inside the text become `<w:br/>`.
    static func run(_ run: DocumentModel.Run) -> String {
        let lines = run.text.split(separator: "\n", omittingEmptySubsequences: false)
        let body = lines.map { "<w:t xml:space=\"preserve\">\(escape(String($0)))</w:t>" }.joined(separator: "<w:br/>")
        return "<w:r>" + (run.bold ? "<w:rPr><w:b/></w:rPr>" : "") + body + "</w:r>"
    }

    static func table(_ table: DocumentModel.Table, width: Int) -> String {
        let total = max(table.widths.reduce(0, +), 1)
        let columns = table.widths.map { $0 * width / total }
        var out = "<w:tbl><w:tblPr><w:tblW w:w=\"\(width)\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblBorders>"
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            out += "<w:\(side) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        }
        out += "</w:tblBorders><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
        out += columns.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
        func row(_ cells: [String], header: Bool) -> String {
            var row = "<w:tr>" + (header ? "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" : "<w:trPr><w:cantSplit/></w:trPr>")
            for (index, cell) in cells.enumerated() {
                let cellWidth = index < columns.count ? columns[index] : columns.last ?? width
                row += "<w:tc><w:tcPr><w:tcW w:w=\"\(cellWidth)\" w:type=\"dxa\"/></w:tcPr>"
                row += paragraph([DocumentModel.Run(cell, bold: header)], style: nil, alignment: header ? .center : nil) + "</w:tc>"
            }
            return row + "</w:tr>"
        }
        out += row(table.header, header: true)
        for cells in table.rows { out += row(cells, header: false) }
        // Word needs a paragraph between a table and what follows it.
        return out + "</w:tbl><w:p/>"
    }

    /// XML text, escaped as the bus.gov.ru export escapes it (one escaper for every XML the project writes).
    static func escape(_ text: String) -> String { XMLText.escape(text) }
}
