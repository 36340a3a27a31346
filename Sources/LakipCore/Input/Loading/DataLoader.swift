/// Options that decide which rows count.
public struct LoadOptions: Sendable, Equatable {
    /// Only this year is loaded; rows of other years are counted as out of scope.
    public var year: Int?
    /// Realisations after this quarter are ignored (reported as info).
    public var asOf: Quarter?

    public init(year: Int? = nil, asOf: Quarter? = nil) {
        self.year = year
        self.asOf = asOf
    }
}

/// Loads a data directory of CSV exports into a ``Dataset``.
///
/// Files are recognised by name or header and loaded agencies → targets → realisations.
/// Realisation rows are folded into their indicator's quarter slots as they are parsed, so
/// memory follows the number of indicators, not rows. Every row is either used or listed as a
/// ``ValidationIssue``; problems that make the data unusable throw ``InputError``.
public struct DataLoader {
    public var options: LoadOptions
    public var reader = CSVFileReader()

    public init(options: LoadOptions = LoadOptions()) {
        self.options = options
    }

    /// Loads every CSV file directly inside `directory`.
    ///
    /// - Throws: ``InputError`` for a missing directory, an unrecognised or malformed file, a
    ///   missing required column, or when no target file is found.
    public func load(directory: String) throws -> Dataset {
        let found = try InputFile.csvFiles(in: directory)
        var files: [InputFile] = []
        for (path, name) in found {
            files.append(try InputFile.inspect(path: path, name: name, reader: reader))
        }
        guard files.contains(where: { $0.kind == .targets || $0.kind == .combined }) else {
            throw InputError(.noTargetFile, file: directory,
                             message: "Tidak ada berkas target di folder '\(directory)'. Letakkan ekspor Perjanjian Kinerja "
                                 + "(mis. target_2025.csv dengan kolom tahun, kode_opd, kode_indikator, indikator, polaritas, "
                                 + "target_tahunan) di folder itu.")
        }
        files.sort { ($0.kind.loadOrder, $0.name) < ($1.kind.loadOrder, $1.name) }
        var session = LoadSession(options: options)
        for file in files {
            try session.load(file, reader: reader)
        }
        if let year = options.year, !session.dataset.indicators.contains(where: { $0.year == year }) {
            throw InputError(.noDataForYear, file: directory,
                             message: "Tidak ada target untuk tahun \(year) di folder '\(directory)'. "
                                 + "Tahun yang ada: \(session.yearsSeen.sorted().map(String.init).joined(separator: ", ")).")
        }
        return session.dataset
    }
}
