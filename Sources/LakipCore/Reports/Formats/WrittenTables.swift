/// The CSV tables of one year read back from the files the run has just built, typed for a
/// workbook: the XLSX sheets then hold exactly what the CSV tables hold, whatever tables and
/// columns the CSV writer has.
enum WrittenTables {
    /// Columns that always hold text, even when a value looks like a number (codes such as `1.02`).
    private static let textColumns: Set<String> = ["sasaran", "indikator", "satuan", "polaritas", "agregasi", "periode",
                                                   "keterangan", "kategori", "predikat", "arah", "tren"]
    /// Columns printed with exactly two decimals (capaian, progres, shares).
    private static let twoDecimalPrefixes = ["capaian", "progres", "rata_rata", "persen", "kelengkapan"]

    /// Reads `files` (built beside `names`, not yet renamed) in `dialect`.
    static func read(_ files: [AtomicFile], names: [String], dialect: CSVDialect) throws -> [ReportTable] {
        try read(paths: files.map(\.temporaryPath), finalPaths: files.map(\.path), names: names, dialect: dialect)
    }

    /// Reads the CSV tables at `paths` (named `names`, reported as `finalPaths`) in `dialect`.
    static func read(paths: [String], finalPaths: [String], names: [String], dialect: CSVDialect) throws -> [ReportTable] {
        var tables: [ReportTable] = []
        for ((path, finalPath), name) in zip(zip(paths, finalPaths), names) {
            var records: [[String]] = []
            do {
                try CSVFileReader().read(path: path, displayName: name, delimiter: dialect.delimiter) {
                    records.append($0.strings)
                }
            } catch {
                throw OutputError(path: finalPath, reason: "tabel tidak dapat dibaca ulang untuk XLSX (\(error))")
            }
            guard let header = records.first else { continue }
            let rows = records.dropFirst().map { record in
                record.enumerated().map { column, text in
                    cell(text, column: column < header.count ? header[column] : "", dialect: dialect)
                }
            }
            let stem = name.hasSuffix(".csv") ? String(name.dropLast(4)) : name
            tables.append(ReportTable(name: stem, header: header, rows: rows))
        }
        return tables
    }

    /// A CSV field as a typed cell: numbers where the column holds numbers, text otherwise,
    /// with the excel-id neutralising `'` taken off (a workbook cell cannot run a formula).
    static func cell(_ text: String, column: String, dialect: CSVDialect) -> ReportCell {
        if text.isEmpty { return .empty }
        let isText = textColumns.contains(column) || column.hasPrefix("kode_") || column.hasPrefix("nama_")
            || column.hasPrefix("kategori") || column.hasPrefix("predikat")
        if !isText, let value = number(text, separator: Character(UnicodeScalar(dialect.decimalSeparator))) {
            if twoDecimalPrefixes.contains(where: column.hasPrefix), value.scale == 2,
               let hundredths = Int64(exactly: value.units) {
                return .achievement(Achievement(hundredths: hundredths))
            }
            if value.scale == 0, let integer = Int(exactly: value.units) { return .integer(integer) }
            return .value(Fraction(numerator: value.units, denominator: Fraction.powerOfTen(value.scale)))
        }
        if dialect.neutralisesFormulas, text.hasPrefix("'"), let second = text.dropFirst().first,
           ["=", "+", "-", "@", "\t", "\r"].contains(second) {
            return .text(String(text.dropFirst()))
        }
        return .text(text)
    }

    /// `-12.50` → (−1250, 2); `nil` unless the text is a plain decimal with at most 15 decimals.
    static func number(_ text: String, separator: Character) -> (units: Int128, scale: Int)? {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        let parts = digits.split(separator: separator, maxSplits: 1, omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              parts[0].count <= 20, (parts.count == 1 || parts[1].count <= 15),
              let units = Int128(parts.joined()) else { return nil }
        return (negative ? -units : units, parts.count == 2 ? parts[1].count : 0)
    }
}
