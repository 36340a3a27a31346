#if canImport(Glibc)
import Glibc
#endif

/// A CSV file of the data directory, with what its header says it holds.
struct InputFile {
    enum Kind: Equatable {
        /// pemda.csv: kode_pemda, nama_pemda, provinsi of the Pemda of a many-Pemda run.
        case pemdas
        case agencies
        case targets
        /// Targets and realisations (realisasi_tw1 … 4, or monthly columns) in the same rows.
        case combined
        /// One row per indicator and quarter or month: triwulan or bulan + realisasi.
        case longActuals
        /// One row per indicator with realisasi_tw1 … realisasi_tw4 or realisasi_jan … _des.
        case wideActuals

        var summaryKind: FileSummary.Kind {
            switch self {
            case .pemdas: .pemdas
            case .agencies: .agencies
            case .targets: .targets
            case .combined: .combined
            case .longActuals, .wideActuals: .actuals
            }
        }

        /// Pemda and agencies first, then targets, then realisations, so every realisation finds its
        /// target whatever the file names are.
        var loadOrder: Int {
            switch self {
            case .pemdas: 0
            case .agencies: 1
            case .targets, .combined: 2
            case .longActuals, .wideActuals: 3
            }
        }
    }

    let path: String
    /// The name relative to the data directory, as reports show it.
    let name: String
    let kind: Kind
    let layout: CSVFileLayout
    let header: HeaderMap
    let headerLine: Int

    /// What a data folder holds: the CSV files to read, and the entries that are not read.
    struct Listing {
        var files: [(path: String, name: String)] = []
        /// A FIFO, device or socket with a CSV name, and why it is skipped: opening one could
        /// wait forever (SPEC §6).
        var skipped: [(name: String, kind: String)] = []
        /// Files the run itself writes, when the output folder is the data folder.
        var ownOutput: [String] = []
        /// The log `lakip import` writes beside the files it makes (`impor.csv`).
        var importLogs: [String] = []
    }

    /// The CSV files directly inside `directory` that a run reads (see ``listing(of:outputDirectory:)``).
    static func csvFiles(in directory: String) throws -> [(path: String, name: String)] {
        try listing(of: directory).files
    }

    /// The CSV files directly inside `directory`, sorted by name; hidden files are skipped,
    /// and so are entries that are not regular files (a folder is kept, to be refused when
    /// read) and, when `outputDirectory` is this same folder, the files a run writes there.
    static func listing(of directory: String, outputDirectory: String? = nil) throws -> Listing {
        guard let handle = opendir(directory) else {
            throw InputError(.directoryMissing, file: directory,
                             message: "Folder data '\(directory)' tidak ada atau tidak dapat dibuka. "
                                 + "Buat folder itu atau sebutkan folder lain dengan --data.")
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            let lower = name.lowercased()
            guard !name.hasPrefix("."), lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") else { continue }
            names.append(name)
        }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        let writesHere = outputDirectory.map { sameDirectory(directory, $0) } ?? false
        var listing = Listing()
        for name in names.sorted() {
            let path = base + name
            if writesHere && name == ReportWriter.validationFile {
                listing.ownOutput.append(name)
            } else if name == ExportImporter.logFile {
                listing.importLogs.append(name)
            } else if let kind = specialFileKind(path) {
                listing.skipped.append((name, kind))
            } else {
                listing.files.append((path, name))
            }
        }
        return listing
    }

