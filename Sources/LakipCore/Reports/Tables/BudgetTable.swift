/// anggaran.csv: budget beside the performance it bought, per OPD (`tingkat` = `opd`) and per
/// sasaran (`sasaran`), over the indicators that carry a budget.
enum BudgetTable: SummaryTable {
    static let fileName = "anggaran.csv"

    static func header(_ context: TableContext) -> [String] {
        ["tingkat", "kode_opd", "nama_opd", "kode_sasaran", "sasaran", "jumlah_indikator", "pagu_anggaran",
         "realisasi_tw1", "realisasi_tw2", "realisasi_tw3", "realisasi_tw4", "realisasi_anggaran", "serapan",
         "rata_rata_capaian", "efisiensi"]
    }

    static func forEachRow(of results: PeriodResults, _ context: TableContext,
                           _ body: ([ReportCell]) throws -> Void) rethrows {
        let rollups = results.rollups
        for agencyIndex in rollups.agencyOrder {
            guard let agencyBudget = rollups.budget(of: agencyIndex) else { continue }
            let agency = context.dataset.agencies[agencyIndex]
            let code = ReportCell(text: results.text(agency.code)), name = ReportCell(text: results.text(agency.name))
            try body([.text("opd"), code, name, .empty, .empty] + cells(agencyBudget))
            for position in rollups.objectivePositions(of: agencyIndex) {
                guard let objectiveBudget = rollups.budget(ofObjectiveAt: position) else { continue }
                let summary = rollups.objectives[position]
                try body([.text("sasaran"), code, name, ReportCell(text: results.text(summary.objectiveCode)),
                          ReportCell(text: results.text(summary.objectiveName))] + cells(objectiveBudget))
            }
        }
    }

    private static func cells(_ summary: BudgetSummary) -> [ReportCell] {
        [.integer(summary.performance.indicatorCount), ReportCell(summary.ceiling)]
            + summary.quarters.map { ReportCell($0) } + [ReportCell(summary.spent), ReportCell(summary.absorption),
                                                       ReportCell(summary.performance.meanAchievement),
                                                       ReportCell(summary.efficiency)]
    }
}
