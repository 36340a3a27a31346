import Foundation

/// Writes the report folders of a run (SPEC §5): for each report period its tables and
/// documents, then `validasi.csv`, committed together by ``ReportSet``.
///
/// Each period is computed once (``PeriodComputation``); the CSV tables, the workbook and the
/// documents are renderers of its results.
public struct ReportWriter {
    public var policy: Policy
    public var dialect: CSVDialect
    /// What to write for each period (`--format`); `validasi.csv` is always written.
    public var formats: Set<ReportFormat> = [.csv]
    /// `--opd`: the OPD codes whose own documents (`opd/<kode_opd>.html`, `.md`) are written;
    /// `nil` writes one for every OPD.
    public var agencyCodes: Set<String>?
    /// `--tanggal`: the place and date above the signature of the per-OPD documents.
    public var signatureDate: String?
    /// Where the inputs came from and the options in force; when set, each folder also gets a
    /// `manifest.json` (see ``Manifest``).
    public var provenance: RunProvenance?
    /// Indicators computed and rendered as one piece of work; batches run on all cores and are
    /// written in order, so this changes speed and memory, never the bytes written.
    var batchSize = 2048

    /// The table files of every report folder, in the order they are written.
    public static var tableFiles: [String] { ReportTables.fileNames }
    public static let validationFile = ValidationTable.fileName

    public init(policy: Policy, dialect: CSVDialect = .standard, formats: Set<ReportFormat> = [.csv]) {
        self.policy = policy
        self.dialect = dialect
        self.formats = formats
    }

    /// Writes the folder of each of `years`, for the period ``ReportPeriod/periods(of:in:asOf:)``
    /// gives it, and `validasi.csv`.
    @discardableResult
    public func write(_ dataset: Dataset, years: [Int], to directory: String) throws -> [String] {
        try write(dataset, periods: ReportPeriod.periods(of: years, in: dataset, asOf: policy.asOf), to: directory)
    }

    /// Writes `<out>/<folder>/…` for each of `periods` and `<out>/validasi.csv` (with a copy in
    /// each folder, so a folder keeps the list of the run that made it), holding the output
    /// folder's lock meanwhile (a run of the same folder in progress is refused at once).
    ///
    /// - Returns: the paths written.
    /// - Throws: ``OutputError`` when a file cannot be written; the earlier reports stay then.
    @discardableResult
    public func write(_ dataset: Dataset, periods: [ReportPeriod], to directory: String) throws -> [String] {
        let output = try OutputFolder.open(directory, waitSeconds: 0)
        defer { output.release(wroteReports: true) }
        return try write(dataset, periods: periods, into: output)
    }

    /// Writes the reports into `output`, whose lock the caller holds: each period's folder is
    /// replaced as a whole (``ReportSet``).
    @discardableResult
    func write(_ dataset: Dataset, periods: [ReportPeriod], into output: OutputFolder) throws -> [String] {
        output.removeLeftovers()
        let set = ReportSet(output: output)
        var problems: ProblemListWriter?
        do {
            let folders = try periods.map { try set.addFolder($0) }
            // The problems are known before any period is computed: their list is written
            // meanwhile, and only its closing rows wait for the tables.
            let problemList = ProblemListWriter(into: try set.fileInEveryFolder(named: ValidationTable.fileName),
                                                issues: dataset.issues, policy: policy, periods: periods, dialect: dialect)
            problems = problemList
            var rewritten = RewrittenText()
            for (period, folder) in zip(periods, folders) {
                rewritten += try writeFolder(period, of: dataset, runPeriods: periods, into: folder)
            }
            try problemList.finish(rewritten: rewritten)
            return try set.commit(provenance: provenance, dataset: dataset, policy: policy)
        } catch {
            // Nothing may still write into the files the discard removes.
            problems?.stop()
            set.discard()
            throw error
        }
    }

