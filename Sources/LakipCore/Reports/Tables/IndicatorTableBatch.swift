import Synchronization

/// The per-indicator tables of one batch of indicators, rendered on a worker: CSV bytes for each
/// table, and typed cells for the workbook when one is written.
struct IndicatorTableBatch: IndicatorBatchRenderer {
    let context: TableContext
    let tables: [any IndicatorTable.Type]
    /// The indicators the batch is made for.
    let indicators: Int
    /// Per table, in ``tables`` order; empty when no CSV is written.
    private(set) var csv: [RowSink] = []
    /// Per table, in ``tables`` order; empty when no workbook is written.
    private(set) var cells: [RowSink] = []

    /// - Parameter sizes: what the batches before took, to size the CSV buffers; without it,
    ///   each table's estimate (``IndicatorTable/bytesPerIndicator``).
    init(context: TableContext, tables: [any IndicatorTable.Type], dialect: CSVDialect, writesCSV: Bool,
         writesCells: Bool, capacity indicators: Int, sizes: TableRowSizes? = nil) {
        self.context = context
        self.tables = tables
        self.indicators = indicators
        if writesCSV {
            let capacities = (sizes ?? TableRowSizes(tables)).capacities(for: indicators)
            csv = capacities.map { RowSink(dialect: dialect, capacity: $0) }
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

/// What one indicator's rows take in each per-indicator table, as the batches rendered so far
/// show; a batch's CSV buffers are sized from it.
///
/// A buffer that fills up moves everything it holds to one twice its size. Sized by fixed
/// estimates, the long table's buffers filled just before their last indicators on generated
/// data (some 430 bytes per indicator against 426), and the sample data's codes and names,
/// shaped as real ones, overrun four tables' estimates by 10–30%.
final class TableRowSizes: Sendable {
    /// Per table, the most bytes per indicator a batch has taken, rounded up; at first the
    /// tables' estimates.
    private let perIndicator: Mutex<[Int]>

    init(_ tables: [any IndicatorTable.Type]) {
        perIndicator = Mutex(tables.map { $0.bytesPerIndicator })
    }

    /// The bytes to reserve in each table for `indicators`: an eighth more than the most a batch
    /// took per indicator, and room for a long cell's request at the end.
    func capacities(for indicators: Int) -> [Int] {
        perIndicator.withLock { $0 }.map { indicators * ($0 + $0 / 8) + 4096 }
    }

    /// Takes in what a rendered batch's tables took.
    func record(_ batch: IndicatorTableBatch) {
        guard !batch.csv.isEmpty, batch.indicators > 0 else { return }
        let taken = batch.csv.map { ($0.byteCount + batch.indicators - 1) / batch.indicators }
        perIndicator.withLock { largest in
            for index in largest.indices { largest[index] = max(largest[index], taken[index]) }
        }
    }
}
