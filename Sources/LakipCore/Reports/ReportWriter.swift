import Dispatch
import Synchronization
import Foundation

/// Writes the report tables of SPEC §5 for each year, and `validasi.csv`.
///
/// Every file is built beside its final name and all are renamed into place only after every
/// table is complete, so a run that fails while writing leaves the previous reports intact.
public struct ReportWriter {
    public var policy: Policy
    public var dialect: CSVDialect
    /// What to write for each year (`--format`); `validasi.csv` is always written.
    public var formats: Set<ReportFormat> = [.csv]
    /// Where the inputs came from and the options in force; when set, each year also gets a
    /// `manifest.json` (see ``Manifest``).
    public var provenance: RunProvenance?
    /// Indicators formatted as one piece of work; batches run on all cores and are written in
    /// order, so this changes speed and memory, never the bytes written.
    var batchSize = 4096

    /// The report files of one year, in the order they are written.
    public static let yearFiles = ["pengukuran_kinerja.csv", "capaian_triwulan.csv", "capaian_semester.csv",
                                   "capaian.csv", "rekap_opd.csv", "rekap_sasaran.csv", "perbandingan_tahun.csv",
                                   "anggaran.csv"]
    public static let validationFile = "validasi.csv"

    public init(policy: Policy, dialect: CSVDialect = .standard, formats: Set<ReportFormat> = [.csv]) {
        self.policy = policy
        self.dialect = dialect
        self.formats = formats
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
        var neutralised = 0
        var yearOutputs: [(year: Int, files: [AtomicFile])] = []
        for year in years {
            let yearDirectory = directory + "/" + String(year)
            try AtomicFile.makeDirectories(yearDirectory)
            AtomicFile.removeLeftovers(in: yearDirectory)
            // The CSV tables are always built: the workbook is read back from them. They are only
            // renamed into place when csv is asked for; otherwise they are dropped unrenamed.
            var counted = 0
            let tables = try writeYear(year, of: dataset, to: yearDirectory, neutralised: &counted)
            if formats.contains(.csv) {
                pending += tables
                neutralised += counted
            }
            pending += try writeDocuments(year, of: dataset, csvTables: tables, to: yearDirectory)
            yearOutputs.append((year, pending.filter { $0.path.hasPrefix(yearDirectory + "/") }))
        }
        let validation = try AtomicFile(path: directory + "/" + Self.validationFile)
        var builder = CSVRowBuilder(dialect: dialect)
        try ValidationTable.write(dataset.issues, policy: policy, into: &builder, sink: validation.write)
        neutralised += builder.neutralisedCount
        if neutralised > 0 {
            // Said once for the whole run, so that a reader who sees `'=…` knows why.
            builder.row([Severity.info.rawValue, "", "", "", "rumus-dinetralkan",
                         "\(neutralised) sel teks yang diawali =, +, -, @, tab atau CR diberi awalan ' (dialek excel-id) "
                             + "agar spreadsheet menampilkannya sebagai teks, bukan menjalankannya sebagai rumus "
                             + "(pencegahan CSV injection). Isi aslinya ada di data masukan."])
        }
        try builder.drain(into: validation.write)
        pending.append(validation)
        // The reports go to disk while the manifest hashes the inputs; nothing is renamed
        // until every file, manifests included, is flushed.
        let reports = LockedValue(pending)
        let flushing = DispatchGroup()
        let flushFailure = LockedValue(OutputError?.none)
        DispatchQueue.global().async(group: flushing) {
            do {
                try AtomicFile.flush(reports.value)
            } catch {
                flushFailure.withValue { $0 = error as? OutputError }
            }
        }
        var manifests: [AtomicFile] = []
        do {
            if let provenance {
                // Renamed into place last: a manifest never lists files that are not there yet.
                manifests = try manifestFiles(for: yearOutputs, validation: validation, dataset: dataset,
                                              provenance: provenance, directory: directory)
            }
        } catch {
            flushing.wait()
            throw error
        }
        flushing.wait()
        if let failure = flushFailure.value { throw failure }
        try AtomicFile.flush(manifests)
        pending += manifests
        for file in pending { try file.commit() }
        return pending.map(\.path)
    }

