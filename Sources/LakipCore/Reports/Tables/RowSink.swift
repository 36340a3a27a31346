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
    /// Cells written once per indicator and copied after; `nil` (every cell written afresh)
    /// unless a batch hands its own in (``exchangeSharedCells(with:)``).
    private var sharedCells: SharedCells?
    /// The fixed words written so far, kept to be copied (``word(_:_:)``).
    private var words = WordCells()
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

    /// A text cell that is one of a few fixed words, `key` saying which (a period's label, a
    /// kategori, a polarity). The sink writes its text the first time, keeps the CSV bytes and
    /// copies them after, counting their rewrites again, as it copies shared cells: the long
    /// table alone writes fourteen such cells per indicator.
    mutating func word(_ key: WordKey, _ text: @autoclosure () -> String) {
        guard csv != nil else { return self.text(text()) }
        if let kept = words.kept(key) { return csv!.append(kept, from: words.store) }
        let start = csv!.cellsStart()
        csv!.text(text())
        words.keep(csv!.keep(since: start, in: &words.store), as: key)
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

    /// Exchanges this sink's shared cells with `shared`: a batch hands its own in before a table
    /// writes an indicator's rows, and takes them back after, with what the table added.
    mutating func exchangeSharedCells(with shared: inout SharedCells?) {
        swap(&sharedCells, &shared)
    }

    /// Where cells about to be kept as shared cells start.
    struct SharedCellsStart {
        fileprivate let csv: CSVRowBuilder.CellsStart?
        fileprivate let typed: Int
    }

    /// Writes the indicator's cells of `key` when another table or row wrote them already, and
    /// says whether it did. When it did not, the caller writes them and hands them over with
    /// ``keepSharedCells(_:since:)``. Each key is written by one function, so its cells are the
    /// same whichever table or row asks for them.
    mutating func copySharedCells(_ key: SharedCells.Key) -> Bool {
        guard let kept = sharedCells?.kept[key.index] else { return false }
        if csv != nil {
            csv!.append(kept, from: sharedCells!.csvStore)
        } else {
            row += sharedCells!.typed[key.index]
        }
        return true
    }

    /// Where the cells of a key start, taken before they are written.
    func sharedCellsStart() -> SharedCellsStart {
        SharedCellsStart(csv: csv?.cellsStart(), typed: row.count)
    }

    /// Keeps the cells written since `start` as the indicator's cells of `key`.
    mutating func keepSharedCells(_ key: SharedCells.Key, since start: SharedCellsStart) {
        guard sharedCells != nil else { return }
        if let csvStart = start.csv, csv != nil {
            sharedCells!.kept[key.index] = csv!.keep(since: csvStart, in: &sharedCells!.csvStore)
        } else {
            sharedCells!.typed[key.index].removeAll(keepingCapacity: true)
            sharedCells!.typed[key.index].append(contentsOf: row[start.typed...])
            sharedCells!.kept[key.index] = CSVRowBuilder.KeptCells()
        }
    }

    /// target, realisasi and capaian of one of the indicator's periods, as every table prints
    /// them.
    mutating func outcomeCells(_ period: ReportedPeriod, of result: IndicatorResult) {
        let key = SharedCells.Key.outcome(period)
        guard !copySharedCells(key) else { return }
        let start = sharedCellsStart(), outcome = result.evaluation[period]
        target(outcome, grades: result.grades)
        actual(outcome.actual, grades: result.grades)
        achievement(outcome.achievement)
        keepSharedCells(key, since: start)
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

    /// The CSV bytes the sink holds room for before its buffer grows.
    var byteCapacity: Int { csv?.bytes.capacity ?? 0 }

    /// Hands the CSV bytes built so far to `sink`.
    func write(into sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try csv?.write(into: sink)
    }

    /// Hands the CSV bytes built so far to `sink` and starts over.
    mutating func drain(into sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try csv?.drain(into: sink)
    }
}

/// Which fixed word a cell is (``RowSink/word(_:_:)``): each key stands for one text in a run.
struct WordKey {
    fileprivate let index: Int

    /// The label of `period` (`TW1`, `S2`, `TAHUNAN`, `s.d. TW2`).
    static func period(_ period: Period) -> WordKey {
        switch period {
        case .quarter(let quarter): WordKey(index: quarter.index)
        case .semester1: WordKey(index: 4)
        case .semester2: WordKey(index: 5)
        case .year: WordKey(index: 6)
        case .throughQuarter(let quarter): WordKey(index: 7 + quarter.index)
        }
    }

    /// The label of the run's period (``ReportPeriod/label``).
    static let reportPeriod = WordKey(index: 11)

    static func polarity(_ polarity: Polarity) -> WordKey { WordKey(index: polarity == .positive ? 12 : 13) }

    static func aggregation(_ aggregation: Aggregation) -> WordKey {
        switch aggregation {
        case .sum: WordKey(index: 14)
        case .last: WordKey(index: 15)
        case .mean: WordKey(index: 16)
        }
    }

    /// arah_perubahan, or none.
    static func direction(_ direction: Direction?) -> WordKey {
        switch direction {
        case nil: WordKey(index: 17)
        case .better: WordKey(index: 18)
        case .worse: WordKey(index: 19)
        case .unchanged: WordKey(index: 20)
        }
    }

    /// The kategori of `achievement` under `scale` (its band, ``CategoryScale/bandIndex(of:)``),
    /// or none; last, since a scale of the policy file has as many bands as it names.
    static func category(_ achievement: Achievement?, in scale: CategoryScale) -> WordKey {
        WordKey(index: 21 + (achievement.map { scale.bandIndex(of: $0) + 1 } ?? 0))
    }
}

/// The CSV bytes of the fixed words a sink has written, by ``WordKey``.
private struct WordCells {
    private var cells: [CSVRowBuilder.KeptCells?] = []
    /// The bytes of the words, one after another.
    var store = CSVBytes()

    func kept(_ key: WordKey) -> CSVRowBuilder.KeptCells? {
        key.index < cells.count ? cells[key.index] : nil
    }

    mutating func keep(_ kept: CSVRowBuilder.KeptCells, as key: WordKey) {
        if cells.count <= key.index { cells += repeatElement(nil, count: key.index + 1 - cells.count) }
        cells[key.index] = kept
    }
}

/// The cells several tables, or several rows of one table, print alike for an indicator: the
/// identity columns of three tables, a period's target, realisasi and capaian in up to three,
/// the three cells every row of capaian.csv starts with. A batch renders them once per
/// indicator, in the first table that writes them, and the other tables copy the bytes.
struct SharedCells {
    /// Which cells.
    struct Key {
        fileprivate let index: Int

        /// ``IdentityColumns``.
        static let identity = Key(index: 0)
        /// tahun, kode_opd, kode_indikator: the start of every row of capaian.csv.
        static let longTableLeading = Key(index: 1)
        /// ``RowSink/outcomeCells(_:of:)``.
        static func outcome(_ period: ReportedPeriod) -> Key { Key(index: 2 + period.rawValue) }

        static let count = 2 + ReportedPeriod.allCases.count
    }

    /// Per key, `nil` until the current indicator's cells are written; then where their CSV
    /// bytes are in ``csvStore`` (a sink of typed cells finds them in ``typed``).
    fileprivate var kept = [CSVRowBuilder.KeptCells?](repeating: nil, count: Key.count)
    /// The bytes of the kept CSV cells of the current indicator.
    fileprivate var csvStore = CSVBytes(capacity: 1024)
    /// Per key, the kept typed cells.
    fileprivate var typed = [[ReportCell]](repeating: [], count: Key.count)

    /// Forgets the cells of the indicator before.
    mutating func startIndicator() {
        for index in kept.indices { kept[index] = nil }
        csvStore.removeAll()
    }
}
