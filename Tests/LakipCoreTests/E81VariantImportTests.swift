import Foundation
import Testing
@testable import LakipCore

/// A cell's number as the test states it; `nil` for an empty cell.
private func value(_ text: String?) -> ExactDecimal? {
    text.map(exactValue)
}

/// One indicator as the test states it by hand from the fixture's cells.
private struct Expected {
    var code: String, name: String, objective: String, unit: String
    var target: String?, renstra: String?, ceiling: String?
    var actuals: [String?], money: [String?]
    var polarity: Polarity, aggregation: Aggregation

    func check(_ indicator: ImportedIndicator, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(indicator.code == code && indicator.name == name, sourceLocation: sourceLocation)
        #expect(indicator.objective == objective && indicator.unit == unit, "\(code)", sourceLocation: sourceLocation)
        #expect(indicator.annualTarget == value(target) && indicator.renstraTarget == value(renstra), "\(code)",
                sourceLocation: sourceLocation)
        #expect(indicator.budgetCeiling == value(ceiling), "\(code)", sourceLocation: sourceLocation)
        #expect(indicator.actuals == actuals.map(value), "\(code)", sourceLocation: sourceLocation)
        #expect(indicator.budgetActuals == money.map(value), "\(code)", sourceLocation: sourceLocation)
        #expect(indicator.polarity == polarity && indicator.aggregation == aggregation, "\(code)", sourceLocation: sourceLocation)
    }
}

private let dinkes = "1.02.0.00.0.00.01.0000"
private let none: [String?] = [nil, nil, nil, nil]

/// Kyozen-1/emonev (`app/Exports/OpdE81Ekspor.php`, view `opd/laporan/e-81.blade.php`): no
/// title rows, `pr.`/`kg.`/`skg.` in the No column instead of codes, one indicator per row,
/// "12/Unit" values, "Rp. 0, 00", column 14 as a PHP float or `number_format($x, 2)`.
@Suite("lakip import: E.81 as emonev writes it")
struct EmonevImportTests {
    static let sasaran1 = "Meningkatnya derajat kesehatan masyarakat"
    static let sasaran2 = "Meningkatnya kualitas kesehatan lingkungan"

