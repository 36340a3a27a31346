import Foundation
import Testing
@testable import LakipCore

private let dinkes = "1.02.0.00.0.00.01.0000"

@Suite("lakip import: E.81 (ExcelRenja)")
struct E81ImportTests {
    @Test("imports the indicators as the form states them", arguments: ["e81-excelrenja.csv", "e81-excelrenja-titikkoma.csv"])
    func indicators(_ file: String) throws {
        let sheet = try #require(try ExportImporter.read(bytes: try importFixture(file), name: file, year: 2025,
                                                         knownAgencies: ["dinas kesehatan": dinkes]))
        #expect(sheet.layout == .e81)
        #expect(sheet.indicators.count == 2)
        let aki = sheet.indicators[0]
        #expect(aki.code == "E81-001")
        #expect(aki.agencyCode == dinkes && aki.agencyName == "Dinas Kesehatan" && aki.year == 2025)
        #expect(aki.objective == "Meningkatnya derajat kesehatan ibu dan anak")
        #expect(aki.name == "Angka Kematian Ibu per 100.000 KH")
        #expect(aki.annualTarget == exactValue("75") && aki.renstraTarget == exactValue("75"))
        #expect(aki.budgetCeiling == exactValue("1250000000"))
        #expect(aki.actuals == [exactValue("82"), exactValue("79"), nil, nil])
        #expect(aki.budgetActuals == [exactValue("300000000"), exactValue("250000000"), nil, nil])
        // Column 12 (79) is the last quarter, not the sum: akhir. Column 14 (94,67) is
        // (2×75 − 79) / 75: negatif by SPEC's default formula.
        #expect(aki.polarity == .negative && aki.aggregation == .last)

        let akreditasi = sheet.indicators[1]
        #expect(akreditasi.code == "E81-002" && akreditasi.unit == "%")
        #expect(akreditasi.annualTarget == exactValue("90") && akreditasi.renstraTarget == exactValue("100"))
        #expect(akreditasi.actuals == [exactValue("50"), exactValue("80"), nil, nil])
        #expect(akreditasi.polarity == .positive && akreditasi.aggregation == .last)
    }

    @Test("the budget is taken once, from the program row, not again from its kegiatan",
          arguments: ["e81-excelrenja.csv", "e81-excelrenja-titikkoma.csv"])
    func budgetOnce(_ file: String) throws {
        let sheet = try #require(try ExportImporter.read(bytes: try importFixture(file), name: file, year: 2025))
        // Program 1.02.02 carries pagu 1.250.000.000 and realisations 300.000.000 and
        // 250.000.000; its kegiatan 1.02.02.2.01 prints 500.000.000, 100.000.000 and
        // 200.000.000, part of the same money.
        #expect(sheet.indicators.compactMap(\.budgetCeiling) == [exactValue("1250000000")])
        #expect(sheet.indicators.flatMap(\.budgetActuals).compactMap { $0 } == [exactValue("300000000"), exactValue("250000000")])
        let kegiatan = sheet.indicators[1]
        #expect(kegiatan.budgetCeiling == nil && kegiatan.budgetActuals == [nil, nil, nil, nil])
        let note = try #require(sheet.notes.first { $0.code == "anggaran-sudah-di-induk" })
        #expect(note.line == 17 && note.level == .info && note.indicatorCode == "E81-002")
        #expect(note.message.contains("kegiatan 1.02.02.2.01") && note.message.contains("program 1.02.02"))
    }

    @Test("every row is accounted for: read = imported + structure + rejected")
    func accounting() throws {
        let sheet = try #require(try ExportImporter.read(bytes: try importFixture("e81-excelrenja.csv"), name: "e81.csv", year: 2025))
        #expect(sheet.rowsRead == 27)
        #expect(sheet.imported == 2 && sheet.rejected == 1)
        #expect(sheet.rowsRead == sheet.imported + sheet.structure + sheet.rejected)
        // The second row of a merged group lost its name in the CSV: a galat with its line. Lines
        // are the file's, as an editor counts them: two header labels hold a line break, so the
        // 16th row starts on line 18.
        let rejected = try #require(sheet.notes.first { $0.outcome == .rejected })
        #expect(rejected.line == 18 && rejected.level == .error && rejected.code == "indikator-kosong")
        // Inferences are said, never silent.
        #expect(sheet.notes.contains { $0.code == "polaritas-cocok" && $0.indicatorCode == "E81-001" && $0.message.contains("negatif") })
        #expect(sheet.notes.contains { $0.code == "opd-tanpa-kode" && $0.level == .warning })
        #expect(sheet.notes.contains { $0.code == "nol-dibaca-kosong" && $0.indicatorCode == "E81-001" })
    }

    @Test("a header block cut off is a galat on every row, with line numbers")
    func headerCutOff() throws {
        var text = String(decoding: try importFixture("e81-excelrenja.csv"), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        text = (lines[0..<10] + lines[11...]).joined(separator: "\r\n")  // drop the column-number row
        let sheet = try #require(try ExportImporter.read(bytes: Array(text.utf8), name: "potong.csv", year: 2025))
        #expect(sheet.indicators.isEmpty)
        #expect(sheet.rejected > 0)
        #expect(sheet.rowsRead == sheet.imported + sheet.structure + sheet.rejected)
        let first = try #require(sheet.notes.first { $0.outcome == .rejected })
        #expect(first.code == "judul-kolom-terpotong" && first.line == 9)
        #expect(first.message.contains("blok judul kolom tidak lengkap"))
    }

    @Test("a multi-indicator cell whose line counts differ is a galat naming the column")
    func lineCountsDiffer() throws {
        var rows = String(decoding: try importFixture("e81-excelrenja.csv"), as: UTF8.self).components(separatedBy: "\r\n")
        // Row 15 with two indicators in the name cell but one target.
        rows[14] = rows[14].replacingOccurrences(of: "Persentase puskesmas terakreditasi",
                                                 with: "\"Persentase puskesmas terakreditasi\nJumlah posyandu aktif\"")
        let sheet = try #require(try ExportImporter.read(bytes: Array(rows.joined(separator: "\r\n").utf8), name: "beda.csv", year: 2025))
        let problem = try #require(sheet.notes.first { $0.code == "jumlah-baris-sel" })
        #expect(problem.line == 17 && problem.level == .error)  // the 15th row, on line 17
        #expect(problem.message.contains("kolom 5 K berisi 1 baris"))
        #expect(sheet.rowsRead == sheet.imported + sheet.structure + sheet.rejected)
    }
}

