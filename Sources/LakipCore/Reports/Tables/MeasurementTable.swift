/// pengukuran_kinerja.csv: the LAKIP measurement table (SPEC §5) of the period's headline:
/// the year against the PK target, or in a quarterly report the year to date against the plan
/// to date, with progres against the PK target beside it.
enum MeasurementTable: IndicatorTable {
    static let bytesPerIndicator = 213
    static let fileName = "pengukuran_kinerja.csv"

    static func header(_ context: TableContext) -> [String] {
        context.pemdaColumns + ["no", "kode_opd", "nama_opd", "kode_sasaran", "sasaran", "kode_indikator", "indikator", "satuan",
         "polaritas", "agregasi", "target", "realisasi", "capaian", "kategori", "keterangan",
         "target_renstra", "capaian_renstra", "periode", "target_tahunan", "progres"]
    }

    static func addRows(for result: IndicatorResult, _ context: TableContext, into sink: inout RowSink) {
        let indicator = result.indicator, headline = result.evaluation.headline, text = context.text
        let agency = context.dataset.agencies[indicator.agency]
        context.addPemdaCells(ofAgency: indicator.agency, into: &sink)
        sink.integer(result.number)
        sink.text(agency.code, in: text)
        sink.text(agency.name, in: text)
        sink.text(indicator.objectiveCode, in: text)
        sink.text(indicator.objective, in: text)
        sink.text(indicator.code, in: text)
        sink.text(indicator.name, in: text)
        sink.text(indicator.unit, in: text)
        sink.word(.polarity(indicator.polarity), indicator.polarity.label)
        sink.word(.aggregation(indicator.aggregation), indicator.aggregation.label)
        sink.outcomeCells(.headline, of: result)
        sink.word(.category(headline.achievement, in: context.policy.scale),
                  headline.category(in: context.policy.scale) ?? "")
        sink.text(result.headlineNotes ?? "")
        if let renstra = result.evaluation.renstra {
            sink.target(renstra, grades: result.grades)
            sink.achievement(renstra.achievement)
        } else {
            sink.empty()
            sink.empty()
        }
        sink.word(.reportPeriod, context.period.label)
        sink.target(result.evaluation.year, grades: result.grades)
        sink.achievement(result.evaluation.headlineProgress.achievement)
        sink.endRow()
    }
}
