/// Where a table's rows go: CSV bytes in a dialect (the tables), or typed cells (the workbook).
///
/// A table writes each row once, cell by cell, and does not know which it is filling. The CSV
/// side writes straight into its byte buffer, with no `String` per cell: it runs for every
/// indicator of a national run.
struct RowSink {
    /// The CSV bytes built so far; `nil` when collecting typed cells.
    private(set) var csv: CSVRowBuilder?
    /// The typed rows collected so far (empty when building CSV).
    private(set) var rows: [[ReportCell]] = []
    private var row: [ReportCell] = []
    private var leadingCells: [ReportCell] = []
    /// A sink of CSV bytes.
    ///
    /// - Parameter byteOrderMark: whether to start with the dialect's byte order mark, if it
    ///   has one; `false` for rows that go after a file's first bytes.
    init(dialect: CSVDialect, capacity: Int = 1 << 16, byteOrderMark: Bool = false) {
        csv = CSVRowBuilder(dialect: dialect, capacity: capacity, byteOrderMark: byteOrderMark)
    }

    /// A sink of typed cells.
    init() {
        csv = nil
    }

    /// Text cells the CSV dialect wrote other than as given.
    var rewritten: RewrittenText { csv?.rewritten ?? RewrittenText() }

    mutating func cell(_ cell: ReportCell) {
        if csv != nil { csv!.cell(cell) } else { row.append(cell) }
    }

    /// Text kept in `store`, copied byte for byte.
    mutating func text(_ ref: TextRef, in store: TextStore) {
        if csv != nil { csv!.text(ref, in: store) } else { row.append(ReportCell(text: store.string(ref))) }
    }

    mutating func text(_ text: String) {
        if csv != nil { csv!.text(text) } else { row.append(ReportCell(text: text)) }
    }

    mutating func integer(_ value: Int) {
        if csv != nil { csv!.integer(value) } else { row.append(.integer(value)) }
    }

    /// An exact value with the decimals it needs; empty for `nil`.
    mutating func value(_ value: Fraction?) {
        if csv != nil { csv!.value(value) } else { row.append(ReportCell(value)) }
    }

    /// An achievement with two decimals; empty for `nil`.
    mutating func achievement(_ achievement: Achievement?) {
        if csv != nil { csv!.achievement(achievement) } else { row.append(ReportCell(achievement)) }
    }

    /// A period's target: a value, a range or a grade (``ReportCell/target(of:grades:)``).
    mutating func target(_ outcome: PeriodOutcome, grades: GradeScale?) {
        // The common case, a single number, skips building a cell.
        if outcome.targetUpper == nil && grades == nil { return value(outcome.target) }
        cell(.target(of: outcome, grades: grades))
    }

    /// A realisation: a value, or a grade's name (``ReportCell/actual(_:grades:)``).
    mutating func actual(_ value: Fraction?, grades: GradeScale?) {
        if grades == nil { return self.value(value) }
        cell(.actual(value, grades: grades))
    }

    mutating func empty() {
        cell(.empty)
    }

    mutating func endRow() {
        guard csv != nil else {
            rows.append(row)
            row.removeAll(keepingCapacity: true)
            return
        }
        csv!.endRow()
    }

    /// Starts an empty row with the cells `write` writes, and keeps them for
    /// ``repeatLeadingCells()``.
    mutating func keepLeadingCells(_ write: (inout RowSink) -> Void) {
        if csv != nil {
            let start = csv!.leadingCellsStart()
            write(&self)
            csv!.keepLeadingCells(since: start)
        } else {
            let start = row.count
            write(&self)
            leadingCells = Array(row[start...])
        }
    }

    /// Starts an empty row with the cells ``keepLeadingCells(_:)`` kept: the same cells, without
    /// rendering them again.
    mutating func repeatLeadingCells() {
        if csv != nil { csv!.repeatLeadingCells() } else { row += leadingCells }
    }

    /// A whole row of cells.
    mutating func row(_ cells: [ReportCell]) {
        for cell in cells { self.cell(cell) }
        endRow()
    }

    /// The typed rows collected so far, handed over; the sink keeps collecting after them.
    mutating func takeRows() -> [[ReportCell]] {
        defer { rows.removeAll(keepingCapacity: true) }
        return rows
    }

    /// The CSV bytes built so far.
    var byteCount: Int { csv?.bytes.count ?? 0 }

    /// Hands the CSV bytes built so far to `sink`.
    func write(into sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try csv?.write(into: sink)
    }

    /// Hands the CSV bytes built so far to `sink` and starts over.
    mutating func drain(into sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try csv?.drain(into: sink)
    }
}