@Suite("lakip import: tabel LAKIP datar (E-Sakip)")
struct FlatLAKIPImportTests {
    @Test("imports one indicator per row, the yearly value as TW4", arguments: ["lakip-esakip.csv", "lakip-esakip-titikkoma.csv"])
    func indicators(_ file: String) throws {
        let sheet = try #require(try ExportImporter.read(bytes: try importFixture(file), name: file,
                                                         knownAgencies: ["dinas kesehatan": dinkes]))
        #expect(sheet.layout == .flatLAKIP)
        #expect(sheet.indicators.count == 4 && sheet.rejected == 0)
        #expect(sheet.rowsRead == sheet.imported + sheet.structure + sheet.rejected)
        let stunting = sheet.indicators[0]
        #expect(stunting.year == 2025 && stunting.agencyCode == dinkes && stunting.unit == "%")
        #expect(stunting.objective == "Meningkatnya derajat kesehatan masyarakat")
        #expect(stunting.annualTarget == exactValue("14") && stunting.actuals == [nil, nil, nil, exactValue("12.5")])
        // CAPAIAN (%) 110,71 = (2×14 − 12,5) / 14: negatif.
        #expect(stunting.polarity == .negative && stunting.aggregation == .last)

        let padi = sheet.indicators[1]
        #expect(padi.agencyCode == "OPD-DINAS-KETAHANAN-PANGAN--PERTANIAN-DAN-PERIKANAN")
        #expect(padi.annualTarget == exactValue("12000") && padi.actuals[3] == exactValue("12200"))
        #expect(padi.polarity == .positive)

        let imunisasi = sheet.indicators[2]
        #expect(imunisasi.actuals == [nil, nil, nil, nil] && imunisasi.polarity == .positive)
        #expect(sheet.notes.contains { $0.code == "polaritas-ditebak" && $0.indicatorCode == imunisasi.code && $0.level == .warning })

        // Realisation equal to target: both polarities give 100,00; the name decides, with a peringatan.
        let ikm = sheet.indicators[3]
        #expect(ikm.polarity == .positive)
        #expect(sheet.notes.contains { $0.code == "polaritas-tidak-pasti" && $0.indicatorCode == ikm.code })
    }

    @Test("writes the canonical files and impor.csv")
    func writesFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lakip-impor-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let file = root.appendingPathComponent("import/lakip-esakip.csv").path
        let sheets = try ExportImporter(options: .init(files: [file], outputDirectory: directory, agencyCode: dinkes)).run()
        #expect(sheets.count == 1)
        let target = try String(contentsOfFile: directory + "/target.csv", encoding: .utf8)
        #expect(target.hasPrefix("tahun,kode_opd,nama_opd,kode_sasaran,sasaran,kode_indikator,indikator,satuan,polaritas,agregasi,target_tahunan"))
        #expect(target.contains("2025,\(dinkes),Dinas Kesehatan,,Meningkatnya derajat kesehatan masyarakat,IK-001,Prevalensi stunting,%,negatif,akhir,14,,,,,,\n"))
        let actual = try String(contentsOfFile: directory + "/realisasi.csv", encoding: .utf8)
        #expect(actual == "tahun,kode_opd,kode_indikator,triwulan,realisasi,realisasi_anggaran,keterangan\n"
                    + "2025,\(dinkes),IK-001,4,12.5,,\n2025,\(dinkes),IK-002,4,12200,,\n2025,\(dinkes),IK-004,4,80,,\n")
        let notes = try String(contentsOfFile: directory + "/impor.csv", encoding: .utf8)
        #expect(notes.hasPrefix("berkas,baris,hasil,tingkat,kode,kode_indikator,pesan\n"))
        #expect(notes.contains("lakip-esakip.csv,10,diimpor,info,diimpor,IK-001,"))
    }
}

