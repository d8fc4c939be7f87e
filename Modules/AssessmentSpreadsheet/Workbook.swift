import CXLSXWriter
public import Foundation

/// An XLSX file being written row by row (libxlsxwriter's constant-memory mode: each row is flushed
/// once the next one starts, so 10 000 institutions never sit in memory as cells).
final class Workbook {
    enum CellFormat: Hashable {
        case header, text, wrapped, number, integer, date
    }

    private let handle: UnsafeMutablePointer<lxw_workbook>
    private var formats: [CellFormat: UnsafeMutablePointer<lxw_format>] = [:]
    private let url: URL
    private var closed = false

    init(url: URL, title: String, created: Date) throws(SpreadsheetError) {
        var options = lxw_workbook_options(constant_memory: UInt8(LXW_TRUE.rawValue), tmpdir: nil, use_zip64: UInt8(LXW_FALSE.rawValue))
        guard let handle = workbook_new_opt(url.path, &options) else { throw .cannotCreate(url.path) }
        self.handle = handle
        self.url = url
        // A fixed creation time: the same campaign gives the same bytes.
        title.withCString { titlePointer in
            "OpenNOK".withCString { author in
                var properties = lxw_doc_properties()
                properties.title = UnsafeMutablePointer(mutating: titlePointer)
                properties.author = UnsafeMutablePointer(mutating: author)
                properties.created = created.timeIntervalSince1970 > 0 ? time_t(created.timeIntervalSince1970) : 1
                _ = workbook_set_properties(handle, &properties)
            }
        }
        formats[.header] = makeFormat { format in
            format_set_bold(format)
            format_set_text_wrap(format)
            format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
            format_set_bg_color(format, 0xE8EEF4)
            format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
        }
        formats[.text] = makeFormat { format_set_align($0, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)) }
        formats[.wrapped] = makeFormat {
            format_set_text_wrap($0)
            format_set_align($0, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        }
        formats[.number] = makeFormat {
            format_set_num_format($0, "0.00")
            format_set_align($0, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        }
        formats[.integer] = makeFormat {
            format_set_num_format($0, "0")
            format_set_align($0, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        }
        formats[.date] = makeFormat {
            format_set_num_format($0, "dd.mm.yyyy")
            format_set_align($0, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        }
    }

    deinit {
        if !closed { workbook_close(handle) }
    }

    private func makeFormat(_ body: (UnsafeMutablePointer<lxw_format>) -> Void) -> UnsafeMutablePointer<lxw_format> {
        let format = workbook_add_format(handle)!
        body(format)
        return format
    }

    /// A new sheet with its header row frozen and column widths set; rows are then appended in order.
    func addSheet(_ name: String, columns: [(title: String, width: Double)]) throws(SpreadsheetError) -> Sheet {
        guard let sheet = workbook_add_worksheet(handle, String(name.prefix(31))) else { throw .cannotAddSheet(name) }
        for (index, column) in columns.enumerated() {
            worksheet_set_column(sheet, lxw_col_t(index), lxw_col_t(index), column.width, nil)
        }
        worksheet_freeze_panes(sheet, 1, 0)
        let result = Sheet(handle: sheet, formats: formats, name: name)
        try result.append(columns.map { .text($0.title) }, format: .header)
        if !columns.isEmpty { worksheet_autofilter(sheet, 0, 0, 0, lxw_col_t(columns.count - 1)) }
        return result
    }

    func close() throws(SpreadsheetError) {
        closed = true
        let error = workbook_close(handle)
        guard error == LXW_NO_ERROR else { throw .cannotWrite(url.path, String(cString: lxw_strerror(error))) }
    }

    final class Sheet {
        enum Cell {
            case text(String)
            case wrapped(String)
            case number(Double?)
            case integer(Int?)
            case date(year: Int, month: Int, day: Int)
            case empty
        }

        private let handle: UnsafeMutablePointer<lxw_worksheet>
        private let formats: [CellFormat: UnsafeMutablePointer<lxw_format>]
        let name: String
        private(set) var rows: UInt32 = 0

        fileprivate init(handle: UnsafeMutablePointer<lxw_worksheet>, formats: [CellFormat: UnsafeMutablePointer<lxw_format>], name: String) {
            self.handle = handle
            self.formats = formats
            self.name = name
        }

        func append(_ cells: [Cell], format override: CellFormat? = nil) throws(SpreadsheetError) {
            let row = rows
            for (index, cell) in cells.enumerated() {
                let column = lxw_col_t(index)
                let error: lxw_error
                switch cell {
                case .text(let text): error = worksheet_write_string(handle, row, column, text, formats[override ?? .text])
                case .wrapped(let text): error = worksheet_write_string(handle, row, column, text, formats[override ?? .wrapped])
                case .number(let value?): error = worksheet_write_number(handle, row, column, value, formats[override ?? .number])
                case .integer(let value?): error = worksheet_write_number(handle, row, column, Double(value), formats[override ?? .integer])
                case .date(let year, let month, let day):
                    var value = lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: 0, min: 0, sec: 0)
                    error = worksheet_write_datetime(handle, row, column, &value, formats[.date])
                case .number(nil), .integer(nil), .empty: error = LXW_NO_ERROR
                }
                guard error == LXW_NO_ERROR else { throw .cannotWriteCell(sheet: name, row: Int(row) + 1, column: index + 1, String(cString: lxw_strerror(error))) }
            }
            rows += 1
        }
    }
}

/// XLSX errors in Russian.
public enum SpreadsheetError: Error, Equatable, Sendable, LocalizedError {
    case cannotCreate(String)
    case cannotAddSheet(String)
    case cannotWriteCell(sheet: String, row: Int, column: Int, String)
    case cannotWrite(String, String)

    public var errorDescription: String? {
        switch self {
        case .cannotCreate(let path): "Не удалось создать книгу XLSX «\(path)»: проверьте, что папка существует и доступна для записи."
        case .cannotAddSheet(let name): "Не удалось добавить лист «\(name)» в книгу XLSX."
        case .cannotWriteCell(let sheet, let row, let column, let reason):
            "Лист «\(sheet)», строка \(row), столбец \(column): ячейка не записана (\(reason))."
        case .cannotWrite(let path, let reason): "Не удалось записать книгу XLSX «\(path)»: \(reason)."
        }
    }
}
