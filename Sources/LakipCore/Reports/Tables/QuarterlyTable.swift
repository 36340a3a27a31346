/// capaian_triwulan.csv: each quarter against its target, and the realisation to date with its
/// progres against the PK target.
enum QuarterlyTable: IndicatorTable {
    static let bytesPerIndicator = 256
    static let fileName = "capaian_triwulan.csv"

    static func header(_ context: TableContext) -> [String] {
        IdentityColumns.names + (1...4).flatMap { n in
            ["target_tw\(n)", "realisasi_tw\(n)", "capaian_tw\(n)", "realisasi_sd_tw\(n)", "progres_tw\(n)"]
        } + ["keterangan"]
    }

    static func addRows(for result: IndicatorResult, _ context: TableContext, into sink: inout RowSink) {
        IdentityColumns.add(result, context, into: &sink)
        let evaluation = result.evaluation
        for quarter in Quarter.allCases {
            let toDate = evaluation.progress[quarter.index]
            sink.outcomeCells(ReportedPeriod(quarter), of: result)
            sink.actual(toDate.actual, grades: result.grades)
            sink.achievement(toDate.achievement)
        }
        IdentityColumns.notes(evaluation.quarters, of: result, into: &sink)
        sink.endRow()
    }
}