/// The fixture as wp-sipd's monitor-indikator-renja page writes it (Excel CSV of the table under
/// the page title): program, kegiatan and sub kegiatan rows, each with its own indicators one
/// per line, Volume/Satuan/Rp per column 5–12, rupiah as `1.250.000`, and the tfoot totals.
@Suite("lakip import: E.81 format SIPD (wp-sipd)")
struct SIPDImportTests {
    @Test("imports every indicator of program, kegiatan and sub kegiatan rows",
          arguments: ["e81-sipd.csv", "e81-sipd-titikkoma.csv"])
    func indicators(_ file: String) throws {
        let sheet = try #require(try ExportImporter.read(bytes: try importFixture(file), name: file))
        #expect(sheet.layout == .e81SIPD)
        #expect(sheet.indicators.map(\.code) == ["1.02.02-1", "1.02.02-2", "1.02.02.2.02-1", "1.02.02.2.02.0020-1", "1.02.02.2.02.0020-2"])
        // Year and OPD from the page title "…\n1.02.0.00.0.00.01.0000 Dinas Kesehatan\nTahun 2025 …".
        #expect(sheet.indicators.allSatisfy { $0.year == 2025 && $0.agencyCode == dinkes && $0.agencyName == "Dinas Kesehatan" })
        // The program's Sasaran, filled down over its kegiatan and sub kegiatan.
        #expect(sheet.indicators.allSatisfy { $0.objective == "Meningkatnya mutu pelayanan kesehatan" })

        let akreditasi = sheet.indicators[0]
        #expect(akreditasi.name == "Persentase fasilitas kesehatan terakreditasi" && akreditasi.unit == "%")
        #expect(akreditasi.annualTarget == exactValue("90") && akreditasi.renstraTarget == exactValue("100"))
        #expect(akreditasi.actuals == [exactValue("60"), exactValue("75"), exactValue("85"), exactValue("92")])
        // The program's money, once, on its first indicator.
        #expect(akreditasi.budgetCeiling == exactValue("1500000000"))
        #expect(akreditasi.budgetActuals == ["300000000", "350000000", "400000000", "420000000"].map(exactValue))
        // Column 12 (92) is the last quarter and column 13 (102,22) is 92 / 90: positif, akhir.
        #expect(akreditasi.polarity == .positive && akreditasi.aggregation == .last)
        #expect(akreditasi.note == "program 1.02.02")

        let aki = sheet.indicators[1]
        #expect(aki.name == "Angka Kematian Ibu per 100.000 KH" && aki.unit == "per 100.000 KH")
        #expect(aki.annualTarget == exactValue("75") && aki.renstraTarget == exactValue("70"))
        #expect(aki.actuals == [exactValue("82"), exactValue("79"), exactValue("77"), exactValue("76")])
        #expect(aki.budgetCeiling == nil && aki.budgetActuals == [nil, nil, nil, nil])
        // 91,46 = 75 / 82: wp-sipd's "Tren Negatif" is T / R over the highest month (82), which no
        // agregasi gives; the pair is negatif (rasio), agregasi guessed.
        #expect(aki.polarity == .negative && aki.aggregation == .last)

        let rujukan = sheet.indicators[2]
        #expect(rujukan.unit == "Unit" && rujukan.annualTarget == exactValue("12"))
        #expect(rujukan.actuals == [exactValue("9"), exactValue("10"), exactValue("11"), exactValue("13")])
        // The kegiatan's 1.500.000.000 is the program's money again: not imported twice.
        #expect(rujukan.budgetCeiling == nil && rujukan.budgetActuals == [nil, nil, nil, nil])
        #expect(rujukan.polarity == .positive && rujukan.aggregation == .last)
        #expect(rujukan.note == "kegiatan 1.02.02.2.02")

        let ibuHamil = sheet.indicators[3]
        #expect(ibuHamil.unit == "Orang" && ibuHamil.annualTarget == exactValue("2400"))
        #expect(ibuHamil.actuals == [exactValue("550"), exactValue("600"), exactValue("650"), exactValue("620")])
        #expect(ibuHamil.polarity == .positive && ibuHamil.aggregation == .sum)  // 2420 = the sum
        #expect(ibuHamil.note == "sub kegiatan 1.02.02.2.02.0020; Kunjungan K4 naik, kelas ibu hamil aktif")

        let dokumen = sheet.indicators[4]
        #expect(dokumen.unit == "Dokumen" && dokumen.annualTarget == exactValue("4"))
        #expect(dokumen.actuals == [exactValue("1"), exactValue("1"), exactValue("1"), exactValue("1")])
        #expect(dokumen.polarity == .positive && dokumen.aggregation == .sum)
        #expect(dokumen.note == "sub kegiatan 1.02.02.2.02.0020")
    }

