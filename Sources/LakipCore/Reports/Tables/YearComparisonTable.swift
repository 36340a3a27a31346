/// perbandingan_tahun.csv: the indicator beside the same indicator (kode_opd, kode_indikator)
/// two and one years before, for the same period, and how its realisation moved.
enum YearComparisonTable: IndicatorTable {
    static let bytesPerIndicator = 160
    static let fileName = "perbandingan_tahun.csv"

    static func header(_ context: TableContext) -> [String] {
        let year = context.period.year
        return IdentityColumns.names + ["polaritas"] + [year - 2, year - 1, year].flatMap { y in
            ["target_\(y)", "realisasi_\(y)", "capaian_\(y)"]
        } + ["arah_perubahan"]
    }

    static func addRows(for result: IndicatorResult, _ context: TableContext, into sink: inout RowSink) {
        IdentityColumns.add(result, context, into: &sink)
        sink.word(.polarity(result.indicator.polarity), result.indicator.polarity.label)
        func add(_ outcome: PeriodOutcome?, grades: GradeScale?) {
            guard let outcome else {
                sink.empty()
                sink.empty()
                return sink.empty()
            }
            sink.target(outcome, grades: grades)
            sink.actual(outcome.actual, grades: grades)
            sink.achievement(outcome.achievement)
        }
        add(result.twoYearsBefore?.outcome, grades: result.twoYearsBefore?.grades)
        add(result.oneYearBefore?.outcome, grades: result.oneYearBefore?.grades)
        sink.outcomeCells(.headline, of: result)
        sink.word(.direction(result.direction), result.direction?.rawValue ?? "")
        sink.endRow()
    }
}
