/// The roll-up columns rekap_opd.csv and rekap_sasaran.csv share (SPEC §4).
enum SummaryColumns {
    static func names(_ context: TableContext) -> [String] {
        ["jumlah_indikator", "indikator_terukur", "rata_rata_capaian"] + context.categoryColumns
            + ["persen_capaian_100", "kelengkapan_data"]
    }

    static func cells(_ summary: AgencySummary) -> [ReportCell] {
        var sink = RowSink()
        add(summary, into: &sink)
        sink.endRow()
        return sink.takeRows()[0]
    }

    /// The same cells, into a row being written.
    static func add(_ summary: AgencySummary, into sink: inout RowSink) {
        sink.integer(summary.indicatorCount)
        sink.integer(summary.measuredCount)
        sink.achievement(summary.meanAchievement)
        for count in summary.categoryCounts { sink.integer(count) }
        sink.achievement(summary.atLeastHundredShare)
        sink.achievement(summary.completeness)
    }
}
