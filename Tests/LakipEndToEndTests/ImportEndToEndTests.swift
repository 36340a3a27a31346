import Foundation
import Testing

/// `lakip import` then `lakip run` on what it wrote, with the built binary: the planner's path
/// from another application's export to LAKIP tables.
@Suite("lakip import, then lakip run")
struct ImportEndToEndTests {
    /// Imports `Fixtures/import/<file>` into a fresh folder, then runs on it.
    private func importAndRun(_ file: String, importArguments: [String] = [], in directory: URL)
        throws -> (imported: LakipResult, run: LakipResult, data: URL) {
        let exports = try Fixture.copy("import", into: directory)
        let data = directory.appendingPathComponent("data")
        let imported = try Lakip.run(["import", exports.appendingPathComponent(file).path, "--ke", data.path] + importArguments,
                                     in: directory)
        let run = try Lakip.run(["run", "--data", data.path, "--out", directory.appendingPathComponent("reports").path],
                                in: directory)
        return (imported, run, data)
    }

    @Test("SIPD E.81: counts add up, and the run reproduces the export's capaian where its formula is SPEC's")
    func sipd() throws {
        try withTemporaryDirectory { directory in
            let (imported, run, _) = try importAndRun("e81-sipd.csv", in: directory)
            #expect(imported.status == 0, "\(imported)")
            // read = imported + structure + rejected: 13 = 3 + 10 + 0.
            #expect(imported.stderrLines.contains(
                "e81-sipd.csv (E.81 evaluasi Renja (format SIPD)): 13 baris dibaca, 3 diimpor (5 indikator), 10 struktur, 0 ditolak"),
                "\(imported)")
            #expect(run.status == 0, "\(run)")
            #expect(run.fileSummaries == [
                FileSummary(file: "opd.csv", read: 1, used: 1, rejected: 0),
                FileSummary(file: "target.csv", read: 5, used: 5, rejected: 0),
                FileSummary(file: "realisasi.csv", read: 20, used: 20, rejected: 0),
            ], "\(run)")
            let table = try CSVTable(directory, "reports/2025/pengukuran_kinerja.csv")
            func capaian(_ code: String) throws -> String? { try table.row(["kode_indikator": code])["capaian"] }
            // Column 13 of the export: 102,22 / 108,33 / 100,83 / 100 are R / T with the
            // realisation SPEC's agregasi gives, and lakip computes the same.
            #expect(try capaian("1.02.02-1") == "102.22")
            #expect(try capaian("1.02.02.2.02-1") == "108.33")
            #expect(try capaian("1.02.02.2.02.0020-1") == "100.83")
            #expect(try capaian("1.02.02.2.02.0020-2") == "100.00")
            // 91,46 is 75 / 82 over the worst month, not SPEC's formula: lakip gives (2×75 − 76) / 75,
            // and the import said it would differ (capaian-akan-berbeda in impor.csv).
            #expect(try capaian("1.02.02-2") == "98.67")
        }
    }

    @Test("Rencana Aksi: counts add up, and the run reproduces the export's capaian")
    func actionPlan() throws {
        try withTemporaryDirectory { directory in
            let (imported, run, _) = try importAndRun("rencana-aksi.csv", importArguments: ["--opd", "1.02.0.00.0.00.01.0000"],
                                                      in: directory)
            #expect(imported.status == 0, "\(imported)")
            #expect(imported.stderrLines.contains(
                "rencana-aksi.csv (Rencana Aksi dengan realisasi): 11 baris dibaca, 3 diimpor (4 indikator), 8 struktur, 0 ditolak"),
                "\(imported)")
            #expect(run.status == 0, "\(run)")
            #expect(run.fileSummaries.map(\.description) == [
                "opd.csv: 1 baris dibaca, 1 dipakai, 0 ditolak",
                "target.csv: 4 baris dibaca, 4 dipakai, 0 ditolak",
                "realisasi.csv: 16 baris dibaca, 16 dipakai, 0 ditolak",
            ], "\(run)")
            let table = try CSVTable(directory, "reports/2025/pengukuran_kinerja.csv")
            // Column 23 of the export: 101,33 / 101,05 / 100,83 / 100.
            #expect(try table.row(["kode_indikator": "RA-001"])["capaian"] == "101.33")
            #expect(try table.row(["kode_indikator": "RA-002"])["capaian"] == "101.05")
            #expect(try table.row(["kode_indikator": "RA-003"])["capaian"] == "100.83")
            #expect(try table.row(["kode_indikator": "RA-004"])["capaian"] == "100.00")
        }
    }

    @Test("standard E.81: counts add up, and the run reproduces the export's column 14 as capaian_renstra")
    func e81() throws {
        try withTemporaryDirectory { directory in
            let (imported, run, data) = try importAndRun("e81-excelrenja.csv",
                                                         importArguments: ["--tahun", "2025", "--opd", "1.02.0.00.0.00.01.0000"],
                                                         in: directory)
            // Line 18 lost its indicator name to a merged cell: rejected, so the import exits 1.
            #expect(imported.status == 1, "\(imported)")
            // read = imported + structure + rejected: 27 = 2 + 24 + 1.
            #expect(imported.stderrLines.contains(
                "e81-excelrenja.csv (E.81 evaluasi hasil Renja): 27 baris dibaca, 2 diimpor (2 indikator), 24 struktur, 1 ditolak"),
                "\(imported)")
            #expect(run.status == 0, "\(run)")
            #expect(run.fileSummaries == [
                FileSummary(file: "opd.csv", read: 1, used: 1, rejected: 0),
                FileSummary(file: "target.csv", read: 2, used: 2, rejected: 0),
                FileSummary(file: "realisasi.csv", read: 4, used: 4, rejected: 0),
            ], "\(run)")
            // The program's pagu once; its kegiatan's (500.000.000) is part of it.
            let targets = try CSVTable(data, "target.csv")
            #expect(try targets.row(["kode_indikator": "E81-001"])["pagu_anggaran"] == "1250000000")
            #expect(try targets.row(["kode_indikator": "E81-002"])["pagu_anggaran"] == "")
            // Realisations through TW2: a quarterly run. Column 14 of the export (94,67 and 80,00)
            // is column 13 against the Renstra target, lakip's capaian_renstra; progres is
            // against the year's target: (2×75 − 79) / 75 and 80 / 90.
            let table = try CSVTable(directory, "reports/2025/TW2/pengukuran_kinerja.csv")
            let aki = try table.row(["kode_indikator": "E81-001"])
            #expect(aki["capaian_renstra"] == "94.67" && aki["progres"] == "94.67" && aki["polaritas"] == "negatif")
            let akreditasi = try table.row(["kode_indikator": "E81-002"])
            #expect(akreditasi["capaian_renstra"] == "80.00" && akreditasi["progres"] == "88.89")
            // No quarter targets in E.81: no s.d. TW2 target, so no headline capaian.
            #expect(aki["capaian"] == "" && aki["keterangan"] == "target-triwulan-kosong")
        }
    }

    @Test("flat LAKIP table: counts add up, and the run reproduces the export's CAPAIAN (%)")
    func flatLAKIP() throws {
        try withTemporaryDirectory { directory in
            let (imported, run, _) = try importAndRun("lakip-esakip.csv", in: directory)
            #expect(imported.status == 0, "\(imported)")
            // read = imported + structure + rejected: 13 = 4 + 9 + 0.
            #expect(imported.stderrLines.contains(
                "lakip-esakip.csv (tabel LAKIP datar): 13 baris dibaca, 4 diimpor (4 indikator), 9 struktur, 0 ditolak"),
                "\(imported)")
            #expect(run.status == 0, "\(run)")
            #expect(run.fileSummaries == [
                FileSummary(file: "opd.csv", read: 2, used: 2, rejected: 0),
                FileSummary(file: "target.csv", read: 4, used: 4, rejected: 0),
                FileSummary(file: "realisasi.csv", read: 3, used: 3, rejected: 0),
            ], "\(run)")
            let table = try CSVTable(directory, "reports/2025/pengukuran_kinerja.csv")
            func capaian(_ code: String) throws -> String? { try table.row(["kode_indikator": code])["capaian"] }
            // CAPAIAN (%) of the export: 110,71% / 101,67% / - / 100,00%.
            #expect(try capaian("IK-001") == "110.71")
            #expect(try capaian("IK-002") == "101.67")
            #expect(try capaian("IK-003") == "")
            #expect(try capaian("IK-004") == "100.00")
        }
    }

    @Test("lakip run reads an E.81 sheet in the data folder as lakip import then lakip run would")
    func e81Direct() throws {
        try withTemporaryDirectory { directory in
            let (_, viaImport, _) = try importAndRun("e81-excelrenja.csv", in: directory)
            #expect(viaImport.status == 0, "\(viaImport)")
            let data = directory.appendingPathComponent("langsung")
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: try Fixture.url("import").appendingPathComponent("e81-excelrenja.csv"),
                                             to: data.appendingPathComponent("e81-excelrenja.csv"))
            let direct = try Lakip.run(["run", "--data", data.path, "--out", directory.appendingPathComponent("reports-langsung").path],
                                       in: directory)
            // The import rejected one source row (line 18), so the run exits 1.
            #expect(direct.status == 1, "\(direct)")
            // 27 rows = 26 used (2 indicator rows and 24 structure rows) + 1 rejected.
            #expect(direct.fileSummaries == [FileSummary(file: "e81-excelrenja.csv", read: 27, used: 26, rejected: 1)], "\(direct)")
            #expect(direct.stderrLines.contains {
                $0.hasPrefix("e81-excelrenja.csv: 27 baris dibaca, 26 dipakai, 1 ditolak (24 yang dipakai adalah baris struktur")
            }, "\(direct)")
            // The title says no year; the import takes 2021 from a header label, and the run stops at TW2.
            let measured = "2021/TW2/pengukuran_kinerja.csv"
            let viaImportTable = try String(contentsOf: directory.appendingPathComponent("reports/" + measured), encoding: .utf8)
            let directTable = try String(contentsOf: directory.appendingPathComponent("reports-langsung/" + measured), encoding: .utf8)
            #expect(directTable == viaImportTable)
            #expect(directTable.contains("E81-001"))
            // validasi.csv lists the import's galat with the source file and line, and its inferences.
            let validation = try CSVTable(directory, "reports-langsung/validasi.csv")
            #expect(validation.rows.contains {
                $0["tingkat"] == "galat" && $0["berkas"] == "e81-excelrenja.csv" && $0["baris"] == "18" && $0["kode"] == "indikator-kosong"
            })
            #expect(validation.rows.contains { $0["tingkat"] == "info" && $0["kode"] == "polaritas-cocok" && $0["baris"] == "16" })
            #expect(validation.rows.contains { $0["kode"] == "anggaran-sudah-di-induk" && $0["baris"] == "17" })
            #expect(validation.rows.contains { $0["kode"] == "impor-dalam-memori" })
            #expect(!validation.rows.contains { $0["kode"] == "struktur" })
            // The sheet is one OPD's form: its galat is in that OPD's own document.
            let document = try Lakip.run(["run", "--data", data.path, "--out", directory.appendingPathComponent("dokumen").path,
                                          "--format", "md", "--quiet"], in: directory)
            #expect(document.status == 1, "\(document)")
            let agencyText = try String(contentsOf: directory.appendingPathComponent("dokumen/2021/TW2/opd/OPD-DINAS-KESEHATAN.md"),
                                        encoding: .utf8)
            #expect(agencyText.contains("| galat | e81-excelrenja.csv | 18 |  | indikator-kosong |"))
        }
    }

    @Test("an indicator row whose canonical target the loader rejects counts as a rejected source row")
    func loaderRejectsImportedRow() throws {
        try withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("data")
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: try Fixture.url("import").appendingPathComponent("e81-excelrenja.csv"),
                                             to: data.appendingPathComponent("e81-excelrenja.csv"))
            // The same indicator as the sheet's line 16, with another target: a conflicting duplicate.
            try """
                tahun,kode_opd,nama_opd,kode_indikator,indikator,polaritas,target_tahunan
                2021,OPD-DINAS-KESEHATAN,Dinas Kesehatan,E81-001,Angka Kematian Ibu per 100.000 KH,negatif,80

                """.write(to: data.appendingPathComponent("target.csv"), atomically: true, encoding: .utf8)
            let run = try Lakip.run(["run", "--data", data.path, "--out", directory.appendingPathComponent("reports").path], in: directory)
            #expect(run.status == 1, "\(run)")
            // Lines 16 (the loader) and 18 (the import) rejected; 24 structure rows and line 17 used.
            #expect(run.fileSummaries == [
                FileSummary(file: "target.csv", read: 1, used: 1, rejected: 0),
                FileSummary(file: "e81-excelrenja.csv", read: 27, used: 25, rejected: 2),
            ], "\(run)")
            let validation = try CSVTable(directory, "reports/validasi.csv")
            #expect(validation.rows.contains {
                $0["tingkat"] == "galat" && $0["berkas"] == "e81-excelrenja.csv" && $0["baris"] == "16" && $0["kode"] == "target-ganda"
            })
        }
    }

    @Test("a sheet with a rejected row: the import exits 1 and says which line")
    func rejectedRow() throws {
        try withTemporaryDirectory { directory in
            let source = directory.appendingPathComponent("ra-rusak.csv")
            let exports = try Fixture.url("import")
            var text = try String(contentsOf: exports.appendingPathComponent("rencana-aksi.csv"), encoding: .utf8)
            text = text.replacingOccurrences(of: "\"101,33 (Tren Negatif)\n101,05 (Tren Positif)\"", with: "\"101,33 (Tren Negatif)\"")
            try text.write(to: source, atomically: true, encoding: .utf8)
            let data = directory.appendingPathComponent("data")
            let imported = try Lakip.run(["import", source.path, "--ke", data.path, "--opd", "1.02.0.00.0.00.01.0000"], in: directory)
            #expect(imported.status == 1, "\(imported)")
            #expect(imported.stderrLines.contains(
                "ra-rusak.csv (Rencana Aksi dengan realisasi): 11 baris dibaca, 2 diimpor (2 indikator), 8 struktur, 1 ditolak"),
                "\(imported)")
            #expect(imported.stderrLines.contains { $0.hasPrefix("galat: ra-rusak.csv, baris 18: sel indikator berisi 2 baris") },
                    "\(imported)")
            let run = try Lakip.run(["run", "--data", data.path, "--out", directory.appendingPathComponent("reports").path],
                                    in: directory)
            #expect(run.status == 0, "\(run)")
        }
    }

    @Test("emonev E.81: the budget once, and column 14 reproduced where it is SPEC's capaian_renstra")
    func emonev() throws {
        try withTemporaryDirectory { directory in
            let (imported, run, data) = try importAndRun("e81-emonev.csv", importArguments: ["--opd", "1.02.0.00.0.00.01.0000"],
                                                         in: directory)
            #expect(imported.status == 0, "\(imported)")
            // read = imported + structure + rejected: 12 = 8 + 4 + 0.
            #expect(imported.stderrLines.contains(
                "e81-emonev.csv (E.81 evaluasi hasil Renja): 12 baris dibaca, 8 diimpor (8 indikator), 4 struktur, 0 ditolak"),
                "\(imported)")
            #expect(run.status == 0, "\(run)")
            #expect(run.fileSummaries == [
                FileSummary(file: "opd.csv", read: 1, used: 1, rejected: 0),
                FileSummary(file: "target.csv", read: 8, used: 8, rejected: 0),
                FileSummary(file: "realisasi.csv", read: 11, used: 11, rejected: 0),
            ], "\(run)")
            // Pagu: programs pr.1 (9.000.000.000) and pr.2 (500.000.000); the kegiatan,
            // sub kegiatan and the repeated second indicator add nothing.
            let targets = try CSVTable(data, "target.csv")
            #expect(targets.rows.map { $0["pagu_anggaran"] ?? "?" } == ["0", "0", "9000000000", "", "", "", "0", "500000000"])
            let budget = try CSVTable(directory, "reports/2025/TW3/anggaran.csv").row(["tingkat": "opd"])
            #expect(budget["pagu_anggaran"] == "9500000000" && budget["realisasi_anggaran"] == "4000000000")
            // Column 14 is column 13 (6 + 12) against the Renstra target. Where column 6 is 0
            // (sub kegiatan skg.1) that is lakip's capaian_renstra: 1 / 2 = 50.00. Elsewhere
            // emonev adds earlier years (8 + 7 of 20 = 75.00); lakip takes the year, 7 / 20.
            let table = try CSVTable(directory, "reports/2025/TW3/pengukuran_kinerja.csv")
            #expect(try table.row(["kode_indikator": "E81-006"])["capaian_renstra"] == "50.00")
            #expect(try table.row(["kode_indikator": "E81-003"])["capaian_renstra"] == "35.00")
        }
    }

    @Test("sira E.81: the program's pagu, the kegiatan's realisations, each once")
    func sira() throws {
        try withTemporaryDirectory { directory in
            let (imported, run, _) = try importAndRun("e81-sira-titikkoma.csv", importArguments: ["--opd", "1.02.0.00.0.00.01.0000"],
                                                      in: directory)
            // The second program's outcome cell holds two outcomes for one value: rejected.
            #expect(imported.status == 1, "\(imported)")
            #expect(imported.stderrLines.contains(
                "e81-sira-titikkoma.csv (E.81 evaluasi hasil Renja): 40 baris dibaca, 5 diimpor (5 indikator), 34 struktur, 1 ditolak"),
                "\(imported)")
            #expect(run.status == 0, "\(run)")
            // Pagu: the program's 12.500.000.000 (its kegiatan's 4.750.000.000 and
            // 3.000.000.000 are part of it) and the kegiatan of the rejected program, 800.000.000.
            // Realisations: the kegiatan's, the repeated second output once.
            let budget = try CSVTable(directory, "reports/2018/TW3/anggaran.csv").row(["tingkat": "opd"])
            #expect(budget["pagu_anggaran"] == "13300000000")
            #expect(budget["realisasi_anggaran"] == "4900000000")
            let table = try CSVTable(directory, "reports/2018/TW3/pengukuran_kinerja.csv")
            // The program outcome's target (85 %, from its text) against TW3's 70.
            #expect(try table.row(["kode_indikator": "E81-001"])["progres"] == "82.35")
        }
    }
}