    private func writeYear(_ year: Int, of dataset: Dataset, to directory: String,
                           neutralised: inout Int) throws -> [AtomicFile] {
        let files = try Self.yearFiles.map { try AtomicFile(path: directory + "/" + $0) }
        let members = dataset.indicators.indices.filter { dataset.indicators[$0].year == year }
        // no: each indicator's position within its agency, fixed before the rows are split up.
        var numbers = [Int32](repeating: 0, count: members.count)
        var perAgency = [Int32](repeating: 0, count: dataset.agencies.count)
        for (position, index) in members.enumerated() {
            let agency = dataset.indicators[index].agency
            perAgency[agency] += 1
            numbers[position] = perAgency[agency]
        }

        let loadedYears = Set(dataset.indicators.lazy.map(\.year))
        var headers = IndicatorRows(dataset: dataset, policy: policy, dialect: dialect, year: year, loadedYears: loadedYears)
        headers.addHeaders()
        try headers.write(into: files)
        neutralised += headers.neutralisedCount

        // Batches of indicators are formatted as separate tasks on all cores; one collector
        // takes them back in their original order, feeds the summaries and writes the rows, so
        // the files are the same whatever the core count or the order the tasks finish in.
        let collector = OrderedCollector(files: files, dataset: dataset, members: members,
                                         summaries: YearSummaries(dataset: dataset, policy: policy, dialect: dialect))
        let batchSize = max(1, self.batchSize)
        let inFlight = DispatchSemaphore(value: 2 * max(1, ProcessInfo.processInfo.activeProcessorCount))
        let tasks = DispatchGroup()
        for (number, start) in stride(from: 0, to: members.count, by: batchSize).enumerated() {
            if collector.hasFailed { break }
            inFlight.wait()
            let range = start..<min(start + batchSize, members.count)
            DispatchQueue.global().async(group: tasks) { [policy, dialect, numbers] in
                let batch = Self.format(range, members: members, numbers: numbers, dataset: dataset, policy: policy,
                                        dialect: dialect, year: year, loadedYears: loadedYears)
                collector.deliver(batch, number: number, range: range) { inFlight.signal() }
            }
        }
        tasks.wait()
        var summaries = try collector.finish()
        neutralised += collector.neutralisedCount
        try summaries.finish(into: files)
        neutralised += summaries.neutralisedCount
        return files
    }

    /// One formatted batch: its rows, and what the summaries need of each indicator.
    fileprivate struct FormattedBatch: Sendable {
        var rows: IndicatorRows
        var summaryFacts: [SummaryFacts]
    }

    /// Evaluates and formats the indicators at `range` of `members`.
    private static func format(_ range: Range<Int>, members: [Int], numbers: [Int32], dataset: Dataset,
                               policy: Policy, dialect: CSVDialect, year: Int, loadedYears: Set<Int>) -> FormattedBatch {
        let evaluator = Evaluator(policy: policy)
        var rows = IndicatorRows(dataset: dataset, policy: policy, dialect: dialect, year: year, loadedYears: loadedYears,
                                 capacity: range.count * IndicatorRows.typicalBytesPerIndicator)
        var facts: [SummaryFacts] = []
        facts.reserveCapacity(range.count)
        for position in range {
            let indicator = dataset.indicators[members[position]]
            let evaluation = evaluator.evaluate(indicator)
            rows.add(indicator, evaluation, number: Int(numbers[position]))
            facts.append(SummaryFacts(evaluation))
        }
        return FormattedBatch(rows: rows, summaryFacts: facts)
    }
}

/// Takes formatted batches in any order and, on a queue of its own, handles them in their
/// original order: feeds the summaries and appends the rows to the year's files.
private final class OrderedCollector: @unchecked Sendable {
    // Everything below is touched only on `queue`.
    private let queue = DispatchQueue(label: "lakip.report-collector")
    private let files: [AtomicFile]
    private let dataset: Dataset
    private let members: [Int]
    private var summaries: YearSummaries
    private var waiting: [Int: (batch: ReportWriter.FormattedBatch, range: Range<Int>, release: @Sendable () -> Void)] = [:]
    private var next = 0
    private var failure: (any Error)?
    private var neutralised = 0
    // Read without the queue to stop handing out work early; set on it.
    private let failed = Atomic<Bool>(false)

