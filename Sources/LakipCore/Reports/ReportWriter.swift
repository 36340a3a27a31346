/// Writes the report tables of SPEC §5 for each year, and `validasi.csv`.
///
/// Every file is built beside its final name and all are renamed into place only after every
/// table is complete, so a run that fails while writing leaves the previous reports intact.
public struct ReportWriter {
    public var policy: Policy
    public var dialect: CSVDialect

    /// The report files of one year, in the order they are written.
    public static let yearFiles = ["pengukuran_kinerja.csv", "capaian_triwulan.csv", "capaian_semester.csv",
                                   "capaian.csv", "rekap_opd.csv"]
    public static let validationFile = "validasi.csv"

    public init(policy: Policy, dialect: CSVDialect = .standard) {
        self.policy = policy
        self.dialect = dialect
    }

    /// Writes `reports/<year>/…` for each of `years` and `reports/validasi.csv`.
    ///
    /// - Returns: the paths written.
    /// - Throws: ``OutputError`` when a file cannot be written; nothing is renamed then.
    @discardableResult
    public func write(_ dataset: Dataset, years: [Int], to directory: String) throws -> [String] {
        try AtomicFile.makeDirectories(directory)
        AtomicFile.removeLeftovers(in: directory)
        var pending: [AtomicFile] = []
        for year in years {
            let yearDirectory = directory + "/" + String(year)
            try AtomicFile.makeDirectories(yearDirectory)
            AtomicFile.removeLeftovers(in: yearDirectory)
            pending += try writeYear(year, of: dataset, to: yearDirectory)
        }
        let validation = try AtomicFile(path: directory + "/" + Self.validationFile)
        var builder = CSVRowBuilder(dialect: dialect)
        ValidationTable.write(dataset.issues, policy: policy, into: &builder)
        try builder.drain(into: validation.write)
        pending.append(validation)
        for file in pending { try file.commit() }
        return pending.map(\.path)
    }

    private func writeYear(_ year: Int, of dataset: Dataset, to directory: String) throws -> [AtomicFile] {
        let files = try Self.yearFiles.map { try AtomicFile(path: directory + "/" + $0) }
        var tables = YearTables(dataset: dataset, policy: policy, dialect: dialect, year: year)
        let evaluator = Evaluator(policy: policy)
        for indicator in dataset.indicators where indicator.year == year {
            tables.add(indicator, evaluator.evaluate(indicator))
            if tables.bufferedBytes > 1 << 20 {
                try tables.drain(into: files)
            }
        }
        tables.finish()
        try tables.drain(into: files)
        return files
    }
}

/// The five tables of one year, filled one indicator at a time.
struct YearTables {
    let dataset: Dataset
    let policy: Policy
    let year: Int
    private var measurement: CSVRowBuilder
    private var quarterly: CSVRowBuilder
    private var semester: CSVRowBuilder
    private var long: CSVRowBuilder
    private var ranking: CSVRowBuilder
    private var rowNumberByAgency: [Int: Int] = [:]
    private var summaries: [Int: AgencySummary] = [:]
    private let yearText: String

    init(dataset: Dataset, policy: Policy, dialect: CSVDialect, year: Int) {
        self.dataset = dataset
        self.policy = policy
        self.year = year
        yearText = String(year)
        measurement = CSVRowBuilder(dialect: dialect)
        quarterly = CSVRowBuilder(dialect: dialect)
        semester = CSVRowBuilder(dialect: dialect)
        long = CSVRowBuilder(dialect: dialect)
        ranking = CSVRowBuilder(dialect: dialect)
        measurement.row(["no", "kode_opd", "nama_opd", "kode_sasaran", "sasaran", "kode_indikator", "indikator", "satuan",
                         "polaritas", "agregasi", "target", "realisasi", "capaian", "kategori", "keterangan"])
        let identity = ["no", "kode_opd", "nama_opd", "kode_indikator", "indikator", "satuan"]
        quarterly.row(identity + (1...4).flatMap { n in
            ["target_tw\(n)", "realisasi_tw\(n)", "capaian_tw\(n)", "realisasi_sd_tw\(n)", "progres_tw\(n)"]
        } + ["keterangan"])
        semester.row(identity + (1...2).flatMap { n in
            ["target_s\(n)", "realisasi_s\(n)", "capaian_s\(n)", "kategori_s\(n)"]
        } + ["keterangan"])
        long.row(["tahun", "kode_opd", "kode_indikator", "periode", "target", "realisasi", "capaian", "kategori"])
    }

