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
        for (code, message) in policy.description {
            builder.row([Severity.info.rawValue, "", "", "", code, message])
        }
        for period in periods {
            builder.row([Severity.info.rawValue, "", "", "", "periode-laporan", period.description])
        }
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

    /// The closing info row when the excel-id dialect neutralised text cells, said once for the
    /// whole run so that a reader who sees `'=…` knows why.
    static func neutralisedRow(count: Int) -> [String] {
        [Severity.info.rawValue, "", "", "", "rumus-dinetralkan",
         "\(count) sel teks yang diawali =, +, -, @, tab atau CR diberi awalan ' (dialek \(CSVDialect.excelIndonesian.name)) "
             + "agar spreadsheet menampilkannya sebagai teks, bukan menjalankannya sebagai rumus "
             + "(pencegahan CSV injection). Isi aslinya ada di data masukan."]
    }
}
