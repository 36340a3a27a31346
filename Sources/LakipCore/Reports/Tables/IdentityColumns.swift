/// The columns the per-indicator tables other than pengukuran_kinerja start with.
enum IdentityColumns {
    static let names = ["no", "kode_opd", "nama_opd", "kode_indikator", "indikator", "satuan"]

    static func add(_ result: IndicatorResult, _ context: TableContext, into sink: inout RowSink) {
        guard !sink.copySharedCells(.identity) else { return }
        let start = sink.sharedCellsStart()
        let indicator = result.indicator, text = context.text
        let agency = context.dataset.agencies[indicator.agency]
        sink.integer(result.number)
        sink.text(agency.code, in: text)
        sink.text(agency.name, in: text)
        sink.text(indicator.code, in: text)
        sink.text(indicator.name, in: text)
        sink.text(indicator.unit, in: text)
        sink.keepSharedCells(.identity, since: start)
    }

    /// keterangan of a row of periods: the indicator's own notes, then each period's,
    /// "TW3: belum dilaporkan; TW4: target-nol".
    static func notes(_ outcomes: some Collection<PeriodOutcome>, of result: IndicatorResult, into sink: inout RowSink) {
        let indicatorNotes = result.evaluation.indicatorNotes
        guard !indicatorNotes.isEmpty || outcomes.contains(where: \.hasNotes) else { return sink.empty() }
        let periodNotes = outcomes.filter(\.hasNotes).map { "\($0.period.label): \($0.notes.joined(separator: ", "))" }
        sink.text((indicatorNotes + periodNotes).joined(separator: "; "))
    }
}