    @Test("every row is accounted for, and every inference is said")
    func accounting() throws {
        let sheet = try #require(try ExportImporter.read(bytes: try importFixture("e81-sipd.csv"), name: "e81-sipd.csv"))
        // 3 title rows, 5 header rows, 4 data rows, the tfoot: 13 records on 45 lines.
        #expect(sheet.rowsRead == 13)
        #expect(sheet.imported == 3 && sheet.structure == 10 && sheet.rejected == 0)
        func note(_ line: Int, _ code: String, indicator: String = "") -> ImportNote? {
            sheet.notes.first { $0.line == line && $0.code == code && (indicator.isEmpty || $0.indicatorCode == indicator) }
        }
        // Records start where an editor shows them: the program row's cells hold 16 line breaks.
        #expect(note(11, "diimpor")?.indicatorCode == "1.02.02-1 1.02.02-2")
        #expect(note(28, "diimpor")?.indicatorCode == "1.02.02.2.02-1")
        #expect(note(29, "diimpor")?.indicatorCode == "1.02.02.2.02.0020-1 1.02.02.2.02.0020-2")
        #expect(note(44, "struktur")?.message == "baris hierarki (program/kegiatan/sasaran) tanpa indikator")
        #expect(note(45, "struktur")?.message == "baris jumlah")
        #expect(note(1, "tahun-dari-judul") != nil && note(11, "opd-dari-judul") != nil)
        #expect(note(28, "anggaran-sudah-di-induk", indicator: "1.02.02.2.02-1")?.message.contains("program 1.02.02") == true)
        #expect(note(29, "anggaran-sudah-di-induk", indicator: "1.02.02.2.02.0020-1") != nil)
        let differs = try #require(note(11, "capaian-akan-berbeda", indicator: "1.02.02-2"))
        #expect(differs.level == .warning && differs.message.contains("realisasi tahunan 82"))
        #expect(note(11, "rumus-rasio", indicator: "1.02.02-2")?.level == .warning)
        // 4 of 4 and 100: every formula gives 100,00, so the name decides, with a peringatan.
        #expect(note(29, "polaritas-tidak-pasti", indicator: "1.02.02.2.02.0020-2")?.level == .warning)
    }

