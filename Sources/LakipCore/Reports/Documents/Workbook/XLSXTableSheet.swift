import CLibXLSXWriter

/// One report table as a worksheet, written row by row: typed cells, the header row bold,
/// frozen, filtered and repeated on every printed page, columns as wide as their content, A4
/// landscape one page wide.
///
/// A table longer than a sheet holds (1,048,576 rows) goes on in `name (2)`, `name (3)` …, each
/// with the header, so nothing is cut.
final class XLSXTableSheet {
    /// How a column is shown beyond its cells' own types.
    struct ColumnRules {
        /// Integers printed without grouping (a year, a line number).
        var plainIntegers: Set<String> = ["tahun", "baris", "triwulan"]
        /// Text values that colour their cell, by column name.
        var highlights: [String: [(text: String, style: XLSXWorkbook.Style)]] = [:]

        /// Each kategori label in its band's colour, as the HTML shows it.
        static func categoryFills(_ labels: [String]) -> [(text: String, style: XLSXWorkbook.Style)] {
            labels.indices.map { band in
                (text: labels[band], style: .fill(background: CategoryPalette.colour(band: band, of: labels.count),
                                                  text: CategoryPalette.textColour(band: band, of: labels.count)))
            }
        }
    }

    let name: String
    let header: [String]
    private let workbook: XLSXWorkbook
    private let rules: ColumnRules
    private let pageHeader: String?
    private(set) var worksheet: UnsafeMutablePointer<lxw_worksheet>
    /// The sheets written so far: this table's first sheet and its continuations.
    private(set) var parts: [(name: String, rows: Int)] = []
    /// The next row of the current sheet (0 is the header).
    private var row = 0
    private var widths: [Int]
    private let plainColumns: Set<Int>
    /// Rows a sheet holds, the header included (Excel's limit; smaller in tests).
    private let rowLimit: Int

    /// Adds the sheet `name` with `header` as its first row.
    ///
    /// - Parameter title: printed at the top of every page (the report's title).
    init(_ workbook: XLSXWorkbook, name: String, header: [String], title: String?, rules: ColumnRules = ColumnRules(),
         rowLimit: Int = XLSXWorkbook.rowLimit) throws {
        self.workbook = workbook
        self.rowLimit = rowLimit
        self.name = XLSXWorkbook.sheetName(name)
        self.header = header
        self.rules = rules
        pageHeader = title.map { XLSXWorkbook.headerText("&C&\"-,Bold\"", $0) }
        // The header wraps, so a long column name does not widen a column of short numbers.
        widths = header.map { min($0.count + 3, Self.headerWidth) }
        plainColumns = Set(header.indices.filter { rules.plainIntegers.contains(header[$0]) })
        worksheet = try workbook.addWorksheet(self.name)
        try startSheet()
    }

    private func startSheet() throws {
        parts.append((name: parts.isEmpty ? name : Self.continuationName(name, part: parts.count + 1), rows: 0))
        worksheet_freeze_panes(worksheet, 1, 0)
        worksheet_repeat_rows(worksheet, 0, 0)
        worksheet_set_landscape(worksheet)
        worksheet_set_paper(worksheet, 9) // A4
        worksheet_fit_to_pages(worksheet, 1, 0)
        worksheet_set_margins(worksheet, 0.4, 0.4, 0.75, 0.6)
        if let pageHeader { try workbook.check(pageHeader.withCString { worksheet_set_header(worksheet, $0) }) }
        try workbook.check(worksheet_set_footer(worksheet, "&L&A&RHalaman &P dari &N"))
        let format = workbook.format(.header)
        worksheet_set_row(worksheet, 0, 30, format)
        for (column, title) in header.enumerated() {
            try workbook.check(title.withCString { worksheet_write_string(worksheet, 0, lxw_col_t(column), $0, format) })
        }
        row = 1
    }

    /// Characters across a header counts for at most (it wraps onto a second line), and a text
    /// column at most (a longer text is cut at the next filled cell, whole when selected).
    static let headerWidth = 14
    static let textWidth = 30