    /// Computes one period and renders every format asked for into its folder.
    ///
    /// - Parameter runPeriods: every period of the run, listed in the workbook's `validasi` sheet.
    /// - Returns: the text cells the CSV dialect wrote other than as given.
    private func writeFolder(_ period: ReportPeriod, of dataset: Dataset, runPeriods: [ReportPeriod],
                             into folder: StagedFolder) throws -> RewrittenText {
        let context = TableContext(period: period, policy: policy, dataset: dataset)
        let writesCSV = formats.contains(.csv), writesWorkbook = formats.contains(.xlsx)
        let perIndicator = ReportTables.all(context).compactMap { table -> (any IndicatorTable.Type)? in
            if case .perIndicator(let type) = table { type } else { nil }
        }
        var rewritten = RewrittenText()
        var files: [String: AtomicFile] = [:]
        if writesCSV {
            for table in ReportTables.all(context) {
                let file = try folder.file(named: table.fileName)
                var header = RowSink(dialect: dialect, byteOrderMark: true)
                header.row(table.header(context).map(ReportCell.text))
                try header.drain(into: file.write)
                files[table.fileName] = file
            }
        }

        // The workbook is written by libxlsxwriter straight into its file of the staging folder.
        var workbookFile: AtomicFile?
        var workbook: PeriodWorkbook?
        if writesWorkbook, let name = ReportFormat.xlsx.fileName(year: period.year) {
            let file = try folder.file(named: name)
            workbookFile = file
            workbook = try PeriodWorkbook(path: file.pathForOtherWriter, temporaryFolder: file.folderPathForOtherWriter,
                                          context: context,
                                          tables: ReportTables.all(context).map { ($0.fileName, $0.header(context)) })
        }

        var computation = PeriodComputation(dataset: dataset, policy: policy, period: period,
                                            keepsIndicators: !formats.subtracting([.csv]).isEmpty)
        // Typed cells take more memory than CSV bytes: smaller batches keep the cells in flight
        // for the workbook to a few megabytes.
        computation.batchSize = writesWorkbook ? min(batchSize, 512) : batchSize
        let dialect = dialect
        let sizes = TableRowSizes(perIndicator)
        let results = try computation.run(render: { count in
            IndicatorTableBatch(context: context, tables: perIndicator, dialect: dialect, writesCSV: writesCSV,
                                writesCells: writesWorkbook, capacity: count, sizes: sizes)
        }, consume: { batch in
            sizes.record(batch)
            for (index, table) in perIndicator.enumerated() {
                if writesCSV { try batch.csv[index].write(into: files[table.fileName]!.write) }
                try workbook?.append(batch.cells[index].rows, toTable: table.fileName)
            }
            rewritten += batch.rewritten
        })

        for table in ReportTables.all(context) {
            switch table {
            case .perIndicator:
                continue
            case .summary(let type):
                var csv = RowSink(dialect: dialect)
                // A province has hundreds of thousands of sasaran: written as it goes.
                if let workbook {
                    try type.forEachRow(of: results, context) { cells in
                        try workbook.append(CollectionOfOne(cells), toTable: table.fileName)
                        guard let file = files[table.fileName] else { return }
                        csv.row(cells)
                        if csv.byteCount > 1 << 20 { try csv.drain(into: file.write) }
                    }
                } else if let file = files[table.fileName] {
                    try type.writeRows(of: results, context, into: &csv) { csv in
                        if csv.byteCount > 1 << 20 { try csv.drain(into: file.write) }
                    }
                }
                if let file = files[table.fileName] { try csv.drain(into: file.write) }
                rewritten += csv.rewritten
            }
        }
        // The workbooks are written on a thread of their own, one after another (never two
        // libxlsxwriter workbooks at once), while the text documents are made: first the
        // period's workbook is closed (libxlsxwriter writes and compresses every sheet), then
        // the OPD workbooks follow (``writeDocuments``).
        var workbooks = WorkbookLane()
        if let workbook, let workbookFile {
            let parts = UncheckedHandOver((workbook, workbookFile))
            workbooks.then {
                let (workbook, file) = parts.value
                do {
                    try workbook.finish(results, periods: runPeriods)
                } catch var error as OutputError {
                    // libxlsxwriter names the file by its descriptor path.
                    error.path = file.path
                    throw error
                }
                try file.hashContentsWrittenByOtherWriter()
            }
        }
        do {
            try writeDocuments(results, into: folder, workbooks: &workbooks)
            try workbooks.wait()
        } catch {
            // The staging folder is discarded after a failure: nothing may still write into it.
            try? workbooks.wait()
            throw error
        }
        return rewritten
    }