    @Test("the canonical rows, as target.csv and realisasi.csv hold them")
    func canonicalRows() throws {
        let sheet = try #require(try ExportImporter.read(bytes: try importFixture("e81-sipd-titikkoma.csv"), name: "sipd.csv"))
        let opd = "2025,\(dinkes),Dinas Kesehatan,,Meningkatnya mutu pelayanan kesehatan,"
        #expect(ExportImporter.targetTable(sheet.indicators).split(separator: "\n").dropFirst().map(String.init) == [
            opd + "1.02.02-1,Persentase fasilitas kesehatan terakreditasi,%,positif,akhir,90,,,,,100,1500000000",
            opd + "1.02.02-2,Angka Kematian Ibu per 100.000 KH,per 100.000 KH,negatif,akhir,75,,,,,70,",
            opd + "1.02.02.2.02-1,Jumlah fasilitas kesehatan rujukan yang melayani persalinan,Unit,positif,akhir,12,,,,,,",
            opd + "1.02.02.2.02.0020-1,Jumlah ibu hamil yang mendapatkan pelayanan kesehatan sesuai standar,Orang,positif,jumlah,2400,,,,,,",
            opd + "1.02.02.2.02.0020-2,Jumlah dokumen hasil pengelolaan pelayanan kesehatan ibu hamil,Dokumen,positif,jumlah,4,,,,,,",
        ])
        let actuals = ExportImporter.actualTable(sheet.indicators).split(separator: "\n").map(String.init)
        #expect(actuals.count == 1 + 5 * 4)
        #expect(actuals[1] == "2025,\(dinkes),1.02.02-1,1,60,300000000,program 1.02.02")
        #expect(actuals[8] == "2025,\(dinkes),1.02.02-2,4,76,,program 1.02.02")
        #expect(actuals[16] == "2025,\(dinkes),1.02.02.2.02.0020-1,4,620,,\"sub kegiatan 1.02.02.2.02.0020; Kunjungan K4 naik, kelas ibu hamil aktif\"")
    }

    @Test("a multi-indicator cell whose line counts differ is a galat naming the column and line")
    func lineCountsDiffer() throws {
        var text = String(decoding: try importFixture("e81-sipd.csv"), as: UTF8.self)
        // The program's TW I volume loses its second line.
        text = text.replacingOccurrences(of: "\"60\n82\"", with: "60")
        let sheet = try #require(try ExportImporter.read(bytes: Array(text.utf8), name: "beda.csv"))
        let problem = try #require(sheet.notes.first { $0.code == "jumlah-baris-sel" })
        #expect(problem.line == 11 && problem.level == .error && problem.outcome == .rejected)
        #expect(problem.message.contains("kolom 8 Volume berisi 1 baris"))
        #expect(!sheet.indicators.contains { $0.code.hasPrefix("1.02.02-") })
        #expect(sheet.rowsRead == sheet.imported + sheet.structure + sheet.rejected)
    }
}

