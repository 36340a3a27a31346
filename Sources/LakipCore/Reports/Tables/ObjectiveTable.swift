/// rekap_sasaran.csv: the roll-up per OPD and sasaran, in PK order.
enum ObjectiveTable: SummaryTable {
    static let fileName = "rekap_sasaran.csv"

    static func header(_ context: TableContext) -> [String] {
        ["kode_opd", "nama_opd", "kode_sasaran", "sasaran"] + SummaryColumns.names(context)
    }

    static func forEachRow(of results: PeriodResults, _ context: TableContext,
                           _ body: ([ReportCell]) throws -> Void) rethrows {
        let rollups = results.rollups
        for agencyIndex in rollups.agencyOrder {
            let agency = context.dataset.agencies[agencyIndex]
            for position in rollups.objectivePositions(of: agencyIndex) {
                let summary = rollups.objectives[position]
                try body([ReportCell(text: results.text(agency.code)), ReportCell(text: results.text(agency.name)),
                          ReportCell(text: results.text(summary.objectiveCode)),
                          ReportCell(text: results.text(summary.objectiveName))] + SummaryColumns.cells(summary))
            }
        }
    }
}
