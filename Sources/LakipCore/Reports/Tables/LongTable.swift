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
        for period in ReportedPeriod.allCases {
            // The same three cells start every row of the indicator: rendered once.
            if !sink.copySharedCells(.longTableLeading) {
                let start = sink.sharedCellsStart()
                sink.integer(context.period.year)
                sink.text(agency.code, in: text)
                sink.text(indicator.code, in: text)
                sink.keepSharedCells(.longTableLeading, since: start)
            }
            let outcome = result.evaluation[period]
            sink.word(.period(outcome.period), outcome.period.label)
            sink.outcomeCells(period, of: result)
            sink.word(.category(outcome.achievement, in: context.policy.scale),
                      outcome.category(in: context.policy.scale) ?? "")
            sink.endRow()
        }
    }
}