    var bufferedBytes: Int {
        measurement.bytes.count + quarterly.bytes.count + semester.bytes.count + long.bytes.count
    }

    mutating func add(_ indicator: Indicator, _ evaluation: IndicatorEvaluation) {
        let agency = dataset.agencies[indicator.agency]
        let number = (rowNumberByAgency[indicator.agency] ?? 0) + 1
        rowNumberByAgency[indicator.agency] = number
        summaries[indicator.agency, default: AgencySummary(agency: indicator.agency, categoryCount: policy.scale.labels.count)]
            .add(evaluation, of: indicator, policy: policy)

        // pengukuran_kinerja.csv: the annual LAKIP measurement table.
        measurement.integer(number)
        measurement.text(agency.code, in: dataset.text)
        measurement.text(agency.name, in: dataset.text)
        measurement.text(indicator.objectiveCode, in: dataset.text)
        measurement.text(indicator.objective, in: dataset.text)
        measurement.text(indicator.code, in: dataset.text)
        measurement.text(indicator.name, in: dataset.text)
        measurement.text(indicator.unit, in: dataset.text)
        measurement.text(indicator.polarity.label)
        measurement.text(indicator.aggregation.label)
        measurement.value(evaluation.year.target)
        measurement.value(evaluation.year.actual)
        measurement.achievement(evaluation.year.achievement)
        measurement.text(evaluation.year.category ?? "")
        if evaluation.indicatorNotes.isEmpty && !evaluation.year.hasNotes {
            measurement.empty()
        } else {
            measurement.text((evaluation.indicatorNotes + evaluation.year.notes).joined(separator: "; "))
        }
        measurement.endRow()

        // capaian_triwulan.csv: each quarter and the progress to date.
        Self.identity(&quarterly, number, agency, indicator, dataset)
        for quarter in Quarter.allCases {
            let outcome = evaluation.quarters[quarter.index], toDate = evaluation.progress[quarter.index]
            quarterly.value(outcome.target)
            quarterly.value(outcome.actual)
            quarterly.achievement(outcome.achievement)
            quarterly.value(toDate.actual)
            quarterly.achievement(toDate.achievement)
        }
        Self.notes(evaluation.quarters, indicator: evaluation.indicatorNotes, into: &quarterly)
        quarterly.endRow()

        // capaian_semester.csv.
        Self.identity(&semester, number, agency, indicator, dataset)
        for outcome in evaluation.semesters {
            semester.value(outcome.target)
            semester.value(outcome.actual)
            semester.achievement(outcome.achievement)
            semester.text(outcome.category ?? "")
        }
        Self.notes(evaluation.semesters, indicator: evaluation.indicatorNotes, into: &semester)
        semester.endRow()

        // capaian.csv: tidy long form.
        for outcome in evaluation.reportedPeriods {
            long.text(yearText)
            long.text(agency.code, in: dataset.text)
            long.text(indicator.code, in: dataset.text)
            long.text(outcome.period.label)
            long.value(outcome.target)
            long.value(outcome.actual)
            long.achievement(outcome.achievement)
            long.text(outcome.category ?? "")
            long.endRow()
        }
    }

