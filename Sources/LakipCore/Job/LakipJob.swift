#if canImport(Glibc)
import Glibc
#endif

/// What a run or a validation is asked to do.
public struct JobOptions: Sendable {
    public var dataDirectory: String
    public var outputDirectory: String
    public var year: Int?
    public var asOf: Quarter?
    /// `--negative-formula`; `nil` leaves it to the policy file or the default (selisih).
    public var negativeFormula: NegativeFormula?
    public var quiet: Bool
    /// `--config`: the policy file; `nil` looks for `lakip.toml` in the data directory.
    public var configPath: String?
    /// `--scale`: a built-in kategori scale by name, over the policy file's.
    public var scaleName: String?
    /// `--cap`: the highest printed capaian, over the policy file's.
    public var cap: ExactDecimal?
    /// The CSV dialect of the tables and of validasi.csv (`--dialect`).
    public var dialect: CSVDialect = .standard
    /// What to write per year (`--format`).
    public var formats: Set<ReportFormat> = [.csv]
    /// `--opd`: the OPDs that get their own documents; `nil` for all.
    public var agencyCodes: Set<String>?
    /// `--pemda`: only these Pemda (kode_pemda) are read; `nil` for all.
    public var pemdaCodes: Set<String>?
    /// `--tanggal`: place and date above the signature of the per-OPD documents.
    public var signatureDate: String?
    /// Whether a progress bar is drawn on standard error while reading (a terminal, not --quiet).
    public var showsProgress = false
    /// `--wait`: how long a run waits for another run that holds the output folder, in seconds;
    /// 0 refuses at once.
    public var lockWaitSeconds: Double = 10

    public init(dataDirectory: String = "data", outputDirectory: String = "reports", year: Int? = nil,
                asOf: Quarter? = nil, negativeFormula: NegativeFormula? = nil, quiet: Bool = false) {
        self.dataDirectory = dataDirectory
        self.outputDirectory = outputDirectory
        self.year = year
        self.asOf = asOf
        self.negativeFormula = negativeFormula
        self.quiet = quiet
    }

    /// The effective policy: defaults, then the policy file, then command-line flags.
    ///
    /// - Throws: ``PolicyError`` for an unreadable file, an unknown key or a bad value.
    public func resolvePolicy() throws -> Policy {
        var policy = Policy(asOf: asOf)
        let defaultFile = (dataDirectory.hasSuffix("/") ? dataDirectory : dataDirectory + "/") + PolicyFile.defaultName
        if let configPath {
            policy = try PolicyFile(path: configPath, displayName: configPath).applied(to: policy, source: configPath)
        } else if access(defaultFile, F_OK) == 0 {
            policy = try PolicyFile(path: defaultFile, displayName: PolicyFile.defaultName)
                .applied(to: policy, source: PolicyFile.defaultName)
        }
        if let negativeFormula { policy.negativeFormula = negativeFormula }
        if let scaleName {
            guard let scale = CategoryScale.named(scaleName) else {
                throw PolicyError(file: "--scale", message: "skala '\(scaleName)' tidak dikenal; pilih \(CategoryScale.choicePhrase).")
            }
            policy.scale = scale
        }
        if let cap {
            guard cap.significand > 0, let limit = Achievement(exactly: cap.fraction) else {
                throw PolicyError(file: "--cap", message: "batas capaian harus angka lebih dari 0, mis. 120.")
            }
            policy.cap = limit
        }
        return policy
    }

    func loadOptions(_ policy: Policy) -> LoadOptions {
        var options = LoadOptions(year: year, asOf: asOf, gradeScales: policy.gradeScales, headerAliases: policy.headerAliases)
        options.outputDirectory = outputDirectory
        options.pemdaCodes = pemdaCodes
        return options
    }
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

