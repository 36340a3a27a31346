/// rekap_opd.csv: the OPDs ranked by mean headline capaian, ties by code, then the Pemda total.
enum AgencyRankingTable: SummaryTable {
    static let fileName = "rekap_opd.csv"

    static func header(_ context: TableContext) -> [String] {
        ["peringkat", "kode_opd", "nama_opd"] + SummaryColumns.names(context)
    }

    static func forEachRow(of results: PeriodResults, _ context: TableContext,
                           _ body: ([ReportCell]) throws -> Void) rethrows {
        for (position, summary) in results.ranking.enumerated() {
            let agency = context.dataset.agencies[summary.agency]
            try body([.integer(position + 1), ReportCell(text: results.text(agency.code)),
                      ReportCell(text: results.text(agency.name))] + SummaryColumns.cells(summary))
        }
        guard !results.ranking.isEmpty else { return }
        try body([.empty, .empty, .text("TOTAL PEMDA")] + SummaryColumns.cells(results.total))
    }
}