    @Test("imports every sasaran, program, kegiatan and sub kegiatan indicator as the rows state them",
          arguments: ["e81-emonev.csv", "e81-emonev-titikkoma.csv"])
    func indicators(_ file: String) throws {
        let sheet = try #require(try ExportImporter.read(bytes: try importFixture(file), name: file,
                                                         knownAgencies: ["dinas kesehatan": dinkes]))
        #expect(sheet.layout == .e81)
        let s1 = Self.sasaran1, s2 = Self.sasaran2
        let expected = [
            // Sasaran rows: the quarters are always "0/…" (not reported), the year in column 12.
            Expected(code: "E81-001", name: "Usia Harapan Hidup", objective: s1, unit: "Tahun", target: "72.1", renstra: "72.5",
                     ceiling: "0", actuals: none, money: none, polarity: .positive, aggregation: .sum),
            Expected(code: "E81-002", name: "Persentase penduduk yang memiliki jaminan kesehatan", objective: s1, unit: "%",
                     target: "97", renstra: "98", ceiling: "0", actuals: none, money: none, polarity: .positive, aggregation: .last),
            // Program pr.1 holds the budget (pagu 9.000.000.000, TW1–TW2 realisations).
            Expected(code: "E81-003", name: "Jumlah puskesmas terakreditasi paripurna", objective: s1, unit: "Puskesmas",
                     target: "12", renstra: "20", ceiling: "9000000000", actuals: ["3", "4", nil, nil],
                     money: ["1500000000", "2250000000", nil, nil], polarity: .positive, aggregation: .sum),
            // Its second indicator repeats the same money: taken once.
            Expected(code: "E81-004", name: "Jumlah rumah sakit yang melayani rujukan terintegrasi", objective: s1, unit: "Unit",
                     target: "4", renstra: "6", ceiling: nil, actuals: ["1", "2", nil, nil], money: none,
                     polarity: .positive, aggregation: .sum),
            // Kegiatan and sub kegiatan: their money is part of the program's.
            Expected(code: "E81-005", name: "Jumlah puskesmas yang direhabilitasi", objective: s1, unit: "Unit",
                     target: "4", renstra: "10", ceiling: nil, actuals: ["1", "2", nil, nil], money: none,
                     polarity: .positive, aggregation: .sum),
            Expected(code: "E81-006", name: "Jumlah puskesmas yang dibangun", objective: s1, unit: "Unit",
                     target: "1", renstra: "2", ceiling: nil, actuals: ["0", "0", "1", nil], money: none,
                     polarity: .positive, aggregation: .sum),
            Expected(code: "E81-007", name: "Persentase desa yang melaksanakan STBM", objective: s2, unit: "%",
                     target: "70", renstra: "100", ceiling: "0", actuals: none, money: none, polarity: .positive, aggregation: .last),
            // Under the second sasaran, which carries no budget: program pr.2 keeps its own.
            Expected(code: "E81-008", name: "Jumlah desa yang melaksanakan STBM", objective: s2, unit: "Desa",
                     target: "45", renstra: "65", ceiling: "500000000", actuals: ["40", "45", nil, nil],
                     money: ["100000000", "150000000", nil, nil], polarity: .positive, aggregation: .sum),
        ]
        #expect(sheet.indicators.count == expected.count)
        for (indicator, expected) in zip(sheet.indicators, expected) { expected.check(indicator) }
        // A sasaran row has no program: its indicator carries no program note.
        let program1 = "program/kegiatan: Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat"
        #expect(sheet.indicators.map(\.note) == [
            "", "", program1, program1,
            "program/kegiatan: Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah Kabupaten/Kota",
            "program/kegiatan: Pembangunan Puskesmas", "", "program/kegiatan: Program Penyehatan Lingkungan",
        ])
    }

    @Test("every row is accounted for, and what was inferred or left out is said on its line")
    func notes() throws {
        let sheet = try #require(try ExportImporter.read(bytes: try importFixture("e81-emonev.csv"), name: "e81-emonev.csv",
                                                         knownAgencies: ["dinas kesehatan": dinkes]))
        // 4 header rows and 8 indicator rows.
        #expect(sheet.rowsRead == 12 && sheet.imported == 8 && sheet.structure == 4 && sheet.rejected == 0)
        func note(_ line: Int, _ code: String) -> ImportNote? { sheet.notes.first { $0.line == line && $0.code == code } }
        // No title rows: the year is in the header labels, a peringatan.
        #expect(note(1, "tahun-dari-judul-kolom")?.level == .warning)
        #expect(sheet.indicators.allSatisfy { $0.year == 2025 })
        #expect(note(8, "anggaran-sudah-dicatat")?.message.contains("pagu dan realisasi anggaran") == true)
        let kegiatan = try #require(note(9, "anggaran-sudah-di-induk"))
        #expect(kegiatan.message.contains("kegiatan 'Penyediaan Fasilitas") && kegiatan.message.contains("program 'Program Pemenuhan"))
        #expect(note(10, "anggaran-sudah-di-induk")?.message.contains("sub kegiatan 'Pembangunan Puskesmas'") == true)
        #expect(note(12, "anggaran-sudah-di-induk") == nil)
        // Column 14 is a PHP float on sasaran rows (198.48275862069) and number_format on
        // program rows (75.00); both settle the polaritas.
        #expect(note(5, "polaritas-cocok")?.message.contains("198.48275862069") == true)
        #expect(note(7, "polaritas-cocok") != nil)
        // The yearly value of a sasaran row is not a quarter: said, not imported.
        #expect(note(5, "realisasi-triwulan-kosong")?.level == .warning)
        // Column 13 adds last years' realisations (8 + 7): lakip's capaian_renstra will differ.
        #expect(note(7, "capaian-renstra-kumulatif")?.message.contains("(kolom 13 = 6 + 12: 15)") == true)
        #expect(note(10, "capaian-renstra-kumulatif") == nil)  // column 6 is 0 there
    }
}