    /// What a FIFO, device or socket at `path` is, in words; `nil` for a regular file, a
    /// folder, or a path that cannot be examined (reading it then says why).
    private static func specialFileKind(_ path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFIFO: return "pipa bernama (FIFO)"
        case S_IFCHR: return "perangkat karakter"
        case S_IFBLK: return "perangkat blok"
        case S_IFSOCK: return "soket"
        default: return nil
        }
    }

    /// Whether two paths name the same existing folder (through links and `..` alike).
    private static func sameDirectory(_ first: String, _ second: String) -> Bool {
        var a = stat(), b = stat()
        guard stat(first, &a) == 0, stat(second, &b) == 0 else { return false }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }

    /// Reads the header of a file and decides what the file holds: by its name
    /// (`target*`, `realisasi*`, `opd*`) and otherwise by its columns.
    static func inspect(path: String, name: String, reader: CSVFileReader, aliases: [String: String] = [:]) throws -> InputFile {
        struct HeaderFound: Error { let cells: [String]; let line: Int }
        var headerCells: [String]?
        var headerLine = 1
        let layout: CSVFileLayout
        do {
            layout = try reader.layout(path: path, displayName: name)
        } catch let error as CSVError {
            throw InputError(error)
        }
        do {
            try reader.read(path: path, displayName: name, delimiter: layout.delimiter) { record in
                throw HeaderFound(cells: record.strings, line: record.line)
            }
        } catch let found as HeaderFound {
            headerCells = found.cells
            headerLine = found.line
        } catch let error as CSVError {
            throw InputError(error)
        }
        guard let headerCells else {
            throw InputError(.emptyFile, file: name,
                             message: "\(name): berkas kosong. Isi berkas dengan baris judul kolom dan data, atau pindahkan dari folder data.")
        }
        var header = HeaderMap(header: headerCells, aliases: aliases)
        let lower = name.lowercased()
        let kind: Kind
        let wide = header.hasWideActualColumns || header.hasWideMonthColumns
        if lower.hasPrefix("pemda") || (header.has(.pemdaCode) && !header.has(.agencyCode) && !header.hasTargetColumns
                                       && !header.hasLongActualColumns && !wide) {
            kind = .pemdas
        } else if lower.hasPrefix("realisasi") || (!lower.hasPrefix("target") && !lower.hasPrefix("opd")
                                             && !header.hasTargetColumns
                                             && (header.hasLongActualColumns || wide)) {
            // Without realisasi_tw or monthly columns the file is read as the long form, whose
            // required columns then say what is missing.
            kind = wide && !header.hasLongActualColumns ? .wideActuals : .longActuals
        } else if lower.hasPrefix("target") || header.hasTargetColumns {
            kind = wide ? .combined : .targets
        } else if lower.hasPrefix("opd") || (header.has(.agencyCode) && header.has(.agencyName)) {
            kind = .agencies
        } else {
            throw InputError(.unrecognizedFile, file: name, line: headerLine,
                             message: "\(name): tidak dikenali sebagai berkas target, realisasi, atau daftar OPD "
                                 + "(kolomnya: \(headerCells.joined(separator: ", "))). Beri nama target*.csv / realisasi*.csv / opd.csv "
                                 + "dengan kolom yang sesuai, atau pindahkan berkas ini dari folder data.")
        }
        let targetsFromBareQuarters = kind == .targets || kind == .combined && !header.hasWideActualColumns
        if !header.resolveBareQuarters(asTargets: targetsFromBareQuarters) {
            throw InputError(.ambiguousColumn, file: name, line: headerLine,
                             message: "\(name): kolom seperti 'TW I' tanpa kata 'Target' atau 'Realisasi' tidak dapat ditentukan artinya "
                                 + "di berkas ini. Ganti judulnya menjadi 'Target TW I' atau 'Realisasi TW I'.")
        }
        let file = InputFile(path: path, name: name, kind: kind, layout: layout, header: header, headerLine: headerLine)
        try file.checkRequiredColumns()
        return file
    }

    /// A file whose header is known without reading it: the canonical rows of a report-shaped
    /// export imported in memory (`LoadSession+ReportShapedFile.swift`).
    init(path: String, name: String, kind: Kind, layout: CSVFileLayout, header: HeaderMap, headerLine: Int) {
        self.path = path
        self.name = name
        self.kind = kind
        self.layout = layout
        self.header = header
        self.headerLine = headerLine
    }

    /// The columns a file of this kind cannot do without.
    private func checkRequiredColumns() throws {
        var required: [Column]
        switch kind {
        case .pemdas: required = [.pemdaCode, .pemdaName]
        case .agencies: required = [.agencyCode, .agencyName]
        case .targets, .combined: required = [.year, .agencyCode, .indicatorCode, .indicator, .polarity]
        case .longActuals:
            // bulan takes the place of triwulan in a monthly export (SPEC §8).
            required = [.year, .agencyCode, .indicatorCode, header.has(.month) ? .month : .quarter, .actual]
        case .wideActuals: required = [.year, .agencyCode, .indicatorCode]
        }
        if let missing = required.first(where: { !header.has($0) }) {
            throw InputError(.missingColumn, file: name, line: headerLine, column: missing.canonicalName,
                             message: "\(name), baris \(headerLine): kolom wajib '\(missing.canonicalName)' tidak ada. "
                                 + "Tambahkan kolom itu pada baris judul (nama lain yang dikenal juga boleh, lihat README).")
        }
        if (kind == .targets || kind == .combined) && !header.hasTargetColumns {
            throw InputError(.missingColumn, file: name, line: headerLine, column: "target_tahunan",
                             message: "\(name), baris \(headerLine): tidak ada kolom target (target_tahunan atau target_tw1 … target_tw4). "
                                 + "Tambahkan kolom target pada baris judul.")
        }
    }
}