    init(files: [AtomicFile], dataset: Dataset, members: [Int], summaries: YearSummaries) {
        self.files = files
        self.dataset = dataset
        self.members = members
        self.summaries = summaries
    }

    var hasFailed: Bool { failed.load(ordering: .relaxed) }

    /// Hands over batch `number`; `release` is called once it is written (or dropped).
    fileprivate func deliver(_ batch: ReportWriter.FormattedBatch, number: Int, range: Range<Int>,
                             release: @escaping @Sendable () -> Void) {
        queue.async {
            self.waiting[number] = (batch, range, release)
            while let ready = self.waiting.removeValue(forKey: self.next) {
                self.next += 1
                defer { ready.release() }
                guard self.failure == nil else { continue }
                for (offset, facts) in ready.batch.summaryFacts.enumerated() {
                    self.summaries.add(self.dataset.indicators[self.members[ready.range.lowerBound + offset]], facts)
                }
                self.neutralised += ready.batch.rows.neutralisedCount
                do {
                    try ready.batch.rows.write(into: self.files)
                } catch {
                    self.failure = error
                    self.failed.store(true, ordering: .relaxed)
                }
            }
        }
    }

    /// Waits for every delivered batch to be handled; the summaries, or the first write failure.
    func finish() throws -> YearSummaries {
        try queue.sync {
            if let failure { throw failure }
            return summaries
        }
    }

    var neutralisedCount: Int { queue.sync { neutralised } }
}

/// What the summary tables need of one evaluated indicator.
struct SummaryFacts: Sendable {
    var achievement: Achievement?
    var reportedQuarters: Int

    init(_ evaluation: IndicatorEvaluation) {
        achievement = evaluation.year.achievement
        reportedQuarters = evaluation.reportedQuarterCount
    }
}

/// The per-indicator tables of one year (pengukuran_kinerja, capaian_triwulan,
/// capaian_semester, capaian, perbandingan_tahun) for a run of indicators.
struct IndicatorRows: Sendable {
    let dataset: Dataset
    let year: Int
    private let evaluator: Evaluator
    private var measurement: CSVRowBuilder
    private var quarterly: CSVRowBuilder
    private var semester: CSVRowBuilder
    private var long: CSVRowBuilder
    private var comparison: CSVRowBuilder
    private let yearText: String
    /// The earlier compared years that have indicators at all: the others need no look-up.
    private let earlierYears: Set<Int>
    /// About what the five tables take for one indicator (1.1 GB for a million), to size a
    /// batch's buffers once.
    static let typicalBytesPerIndicator = 1280
    /// The years compared in perbandingan_tahun.csv: t-2, t-1, t.
    private var comparedYears: [Int] { [year - 2, year - 1, year] }

    /// - Parameter loadedYears: the years `dataset` has indicators of.
    init(dataset: Dataset, policy: Policy, dialect: CSVDialect, year: Int, loadedYears: Set<Int>,
         capacity: Int = 1 << 16) {
        self.dataset = dataset
        self.year = year
        evaluator = Evaluator(policy: policy)
        yearText = String(year)
        earlierYears = Set([year - 2, year - 1]).intersection(loadedYears)
        // The long table holds seven rows per indicator, the others one.
        measurement = CSVRowBuilder(dialect: dialect, capacity: capacity / 6, byteOrderMark: false)
        quarterly = CSVRowBuilder(dialect: dialect, capacity: capacity / 5, byteOrderMark: false)
        semester = CSVRowBuilder(dialect: dialect, capacity: capacity / 8, byteOrderMark: false)
        long = CSVRowBuilder(dialect: dialect, capacity: capacity / 3, byteOrderMark: false)
        comparison = CSVRowBuilder(dialect: dialect, capacity: capacity / 8, byteOrderMark: false)
    }