/// ariefs66/sira_hibah_v4 (`app/Http/Controllers/ExcelController.php`, `getExport`): the
/// standard form filled into a template from row 17; names indented by level instead of codes,
/// program outcomes as "Tolak ukur : 80%" lines, realisations as "8  Puskesmas", rupiah as bare
/// numbers, footers from the template.
@Suite("lakip import: E.81 as sira_hibah writes it")
struct SiraImportTests {
    @Test("imports the program and kegiatan indicators; the budget counted once",
          arguments: ["e81-sira.csv", "e81-sira-titikkoma.csv"])
    func indicators(_ file: String) throws {
        let sheet = try #require(try ExportImporter.read(bytes: try importFixture(file), name: file,
                                                         knownAgencies: ["dinas kesehatan": dinkes]))
        let s1 = "Meningkatnya derajat kesehatan masyarakat", s2 = "Meningkatnya kualitas kesehatan lingkungan"
        let expected = [
            // The program: target from its outcome text, the pagu (12.500.000.000) of the program.
            Expected(code: "E81-001", name: "Persentase puskesmas yang memenuhi standar pelayanan", objective: s1, unit: "%",
                     target: "85", renstra: nil, ceiling: "12500000000", actuals: ["20", "45", "70", nil], money: none,
                     polarity: .positive, aggregation: .last),
            // Its kegiatan: pagu inside the program's, realisations their own (the program has none).
            Expected(code: "E81-002", name: "Jumlah puskesmas yang mendapat pembinaan", objective: s1, unit: "Puskesmas",
                     target: "31", renstra: nil, ceiling: nil, actuals: ["8", "16", "24", nil],
                     money: ["950000000", "1100000000", "1200000000", nil], polarity: .positive, aggregation: .sum),
            // The kegiatan's second output repeats the kegiatan's realisations: once.
            Expected(code: "E81-003", name: "Jumlah tenaga kesehatan puskesmas yang dilatih", objective: s1, unit: "Orang",
                     target: "120", renstra: nil, ceiling: nil, actuals: ["30", "75", "110", nil], money: none,
                     polarity: .positive, aggregation: .sum),
            Expected(code: "E81-004", name: "Persentase ketersediaan obat di puskesmas", objective: s1, unit: "%",
                     target: "95", renstra: nil, ceiling: nil, actuals: ["90", "92", nil, nil],
                     money: ["600000000", "700000000", nil, nil], polarity: .positive, aggregation: .last),
            // Under the rejected second program: the kegiatan keeps its pagu.
            Expected(code: "E81-005", name: "Jumlah desa yang dipicu STBM", objective: s2, unit: "Desa",
                     target: "40", renstra: nil, ceiling: "800000000", actuals: ["10", "22", nil, nil],
                     money: ["150000000", "200000000", nil, nil], polarity: .positive, aggregation: .sum),
        ]
        #expect(sheet.indicators.count == expected.count)
        for (indicator, expected) in zip(sheet.indicators, expected) { expected.check(indicator) }
        #expect(sheet.indicators.allSatisfy { $0.year == 2018 && $0.agencyCode == dinkes })
    }

    @Test("the footer is structure, the mismatched outcome cell a galat, and every inference said")
    func notes() throws {
        let sheet = try #require(try ExportImporter.read(bytes: try importFixture("e81-sira.csv"), name: "e81-sira.csv",
                                                         knownAgencies: ["dinas kesehatan": dinkes]))
        #expect(sheet.rowsRead == 40 && sheet.imported == 5 && sheet.rejected == 1)
        #expect(sheet.rowsRead == sheet.imported + sheet.structure + sheet.rejected)
        func note(_ line: Int, _ code: String) -> ImportNote? { sheet.notes.first { $0.line == line && $0.code == code } }
        // "Periode Pelaksanaan 2018" on line 8 (the Renstra period "2021 - 2026" is no year).
        #expect(note(8, "tahun-dari-judul") != nil)
        // sira does not reset the outcome text between programs: the second program's cell
        // holds two outcomes for one realisation per quarter.
        let rejected = try #require(note(24, "jumlah-baris-sel"))
        #expect(rejected.level == .error && rejected.message.contains("kolom 8 K berisi 1 baris"))
        #expect(note(19, "target-dari-nama")?.message.contains("target 85%") == true)
        #expect(note(21, "anggaran-sudah-di-induk")?.message.hasPrefix("pagu kegiatan 'Kegiatan Peningkatan") == true)
        #expect(note(22, "anggaran-sudah-dicatat")?.message.hasPrefix("realisasi anggaran baris ini") == true)
        // No capaian column: polaritas and agregasi are guesses to check.
        #expect(note(19, "polaritas-ditebak")?.level == .warning && note(19, "agregasi-ditebak")?.level == .warning)
        // The template's footer rows (rata-rata, faktor pendorong …, signatures) are structure.
        #expect(note(28, "struktur")?.message == "kaki laporan")
        let footer = sheet.notes.filter { $0.line >= 28 }
        #expect(footer.count == 18 && footer.allSatisfy { $0.outcome == .structure })
    }
}

