/// capaian.csv: the tidy long form for pivot tables, one row per indicator and period: TW1–TW4,
/// S1, S2 and the headline (TAHUNAN, or s.d. TWn in a quarterly report).
enum LongTable: IndicatorTable {
    static let bytesPerIndicator = 426
    static let fileName = "capaian.csv"

    static func header(_ context: TableContext) -> [String] {
        ["tahun", "kode_opd", "kode_indikator", "periode", "target", "realisasi", "capaian", "kategori"]
    }

    static func addRows(for result: IndicatorResult, _ context: TableContext, into sink: inout RowSink) {
        let indicator = result.indicator, text = context.text
        let agency = context.dataset.agencies[indicator.agency]
        var isFirstRow = true
        result.evaluation.forEachReportedPeriod { outcome in
            // The same three cells start every row of the indicator: rendered once.
            if isFirstRow {
                sink.keepLeadingCells { sink in
                    sink.integer(context.period.year)
                    sink.text(agency.code, in: text)
                    sink.text(indicator.code, in: text)
                }
                isFirstRow = false
            } else {
                sink.repeatLeadingCells()
            }
            sink.text(outcome.period.label)
            sink.target(outcome, grades: result.grades)
            sink.actual(outcome.actual, grades: result.grades)
            sink.achievement(outcome.achievement)
            sink.text(outcome.category(in: context.policy.scale) ?? "")
            sink.endRow()
        }
    }
}
