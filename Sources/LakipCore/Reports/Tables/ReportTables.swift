/// What every table of a report period may read besides the results: the period, the policy
/// and the data's text.
///
/// A class, though immutable, so that every table an indicator passes through shares it by
/// reference: as a struct it was copied, with the dataset's references retained, for each.
final class TableContext: Sendable {
    let period: ReportPeriod
    let policy: Policy
    let dataset: Dataset

    init(period: ReportPeriod, policy: Policy, dataset: Dataset) {
        self.period = period
        self.policy = policy
        self.dataset = dataset
    }

    var text: TextStore { dataset.text }

    /// Whether the data name Pemda: some tables then start with kode_pemda and nama_pemda, and
    /// rekap_pemda.csv is written.
    var hasPemda: Bool { dataset.keyedByPemda }

    /// kode_pemda and nama_pemda, when the data name Pemda; nothing otherwise.
    var pemdaColumns: [String] { hasPemda ? ["kode_pemda", "nama_pemda"] : [] }

    /// The cells of ``pemdaColumns`` for `agency`.
    func pemdaCells(ofAgency agency: Int) -> [ReportCell] {
        guard hasPemda else { return [] }
        let pemda = dataset.pemda(ofAgency: agency)
        return [ReportCell(text: pemda.map { text.string($0.code) }), ReportCell(text: pemda.map { text.string($0.name) })]
    }

    /// Writes ``pemdaColumns`` of `agency` into a row.
    func addPemdaCells(ofAgency agency: Int, into sink: inout RowSink) {
        guard hasPemda else { return }
        if let pemda = dataset.pemda(ofAgency: agency) {
            sink.text(pemda.code, in: text)
            sink.text(pemda.name, in: text)
        } else {
            sink.empty()
            sink.empty()
        }
    }

    /// The label of the total row of rekap_opd.csv and rekap_pemda.csv (see ``Dataset/totalLabel``).
    var totalLabel: String { dataset.totalLabel }

    /// The kategori count columns of the scale in force: `sangat_tinggi`, `tinggi` …
    var categoryColumns: [String] {
        policy.scale.labels.map { String($0.lowercased().map { $0 == " " ? "_" : $0 }) }
    }
}

/// A table with rows for every indicator of a period. Its rows are rendered in batches on all
/// cores while the indicators are computed, and written in PK order.
protocol IndicatorTable: Sendable {
    /// The file's name in a report folder; without `.csv`, the workbook sheet's name.
    static var fileName: String { get }
    /// About what one indicator's rows take, to size a batch's buffer once.
    static var bytesPerIndicator: Int { get }
    static func header(_ context: TableContext) -> [String]
    /// Appends the rows of one indicator.
    static func addRows(for result: IndicatorResult, _ context: TableContext, into sink: inout RowSink)
}

/// A table of a period's roll-ups, rendered once every indicator is in.
protocol SummaryTable: Sendable {
    /// The file's name in a report folder; without `.csv`, the workbook sheet's name.
    static var fileName: String { get }
    static func header(_ context: TableContext) -> [String]
    /// Calls `body` with each row in order; a table can have a row per sasaran of a province,
    /// so rows are handed over one at a time rather than collected.
    static func forEachRow(of results: PeriodResults, _ context: TableContext,
                           _ body: ([ReportCell]) throws -> Void) rethrows
    /// Writes each row into `sink` in order and calls `afterEachRow` after it, so that a large
    /// table can be written as it goes. By default the rows of ``forEachRow(of:_:_:)``; a table
    /// of many rows writes its cells straight into the sink (CSV bytes with no cell values).
    static func writeRows(of results: PeriodResults, _ context: TableContext, into sink: inout RowSink,
                          afterEachRow: (inout RowSink) throws -> Void) rethrows
}

extension SummaryTable {
    static func writeRows(of results: PeriodResults, _ context: TableContext, into sink: inout RowSink,
                          afterEachRow: (inout RowSink) throws -> Void) rethrows {
        try forEachRow(of: results, context) { cells in
            sink.row(cells)
            try afterEachRow(&sink)
        }
    }
}

/// The tables of every report folder (SPEC §5).
enum ReportTables {
    /// One table, of either kind.
    enum Table: Sendable {
        case perIndicator(any IndicatorTable.Type)
        case summary(any SummaryTable.Type)

        var fileName: String {
            switch self {
            case .perIndicator(let table): table.fileName
            case .summary(let table): table.fileName
            }
        }

        func header(_ context: TableContext) -> [String] {
            switch self {
            case .perIndicator(let table): table.header(context)
            case .summary(let table): table.header(context)
            }
        }
    }

    /// The tables in the order they are written and the workbook lists them. Adding a table is
    /// adding its type and one line here.
    static let all: [Table] = [
        .perIndicator(MeasurementTable.self),
        .perIndicator(QuarterlyTable.self),
        .perIndicator(SemesterTable.self),
        .perIndicator(LongTable.self),
        .summary(AgencyRankingTable.self),
        .summary(ObjectiveTable.self),
        .perIndicator(YearComparisonTable.self),
        .summary(BudgetTable.self),
        .summary(CompletenessTable.self),
    ]

    /// The file names of ``all``, in order.
    static var fileNames: [String] { all.map(\.fileName) }

    /// The tables of a report folder of `context`: ``all``, and rekap_pemda.csv after rekap_opd.csv
    /// when the data name Pemda.
    static func all(_ context: TableContext) -> [Table] {
        guard context.hasPemda else { return all }
        var tables = all
        let ranking = tables.firstIndex { $0.fileName == AgencyRankingTable.fileName }!
        tables.insert(.summary(PemdaRankingTable.self), at: ranking + 1)
        return tables
    }
}
