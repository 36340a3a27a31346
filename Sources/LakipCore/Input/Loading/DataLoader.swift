/// Options that decide which rows count and how cells are read.
public struct LoadOptions: Sendable {
    /// Only this year and the two before it (for the comparison of years) are loaded; rows of
    /// other years are counted as out of scope.
    public var year: Int?
    /// Realisations after this quarter are ignored (reported as info).
    public var asOf: Quarter?
    /// Scales of grade targets, in the order they are tried.
    public var gradeScales: [GradeScale]
    /// `--pemda`: only these Pemda (kode_pemda) are loaded; rows of others are counted as out
    /// of scope. `nil` loads every Pemda.
    public var pemdaCodes: Set<String>?
    /// Extra header spellings: header text → canonical column name.
    public var headerAliases: [String: String]
    /// The run's output folder: when it is the data folder itself, the files a run writes
    /// there (`validasi.csv`) are not read as input.
    public var outputDirectory: String?
    /// When the parsing thread reads the numbers and terms of target rows beside the loader
    /// (``TargetRowPreparation``); set otherwise only to compare the ways.
    var targetRowPreparation = TargetRowPreparation.Use.whileTheLoaderIsBehind

    public init(year: Int? = nil, asOf: Quarter? = nil, gradeScales: [GradeScale] = GradeScale.builtIn,
                headerAliases: [String: String] = [:]) {
        self.year = year
        self.asOf = asOf
        self.gradeScales = gradeScales
        self.headerAliases = headerAliases
    }

    /// Whether rows of `year` are loaded: all years, or the chosen one and the two before it.
    func loads(year other: Int) -> Bool {
        guard let year else { return true }
        return (year - 2...year).contains(other)
    }
}

/// Loads a data directory of CSV exports into a ``Dataset``.
///
/// Files are recognised by name or header and loaded agencies → targets → realisations.
/// Realisation rows are folded into their indicator's quarter slots as they are parsed, so
/// memory follows the number of indicators, not rows; monthly realisations are folded into
/// their quarters once every file is read. Every row is either used or listed as a
/// ``ValidationIssue``; problems that make the data unusable throw ``InputError``.
public struct DataLoader {
    public var options: LoadOptions
    public var reader = CSVFileReader()
    /// Receives the bytes and rows read, for a progress display.
    public var progress: LoadProgress?
    /// Receives the SHA-256 of each file whose rows are read to its end, for the manifest.
    var digests: InputDigests?

    public init(options: LoadOptions = LoadOptions()) {
        self.options = options
    }

    /// Loads every CSV file directly inside `directory`.
    ///
    /// - Throws: ``InputError`` for a missing directory, an unrecognised or malformed file, a
    ///   missing required column, or when no target file is found.
    public func load(directory: String) throws -> Dataset {
        let listing = try InputFile.listing(of: directory, outputDirectory: options.outputDirectory)
        var files: [InputFile] = []
        var reportShaped: [ReportShapedFile] = []
        var generatedCodes = Set<String>()
        for (path, name) in listing.files {
            do {
                files.append(try InputFile.inspect(path: path, name: name, reader: reader, aliases: options.headerAliases))
            } catch let error as InputError where error.code == .unrecognizedFile {
                // An E.81, Rencana Aksi or LAKIP sheet is read as `lakip import` reads it.
                guard let sheet = ReportShapedFile.read(path: path, name: name, knownAgencies: ExportImporter.knownAgencies(in: directory),
                                                        usedCodes: &generatedCodes) else { throw error }
                reportShaped.append(sheet)
            }
        }
        guard files.contains(where: { $0.kind == .targets || $0.kind == .combined })
                || !reportShaped.isEmpty else {
            throw InputError(.noTargetFile, file: directory,
                             message: "Tidak ada berkas target di folder '\(directory)'. Letakkan ekspor Perjanjian Kinerja "
                                 + "(mis. target_2025.csv dengan kolom tahun, kode_opd, kode_indikator, indikator, polaritas, "
                                 + "target_tahunan) di folder itu.")
        }
        files.sort { ($0.kind.loadOrder, $0.name) < ($1.kind.loadOrder, $1.name) }
        var session = LoadSession(options: options, progress: progress, digests: digests)
        session.dataset.gradeScales = options.gradeScales
        // The targets decide: when they name Pemda, every key includes the Pemda (SPEC §8).
        session.dataset.keyedByPemda = files.contains { ($0.kind == .targets || $0.kind == .combined) && $0.header.has(.pemdaCode) }
        for (name, kind) in listing.skipped {
            session.note(.warning, name, nil, "", "bukan-berkas-biasa",
                         "'\(name)' adalah \(kind), bukan berkas biasa; dilewati tanpa dibaca. Simpan datanya sebagai berkas "
                             + "CSV biasa, atau pindahkan dari folder data.")
        }
        for name in listing.importLogs {
            session.note(.info, name, nil, "", "catatan-impor",
                         "'\(name)' adalah catatan lakip import (nasib tiap baris sumber), bukan data; tidak dibaca.")
        }
        for name in listing.ownOutput {
            session.note(.info, name, nil, "", "berkas-keluaran",
                         "'\(name)' ditulis oleh lakip sendiri (folder keluaran sama dengan folder data), jadi tidak dibaca "
                             + "sebagai data. Sebaiknya pakai folder keluaran lain dengan --out.")
        }
        // Their targets load after the canonical targets and before any realisation file.
        var reportShapedLoaded = false
        for file in files {
            if file.kind.loadOrder > InputFile.Kind.targets.loadOrder && !reportShapedLoaded {
                for sheet in reportShaped { try session.load(sheet, reader: reader) }
                reportShapedLoaded = true
            }
            try session.load(file, reader: reader)
        }
        if !reportShapedLoaded {
            for sheet in reportShaped { try session.load(sheet, reader: reader) }
        }
        // A quarter folds all of its months, which may come from any file.
        session.foldMonthlyActuals()
        if let year = options.year, !session.dataset.indicators.contains(where: { $0.year == year }) {
            throw InputError(.noDataForYear, file: directory,
                             message: "Tidak ada target untuk tahun \(year) di folder '\(directory)'. "
                                 + "Tahun yang ada: \(session.yearsSeen.sorted().map(String.init).joined(separator: ", ")).")
        }
        // Loading needed the key index; from here on it serves only the comparison of years.
        session.dataset.releaseKeyIndexUnlessYearsCompared()
        return session.dataset
    }
}
