/// validasi.csv: the policy in force and the period of each report folder (info rows), then
/// every problem found, in the order found.
enum ValidationTable {
    static let fileName = "validasi.csv"
    static let header = ["tingkat", "berkas", "baris", "kolom", "kode", "pesan"]

    /// Builds the table in `builder`, handing every megabyte to `sink` as it goes: a national
    /// run can list millions of problems, read back from the log's temporary file as they are
    /// written.
    static func write(_ issues: IssueLog, policy: Policy, periods: [ReportPeriod],
                      into builder: inout CSVRowBuilder, sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        builder.row(header)
        for row in infoRows(policy: policy, periods: periods) { builder.row(row) }
        for issue in issues {
            builder.text(issue.severity.rawValue)
            builder.text(issue.file)
            if let line = issue.line { builder.integer(line) } else { builder.empty() }
            builder.text(issue.column)
            builder.text(issue.code)
            builder.text(issue.message)
            builder.endRow()
            if builder.bytes.count > 1 << 20 { try builder.drain(into: sink) }
        }
    }

    /// The opening info rows: the policy in force and the period of each report folder.
    static func infoRows(policy: Policy, periods: [ReportPeriod]) -> [[String]] {
        policy.description.map { [Severity.info.rawValue, "", "", "", $0.code, $0.message] }
            + periods.map { [Severity.info.rawValue, "", "", "", "periode-laporan", $0.description] }
    }

    /// The rows for the workbook's `validasi` sheet: the info rows, then every problem.
    static func forEachRow(_ issues: IssueLog, policy: Policy, periods: [ReportPeriod],
                           _ body: ([ReportCell]) throws -> Void) throws {
        for row in infoRows(policy: policy, periods: periods) { try body(row.map { ReportCell(text: $0) }) }
        for issue in issues {
            try body([.text(issue.severity.rawValue), ReportCell(text: issue.file), issue.line.map(ReportCell.integer) ?? .empty,
                      ReportCell(text: issue.column), ReportCell(text: issue.code), ReportCell(text: issue.message)])
        }
    }

    /// The closing info rows when the dialect wrote text cells other than as given, said once for
    /// the whole run so that a reader who sees `'=…` or `="007"` knows why.
    static func rewrittenRows(_ rewritten: RewrittenText) -> [[String]] {
        let dialect = CSVDialect.excelIndonesian.name
        var rows: [[String]] = []
        if rewritten.neutralised > 0 {
            rows.append([Severity.info.rawValue, "", "", "", "rumus-dinetralkan",
                         "\(rewritten.neutralised) sel teks yang diawali =, +, -, @, tab atau CR diberi awalan ' "
                             + "(dialek \(dialect)) agar spreadsheet menampilkannya sebagai teks, bukan menjalankannya "
                             + "sebagai rumus (pencegahan CSV injection). Isi aslinya ada di data masukan."])
        }
        if rewritten.keptAsText > 0 {
            rows.append([Severity.info.rawValue, "", "", "", "kode-sebagai-teks",
                         "\(rewritten.keptAsText) sel teks yang akan dibaca spreadsheet sebagai angka atau tanggal "
                             + "(mis. kode 007, 1.250, 3/4) ditulis sebagai =\"…\" (dialek \(dialect)) agar Excel dan "
                             + "LibreOffice menyimpannya sebagai teks persis seperti di data masukan."])
        }
        return rows
    }
}