@Suite("lakip import: E.81 details")
struct E81DetailTests {
    @Test("a year is read from 'Periode Pelaksanaan 2018', not from a Renstra period")
    func periodYear() {
        #expect(SheetContext.yearMentioned(in: "Periode Pelaksanaan 2018") == 2018)
        #expect(SheetContext.yearMentioned(in: "Periode Pelaksanaan: 2021 - 2026") == nil)
        #expect(SheetContext.yearMentioned(in: "Periode Pelaksanaan 2021 s/d 2026") == nil)
        #expect(SheetContext.yearMentioned(in: "Tahun Anggaran 2025") == 2025)
    }

    @Test("a program row rejected for a later column holds no budget: its kegiatan keeps its own")
    func rejectedRowHoldsNoBudget() throws {
        let text = String(decoding: try importFixture("e81-excelrenja.csv"), as: UTF8.self)
            .replacingOccurrences(of: "\"94,67\"", with: "\"sembilan\"")  // the program's column 14
        let sheet = try #require(try ExportImporter.read(bytes: Array(text.utf8), name: "e81.csv", year: 2025))
        let rejected = try #require(sheet.notes.first { $0.outcome == .rejected && $0.code == "angka-tidak-valid" })
        #expect(rejected.line == 16 && rejected.message.contains("kolom 14 K"))
        // The kegiatan under it (line 17) is the highest row imported with money: its pagu stays.
        #expect(sheet.indicators.map(\.name) == ["Persentase puskesmas terakreditasi"])
        #expect(sheet.indicators[0].budgetCeiling == value("500000000"))
        #expect(!sheet.notes.contains { $0.code == "anggaran-sudah-di-induk" })
    }

    @Test("a code split over the cells under column (1) is joined, and places the budget in the tree")
    func splitCode() throws {
        // Column (1) spans four cells: urusan, bidang, program, kegiatan.
        let header = ["Kode,,,,Sasaran,Program / Kegiatan,Indikator,Target Renstra,,Realisasi s.d. tahun lalu,,Target Renja 2025,,"
                          + "Realisasi Kinerja Pada Triwulan,,,,,,,,Realisasi Renja,,Realisasi Renstra,,Tingkat Capaian,,PD",
                      ",,,,,,,,,,,,,I,,II,,III,,IV,,,,,,,,",
                      "(1),,,,(2),(3),(4),(5),,(6),,(7),,(8),,(9),,(10),,(11),,(12),,(13),,(14),,(15)",
                      ",,,,,,,K,Rp,K,Rp,K,Rp,K,Rp,K,Rp,K,Rp,K,Rp,K,Rp,K,Rp,K,Rp,"]
        let program = "1,02,02,,Sasaran A,Program Kesehatan,Jumlah posyandu aktif,100,0,80,0,90,500000000,85,100000000,88,150000000,,,,,88,250000000,88,0,88,0,Dinas Kesehatan"
        let kegiatan = "1,02,02,2.01,,Kegiatan Posyandu,Jumlah kader terlatih,200,0,100,0,150,300000000,60,50000000,120,80000000,,,,,120,130000000,120,0,60,0,Dinas Kesehatan"
        let text = (["Evaluasi Renja Tahun 2025"] + header + [program, kegiatan]).joined(separator: "\n")
        let sheet = try #require(try ExportImporter.read(bytes: Array(text.utf8), name: "kode.csv", agencyCode: "1.02"))
        #expect(sheet.indicators.map(\.name) == ["Jumlah posyandu aktif", "Jumlah kader terlatih"])
        #expect(sheet.indicators.map(\.budgetCeiling) == [value("500000000"), nil])
        let note = try #require(sheet.notes.first { $0.code == "anggaran-sudah-di-induk" })
        #expect(note.message.contains("kegiatan 1.02.02.2.01") && note.message.contains("program 1.02.02"))
    }
}
