/// Per-file state while a file is read.
///
/// The cells of a row are read here because how a cell reads depends on its file alone: the
/// header says where a column is and the file's decimal convention how a number is written.
///
/// A class, though it holds plain values: each of a file's rows passes its context through a
/// dozen calls, and a struct of this size (its file's header and name among it) was copied,
/// references retained, for many of them. One load reads one file at a time on one thread.
final class FileContext {
    let file: InputFile
    let index: Int
    var summary: FileSummary
    var convention: DecimalConvention
    var ambiguousValues = 0
    var firstAmbiguous: (line: Int, text: String)?
    var firstWindows1252Line: Int?
    /// Monthly cells of wide rows left out because their quarter is after --as-of.
    var monthValuesAfterAsOf = 0
    /// Rows of Pemda that --pemda leaves out (counted in ``FileSummary/rowsOutOfScope`` too).
    var rowsOfOtherPemda = 0
    var header: HeaderMap { file.header }
    /// Whether the file has realisasi_tw or realisasi_<bulan> columns beside its targets, asked
    /// once, not per row: a file of targets alone has none to read.
    let hasWideActuals: Bool

    init(file: InputFile, index: Int, summary: FileSummary, convention: DecimalConvention) {
        self.file = file
        self.index = index
        self.summary = summary
        self.convention = convention
        hasWideActuals = file.header.hasWideActualColumns || file.header.hasWideMonthColumns
    }
}

// MARK: Cells

extension FileContext {
    /// The trimmed bytes of a code column that must not be empty (kode_opd, kode_indikator).
    func requiredText(_ record: CSVRecord, _ column: Column) throws -> UnsafeBufferPointer<UInt8> {
        let bytes = NumberParser.trimmed(record[header[column]!])
        guard !bytes.isEmpty else {
            throw RowRejection(column: column, code: "\(column.canonicalName.replacingUnderscores)-kosong",
                               message: "Kolom \(column.canonicalName) kosong. Isi kodenya sesuai data OPD dan indikator.")
        }
        return bytes
    }

    /// The number in `column`, `nil` when the column is absent or the cell says "not reported".
    ///
    /// A number the file's convention had to decide is counted, for the file's `angka-ambigu`
    /// note.
    func number(_ record: CSVRecord, _ column: Column) throws -> ExactDecimal? {
        guard let field = header[column] else { return nil }
        switch NumberParser.parse(record[field], convention: convention) {
        case .absent:
            return nil
        case .value(let value, _, let ambiguous):
            if ambiguous {
                ambiguousValues += 1
                if firstAmbiguous == nil {
                    firstAmbiguous = (record.line, record.string(field))
                }
            }
            return value
        case .invalid(let reason):
            throw RowRejection(column: column, code: "angka-tidak-valid",
                               message: "Nilai '\(record.string(field).trimmingSpaces)' bukan angka yang dapat dibaca (\(reason)). "
                                   + "Tulis angka seperti 85,5 atau 1.234,56; kosongkan atau tulis '-' bila belum dilaporkan.")
        }
    }
}

extension String {
    /// `kode_opd` → `kode-opd`: a column name as part of an issue code.
    var replacingUnderscores: String { String(map { $0 == "_" ? "-" : $0 }) }
}