    /// The byte order mark, if the dialect has one, and the header row of each table.
    mutating func addHeaders() {
        for builder in [\IndicatorRows.measurement, \.quarterly, \.semester, \.long, \.comparison] {
            self[keyPath: builder].byteOrderMark()
        }
        measurement.row(["no", "kode_opd", "nama_opd", "kode_sasaran", "sasaran", "kode_indikator", "indikator", "satuan",
                         "polaritas", "agregasi", "target", "realisasi", "capaian", "kategori", "keterangan",
                         "target_renstra", "capaian_renstra"])
        let identity = ["no", "kode_opd", "nama_opd", "kode_indikator", "indikator", "satuan"]
        quarterly.row(identity + (1...4).flatMap { n in
            ["target_tw\(n)", "realisasi_tw\(n)", "capaian_tw\(n)", "realisasi_sd_tw\(n)", "progres_tw\(n)"]
        } + ["keterangan"])
        semester.row(identity + (1...2).flatMap { n in
            ["target_s\(n)", "realisasi_s\(n)", "capaian_s\(n)", "kategori_s\(n)"]
        } + ["keterangan"])
        long.row(["tahun", "kode_opd", "kode_indikator", "periode", "target", "realisasi", "capaian", "kategori"])
        comparison.row(identity + ["polaritas"] + [year - 2, year - 1, year].flatMap { y in
            ["target_\(y)", "realisasi_\(y)", "capaian_\(y)"]
        } + ["arah_perubahan"])
    }

    /// Text cells the excel-id dialect neutralised so far.
    var neutralisedCount: Int {
        [measurement, quarterly, semester, long, comparison].reduce(0) { $0 + $1.neutralisedCount }
    }

    /// The rows of one indicator; `number` is its position within its agency.
    mutating func add(_ indicator: Indicator, _ evaluation: IndicatorEvaluation, number: Int) {
        let agency = dataset.agencies[indicator.agency]
        let grades = indicator.gradeScale.map { dataset.gradeScales[$0] }

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
        measurement.target(evaluation.year, grades: grades)
        measurement.actual(evaluation.year.actual, grades: grades)
        measurement.achievement(evaluation.year.achievement)
        measurement.text(evaluation.year.category ?? "")
        if evaluation.indicatorNotes.isEmpty && !evaluation.year.hasNotes {
            measurement.empty()
        } else {
            measurement.text((evaluation.indicatorNotes + evaluation.year.notes).joined(separator: "; "))
        }
        if let renstra = evaluation.renstra {
            measurement.target(renstra, grades: grades)
            measurement.achievement(renstra.achievement)
        } else {
            measurement.empty()
            measurement.empty()
        }
        measurement.endRow()

        // capaian_triwulan.csv: each quarter and the progress to date.
        Self.identity(&quarterly, number, agency, indicator, dataset)
        for quarter in Quarter.allCases {
            let outcome = evaluation.quarters[quarter.index], toDate = evaluation.progress[quarter.index]
            quarterly.target(outcome, grades: grades)
            quarterly.actual(outcome.actual, grades: grades)
            quarterly.achievement(outcome.achievement)
            quarterly.actual(toDate.actual, grades: grades)
            quarterly.achievement(toDate.achievement)
        }
        Self.notes(evaluation.quarters, indicator: evaluation.indicatorNotes, into: &quarterly)
        quarterly.endRow()

        // capaian_semester.csv.
        Self.identity(&semester, number, agency, indicator, dataset)
        for outcome in evaluation.semesters {
            semester.target(outcome, grades: grades)
            semester.actual(outcome.actual, grades: grades)
            semester.achievement(outcome.achievement)
            semester.text(outcome.category ?? "")
        }
        Self.notes(evaluation.semesters, indicator: evaluation.indicatorNotes, into: &semester)
        semester.endRow()

        // capaian.csv: tidy long form.
        evaluation.forEachReportedPeriod { outcome in
            long.text(yearText)
            long.text(agency.code, in: dataset.text)
            long.text(indicator.code, in: dataset.text)
            long.text(outcome.period.label)
            long.target(outcome, grades: grades)
            long.actual(outcome.actual, grades: grades)
            long.achievement(outcome.achievement)
            long.text(outcome.category ?? "")
            long.endRow()
        }

        addComparison(indicator, evaluation, number: number)
    }

