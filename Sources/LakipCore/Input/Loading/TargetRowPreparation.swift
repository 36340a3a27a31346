/// Where a row's cells are read: the file's context, which counts the numbers that read two
/// ways (``FileContext``), or a preparation on the parsing thread, which leaves a row with such
/// a number to the context (``TargetRowPreparation``). The cells that need no counting are read
/// alike by both, below.
protocol RowCells {
    var header: HeaderMap { get }
    var convention: DecimalConvention { get }
    /// The number in `column`; `nil` when the column is absent or the cell empty.
    func number(_ record: CSVRecord, _ column: Column) throws -> ExactDecimal?
}

extension FileContext: RowCells {}

extension RowCells {
    /// The row's tahun, which every row of an indicator file has.
    func year(_ record: CSVRecord) throws -> Int {
        let bytes = record[header[.year]!]
        guard let year = TermParsing.year(bytes) else {
            let shown = TextDecoding.string(from: NumberParser.trimmed(bytes))
            throw RowRejection(column: .year, code: "tahun-tidak-valid",
                               message: shown.isEmpty ? "Tahun kosong. Isi tahun empat angka, mis. 2025."
                                   : "Tahun '\(shown)' tidak valid. Tulis tahun empat angka, mis. 2025.")
        }
        return year
    }

    /// An optional four-digit year (tahun_akhir_renstra).
    func optionalYear(_ record: CSVRecord, _ column: Column) throws -> Int? {
        guard let field = header[column] else { return nil }
        let bytes = NumberParser.trimmed(record[field])
        guard !bytes.isEmpty else { return nil }
        guard let year = TermParsing.year(bytes) else {
            throw RowRejection(column: column, code: "tahun-tidak-valid",
                               message: "Tahun '\(TextDecoding.string(from: bytes))' tidak valid. Tulis tahun empat angka, mis. 2026.")
        }
        return year
    }

    /// The row's polaritas and agregasi, and whether the agregasi was inferred (from the unit
    /// and polaritas, when its cell is empty).
    func terms(_ record: CSVRecord) throws -> (polarity: Polarity, aggregation: Aggregation, inferred: Bool) {
        let polarityText = record[header[.polarity]!]
        guard let polarity = TermParsing.polarity(polarityText) else {
            let shown = TextDecoding.string(from: NumberParser.trimmed(polarityText))
            throw RowRejection(column: .polarity, code: "polaritas-tidak-dikenal",
                               message: shown.isEmpty
                                   ? "Polaritas kosong. Isi 'positif' (semakin tinggi semakin baik) atau 'negatif' (semakin rendah semakin baik)."
                                   : "Polaritas '\(shown)' tidak dikenal. Tulis 'positif' atau 'negatif'.")
        }
        let aggregationText = NumberParser.trimmed(record[header[.aggregation] ?? -1])
        if aggregationText.isEmpty {
            let unit = TextDecoding.string(from: NumberParser.trimmed(record[header[.unit] ?? -1]))
            return (polarity, TermParsing.inferredAggregation(unit: unit, polarity: polarity), true)
        }
        guard let aggregation = TermParsing.aggregation(aggregationText) else {
            throw RowRejection(column: .aggregation, code: "agregasi-tidak-dikenal",
                               message: "Agregasi '\(TextDecoding.string(from: aggregationText))' tidak dikenal. Tulis 'jumlah', "
                                   + "'akhir' atau 'rata-rata', atau kosongkan agar disimpulkan.")
        }
        return (polarity, aggregation, false)
    }
}

/// The prepared rows of a batch, by position, read by the loader where they lie: a row is some
/// three hundred bytes, and copying it on its way was most of what its preparation saved.
final class PreparedTargetRows: @unchecked Sendable {
    // @unchecked: written by the parsing thread before the batch is handed over, then only read.
    private let rows: UnsafeMutablePointer<PreparedTargetRow>
    private let prepared: UnsafeMutablePointer<Bool>
    private let count: Int

    init(count: Int) {
        self.count = count
        rows = .allocate(capacity: max(1, count))
        prepared = .allocate(capacity: max(1, count))
        prepared.initialize(repeating: false, count: count)
    }

    deinit {
        for position in 0..<count where prepared[position] { (rows + position).deinitialize(count: 1) }
        rows.deallocate()
        prepared.deallocate()
    }