    /// Takes the output folder, loads the data, writes every report and returns the exit status.
    public func run() -> ExitStatus {
        let output: OutputFolder
        do {
            try OutputPlacement(data: options.dataDirectory, output: options.outputDirectory).check()
            output = try OutputFolder.open(options.outputDirectory, waitSeconds: options.lockWaitSeconds) { waiting in
                if !options.quiet { log(waiting) }
            }
        } catch {
            log("galat: \(error)")
            return .fatal
        }
        // Held until every report is in place: a second run waits for it or is refused.
        var wroteReports = false
        defer { output.release(wroteReports: wroteReports) }
        // The inputs are hashed for the manifest as the parser reads them.
        let inputDigests = InputDigests()
        guard let (policy, dataset) = load(hashingInto: inputDigests) else { return .fatal }
        if let codes = options.agencyCodes {
            let known = Set(dataset.agencies.map { dataset.text.string($0.code) })
            let unknown = codes.subtracting(known).sorted()
            if !unknown.isEmpty {
                log("peringatan: --opd: kode OPD \(unknown.joined(separator: ", ")) tidak ada di data; dokumennya tidak dibuat.")
            }
            if options.formats.isDisjoint(with: [.html, .md, .xlsx]) {
                log("peringatan: --opd hanya berlaku untuk dokumen per OPD (--format html, md atau xlsx); tidak ada yang ditulis untuknya.")
            }
        }
        if let codes = options.pemdaCodes {
            if !dataset.keyedByPemda {
                log("peringatan: --pemda diabaikan: berkas target tidak berkolom kode_pemda, jadi data ini satu Pemda.")
            } else {
                let unknown = codes.subtracting(dataset.pemdas.map { dataset.text.string($0.code) }).sorted()
                if !unknown.isEmpty { log("peringatan: --pemda: kode Pemda \(unknown.joined(separator: ", ")) tidak ada di data.") }
            }
        }
        let years = options.year.map { [$0] } ?? dataset.years
        let periods = ReportPeriod.periods(of: years, in: dataset, asOf: policy.asOf)
        do {
            var writer = ReportWriter(policy: policy, dialect: options.dialect, formats: options.formats)
            writer.agencyCodes = options.agencyCodes
            writer.signatureDate = options.signatureDate
            writer.provenance = RunProvenance(job: options, policy: policy)
            writer.provenance?.inputDigests = inputDigests
            try writer.write(dataset, periods: periods, into: output)
            wroteReports = true
        } catch {
            log("galat: \(error)")
            return .fatal
        }
        summarise(dataset)
        if !options.quiet {
            for period in periods { log(period.description) }
            log("Laporan ditulis ke \(options.outputDirectory)/ (\(periods.map { $0.folder + "/" }.joined(separator: ", "))); "
                + "daftar masalah: \(options.outputDirectory)/\(ReportWriter.validationFile).")
        }
        return dataset.rowsRejected > 0 ? .rowsRejected : .success
    }

    /// Loads and checks the data without writing anything; prints every problem.
    ///
    /// - Parameter print: receives one line per problem (standard output in the tool).
    public func validate(print: (String) -> Void) -> ExitStatus {
        guard let (_, dataset) = load() else { return .fatal }
        for issue in dataset.issues {
            var place = issue.file
            if let line = issue.line { place += ":\(line)" }
            if !issue.column.isEmpty { place += " [\(issue.column)]" }
            print("\(issue.severity.rawValue)\t\(place)\t\(issue.code): \(issue.message)")
        }
        summarise(dataset)
        return dataset.rowsRejected > 0 ? .rowsRejected : .success
    }

    /// The effective policy and the loaded data, or `nil` after logging a fatal problem.
    private func load(hashingInto digests: InputDigests? = nil) -> (Policy, Dataset)? {
        let policy: Policy
        do {
            policy = try options.resolvePolicy()
        } catch {
            log("galat: \(error)")
            log("Tidak ada laporan yang ditulis.")
            return nil
        }
        do {
            let progress = options.showsProgress ? LoadProgress() : nil
            let monitor = progress.map { ReadProgressMonitor(directory: options.dataDirectory, progress: $0) }
            monitor?.start()
            defer { monitor?.stop() }
            var loader = DataLoader(options: options.loadOptions(policy))
            loader.progress = progress
            loader.digests = digests
            let dataset = try loader.load(directory: options.dataDirectory)
            // The parse batches, the per-file tables and (when no year is compared) the key
            // index are freed by now, but glibc keeps the freed pages of both threads' arenas;
            // hand them back before the reports grow.
            releaseFreedMemory()
            return (policy, dataset)
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
            if file.rowsStructure > 0 { line += " (\(file.rowsStructure) yang dipakai adalah baris struktur laporan: judul, hierarki, kaki)" }
            if file.rowsOutOfScope > 0 { line += " (\(file.rowsOutOfScope) yang dipakai berada di luar cakupan dan diabaikan)" }
            log(line)
        }
        let counts = Severity.allCases.map { severity in
            "\(dataset.issues.count(of: severity)) \(severity.rawValue)"
        }
        log("Masalah: \(counts.joined(separator: ", ")).")
    }
}

/// Returns freed heap pages to the system (glibc's `malloc_trim`), so that a run's peak memory is
/// what it holds, not what it once held.
func releaseFreedMemory() {
    #if canImport(Glibc)
    // malloc.h is not in Swift's Glibc module; the symbol is looked up once (RTLD_DEFAULT).
    typealias Trim = @convention(c) (Int) -> Int32
    guard let symbol = dlsym(nil, "malloc_trim") else { return }
    _ = unsafeBitCast(symbol, to: Trim.self)(0)
    #endif
}