    /// perbandingan_tahun.csv: the same indicator (kode_opd, kode_indikator) in t-2, t-1, t.
    private mutating func addComparison(_ indicator: Indicator, _ evaluation: IndicatorEvaluation, number: Int) {
        Self.identity(&comparison, number, dataset.agencies[indicator.agency], indicator, dataset)
        comparison.text(indicator.polarity.label)
        var latestEarlier: Fraction?
        for compared in comparedYears {
            let outcome: PeriodOutcome?
            let grades: GradeScale?
            if compared == year {
                outcome = evaluation.year
                grades = indicator.gradeScale.map { dataset.gradeScales[$0] }
            } else if earlierYears.contains(compared), let index = dataset.indicator(matching: indicator, inYear: compared) {
                let earlier = dataset.indicators[index]
                outcome = evaluator.evaluate(earlier).year
                grades = earlier.gradeScale.map { dataset.gradeScales[$0] }
                if let actual = outcome?.actual { latestEarlier = actual }
            } else {
                outcome = nil
                grades = nil
            }
            if let outcome {
                comparison.target(outcome, grades: grades)
                comparison.actual(outcome.actual, grades: grades)
                comparison.achievement(outcome.achievement)
            } else {
                comparison.empty()
                comparison.empty()
                comparison.empty()
            }
        }
        comparison.text(Self.direction(from: latestEarlier, to: evaluation.year.actual, polarity: indicator.polarity))
        comparison.endRow()
    }

    /// membaik / memburuk / tetap, judged by polarity on the realisations; empty when a year is missing.
    static func direction(from earlier: Fraction?, to current: Fraction?, polarity: Polarity) -> String {
        guard let earlier, let current else { return "" }
        if earlier == current { return "tetap" }
        let higher = earlier < current
        return higher == (polarity == .positive) ? "membaik" : "memburuk"
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
    private static func notes(_ outcomes: some Collection<PeriodOutcome>, indicator: [String],
                              into builder: inout CSVRowBuilder) {
        guard !indicator.isEmpty || outcomes.contains(where: \.hasNotes) else { return builder.empty() }
        let periodNotes = outcomes.filter(\.hasNotes).map { "\($0.period.label): \($0.notes.joined(separator: ", "))" }
        builder.text((indicator + periodNotes).joined(separator: "; "))
    }

    /// Appends what has been built to the files, in ``ReportWriter/yearFiles`` order.
    func write(into files: [AtomicFile]) throws {
        try measurement.write(into: files[0].write)
        try quarterly.write(into: files[1].write)
        try semester.write(into: files[2].write)
        try long.write(into: files[3].write)
        try comparison.write(into: files[6].write)
    }
}

/// The summary tables of one year (rekap_opd, rekap_sasaran, anggaran), fed one indicator at
/// a time in PK order and written once every indicator is in.
struct YearSummaries {
    let dataset: Dataset
    let policy: Policy
    private var ranking: CSVRowBuilder
    private var objectives: CSVRowBuilder
    private var budget: CSVRowBuilder
    private var summaries: [Int: AgencySummary] = [:]
    /// Agencies and their objectives in order of first appearance (PK order).
    private var agencyOrder: [Int] = []
    /// Per agency, its objectives' positions in `objectiveSummaries`, in PK order.
    private var objectiveOrder: [Int: [Int]] = [:]
    // A province has hundreds of thousands of sasaran: the summaries sit in an array and the
    // table maps a key to a position, rather than a dictionary holding the summaries.
    private var objectivePositions: [ObjectiveKey: Int] = [:]
    private var objectiveSummaries: [AgencySummary] = []
    private var agencyBudgets: [Int: BudgetSummary] = [:]
    /// Per position in `objectiveSummaries`, the budget of that sasaran, if any.
    private var objectiveBudgets: [BudgetSummary?] = []

