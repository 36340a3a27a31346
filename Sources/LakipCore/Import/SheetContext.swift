import Foundation

/// What every layout reader needs besides the sheet: the options, the OPD list to match names
/// against, and the codes already handed out.
struct SheetContext {
    let file: String
    let year: Int?
    let agencyCode: String?
    /// Known OPDs (from an existing opd.csv): lowercased name → code.
    let knownAgencies: [String: String]
    let convention: DecimalConvention
    /// Codes used so far per OPD, so two files never hand out the same indicator code.
    var usedCodes: Set<String>

    /// The first code `base`, `base-2`, … not yet used by `agency`.
    mutating func uniqueCode(_ base: String, agency: String) -> String {
        var code = base
        var suffix = 2
        while usedCodes.contains(agency + "\u{1F}" + code) {
            code = "\(base)-\(suffix)"
            suffix += 1
        }
        usedCodes.insert(agency + "\u{1F}" + code)
        return code
    }

    /// A year named in `text`: "Tahun 2025", "Tahun Anggaran 2025", "Tahun : 2025", "Periode
    /// Pelaksanaan 2018".
    static func yearMentioned(in text: String) -> Int? {
        let words = looseText(text).replacingOccurrences(of: ":", with: " ").split(separator: " ").map(String.init)
        func year(_ word: String) -> Int? {
            guard word.count == 4, let year = Int(word), (1900...2200).contains(year) else { return nil }
            return year
        }
        for (index, word) in words.enumerated() where word == "tahun" {
            for next in words.dropFirst(index + 1).prefix(2) {
                if let found = year(next) { return found }
            }
        }
        // sira: "Periode Pelaksanaan 2018" (one year; "2021 - 2026" is the Renstra period).
        for (index, word) in words.enumerated() where word == "pelaksanaan" && index + 1 < words.count {
            let rest = words.dropFirst(index + 2)
            if let found = year(words[index + 1]), rest.first.map({ !["-", "s/d", "sampai", "–"].contains($0) && year($0) == nil }) ?? true {
                return found
            }
        }
        return nil
    }

    /// Whether `text` reads as the name of an OPD.
    static func looksLikeAgencyName(_ text: String) -> Bool {
        let lower = looseText(text)
        return ["dinas ", "badan ", "sekretariat ", "kecamatan ", "inspektorat", "satuan polisi", "kantor ",
                "rumah sakit", "bagian ", "satpol"].contains { lower.hasPrefix($0) }
    }

    /// Decides the OPD of a sheet: `--opd`, a code printed with the name, a name found in
    /// opd.csv, or a code made from the name (peringatan).
    func agency(name: String, printedCode: String?, line: Int, sheet: inout ImportedSheet) -> (code: String, name: String) {
        if let agencyCode {
            sheet.remark(line, file: file, level: .info, code: "opd-dari-opsi", indicator: "",
                         "OPD '\(name)' diberi kode \(agencyCode) dari --opd.")
            return (agencyCode, name)
        }
        if let printedCode, !printedCode.isEmpty {
            sheet.remark(line, file: file, level: .info, code: "opd-dari-judul", indicator: "",
                         "kode OPD \(printedCode) dibaca dari judul ekspor.")
            return (printedCode, name)
        }
        if let known = knownAgencies[looseText(name)] {
            sheet.remark(line, file: file, level: .info, code: "opd-dari-daftar", indicator: "",
                         "OPD '\(name)' ditemukan di opd.csv dengan kode \(known).")
            return (known, name)
        }
        let made = "OPD-" + looseText(name.isEmpty ? "tanpa nama" : name).uppercased()
            .map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        sheet.remark(line, file: file, level: .warning, code: "opd-tanpa-kode", indicator: "",
                     "ekspor tidak memuat kode OPD '\(name)'; dipakai kode sementara \(made). Beri --opd KODE, "
                         + "atau taruh opd.csv berisi nama itu di folder tujuan, lalu impor ulang.")
        return (made, name)
    }

    /// Reads a value cell; a failure names the column.
    func value(_ text: String, column: String, line: Int) throws -> MeasuredValue {
        do {
            return try MeasuredValue.parse(text, convention: convention)
        } catch MeasuredValue.Failure.notANumber(let reason) {
            throw RowProblem(code: "angka-tidak-valid", message: "kolom \(column): \(reason).")
        }
    }
}

/// Why one source row cannot be imported.
struct RowProblem: Error {
    let code: String
    let message: String
}

/// The texts that begin a report's footer (E.81 and its kin).
let footerOpenings = [
    "rata-rata capaian", "rata rata capaian", "predikat kinerja", "faktor pendorong", "faktor penghambat",
    "tindak lanjut", "disusun", "dievaluasi", "kepala ", "kab/kota", "jumlah", "total", "(....", "......",
]

/// The cells of a multi-indicator row, split on line breaks and lined up with `count` indicators.
///
/// - Returns: `count` parts (a blank cell gives `count` empty parts; one value with
///   `broadcast` is repeated).
/// - Throws: ``RowProblem`` when the cell holds another number of lines.
func alignedParts(_ cell: String, count: Int, column: String, broadcast: Bool = false, allowFewer: Bool = false) throws -> [String] {
    let parts = MeasuredValue.lines(cell)
    if parts.isEmpty { return Array(repeating: "", count: count) }
    if parts.count == count { return parts }
    if parts.count == 1 && broadcast { return Array(repeating: parts[0], count: count) }
    if allowFewer && parts.count < count { return parts + Array(repeating: "", count: count - parts.count) }
    throw RowProblem(code: "jumlah-baris-sel",
                     message: "sel indikator berisi \(count) baris, tetapi kolom \(column) berisi \(parts.count) baris; "
                         + "setiap indikator harus punya nilainya sendiri di baris yang sama dalam sel. Perbaiki sel itu lalu impor ulang.")
}

/// Quarters written 0 after the last quarter with a value: the apps print 0 for "not yet".
func dropTrailingZeroQuarters(_ indicator: inout ImportedIndicator, sheet: inout ImportedSheet, file: String) {
    var dropped: [Int] = []
    for index in stride(from: 3, through: 0, by: -1) {
        let value = indicator.actuals[index]
        let money = indicator.budgetActuals[index]
        let zeroOrEmpty = (value == nil || value!.isZero) && (money == nil || money!.isZero)
        guard zeroOrEmpty else { break }
        if value != nil || money != nil { dropped.append(index + 1) }
        indicator.actuals[index] = nil
        indicator.budgetActuals[index] = nil
    }
    if !dropped.isEmpty {
        sheet.remark(indicator.line, file: file, level: .info, code: "nol-dibaca-kosong", indicator: indicator.code,
                     "realisasi 0 pada " + dropped.reversed().map { "TW\($0)" }.joined(separator: ", ")
                         + " (sesudah triwulan terakhir yang berisi) dibaca sebagai belum dilaporkan.")
    }
}
