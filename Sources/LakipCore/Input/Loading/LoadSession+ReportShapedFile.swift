/// A report-shaped export in the data folder (E.81, Rencana Aksi, flat LAKIP), read in memory
/// with the rules of `lakip import`, so that `lakip run` takes it as it is.
struct ReportShapedFile {
    /// The name relative to the data folder, as reports show it.
    let name: String
    let path: String
    let sheet: ImportedSheet

    /// Reads `path` as a report-shaped export; `nil` when it is not one (or cannot be parsed as
    /// one, in which case the caller's own error about the file stands).
    ///
    /// - Parameters:
    ///   - knownAgencies: OPD names → codes from the folder's `opd.csv`, as `lakip import --ke`
    ///     uses them.
    ///   - usedCodes: indicator codes already generated, so two sheets of one OPD never share one.
    static func read(path: String, name: String, knownAgencies: [String: String], usedCodes: inout Set<String>) -> ReportShapedFile? {
        guard let source = try? ReportSheet.read(path: path, name: name) else { return nil }
        var context = SheetContext(file: name, year: nil, agencyCode: nil, knownAgencies: knownAgencies,
                                   convention: ExportImporter.convention(of: source), usedCodes: usedCodes)
        guard let sheet = ExportImporter.read(source, context: &context) else { return nil }
        usedCodes = context.usedCodes
        return ReportShapedFile(name: name, path: path, sheet: sheet)
    }
}

extension LoadSession {
    /// Loads the canonical rows of a report-shaped export: its `target.csv` rows, then its
    /// `realisasi.csv` rows, each reported against the source line it came from.
    ///
    /// The file counts in source rows, as `lakip import` counts them: rows read = used +
    /// rejected, where structure rows (titles, headers, program/kegiatan, footers) count as
    /// used, and a row is rejected when the import rejected it or the loader rejected one of
    /// its canonical rows. validasi.csv lists the import's galat and its info and peringatan
    /// rows; structure rows are summed up in one info row, not listed one by one.
    mutating func load(_ file: ReportShapedFile, reader: CSVFileReader) throws {
        let sheet = file.sheet
        let index = dataset.files.count
        var summary = FileSummary(name: file.name, kind: .combined)
        summary.rowsRead = sheet.rowsRead
        summary.rowsStructure = sheet.structure
        var rejectedLines = Set<Int>()
        // Each row's problems belong to its OPD's document: by the indicator a note names, else
        // to the sheet's one OPD and year (an E.81 is one OPD's form).
        var owners: [String: (agency: String, year: Int)] = [:]
        for item in sheet.indicators { owners[item.code] = (item.agencyCode, item.year) }
        let agencies = Set(sheet.indicators.map(\.agencyCode)), years = Set(sheet.indicators.map(\.year))
        let soleOwner = agencies.count == 1 && years.count == 1 ? (agencies.first!, years.first!) : nil
        for item in sheet.notes where item.outcome == .rejected || item.outcome == .remark {
            if item.outcome == .rejected { rejectedLines.insert(item.line) }
            let severity: Severity = switch item.level {
            case .error: .error
            case .warning: .warning
            case .info: .info
            }
            var issue = ValidationIssue(severity, file: file.name, line: item.line, code: item.code,
                                        message: item.indicatorCode.isEmpty ? item.message : "indikator \(item.indicatorCode): \(item.message)")
            let named = item.indicatorCode.split(separator: " ").first.flatMap { owners[String($0)] }
            if let owner = named ?? soleOwner, !dataset.keyedByPemda {
                issue.agencyCode = owner.agency
                issue.year = owner.year
            }
            dataset.issues.append(issue)
        }
        note(.info, file.name, nil, "", "impor-dalam-memori",
             "Berkas ini dibaca sebagai \(sheet.layout.title) dengan aturan lakip import: \(sheet.rowsRead) baris dibaca, "
                 + "\(sheet.imported) baris indikator (\(sheet.indicators.count) indikator), \(sheet.structure) baris struktur "
                 + "(judul, judul kolom, program/kegiatan, kaki laporan; dihitung dipakai), \(sheet.rejected) ditolak oleh impor. "
                 + "Kode indikator dibuat oleh impor; jalankan lakip import untuk meninjau dan menyimpannya.")

        var targetLines: [Int] = []
        var actualLines: [Int] = []
        for item in sheet.indicators {
            targetLines.append(item.line)
            for quarter in 0..<4 where item.actuals[quarter] != nil || item.budgetActuals[quarter] != nil {
                actualLines.append(item.line)
            }
        }
        var outOfScope = 0
        for (text, kind, lines) in [(ExportImporter.targetTable(sheet.indicators), InputFile.Kind.targets, targetLines),
                                    (ExportImporter.actualTable(sheet.indicators), .longActuals, actualLines)] {
            var context: FileContext?
            var ordinal = 0
            do {
                _ = try reader.read(bytes: Array(text.utf8), displayName: file.name, delimiter: UInt8(ascii: ",")) { record in
                    guard let current = context else {
                        let layout = CSVFileLayout(delimiter: UInt8(ascii: ","), hadByteOrderMark: false)
                        let input = InputFile(path: file.path, name: file.name, kind: kind, layout: layout,
                                              header: HeaderMap(header: record.strings), headerLine: 0)
                        context = FileContext(file: input, index: index, summary: FileSummary(name: file.name, kind: .combined),
                                              convention: .point)
                        return
                    }
                    let line = lines[ordinal]
                    ordinal += 1
                    let rejectedBefore = current.summary.rowsRejected
                    readRow(record.relined(line), current)
                    if current.summary.rowsRejected > rejectedBefore { rejectedLines.insert(line) }
                }
            } catch let error as CSVError {
                throw InputError(error)
            }
            outOfScope += context?.summary.rowsOutOfScope ?? 0
        }
        if outOfScope > 0 {
            let window = options.year.map { "\($0 - 2)–\($0)" } ?? "-"
            note(.info, file.name, nil, "", "di-luar-cakupan",
                 "\(outOfScope) baris hasil impor di luar tahun \(window) diabaikan (--year dan dua tahun pembandingnya).")
        }
        summary.rowsRejected = rejectedLines.count
        summary.rowsUsed = summary.rowsRead - summary.rowsRejected
        dataset.files.append(summary)
    }
}
