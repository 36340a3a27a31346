import Foundation

/// `lakip import`: turns report-shaped exports into the canonical `target.csv`,
/// `realisasi.csv` and `opd.csv` for review, and lists in `impor.csv` what became of every
/// source row.
public struct ExportImporter {
    public struct Options: Sendable {
        public var files: [String]
        public var outputDirectory: String
        public var year: Int?
        public var agencyCode: String?

        public init(files: [String], outputDirectory: String, year: Int? = nil, agencyCode: String? = nil) {
            self.files = files
            self.outputDirectory = outputDirectory
            self.year = year
            self.agencyCode = agencyCode
        }
    }

    /// A file that could not be imported at all.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The file the message is about, when the message does not name it itself.
        public let file: String?
        public let message: String
        public var description: String { file.map { "\($0): \(message)" } ?? message }
    }

    public let options: Options

    /// The name of the log written beside the canonical files; `lakip run` does not read it.
    public static let logFile = "impor.csv"

    public init(options: Options) {
        self.options = options
    }

    /// Reads every file, then writes the four files. Nothing is written when a file cannot be
    /// read or recognised.
    ///
    /// - Returns: the sheets read, in the order given.
    /// - Throws: ``Failure`` for an unreadable or unrecognised file, or an output that cannot
    ///   be written.
    public func run() throws -> [ImportedSheet] {
        let known = Self.knownAgencies(in: options.outputDirectory)
        var used = Set<String>()
        var sheets: [ImportedSheet] = []
        for path in options.files {
            let name = (path as NSString).lastPathComponent
            let sheet: ReportSheet
            do {
                sheet = try ReportSheet.read(path: path, name: name)
            } catch let error as CSVError {
                // Its description already starts with the file's name.
                throw Failure(file: nil, message: error.description)
            } catch {
                throw Failure(file: name, message: "\(error)")
            }
            var context = SheetContext(file: name, year: options.year, agencyCode: options.agencyCode, knownAgencies: known,
                                       convention: Self.convention(of: sheet), usedCodes: used)
            guard let result = Self.read(sheet, context: &context) else {
                throw Failure(file: name, message: "bentuk ekspor tidak dikenali: tidak ada judul kolom E.81 ('Realisasi Kinerja Pada Triwulan'), "
                                  + "Rencana Aksi ('TARGET KEGIATAN PER TRIWULAN') atau tabel LAKIP (INDIKATOR, TARGET, CAPAIAN TAHUN INI). "
                                  + "Berkas berformat kolom baku tidak perlu diimpor: taruh langsung di folder data.")
            }
            used = context.usedCodes
            sheets.append(result)
        }
        try write(sheets)
        return sheets
    }

    /// Recognises the layout of `sheet` and reads it; `nil` when no layout matches.
    static func read(_ sheet: ReportSheet, context: inout SheetContext) -> ImportedSheet? {
        guard let (layout, headerIndex) = ExportLayout.recognize(sheet) else { return nil }
        var result = ImportedSheet(layout: layout)
        result.rowsRead = sheet.rows.count
        result.remark(sheet.rows[headerIndex].line, file: context.file, level: .info, code: "bentuk-ekspor", indicator: "",
                      "dikenali sebagai \(layout.title); pemisah '\(sheet.delimiter == 9 ? "tab" : String(UnicodeScalar(sheet.delimiter)))', "
                          + "angka seperti 1.234 dibaca dengan desimal \(context.convention.label).")
        switch layout {
        case .e81: E81Reader(sipd: false).read(sheet, headerIndex: headerIndex, context: &context, into: &result)
        case .e81SIPD: E81Reader(sipd: true).read(sheet, headerIndex: headerIndex, context: &context, into: &result)
        case .actionPlan: ActionPlanReader().read(sheet, headerIndex: headerIndex, context: &context, into: &result)
        case .flatLAKIP: FlatLAKIPReader().read(sheet, headerIndex: headerIndex, context: &context, into: &result)
        }
        return result
    }

    /// Reads a sheet held in memory (for tests and `lakip run`).
    public static func read(bytes: [UInt8], name: String, year: Int? = nil, agencyCode: String? = nil,
                            knownAgencies: [String: String] = [:]) throws -> ImportedSheet? {
        let sheet = try ReportSheet.parse(bytes: bytes, name: name)
        var context = SheetContext(file: name, year: year, agencyCode: agencyCode, knownAgencies: knownAgencies,
                                   convention: convention(of: sheet), usedCodes: [])
        return read(sheet, context: &context)
    }

    /// The decimal separator of a sheet: a `;` file and Indonesian apps use a comma; a cell like
    /// `12.5` (and none like `12,5`) says otherwise.
    static func convention(of sheet: ReportSheet) -> DecimalConvention {
        if sheet.delimiter == UInt8(ascii: ";") { return .comma }
        var point = 0, comma = 0
        for row in sheet.rows {
            for cell in row.cells where cell.first?.isNumber == true {
                if case .value(_, let evidence?, _) = NumberParser.parse(cell.split(separator: "/").first.map(String.init) ?? cell, convention: .comma) {
                    if evidence == .point { point += 1 } else { comma += 1 }
                }
            }
        }
        return point > comma ? .point : .comma
    }

    /// Names of the OPDs in `directory/opd.csv`, lowercased, with their codes.
    static func knownAgencies(in directory: String) -> [String: String] {
        let path = (directory as NSString).appendingPathComponent("opd.csv")
        guard let data = FileManager.default.contents(atPath: path),
              let sheet = try? ReportSheet.parse(bytes: [UInt8](data), name: "opd.csv"),
              let header = sheet.rows.first else { return [:] }
        let keys = header.cells.map { TermParsing.normalizedKey($0) }
        guard let codeColumn = keys.firstIndex(of: "kodeopd"), let nameColumn = keys.firstIndex(of: "namaopd") else { return [:] }
        var known: [String: String] = [:]
        for row in sheet.rows.dropFirst() where !row[codeColumn].isEmpty {
            known[looseText(row[nameColumn])] = row[codeColumn]
        }
        return known
    }

    // MARK: Writing

    /// The four files, each written whole to a temporary name and renamed into place.
    func write(_ sheets: [ImportedSheet]) throws {
        let directory = options.outputDirectory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw Failure(file: directory, message: "folder tujuan tidak dapat dibuat: \(error.localizedDescription)")
        }
        let indicators = sheets.flatMap(\.indicators)
        let files = [
            ("target.csv", Self.targetTable(indicators)),
            ("realisasi.csv", Self.actualTable(indicators)),
            ("opd.csv", Self.agencyTable(indicators, existing: Self.existingAgencyRows(in: directory))),
            (Self.logFile, Self.noteTable(sheets.flatMap(\.notes))),
        ]
        for (name, text) in files {
            let path = (directory as NSString).appendingPathComponent(name)
            let temporary = (directory as NSString).appendingPathComponent(".\(name).impor-\(getpid())")
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
                if rename(temporary, path) != 0 { throw Failure(file: name, message: String(cString: strerror(errno))) }
            } catch {
                unlink(temporary)
                throw Failure(file: path, message: "tidak dapat ditulis: \(error)")
            }
        }
    }

    static let targetHeader = ["tahun", "kode_opd", "nama_opd", "kode_sasaran", "sasaran", "kode_indikator", "indikator", "satuan",
                               "polaritas", "agregasi", "target_tahunan", "target_tw1", "target_tw2", "target_tw3", "target_tw4",
                               "target_renstra", "pagu_anggaran"]

    static func targetTable(_ indicators: [ImportedIndicator]) -> String {
        var lines = [csvLine(targetHeader)]
        for item in indicators {
            lines.append(csvLine([String(item.year), item.agencyCode, item.agencyName, item.objectiveCode, item.objective, item.code,
                                  item.name, item.unit, item.polarity.label, item.aggregation.label, text(item.annualTarget)]
                                 + item.quarterTargets.map(text) + [text(item.renstraTarget), text(item.budgetCeiling)]))
        }
        return lines.joined()
    }

    static func actualTable(_ indicators: [ImportedIndicator]) -> String {
        var lines = [csvLine(["tahun", "kode_opd", "kode_indikator", "triwulan", "realisasi", "realisasi_anggaran", "keterangan"])]
        for item in indicators {
            for quarter in 0..<4 where item.actuals[quarter] != nil || item.budgetActuals[quarter] != nil {
                lines.append(csvLine([String(item.year), item.agencyCode, item.code, String(quarter + 1), text(item.actuals[quarter]),
                                      text(item.budgetActuals[quarter]), item.note]))
            }
        }
        return lines.joined()
    }

    static func agencyTable(_ indicators: [ImportedIndicator], existing: [[String]]) -> String {
        var lines = [csvLine(["kode_opd", "nama_opd"])]
        var seen = Set<String>()
        for row in existing where row.count >= 2 && seen.insert(row[0]).inserted { lines.append(csvLine(Array(row.prefix(2)))) }
        for item in indicators where seen.insert(item.agencyCode).inserted {
            lines.append(csvLine([item.agencyCode, item.agencyName]))
        }
        return lines.joined()
    }

    /// The rows of an opd.csv already in the folder (kode_opd, nama_opd), kept first.
    static func existingAgencyRows(in directory: String) -> [[String]] {
        let path = (directory as NSString).appendingPathComponent("opd.csv")
        guard let data = FileManager.default.contents(atPath: path),
              let sheet = try? ReportSheet.parse(bytes: [UInt8](data), name: "opd.csv"), let header = sheet.rows.first else { return [] }
        let keys = header.cells.map { TermParsing.normalizedKey($0) }
        guard let code = keys.firstIndex(of: "kodeopd"), let name = keys.firstIndex(of: "namaopd") else { return [] }
        return sheet.rows.dropFirst().filter { !$0[code].isEmpty }.map { [$0[code], $0[name]] }
    }

    static func noteTable(_ notes: [ImportNote]) -> String {
        var lines = [csvLine(["berkas", "baris", "hasil", "tingkat", "kode", "kode_indikator", "pesan"])]
        for note in notes {
            lines.append(csvLine([note.file, String(note.line), note.outcome.rawValue, note.level.rawValue, note.code,
                                  note.indicatorCode, note.message]))
        }
        return lines.joined()
    }

    static func text(_ value: ExactDecimal?) -> String { value.map { $0.description } ?? "" }

    /// One RFC 4180 line, comma-separated, LF-terminated.
    static func csvLine(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\n"
    }
}
