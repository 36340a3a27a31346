/// Decides a file's decimal separator before its rows are read.
///
/// `1.234` is 1234 in an Indonesian spreadsheet and 1.234 in most others, and the cell alone
/// cannot say which. Every number of a file is read the same way, so the file is scanned ahead
/// for the first number whose text settles it (`85,5`, `1.234,56`, `1,250,000`).
enum DecimalConventionSniffer {
    /// The columns whose cells are numbers.
    private static let numberColumns = [Column.annualTarget, .actual, .weight, .renstraTarget, .budgetCeiling, .budgetActual]
        + Quarter.allCases.flatMap { [Column.quarterTarget($0), .quarterActual($0)] }
        + Month.allCases.map { Column.monthActual($0) }

    /// The file's decimal separator and the sentence `validasi.csv` gives for it: comma for
    /// `;`-delimited files, else what the first decisive number proves, else point.
    ///
    /// - Throws: ``InputError`` when the file cannot be read as CSV.
    static func convention(of file: InputFile, reader: CSVFileReader) throws
        -> (convention: DecimalConvention, explanation: String) {
        if file.layout.delimiter == UInt8(ascii: ";") {
            return (.comma, "Pemisah desimal: koma (berkas dibatasi titik koma ';').")
        }
        let fields = numberColumns.compactMap { file.header[$0] }
        struct Settled: Error { let convention: DecimalConvention; let line: Int; let text: String }
        do {
            try reader.read(path: file.path, displayName: file.name, delimiter: file.layout.delimiter) { record in
                guard record.line > file.headerLine else { return }
                for field in fields {
                    if case .value(_, let evidence?, _) = NumberParser.parse(record[field], convention: .point) {
                        throw Settled(convention: evidence, line: record.line, text: record.string(field))
                    }
                }
            }
        } catch let settled as Settled {
            return (settled.convention, "Pemisah desimal: \(settled.convention.label) (ditentukan oleh nilai '\(settled.text)' "
                        + "pada baris \(settled.line)).")
        } catch let error as CSVError {
            throw InputError(error)
        }
        return (.point, "Pemisah desimal: titik (bawaan; tidak ada angka yang menentukan konvensi lain).")
    }
}
