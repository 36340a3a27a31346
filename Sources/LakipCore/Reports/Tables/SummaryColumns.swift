/// The roll-up columns rekap_opd.csv and rekap_sasaran.csv share (SPEC §4).
enum SummaryColumns {
    static func names(_ context: TableContext) -> [String] {
        ["jumlah_indikator", "indikator_terukur", "rata_rata_capaian"] + context.categoryColumns
            + ["persen_capaian_100", "kelengkapan_data"]
    }

    static func cells(_ summary: AgencySummary) -> [ReportCell] {
        [.integer(summary.indicatorCount), .integer(summary.measuredCount), ReportCell(summary.meanAchievement)]
            + summary.categoryCounts.map(ReportCell.integer)
            + [ReportCell(summary.atLeastHundredShare), ReportCell(summary.completeness)]
    }
}
