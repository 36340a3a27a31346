/// rekap_opd.csv: the OPDs ranked by mean headline capaian, ties by code, then the total row.
/// With several Pemda, every OPD of every Pemda in one ranking, each row naming its Pemda first.
enum AgencyRankingTable: SummaryTable {
    static let fileName = "rekap_opd.csv"

    static func header(_ context: TableContext) -> [String] {
        context.pemdaColumns + ["peringkat", "kode_opd", "nama_opd"] + SummaryColumns.names(context)
    }

    static func forEachRow(of results: PeriodResults, _ context: TableContext,
                           _ body: ([ReportCell]) throws -> Void) rethrows {
        for (position, summary) in results.ranking.enumerated() {
            let agency = context.dataset.agencies[summary.agency]
            try body(context.pemdaCells(ofAgency: summary.agency)
                + [.integer(position + 1), ReportCell(text: results.text(agency.code)), ReportCell(text: results.text(agency.name))]
                + SummaryColumns.cells(summary))
        }
        guard !results.ranking.isEmpty else { return }
        try body(context.pemdaColumns.map { _ in ReportCell.empty } + [.empty, .empty, .text(context.totalLabel)]
            + SummaryColumns.cells(results.total))
    }
}

/// rekap_pemda.csv (SPEC §8): the Pemda ranked by the rule that ranks OPDs, each with its
/// number of OPDs, then the provincial or national total. Written only when the data name Pemda.
enum PemdaRankingTable: SummaryTable {
    static let fileName = "rekap_pemda.csv"

    static func header(_ context: TableContext) -> [String] {
        ["peringkat", "kode_pemda", "nama_pemda", "provinsi", "jumlah_opd"] + SummaryColumns.names(context)
    }

    static func forEachRow(of results: PeriodResults, _ context: TableContext,
                           _ body: ([ReportCell]) throws -> Void) rethrows {
        var agencies: [Int: Int] = [:]
        for summary in results.ranking {
            if let pemda = context.dataset.agencies[summary.agency].pemda { agencies[pemda, default: 0] += 1 }
        }
        for (position, summary) in results.pemdaRanking.enumerated() {
            let pemda = context.dataset.pemdas[summary.agency]
            try body([.integer(position + 1), ReportCell(text: results.text(pemda.code)), ReportCell(text: results.text(pemda.name)),
                      ReportCell(text: results.text(pemda.province)), .integer(agencies[summary.agency] ?? 0)]
                + SummaryColumns.cells(summary))
        }
        guard !results.pemdaRanking.isEmpty else { return }
        try body([.empty, .empty, .text(context.totalLabel), .empty, .integer(results.ranking.count)]
            + SummaryColumns.cells(results.total))
    }
}
