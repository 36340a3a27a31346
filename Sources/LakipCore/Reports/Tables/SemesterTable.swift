/// capaian_semester.csv: S1 (TW1–TW2) and S2 (TW3–TW4) against their targets.
enum SemesterTable: IndicatorTable {
    static let bytesPerIndicator = 160
    static let fileName = "capaian_semester.csv"

    static func header(_ context: TableContext) -> [String] {
        IdentityColumns.names + (1...2).flatMap { n in
            ["target_s\(n)", "realisasi_s\(n)", "capaian_s\(n)", "kategori_s\(n)"]
        } + ["keterangan"]
    }

    static func addRows(for result: IndicatorResult, _ context: TableContext, into sink: inout RowSink) {
        IdentityColumns.add(result, context, into: &sink)
        for (index, outcome) in result.evaluation.semesters.enumerated() {
            sink.outcomeCells(ReportedPeriod(semester: index), of: result)
            sink.word(.category(outcome.achievement, in: context.policy.scale),
                      outcome.category(in: context.policy.scale) ?? "")
        }
        IdentityColumns.notes(result.evaluation.semesters, of: result, into: &sink)
        sink.endRow()
    }
}