    /// The columns every per-indicator table starts with. Static, so that building a row never
    /// copies the tables.
    private static func identity(_ builder: inout CSVRowBuilder, _ number: Int, _ agency: Agency, _ indicator: Indicator,
                                 _ dataset: Dataset) {
        builder.integer(number)
        builder.text(agency.code, in: dataset.text)
        builder.text(agency.name, in: dataset.text)
        builder.text(indicator.code, in: dataset.text)
        builder.text(indicator.name, in: dataset.text)
        builder.text(indicator.unit, in: dataset.text)
    }

    /// "TW3: belum dilaporkan; TW4: target-nol", after the indicator's own notes.
    private static func notes(_ outcomes: [PeriodOutcome], indicator: [String], into builder: inout CSVRowBuilder) {
        guard !indicator.isEmpty || outcomes.contains(where: \.hasNotes) else { return builder.empty() }
        let periodNotes = outcomes.filter(\.hasNotes).map { "\($0.period.label): \($0.notes.joined(separator: ", "))" }
        builder.text((indicator + periodNotes).joined(separator: "; "))
    }

    /// rekap_opd.csv: agencies ranked by mean achievement, ties by code.
    mutating func finish() {
        let labels = policy.scale.labels.map { String($0.lowercased().map { $0 == " " ? "_" : $0 }) }
        ranking.row(["peringkat", "kode_opd", "nama_opd", "jumlah_indikator", "indikator_terukur", "rata_rata_capaian"]
                    + labels + ["persen_capaian_100", "kelengkapan_data"])
        let ranked = AgencySummary.ranked(Array(summaries.values)) { dataset.text.string(dataset.agencies[$0].code) }
        for (position, summary) in ranked.enumerated() {
            let agency = dataset.agencies[summary.agency]
            ranking.integer(position + 1)
            ranking.text(agency.code, in: dataset.text)
            ranking.text(agency.name, in: dataset.text)
            ranking.integer(summary.indicatorCount)
            ranking.integer(summary.measuredCount)
            ranking.achievement(summary.meanAchievement)
            for count in summary.categoryCounts { ranking.integer(count) }
            ranking.achievement(summary.atLeastHundredShare)
            ranking.achievement(summary.completeness)
            ranking.endRow()
        }
    }

    /// Appends what has been built to the files, in ``ReportWriter/yearFiles`` order.
    mutating func drain(into files: [AtomicFile]) throws {
        try measurement.drain(into: files[0].write)
        try quarterly.drain(into: files[1].write)
        try semester.drain(into: files[2].write)
        try long.drain(into: files[3].write)
        try ranking.drain(into: files[4].write)
    }
}

/// validasi.csv: the effective policy, then every problem found.
enum ValidationTable {
    static func write(_ issues: [ValidationIssue], policy: Policy, into builder: inout CSVRowBuilder) {
        builder.row(["tingkat", "berkas", "baris", "kolom", "kode", "pesan"])
        let formula = policy.negativeFormula == .difference ? "selisih, (2T − R) / T × 100" : "rasio, T / R × 100"
        let policyNotes = [
            ("kebijakan-rumus-negatif", "Rumus polaritas negatif: \(formula)."),
            ("kebijakan-skala", "Skala kategori: \(policy.scale.name) ("
                + policy.scale.bands.map { "≥ \($0.lowerBound) \($0.label)" }.joined(separator: "; ")
                + "; selain itu \(policy.scale.lowestLabel))."),
            ("kebijakan-as-of", policy.asOf.map { "Dihitung s.d. \($0.label) (--as-of); triwulan sesudahnya diabaikan." }
                ?? "Dihitung dengan semua triwulan yang ada."),
        ]
        for (code, message) in policyNotes {
            builder.row([Severity.info.rawValue, "", "", "", code, message])
        }
        for issue in issues {
            builder.row([issue.severity.rawValue, issue.file, issue.line.map(String.init) ?? "", issue.column, issue.code,
                         issue.message])
        }
    }
}
