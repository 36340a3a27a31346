/// What every table of a report period may read besides the results: the period, the policy
/// and the data's text.
struct TableContext: Sendable {
    let period: ReportPeriod
    let policy: Policy
    let dataset: Dataset

    var text: TextStore { dataset.text }

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
}