    private struct ObjectiveKey: Hashable {
        var agency: Int
        var objective: TextRef
    }

    init(dataset: Dataset, policy: Policy, dialect: CSVDialect) {
        self.dataset = dataset
        self.policy = policy
        ranking = CSVRowBuilder(dialect: dialect)
        objectives = CSVRowBuilder(dialect: dialect)
        budget = CSVRowBuilder(dialect: dialect)
    }

    /// Text cells the excel-id dialect neutralised so far.
    var neutralisedCount: Int {
        [ranking, objectives, budget].reduce(0) { $0 + $1.neutralisedCount }
    }

    mutating func add(_ indicator: Indicator, _ facts: SummaryFacts) {
        let categories = policy.scale.labels.count
        if summaries[indicator.agency] == nil { agencyOrder.append(indicator.agency) }
        summaries[indicator.agency, default: AgencySummary(agency: indicator.agency, categoryCount: categories)]
            .add(achievement: facts.achievement, reportedQuarters: facts.reportedQuarters, weight: indicator.weight,
                 policy: policy)
        let objective = ObjectiveKey(agency: indicator.agency, objective: indicator.objectiveCode.isEmpty ? indicator.objective
                                                                                                          : indicator.objectiveCode)
        let position: Int
        if let known = objectivePositions[objective] {
            position = known
        } else {
            position = objectiveSummaries.count
            objectivePositions[objective] = position
            objectiveSummaries.append(AgencySummary(agency: indicator.agency, categoryCount: categories, objective: indicator))
            objectiveOrder[indicator.agency, default: []].append(position)
        }
        objectiveSummaries[position].add(achievement: facts.achievement, reportedQuarters: facts.reportedQuarters,
                                         weight: indicator.weight, policy: policy)
        if indicator.budgetCeiling != nil || indicator.budgetActuals.contains(where: { $0 != nil }) {
            agencyBudgets[indicator.agency, default: BudgetSummary(categoryCount: categories)]
                .add(indicator, achievement: facts.achievement, reportedQuarters: facts.reportedQuarters, policy: policy)
            if objectiveBudgets.count <= position {
                objectiveBudgets += repeatElement(nil, count: position + 1 - objectiveBudgets.count)
            }
            if objectiveBudgets[position] == nil { objectiveBudgets[position] = BudgetSummary(categoryCount: categories) }
            objectiveBudgets[position]!.add(indicator, achievement: facts.achievement, reportedQuarters: facts.reportedQuarters,
                                            policy: policy)
        }
    }

    private var categoryColumns: [String] {
        policy.scale.labels.map { String($0.lowercased().map { $0 == " " ? "_" : $0 }) }
    }

