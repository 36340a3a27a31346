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

    mutating func add(_ result: IndicatorResult) {
        for (index, table) in tables.enumerated() {
            if !csv.isEmpty { table.addRows(for: result, context, into: &csv[index]) }
            if !cells.isEmpty { table.addRows(for: result, context, into: &cells[index]) }
        }
    }

    /// Text cells the CSV dialect wrote other than as given.
    var rewritten: RewrittenText { csv.reduce(into: RewrittenText()) { $0 += $1.rewritten } }
}
