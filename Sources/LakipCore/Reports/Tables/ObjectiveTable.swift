/// rekap_sasaran.csv: the roll-up per OPD and sasaran, in PK order.
enum ObjectiveTable: SummaryTable {
    static let fileName = "rekap_sasaran.csv"

    static func header(_ context: TableContext) -> [String] {
        ["kode_opd", "nama_opd", "kode_sasaran", "sasaran"] + SummaryColumns.names(context)
    }

    static func forEachRow(of results: PeriodResults, _ context: TableContext,
                           _ body: ([ReportCell]) throws -> Void) rethrows {
        var cells = RowSink()
        try writeRows(of: results, context, into: &cells) { cells in
            for row in cells.takeRows() { try body(row) }
        }
    }

    /// A province has hundreds of thousands of sasaran: the CSV takes their cells straight from
    /// the text store and the summaries, with no `String` per cell.
    static func writeRows(of results: PeriodResults, _ context: TableContext, into sink: inout RowSink,
                          afterEachRow: (inout RowSink) throws -> Void) rethrows {
        let rollups = results.rollups, store = results.dataset.text
        for agencyIndex in rollups.agencyOrder {
            let agency = results.dataset.agencies[agencyIndex]
            for position in rollups.objectivePositions(of: agencyIndex) {
                let summary = rollups.objectives[position]
                sink.text(agency.code, in: store)
                sink.text(agency.name, in: store)
                sink.text(summary.objectiveCode, in: store)
                sink.text(summary.objectiveName, in: store)
                SummaryColumns.add(summary, into: &sink)
                sink.endRow()
                try afterEachRow(&sink)
            }
        }
    }
}
