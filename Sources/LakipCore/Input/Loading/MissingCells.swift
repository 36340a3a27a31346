/// The cells a row shorter than its header lacks (SPEC §6).
///
/// libcsv hands a short row over as it is, and a cell past its end reads as empty, which means
/// "not reported". That must never happen silently: a missing cell the row cannot do without
/// rejects the row, the other missing cells are named in a warning and read as empty.
struct MissingCells {
    /// The first missing cell the row needs, if any; the row is then rejected.
    private(set) var needed: Column?
    /// Whether ``needed`` is a target cell, missing while no other target cell holds a value.
    private(set) var neededIsTarget = false
    /// The header names of the missing cells the row can do without.
    private(set) var optional: [String] = []

    /// Sorts the cells `record` lacks. Unknown, repeated and unnamed header cells are never
    /// read, so their absence loses nothing and is not listed.
    init(_ record: CSVRecord, _ context: FileContext) {
        let header = context.header
        let kind = context.file.kind
        var missingTarget: Column?
        for field in record.count..<header.fieldCount {
            guard let column = header.columnsByField[field] else { continue }
            if Self.isNeeded(column, in: kind) {
                needed = needed ?? column
            } else if Self.isTarget(column) && (kind == .targets || kind == .combined) {
                missingTarget = missingTarget ?? column
                optional.append(header.name(of: column))
            } else {
                optional.append(header.name(of: column))
            }
        }
        // A target row needs a target: the missing target cells are optional only when a cell
        // the row does have holds one.
        if needed == nil, let missingTarget, !Self.hasTargetValue(record, context) {
            needed = missingTarget
            neededIsTarget = true
        }
    }

    /// Whether a row of `kind` cannot be read without `column`: the key (tahun and the codes),
    /// what a target row defines (the indicator's name, polaritas), and every realisation value.
    private static func isNeeded(_ column: Column, in kind: InputFile.Kind) -> Bool {
        switch column {
        case .agencyCode: kind != .pemdas
        case .year, .indicatorCode: kind != .agencies && kind != .pemdas
        case .agencyName: kind == .agencies
        case .pemdaCode: kind == .pemdas
        case .indicator, .polarity: kind == .targets || kind == .combined
        case .quarter, .month, .actual: kind == .longActuals
        case .quarterActual, .monthActual: kind == .wideActuals || kind == .combined
        default: false
        }
    }

    private static func isTarget(_ column: Column) -> Bool {
        switch column {
        case .annualTarget, .quarterTarget: true
        default: false
        }
    }

    private static func hasTargetValue(_ record: CSVRecord, _ context: FileContext) -> Bool {
        let columns: [Column] = [.annualTarget] + Quarter.allCases.map { .quarterTarget($0) }
        return columns.contains { column in
            guard let field = context.header[column], field < record.count else { return false }
            if case .absent = NumberParser.parse(record[field], convention: context.convention) { return false }
            return true
        }
    }

    /// The galat of a row that lacks ``needed``.
    func rejection(_ record: CSVRecord, _ context: FileContext) -> RowRejection? {
        guard let needed else { return nil }
        let name = context.header.name(of: needed)
        let why = neededIsTarget ? "tidak ada di baris ini, dan tidak ada sel target lain yang terisi"
            : "tidak ada di baris ini padahal diperlukan"
        return RowRejection(
            column: needed, code: Self.code,
            message: "Baris hanya berisi \(record.count) kolom, baris judul \(context.header.fieldCount); kolom '\(name)' \(why). "
                + "Lengkapi baris itu; sel yang kosong tetap ditulis dengan pemisahnya (mis. ',,').")
    }

    /// The peringatan of a used row that lacks only ``optional`` cells.
    func warning(_ record: CSVRecord, _ context: FileContext) -> String? {
        guard needed == nil, !optional.isEmpty else { return nil }
        let names = optional.map { "'\($0)'" }.joined(separator: ", ")
        return "Baris hanya berisi \(record.count) kolom, baris judul \(context.header.fieldCount); kolom \(names) tidak ada "
            + "di baris ini dan dibaca kosong. Periksa apakah baris ini terpotong; bila memang kosong, tulis pemisahnya (mis. ',,')."
    }

    static let code = "kolom-kurang"
}