    fileprivate func set(_ row: PreparedTargetRow, at position: Int) {
        (rows + position).initialize(to: row)
        prepared[position] = true
    }

    /// The prepared row at `position`; `nil` when it was left to the loader.
    func row(at position: Int) -> UnsafePointer<PreparedTargetRow>? {
        precondition(position >= 0 && position < count)
        return prepared[position] ? UnsafePointer(rows + position) : nil
    }
}

/// The cells of a target row that read the same whatever rows came before it: read on the
/// parsing thread, which has time to spare while the loader is the busier of the two through
/// a target file, and used by ``LoadSession/readTargetRow(_:_:prepared:)`` instead of reading
/// them again.
struct PreparedTargetRow: Sendable {
    var year: Int
    var polarity: Polarity
    var aggregation: Aggregation
    /// Whether `aggregation` was inferred from an empty agregasi cell.
    var aggregationInferred: Bool
    var targets: TargetCells
    var weight: ExactDecimal?
    var renstraEndYear: Int?
    var budgetCeiling: ExactDecimal?
}

/// Reads the ``PreparedTargetRow`` of each record of a batch of a target file, on the parsing
/// thread. A row is prepared only when every one of these cells reads without a problem and
/// without a number that reads two ways: the loader reads any other row itself, as before, so
/// that its problems are told, and counted, in the order of the rows.
///
/// A class: a row's cells read it through a dozen calls, and a struct holding the header map
/// was copied, its arrays retained and released, for some of them.
final class TargetRowPreparation: Sendable {
    let header: HeaderMap
    let convention: DecimalConvention
    let gradeScales: [GradeScale]

    /// When batches are prepared.
    enum Use: Sendable {
        /// Never: the loader reads every row.
        case never
        /// A batch is prepared when the loader has batches waiting, so that the parser has time
        /// to spare; otherwise it is handed over at once. Which thread is the busier depends on
        /// the file (the parser's, for files of short rows) and on the moment.
        case whileTheLoaderIsBehind
        /// Every batch.
        case always
    }

    init(header: HeaderMap, convention: DecimalConvention, gradeScales: [GradeScale]) {
        self.header = header
        self.convention = convention
        self.gradeScales = gradeScales
    }

    /// The prepared rows of `batch`, unless `use` leaves it to the loader just now.
    func prepare(_ batch: RecordBatch, use: Use, loaderIsBehind: Bool) -> PreparedTargetRows? {
        switch use {
        case .never: nil
        case .whileTheLoaderIsBehind: loaderIsBehind ? prepare(batch) : nil
        case .always: prepare(batch)
        }
    }

    /// The prepared rows of `batch`.
    func prepare(_ batch: RecordBatch) -> PreparedTargetRows {
        let rows = PreparedTargetRows(count: batch.count)
        batch.forEachRecord { record, position in
            if let row = prepare(record) { rows.set(row, at: position) }
        }
        return rows
    }

    /// The row's cells, or `nil` when any of them has a problem for the loader to tell.
    func prepare(_ record: CSVRecord) -> PreparedTargetRow? {
        do {
            let (polarity, aggregation, inferred) = try terms(record)
            return PreparedTargetRow(year: try year(record), polarity: polarity, aggregation: aggregation,
                                     aggregationInferred: inferred,
                                     targets: try TargetCells(record, gradeScales: gradeScales, self),
                                     weight: try number(record, .weight),
                                     renstraEndYear: try optionalYear(record, .renstraEndYear),
                                     budgetCeiling: try number(record, .budgetCeiling))
        } catch {
            return nil
        }
    }
}

extension TargetRowPreparation: RowCells {
    private struct ReadsTwoWays: Error {}

    /// Reads a number as ``FileContext`` does, but fails on one that reads two ways, which the
    /// file's context must count: such a row is left to the loader.
    func number(_ record: CSVRecord, _ column: Column) throws -> ExactDecimal? {
        guard let field = header[column] else { return nil }
        switch NumberParser.parse(record[field], convention: convention) {
        case .absent: return nil
        case .value(let value, _, let ambiguous):
            if ambiguous { throw ReadsTwoWays() }
            return value
        case .invalid:
            throw RowRejection(column: column, code: "angka-tidak-valid", message: "")
        }
    }
}
