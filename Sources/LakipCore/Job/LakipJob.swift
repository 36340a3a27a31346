/// What a run or a validation is asked to do.
public struct JobOptions: Sendable {
    public var dataDirectory: String
    public var outputDirectory: String
    public var year: Int?
    public var asOf: Quarter?
    public var negativeFormula: NegativeFormula
    public var quiet: Bool

    public init(dataDirectory: String = "data", outputDirectory: String = "reports", year: Int? = nil,
                asOf: Quarter? = nil, negativeFormula: NegativeFormula = .difference, quiet: Bool = false) {
        self.dataDirectory = dataDirectory
        self.outputDirectory = outputDirectory
        self.year = year
        self.asOf = asOf
        self.negativeFormula = negativeFormula
        self.quiet = quiet
    }

    var policy: Policy { Policy(negativeFormula: negativeFormula, asOf: asOf) }
    var loadOptions: LoadOptions { LoadOptions(year: year, asOf: asOf) }
}

/// The exit status of a run (SPEC §6).
public enum ExitStatus: Int32, Sendable {
    /// Every row was used (warnings allowed).
    case success = 0
    /// Reports were written, but some rows were rejected.
    case rowsRejected = 1
    /// Nothing was written: a fatal input, output or usage error.
    case fatal = 2
}

/// The batch job behind `lakip run` and `lakip validate`: load, compute, write, summarise.
public struct LakipJob {
    public var options: JobOptions
    /// Where progress and summaries go (standard error in the command-line tool).
    public var log: (String) -> Void

    public init(options: JobOptions, log: @escaping (String) -> Void) {
        self.options = options
        self.log = log
    }

    /// Loads the data, writes every report and returns the exit status.
    public func run() -> ExitStatus {
        guard let dataset = load() else { return .fatal }
        let years = options.year.map { [$0] } ?? dataset.years
        do {
            try ReportWriter(policy: options.policy).write(dataset, years: years, to: options.outputDirectory)
        } catch {
            log("galat: \(error)")
            return .fatal
        }
        summarise(dataset)
        if !options.quiet {
            log("Laporan ditulis ke \(options.outputDirectory)/ (tahun \(years.map(String.init).joined(separator: ", "))); "
                + "daftar masalah: \(options.outputDirectory)/\(ReportWriter.validationFile).")
        }
        return dataset.rowsRejected > 0 ? .rowsRejected : .success
    }

    /// Loads and checks the data without writing anything; prints every problem.
    ///
    /// - Parameter print: receives one line per problem (standard output in the tool).
    public func validate(print: (String) -> Void) -> ExitStatus {
        guard let dataset = load() else { return .fatal }
        for issue in dataset.issues {
            var place = issue.file
            if let line = issue.line { place += ":\(line)" }
            if !issue.column.isEmpty { place += " [\(issue.column)]" }
            print("\(issue.severity.rawValue)\t\(place)\t\(issue.code): \(issue.message)")
        }
        summarise(dataset)
        return dataset.rowsRejected > 0 ? .rowsRejected : .success
    }

    private func load() -> Dataset? {
        do {
            return try DataLoader(options: options.loadOptions).load(directory: options.dataDirectory)
        } catch let error as InputError {
            log("galat: \(error.message)")
            log("Tidak ada laporan yang ditulis.")
        } catch {
            log("galat: \(error)")
        }
        return nil
    }

    /// "target_2025.csv: 48 baris dibaca, 48 dipakai, 0 ditolak" per file, then the counts of
    /// problems by level. Printed even with --quiet when rows were rejected.
    private func summarise(_ dataset: Dataset) {
        guard !options.quiet || dataset.rowsRejected > 0 else { return }
        for file in dataset.files {
            var line = "\(file.name): \(file.rowsRead) baris dibaca, \(file.rowsUsed) dipakai, \(file.rowsRejected) ditolak"
            if file.rowsOutOfScope > 0 { line += " (\(file.rowsOutOfScope) yang dipakai berada di luar cakupan dan diabaikan)" }
            log(line)
        }
        let counts = Severity.allCases.map { severity in
            "\(dataset.issues.filter { $0.severity == severity }.count) \(severity.rawValue)"
        }
        log("Masalah: \(counts.joined(separator: ", ")).")
    }
}