    /// Writes rekap_opd.csv, rekap_sasaran.csv and anggaran.csv once every indicator is in.
    mutating func finish(into files: [AtomicFile]) throws {
        // rekap_opd.csv: agencies ranked by weighted mean capaian, ties by code; a Pemda total last.
        ranking.row(["peringkat", "kode_opd", "nama_opd", "jumlah_indikator", "indikator_terukur", "rata_rata_capaian"]
                    + categoryColumns + ["persen_capaian_100", "kelengkapan_data"])
        let ranked = AgencySummary.ranked(Array(summaries.values)) { dataset.text.string(dataset.agencies[$0].code) }
        for (position, summary) in ranked.enumerated() {
            let agency = dataset.agencies[summary.agency]
            ranking.integer(position + 1)
            ranking.text(agency.code, in: dataset.text)
            ranking.text(agency.name, in: dataset.text)
            Self.summaryColumns(summary, into: &ranking)
        }
        if !ranked.isEmpty {
            ranking.empty()
            ranking.empty()
            ranking.text("TOTAL PEMDA")
            Self.summaryColumns(AgencySummary.total(of: ranked), into: &ranking)
        }

        // rekap_sasaran.csv: per OPD and sasaran, in PK order.
        objectives.row(["kode_opd", "nama_opd", "kode_sasaran", "sasaran", "jumlah_indikator", "indikator_terukur",
                        "rata_rata_capaian"] + categoryColumns + ["persen_capaian_100", "kelengkapan_data"])
        for agencyIndex in agencyOrder {
            let agency = dataset.agencies[agencyIndex]
            for position in objectiveOrder[agencyIndex] ?? [] {
                let summary = objectiveSummaries[position]
                objectives.text(agency.code, in: dataset.text)
                objectives.text(agency.name, in: dataset.text)
                objectives.text(summary.objectiveCode, in: dataset.text)
                objectives.text(summary.objectiveName, in: dataset.text)
                Self.summaryColumns(summary, into: &objectives)
                // A province has hundreds of thousands of sasaran: written as it goes.
                if objectives.bytes.count > 1 << 20 { try objectives.drain(into: files[5].write) }
            }
        }

        // anggaran.csv: budget beside the performance it bought, per OPD then per sasaran.
        budget.row(["tingkat", "kode_opd", "nama_opd", "kode_sasaran", "sasaran", "jumlah_indikator", "pagu_anggaran",
                    "realisasi_tw1", "realisasi_tw2", "realisasi_tw3", "realisasi_tw4", "realisasi_anggaran", "serapan",
                    "rata_rata_capaian", "efisiensi"])
        for agencyIndex in agencyOrder {
            guard let agencyBudget = agencyBudgets[agencyIndex] else { continue }
            let agency = dataset.agencies[agencyIndex]
            budget.text("opd")
            budget.text(agency.code, in: dataset.text)
            budget.text(agency.name, in: dataset.text)
            budget.empty()
            budget.empty()
            Self.budgetColumns(agencyBudget, into: &budget)
            for position in objectiveOrder[agencyIndex] ?? [] {
                guard position < objectiveBudgets.count, let objectiveBudget = objectiveBudgets[position] else { continue }
                let summary = objectiveSummaries[position]
                budget.text("sasaran")
                budget.text(agency.code, in: dataset.text)
                budget.text(agency.name, in: dataset.text)
                budget.text(summary.objectiveCode, in: dataset.text)
                budget.text(summary.objectiveName, in: dataset.text)
                Self.budgetColumns(objectiveBudget, into: &budget)
            }
        }
        try ranking.drain(into: files[4].write)
        try objectives.drain(into: files[5].write)
        try budget.drain(into: files[7].write)
    }

    private static func summaryColumns(_ summary: AgencySummary, into builder: inout CSVRowBuilder) {
        builder.integer(summary.indicatorCount)
        builder.integer(summary.measuredCount)
        builder.achievement(summary.meanAchievement)
        for count in summary.categoryCounts { builder.integer(count) }
        builder.achievement(summary.atLeastHundredShare)
        builder.achievement(summary.completeness)
        builder.endRow()
    }

    private static func budgetColumns(_ summary: BudgetSummary, into builder: inout CSVRowBuilder) {
        builder.integer(summary.performance.indicatorCount)
        builder.value(summary.ceiling)
        for quarter in summary.quarters { builder.value(quarter) }
        builder.value(summary.spent)
        builder.achievement(summary.absorption)
        builder.achievement(summary.performance.meanAchievement)
        builder.achievement(summary.efficiency)
        builder.endRow()
    }

}

/// validasi.csv: the effective policy, then every problem found.
enum ValidationTable {
    /// Builds the table in `builder`, handing every megabyte to `sink` as it goes: a national
    /// run can list hundreds of thousands of problems.
    static func write(_ issues: [ValidationIssue], policy: Policy, into builder: inout CSVRowBuilder,
                      sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        builder.row(["tingkat", "berkas", "baris", "kolom", "kode", "pesan"])
        for (code, message) in policy.description {
            builder.row([Severity.info.rawValue, "", "", "", code, message])
        }
        for issue in issues {
            builder.text(issue.severity.rawValue)
            builder.text(issue.file)
            if let line = issue.line { builder.integer(line) } else { builder.empty() }
            builder.text(issue.column)
            builder.text(issue.code)
            builder.text(issue.message)
            builder.endRow()
            if builder.bytes.count > 1 << 20 { try builder.drain(into: sink) }
        }
    }
}