    /// `capaian_triwulan (2)`: the name cut so that the suffix fits in 31 characters.
    static func continuationName(_ name: String, part: Int) -> String {
        let suffix = " (\(part))"
        return String(name.prefix(Int(LXW_SHEETNAME_MAX) - suffix.count)) + suffix
    }

    /// Appends one row.
    func append(_ cells: [ReportCell]) throws {
        if row == rowLimit {
            finishSheet()
            worksheet = try workbook.addWorksheet(Self.continuationName(name, part: parts.count + 1))
            try startSheet()
        }
        let sheetRow = lxw_row_t(row)
        for (column, cell) in cells.enumerated() where column < XLSXWorkbook.columnLimit {
            let sheetColumn = lxw_col_t(column)
            let shown: Int
            switch cell {
            case .empty:
                continue
            case .text(let text):
                shown = try writeText(text, sheetRow, sheetColumn)
            case .range:
                // A range is not one number: kept as the text the tables print, `30-33`.
                shown = try writeText(cell.plainText, sheetRow, sheetColumn)
            case .integer(let value):
                let style: XLSXWorkbook.Style = plainColumns.contains(column) ? .plainInteger : .count
                try workbook.check(worksheet_write_number(worksheet, sheetRow, sheetColumn, Double(value), workbook.format(style)))
                shown = Self.groupedLength(digits: String(value).count, decimals: 0)
            case .value(let value):
                // The exact decimal the CSV prints, read as the nearest double: what a
                // spreadsheet holds for that text too.
                let text = value.decimalText()
                let decimals = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
                try workbook.check(worksheet_write_number(worksheet, sheetRow, sheetColumn, Double(text) ?? 0,
                                                          workbook.format(.decimals(decimals))))
                shown = Self.groupedLength(digits: text.count - (decimals > 0 ? decimals + 1 : 0), decimals: decimals)
            case .achievement(let value):
                try workbook.check(worksheet_write_number(worksheet, sheetRow, sheetColumn, Double(value.hundredths) / 100,
                                                          workbook.format(.achievement)))
                shown = value.description.count
            }
            if column < widths.count {
                widths[column] = max(widths[column], shown + 2)
            } else {
                widths.append(shown + 2)
            }
        }
        row += 1
        parts[parts.count - 1].rows = row - 1
    }

    private func writeText(_ text: String, _ row: lxw_row_t, _ column: lxw_col_t) throws -> Int {
        let cleaned = XLSXWorkbook.cellText(text)
        try workbook.check(cleaned.withCString { worksheet_write_string(worksheet, row, column, $0, workbook.format(.text)) })
        return min(cleaned.utf8.count, Self.textWidth)
    }

    /// Characters a grouped number takes: `12,345.67`.
    private static func groupedLength(digits: Int, decimals: Int) -> Int {
        digits + max(digits - 1, 0) / 3 + (decimals > 0 ? decimals + 1 : 0)
    }

    /// Ends the sheet: column widths, the filter over every row, the highlight rules.
    func finish() {
        finishSheet()
    }

    private func finishSheet() {
        for (column, width) in widths.enumerated() {
            worksheet_set_column(worksheet, lxw_col_t(column), lxw_col_t(column), Double(max(width, 6)), nil)
        }
        let lastRow = lxw_row_t(max(row - 1, 0))
        let lastColumn = lxw_col_t(max(header.count - 1, 0))
        if !header.isEmpty { worksheet_autofilter(worksheet, 0, 0, lastRow, lastColumn) }
        guard row > 1 else { return }
        for (column, title) in header.enumerated() {
            guard let highlights = rules.highlights[title] else { continue }
            for highlight in highlights {
                var rule = lxw_conditional_format()
                rule.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
                rule.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_EQUAL_TO.rawValue)
                rule.format = workbook.format(highlight.style)
                // A text criterion is a formula string: quoted, with quotes inside doubled.
                let quoted = "\"" + highlight.text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                _ = quoted.withCString { text -> lxw_error in
                    rule.value_string = UnsafeMutablePointer(mutating: text)
                    return worksheet_conditional_format_range(worksheet, 1, lxw_col_t(column), lastRow, lxw_col_t(column), &rule)
                }
            }
        }
    }
}
