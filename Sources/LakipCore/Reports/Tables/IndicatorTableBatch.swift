/// The per-indicator tables of one batch of indicators, rendered on a worker: CSV bytes for each
/// table, and typed cells for the workbook when one is written.
struct IndicatorTableBatch: IndicatorBatchRenderer {
    let context: TableContext
    let tables: [any IndicatorTable.Type]
    /// Per table, in ``tables`` order; empty when no CSV is written.
    private(set) var csv: [RowSink] = []
    /// Per table, in ``tables`` order; empty when no workbook is written.
    private(set) var cells: [RowSink] = []

    init(context: TableContext, tables: [any IndicatorTable.Type], dialect: CSVDialect, writesCSV: Bool,
         writesCells: Bool, capacity indicators: Int) {
        self.context = context
        self.tables = tables
        if writesCSV {
            csv = tables.map { RowSink(dialect: dialect, capacity: indicators * $0.bytesPerIndicator) }
        }
        if writesCells { cells = tables.map { _ in RowSink() } }
    }

    /// The cells the tables share for the indicator being added (``SharedCells``), one set
    /// for the CSV sinks and one for the typed ones.
    private var sharedCSV: SharedCells? = SharedCells()
    private var sharedTyped: SharedCells? = SharedCells()

    mutating func add(_ result: IndicatorResult) {
        sharedCSV!.startIndicator()
        sharedTyped!.startIndicator()
        for (index, table) in tables.enumerated() {
            if !csv.isEmpty {
                csv[index].exchangeSharedCells(with: &sharedCSV)
                table.addRows(for: result, context, into: &csv[index])
                csv[index].exchangeSharedCells(with: &sharedCSV)
            }
            if !cells.isEmpty {
                cells[index].exchangeSharedCells(with: &sharedTyped)
                table.addRows(for: result, context, into: &cells[index])
                cells[index].exchangeSharedCells(with: &sharedTyped)
            }
        }
    }

    /// Text cells the CSV dialect wrote other than as given.
    var rewritten: RewrittenText { csv.reduce(into: RewrittenText()) { $0 += $1.rewritten } }
}
