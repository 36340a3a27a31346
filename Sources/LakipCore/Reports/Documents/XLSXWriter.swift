import Foundation
import ZIPFoundation

/// Writes report tables as an Office Open XML workbook (SpreadsheetML, ECMA-376 Part 1), one
/// worksheet per table.
///
/// Numbers are numeric cells with a number format (capaian `0.00`), text is a shared string (so
/// a name starting with `=` is shown, never run as a formula), the header row is bold and frozen,
/// and columns are as wide as their content. The parts are the minimum a spreadsheet needs to
/// open the file without a repair prompt; the archive is built in memory and is the same bytes
/// for the same tables.
public struct XLSXWriter {
    /// Cell styles, by their index in `cellXfs` of styles.xml.
    enum Style: Int {
        case general = 0
        case header = 1
        case integer = 2
        case achievement = 3
        case text = 4
    }

    public var tables: [ReportTable]
    /// The report's title ("Laporan Kinerja Triwulan II Tahun 2025 (s.d. TW II)"): the
    /// workbook's document title and the header of every printed page.
    public var title: String?

    public init(tables: [ReportTable], title: String? = nil) {
        self.tables = tables
        self.title = title
    }

    /// The workbook as the bytes of an `.xlsx` file.
    ///
    /// - Throws: what the zip library throws (only on exhausted memory in practice).
    public func data() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        var sharedStrings = SharedStrings()
        var sheets: [(path: String, xml: String)] = []
        for (index, table) in tables.enumerated() {
            sheets.append(("xl/worksheets/sheet\(index + 1).xml", worksheet(table, strings: &sharedStrings)))
        }
        var parts: [(path: String, xml: String)] = [
            ("[Content_Types].xml", contentTypes()),
            ("_rels/.rels", packageRelationships()),
            ("docProps/app.xml", applicationProperties()),
            ("docProps/core.xml", coreProperties()),
            ("xl/workbook.xml", workbook()),
            ("xl/_rels/workbook.xml.rels", workbookRelationships()),
            ("xl/styles.xml", Self.styles),
            ("xl/sharedStrings.xml", sharedStrings.xml()),
        ]
        parts += sheets
        // A fixed date keeps the archive byte-for-byte reproducible.
        let date = Date(timeIntervalSince1970: 1_577_836_800)
        for part in parts {
            let bytes = Data(part.xml.utf8)
            try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(bytes.count),
                                 modificationDate: date, compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw OutputError(path: "xlsx", reason: "arsip zip tidak terbentuk") }
        return data
    }

    // MARK: - Package parts

    private static let spreadsheetNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    private func contentTypes() -> String {
        var xml = Self.header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml += "<Override PartName=\"/xl/workbook.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for index in tables.indices {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        xml += "<Override PartName=\"/xl/styles.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        xml += "<Override PartName=\"/xl/sharedStrings.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        xml += "<Override PartName=\"/docProps/app.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        xml += "<Override PartName=\"/docProps/core.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        return xml + "</Types>"
    }

    private func packageRelationships() -> String {
        Self.header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"\(Self.relationshipNamespace)/officeDocument\" Target=\"xl/workbook.xml\"/>"
            + "<Relationship Id=\"rId2\" Type=\"\(Self.relationshipNamespace)/extended-properties\" Target=\"docProps/app.xml\"/>"
            + "<Relationship Id=\"rId3\" "
            + "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
            + "Target=\"docProps/core.xml\"/>"
            + "</Relationships>"
    }

    /// The document title (File › Properties), when there is one.
    private func coreProperties() -> String {
        Self.header + "<cp:coreProperties "
            + "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
            + (title.map { "<dc:title>\(Self.escape($0))</dc:title>" } ?? "") + "<dc:creator>lakip</dc:creator>"
            + "</cp:coreProperties>"
    }

    private func applicationProperties() -> String {
        Self.header + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
            + "<Application>lakip</Application></Properties>"
    }

    private func workbook() -> String {
        var xml = Self.header + "<workbook xmlns=\"\(Self.spreadsheetNamespace)\" xmlns:r=\"\(Self.relationshipNamespace)\">"
        xml += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (index, table) in tables.enumerated() {
            xml += "<sheet name=\"\(Self.escape(Self.sheetName(table.name)))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        return xml + "</sheets></workbook>"
    }

    private func workbookRelationships() -> String {
        var xml = Self.header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for index in tables.indices {
            xml += "<Relationship Id=\"rId\(index + 1)\" Type=\"\(Self.relationshipNamespace)/worksheet\" "
                + "Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        let next = tables.count + 1
        xml += "<Relationship Id=\"rId\(next)\" Type=\"\(Self.relationshipNamespace)/styles\" Target=\"styles.xml\"/>"
        xml += "<Relationship Id=\"rId\(next + 1)\" Type=\"\(Self.relationshipNamespace)/sharedStrings\" "
            + "Target=\"sharedStrings.xml\"/>"
        return xml + "</Relationships>"
    }

    /// Fonts: regular, bold. Fills: the two every workbook must have, then a grey header fill.
    /// Cell formats in ``Style`` order; numFmtId 1 is `0`, 2 is `0.00`, 49 is `@` (text).
    private static let styles = header + "<styleSheet xmlns=\"\(spreadsheetNamespace)\">"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
        + "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
        + "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFD9E1F2\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"5\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\"/>"
        + "<xf numFmtId=\"1\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"2\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"

    // MARK: - Worksheets

    private func worksheet(_ table: ReportTable, strings: inout SharedStrings) -> String {
        let columnCount = max(table.header.count, table.rows.map(\.count).max() ?? 0)
        let lastCell = Self.columnName(max(columnCount, 1) - 1) + String(table.rows.count + 1)
        var xml = Self.header + "<worksheet xmlns=\"\(Self.spreadsheetNamespace)\" xmlns:r=\"\(Self.relationshipNamespace)\">"
        xml += "<dimension ref=\"A1:\(lastCell)\"/>"
        // The header row stays in view while scrolling.
        xml += "<sheetViews><sheetView workbookViewId=\"0\"\(table.name == tables.first?.name ? " tabSelected=\"1\"" : "")>"
            + "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            + "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        xml += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        if columnCount > 0 {
            xml += "<cols>"
            for column in 0..<columnCount {
                xml += "<col min=\"\(column + 1)\" max=\"\(column + 1)\" width=\"\(Self.width(of: column, in: table))\" "
                    + "customWidth=\"1\"/>"
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        xml += "<row r=\"1\">"
        for (column, name) in table.header.enumerated() {
            xml += "<c r=\"\(Self.columnName(column))1\" s=\"\(Style.header.rawValue)\" t=\"s\"><v>\(strings.index(name))</v></c>"
        }
        xml += "</row>"
        for (rowIndex, row) in table.rows.enumerated() {
            let rowNumber = rowIndex + 2
            xml += "<row r=\"\(rowNumber)\">"
            for (column, cell) in row.enumerated() {
                let reference = Self.columnName(column) + String(rowNumber)
                switch cell {
                case .empty:
                    continue
                case .text(let text):
                    xml += "<c r=\"\(reference)\" s=\"\(Style.text.rawValue)\" t=\"s\"><v>\(strings.index(text))</v></c>"
                case .integer(let value):
                    xml += "<c r=\"\(reference)\" s=\"\(Style.integer.rawValue)\"><v>\(value)</v></c>"
                case .value(let value) where value.numerator % value.denominator == 0:
                    // A whole number shows as one, like a count.
                    xml += "<c r=\"\(reference)\" s=\"\(Style.integer.rawValue)\"><v>\(Self.number(value))</v></c>"
                case .value(let value):
                    xml += "<c r=\"\(reference)\"><v>\(Self.number(value))</v></c>"
                case .achievement(let value):
                    xml += "<c r=\"\(reference)\" s=\"\(Style.achievement.rawValue)\"><v>\(value.description)</v></c>"
                case .range:
                    // A range is not one number: kept as the text the tables print, `30-33`.
                    xml += "<c r=\"\(reference)\" s=\"\(Style.text.rawValue)\" t=\"s\"><v>\(strings.index(cell.plainText))</v></c>"
                }
            }
            xml += "</row>"
        }
        xml += "</sheetData>"
        xml += "<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        xml += "<pageSetup paperSize=\"9\" orientation=\"landscape\"/>"
        if let title {
            // In header and footer text `&` starts a code: a literal one is written twice.
            let printed = Self.escape(title.replacingOccurrences(of: "&", with: "&&"))
            xml += "<headerFooter><oddHeader>&amp;C&amp;\"-,Bold\"\(printed)</oddHeader>"
                + "<oddFooter>&amp;L&amp;A&amp;RHalaman &amp;P dari &amp;N</oddFooter></headerFooter>"
        }
        return xml + "</worksheet>"
    }

    /// A number in the `xsd:double` lexical form the `<v>` element takes: the same text the CSV
    /// tables print (exact decimals in full; a value with no finite decimal form, such as the
    /// mean 31/3, to four decimals), so the workbook and the CSV hold equal values.
    static func number(_ value: Fraction) -> String {
        value.decimalText()
    }

    /// Characters across: the longest text in the column, within bounds a reader can scan.
    private static func width(of column: Int, in table: ReportTable) -> Int {
        var longest = column < table.header.count ? table.header[column].count + 2 : 0
        for row in table.rows where column < row.count {
            let length: Int
            switch row[column] {
            case .empty: length = 0
            case .text(let text): length = text.count
            default: length = row[column].plainText.count
            }
            longest = max(longest, length)
        }
        return min(max(longest + 2, 6), 60)
    }

    /// A, B, …, Z, AA, AB, …
    static func columnName(_ index: Int) -> String {
        var index = index + 1
        var letters: [Character] = []
        while index > 0 {
            let remainder = (index - 1) % 26
            letters.append(Character(UnicodeScalar(UInt8(65 + remainder))))
            index = (index - 1) / 26
        }
        return String(letters.reversed())
    }

    /// A worksheet name: at most 31 characters and none of `[ ] : * ? / \`.
    static func sheetName(_ name: String) -> String {
        let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 })
        return String(cleaned.prefix(31))
    }

    /// Text escaped for XML 1.0 content and attributes. Characters XML 1.0 cannot carry at all
    /// (control characters other than tab, line feed and carriage return) become U+FFFD.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\r": result += "&#13;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}

/// The shared string table (sst): each distinct text once, referenced by index from the cells.
struct SharedStrings {
    private var indices: [String: Int] = [:]
    private var ordered: [String] = []
    private var references = 0

    mutating func index(_ text: String) -> Int {
        references += 1
        if let existing = indices[text] { return existing }
        indices[text] = ordered.count
        ordered.append(text)
        return ordered.count - 1
    }

    func xml() -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
            + "count=\"\(references)\" uniqueCount=\"\(ordered.count)\">"
        for text in ordered {
            // Leading or trailing spaces are kept only when the text says so.
            let preserve = text.first?.isWhitespace == true || text.last?.isWhitespace == true
            xml += "<si><t\(preserve ? " xml:space=\"preserve\"" : "")>\(XLSXWriter.escape(text))</t></si>"
        }
        return xml + "</sst>"
    }
}