/// The fixture as wp-eval-sakip's "detail pengisian rencana aksi per SKPD" table is laid out:
/// the page title, three header rows (labels; AWAL/TW-I…/AKHIR; 1–28), one row per RHK level
/// with its name and indicator in that level's own column pair, the capaian with the app's
/// formula in words.
@Suite("lakip import: Rencana Aksi (wp-eval-sakip)")
struct ActionPlanImportTests {
    @Test("imports quarter targets, realisations and the level of each indicator",
          arguments: ["rencana-aksi.csv", "rencana-aksi-titikkoma.csv"])
    func indicators(_ file: String) throws {
        let sheet = try #require(try ExportImporter.read(bytes: try importFixture(file), name: file,
                                                         knownAgencies: ["dinas kesehatan": dinkes]))
        #expect(sheet.layout == .actionPlan)
        #expect(sheet.rowsRead == 11 && sheet.imported == 3 && sheet.structure == 8 && sheet.rejected == 0)
        let opd = "2025,\(dinkes),Dinas Kesehatan,,Meningkatnya pelayanan kesehatan ibu dan anak,"
        // Capaian 101,33 (Tren Negatif) = (2×75 − 74) / 75: negatif, akhir; 101,05 = 96 / 95;
        // 100,83 = (550 + 600 + 650 + 620) / 2400: jumlah; 100 (Tren Positif) = 100 / 100.
        #expect(ExportImporter.targetTable(sheet.indicators).split(separator: "\n").dropFirst().map(String.init) == [
            opd + "RA-001,Angka Kematian Ibu per 100.000 KH,per 100.000 KH,negatif,akhir,75,80,78,76,75,,1500000000",
            opd + "RA-002,Cakupan persalinan di fasilitas kesehatan,%,positif,akhir,95,88,90,92,95,,",
            opd + "RA-003,Jumlah ibu hamil mendapat pelayanan K4,Orang,positif,jumlah,2400,600,600,600,600,,",
            opd + "RA-004,Persentase ibu hamil risiko tinggi terdata,%,positif,akhir,100,25,50,75,100,,",
        ])
        #expect(sheet.indicators.map(\.actuals) == [
            ["82", "79", "77", "74"].map(exactValue), ["87", "90", "93", "96"].map(exactValue),
            ["550", "600", "650", "620"].map(exactValue), ["30", "55", "80", "100"].map(exactValue),
        ])
        #expect(sheet.indicators.map(\.note) == [
            "RHK level 1: Meningkatnya pelayanan kesehatan ibu dan anak", "RHK level 1: Meningkatnya pelayanan kesehatan ibu dan anak",
            "RHK level 2: Terlaksananya pelayanan kesehatan ibu hamil sesuai standar", "RHK level 4: Pendataan ibu hamil risiko tinggi",
        ])
        func note(_ line: Int, _ code: String, _ indicator: String = "") -> ImportNote? {
            sheet.notes.first { $0.line == line && $0.code == code && (indicator.isEmpty || $0.indicatorCode == indicator) }
        }
        // Records start where an editor shows them: the first header row holds 8 line breaks.
        #expect(note(18, "diimpor")?.indicatorCode == "RA-001 RA-002")
        #expect(note(32, "diimpor")?.indicatorCode == "RA-003")
        #expect(note(33, "struktur")?.message == "baris hierarki tanpa indikator")
        #expect(note(34, "diimpor")?.indicatorCode == "RA-004")
        #expect(note(18, "polaritas-cocok", "RA-001")?.message.contains("negatif") == true)
        #expect(note(18, "realisasi-pagu-tahunan", "RA-001") != nil)
        #expect(!sheet.notes.contains { $0.level == .warning || $0.level == .error })
    }

    @Test("a capaian cell with fewer lines than its indicator cell is a galat on that row")
    func lineCountsDiffer() throws {
        var text = String(decoding: try importFixture("rencana-aksi.csv"), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"101,33 (Tren Negatif)\n101,05 (Tren Positif)\"", with: "\"101,33 (Tren Negatif)\"")
        let sheet = try #require(try ExportImporter.read(bytes: Array(text.utf8), name: "ra.csv", agencyCode: dinkes))
        let problem = try #require(sheet.notes.first { $0.code == "jumlah-baris-sel" })
        #expect(problem.line == 18 && problem.level == .error && problem.message.contains("kolom 23 berisi 1 baris"))
        #expect(sheet.indicators.map(\.name) == ["Jumlah ibu hamil mendapat pelayanan K4", "Persentase ibu hamil risiko tinggi terdata"])
        #expect(sheet.rowsRead == sheet.imported + sheet.structure + sheet.rejected)
    }
}