    /// Writes the documents `formats` asks for: the Pemda-wide one and one per OPD (those of
    /// ``agencyCodes`` when set), which the Pemda-wide HTML links to.
    ///
    /// - Parameter workbooks: where the OPD workbooks are written, after the period's; their files
    ///   are started in their place among the others, so the manifest's order does not change.
    private func writeDocuments(_ results: PeriodResults, into folder: StagedFolder, workbooks: inout WorkbookLane) throws {
        let documentFormats = formats.subtracting([.csv])
        guard !documentFormats.isEmpty else { return }
        // Grouped once: each grouping copies every indicator's result.
        let ranked = results.agencies
        let agencies = ranked.filter { agencyCodes?.contains($0.code) ?? true }
        let problemKey = { @Sendable (agency: PeriodResults.AgencyResult) in
            AgencyProblems.key(pemdaCode: agency.pemdaCode, agencyCode: agency.code)
        }
        let problems = AgencyProblems.byAgency(results.dataset.issues, year: results.period.year, codes: Set(agencies.map(problemKey)))
        let signatureDate = signatureDate
        let document = { @Sendable (index: Int) -> AgencyDocument in
            var document = AgencyDocument(results: results, agency: agencies[index], signatureDate: signatureDate)
            document.problems = problems[problemKey(agencies[index])] ?? AgencyProblems.Listing()
            return document
        }
        for format in documentFormats.sorted() {
            // With several Pemda the same OPD code repeats: the Pemda's code goes first.
            let names = AgencyDocument.fileNames(for: agencies.map { agency in agency.pemdaCode.map { $0 + "_" + agency.code } ?? agency.code },
                                                 extension: format.rawValue)
            switch format {
            case .csv:
                break
            case .xlsx:
                let files = UncheckedHandOver(try names.map { try folder.file(named: $0) })
                workbooks.then {
                    for (index, file) in files.value.enumerated() {
                        do {
                            try AgencyWorkbook.write(document(index), path: file.pathForOtherWriter,
                                                     temporaryFolder: file.folderPathForOtherWriter)
                        } catch var error as OutputError {
                            error.path = file.path
                            throw error
                        }
                        try file.hashContentsWrittenByOtherWriter()
                    }
                }
            case .html, .md:
                if format == .html {
                    var report = HTMLReport(results: results, agencies: ranked)
                    report.agencyDocuments = Dictionary(uniqueKeysWithValues: zip(agencies.map(\.agency), names))
                    var html = report.html()
                    try folder.file(named: format.fileName(year: results.period.year)!).write(&html)
                } else {
                    var markdown = MarkdownReport(results: results, agencies: ranked).markdown()
                    try folder.file(named: format.fileName(year: results.period.year)!).write(&markdown)
                }
                // Each OPD's text is made on all cores and written in order.
                try OrderedBatches.run(count: agencies.count, batchSize: 1, work: { range in
                    range.map { format == .html ? document($0).html() : document($0).markdown() }
                }, consume: { texts, range in
                    for (text, index) in zip(texts, range) {
                        var text = text
                        try folder.file(named: names[index]).write(&text)
                    }
                })
            }
        }
    }
}

private extension AtomicFile {
    /// Writes a whole text document.
    func write(_ text: inout String) throws {
        try text.withUTF8 { try write($0) }
    }
}

/// Work that runs beside the caller's, piece after piece in the order given: each piece on a
/// thread of its own that first waits for the piece before it.
private struct WorkbookLane {
    private var last: BackgroundWork?

    /// Starts `work` once the pieces given before have ended; after a failure nothing more runs.
    mutating func then(_ work: @escaping @Sendable () throws -> Void) {
        let previous = last
        last = BackgroundWork {
            try previous?.wait()
            try work()
        }
    }

    /// Waits for every piece; rethrows the first failure.
    func wait() throws {
        try last?.wait()
    }
}

/// `validasi.csv` in every folder and at the top: the rows of problems written on a thread of
/// their own while the periods are computed (a national run lists hundreds of thousands), the
/// closing rows once every table is written.
private final class ProblemListWriter: @unchecked Sendable {
    // @unchecked: `files` and `builder` are used by the thread alone until `finish` or `stop`
    // has waited for it, then by the caller alone.
    private let files: MirroredFiles
    private var builder: CSVRowBuilder
    private let stopped = LockedValue(false)
    private var work: BackgroundWork?

    init(into files: MirroredFiles, issues: IssueLog, policy: Policy, periods: [ReportPeriod], dialect: CSVDialect) {
        self.files = files
        builder = CSVRowBuilder(dialect: dialect)
        work = BackgroundWork { [self] in
            try ValidationTable.write(issues, policy: policy, periods: periods, into: &builder) { bytes in
                guard !stopped.value else { throw CancellationError() }
                try self.files.write(bytes)
            }
        }
    }

    /// Waits for the rows of problems, then adds the closing rows about `rewritten` (with the
    /// cells of this table the dialect rewrote) and gives each file its digest.
    func finish(rewritten: RewrittenText) throws {
        try work?.wait()
        var rewritten = rewritten
        rewritten += builder.rewritten
        for row in ValidationTable.rewrittenRows(rewritten) { builder.row(row) }
        try builder.drain(into: files.write)
        files.finish()
    }

    /// Stops the thread at its next megabyte and waits for it.
    func stop() {
        stopped.withValue { $0 = true }
        try? work?.wait()
    }
}

/// A value handed to one other thread, which alone uses it until the hand-over is waited for.
private struct UncheckedHandOver<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
