/// The target cells of a target row: numbers, ranges (`80-90`) or grades of one scale.
///
/// A grade indicator's targets are all grades of the same scale, held as their ranks, so that
/// a row mixing grades with numbers, or grades of two scales, is rejected here as a whole.
struct TargetCells: Sendable {
    /// target_tahunan, the annual (PK) target.
    var annual: TargetValue?
    /// target_tw1 … target_tw4.
    var quarters: Quarterly<TargetValue?>
    /// target_renstra.
    var renstra: TargetValue?
    /// For a grade indicator, the index of its scale in the load's grade scales.
    var gradeScale: Int?

    private enum Cell {
        case value(TargetValue)
        case grade(scale: Int, rank: Int)
    }

    /// Reads the target cells of `record`, trying `gradeScales` in order for a cell that is
    /// not a number.
    ///
    /// - Parameter context: where the numbers are read: the file's context, or a preparation
    ///   on the parsing thread (``TargetRowPreparation``).
    /// - Throws: ``RowRejection`` for a cell that is neither a number, a range nor a known
    ///   grade, and for grades mixed with numbers or taken from two scales; what `context`
    ///   throws for a number.
    init<Numbers: RowCells>(_ record: CSVRecord, gradeScales: [GradeScale], _ context: Numbers) throws {
        // Every cell is read before the mix of grades and numbers is judged, so that a cell
        // that is neither is the error told. Six named cells, not an array: this runs for
        // every target row.
        let annualCell = try Self.cell(record, .annualTarget, gradeScales: gradeScales, context)
        let quarterCells = try Quarterly(byQuarter: { quarter in
            try Self.cell(record, .quarterTarget(quarter), gradeScales: gradeScales, context)
        })
        let renstraCell = try Self.cell(record, .renstraTarget, gradeScales: gradeScales, context)
        var scale: Int?
        var sawNumber = false
        func judge(_ cell: Cell?, _ column: Column) throws {
            switch cell {
            case .grade(let index, _):
                if let scale, scale != index {
                    throw RowRejection(column: column, code: "predikat-bercampur",
                                       message: "Target memakai predikat dari dua skala (\(gradeScales[scale].name) dan "
                                           + "\(gradeScales[index].name)); pakai satu skala.")
                }
                scale = index
            case .value: sawNumber = true
            case nil: break
            }
        }
        try judge(annualCell, .annualTarget)
        for quarter in Quarter.allCases { try judge(quarterCells[quarter.index], .quarterTarget(quarter)) }
        try judge(renstraCell, .renstraTarget)
        if let scale, sawNumber {
            throw RowRejection(column: nil, code: "predikat-bercampur",
                               message: "Target berisi angka dan predikat \(gradeScales[scale].name) sekaligus; "
                                   + "untuk indikator predikat isi semua target dengan predikat.")
        }
        func value(_ cell: Cell?) -> TargetValue? {
            switch cell {
            case .value(let value): value
            case .grade(_, let rank): TargetValue(ExactDecimal(rank))
            case nil: nil
            }
        }
        annual = value(annualCell)
        quarters = Quarterly(byQuarter: { value(quarterCells[$0.index]) })
        renstra = value(renstraCell)
        gradeScale = scale
    }

    /// A target cell: a number, a range such as `80-90` or `80 – 90`, or a grade.
    private static func cell<Numbers: RowCells>(_ record: CSVRecord, _ column: Column, gradeScales: [GradeScale],
                                                   _ context: Numbers) throws -> Cell? {
        guard let field = context.header[column] else { return nil }
        do {
            return try context.number(record, column).map { .value(TargetValue($0)) }
        } catch is RowRejection {
            // Not a plain number: a range or a grade, else the row is rejected.
            let bytes = NumberParser.trimmed(record[field])
            if let range = range(bytes, convention: context.convention) { return .value(range) }
            let text = TextDecoding.string(from: bytes)
            for (index, scale) in gradeScales.enumerated() {
                if let rank = scale.rank(of: text) { return .grade(scale: index, rank: rank) }
            }
            let scales = gradeScales.map { "\($0.name): \($0.allowedList)" }.joined(separator: "; ")
            throw RowRejection(column: column, code: "target-tidak-valid",
                               message: "Target '\(text)' bukan angka, rentang (mis. 80-90) atau predikat yang dikenal (\(scales)). "
                                   + "Perbaiki nilainya atau kosongkan.")
        }
    }

    /// `80-90`, `80 – 90`, `80—90`: two numbers around a hyphen or dash.
    private static func range(_ bytes: UnsafeBufferPointer<UInt8>, convention: DecimalConvention) -> TargetValue? {
        var index = 1
        while index < bytes.count {
            var width = 0
            if bytes[index] == UInt8(ascii: "-") { width = 1 }
            // U+2013 en dash and U+2014 em dash in UTF-8.
            if bytes[index] == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80,
               bytes[index + 2] == 0x93 || bytes[index + 2] == 0x94 { width = 3 }
            if width > 0 {
                let low = NumberParser.parse(UnsafeBufferPointer(rebasing: bytes[..<index]), convention: convention)
                let high = NumberParser.parse(UnsafeBufferPointer(rebasing: bytes[(index + width)...]), convention: convention)
                if case .value(let lower, _, _) = low, case .value(let upper, _, _) = high {
                    return TargetValue(lower: lower, upper: upper)
                }
                return nil
            }
            index += 1
        }
        return nil
    }
}
