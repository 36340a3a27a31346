import Foundation
import Testing

/// A clean data folder: every row used, exit 0, one count per input file, every report written
/// with the column names of SPEC §5.
@Suite("Clean run")
struct CleanRunTests {
    @Test("exit 0, and read = used + rejected for every input file")
    func cleanRunExitsZeroWithSummary() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory)
            let out = directory.appendingPathComponent("out")
            let result = try Lakip.run(["run", "--data", data.path, "--out", out.path], in: directory)

            #expect(result.status == 0, "\(result)")
            let expected = [
                FileSummary(file: "target_2024.csv", read: 3, used: 3, rejected: 0),
                FileSummary(file: "target_2025.csv", read: 3, used: 3, rejected: 0),
                FileSummary(file: "realisasi.csv", read: 24, used: 24, rejected: 0),
            ]
            let summaries = result.fileSummaries
            #expect(Set(summaries.map(\.file)) == Set(expected.map(\.file)), "\(result)")
            for summary in summaries {
                #expect(summary.read == summary.used + summary.rejected, "\(summary)")
            }
            for file in expected {
                #expect(summaries.contains(file), "missing or wrong count: \(file)\n\(result)")
            }
            // The counts close the run: nothing but totals and each year's report period may follow them.
            let lastSummary = try #require(result.stderrLines.lastIndex { FileSummary(line: $0) != nil })
            #expect(result.stderrLines.count - lastSummary <= 3 + 2, "\(result)")
            #expect(result.stderr.contains("Tahun 2025: laporan tahunan"), "\(result)")

            let validation = try CSVTable(out, "validasi.csv")
            #expect(validation.rows(["tingkat": "galat"]).isEmpty, "\(validation.records)")
        }
    }

    @Test("every report is written, with the column names of SPEC §5")
    func reportsHaveContractColumns() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory)
            let out = directory.appendingPathComponent("out")
            let result = try Lakip.run(["run", "--data", data.path, "--out", out.path], in: directory)
            try #require(result.status == 0, "\(result)")

            let yearFiles = ["pengukuran_kinerja.csv", "capaian_triwulan.csv", "capaian_semester.csv",
                            "capaian.csv", "rekap_opd.csv", "rekap_sasaran.csv", "perbandingan_tahun.csv", "anggaran.csv",
                            "kelengkapan.csv"]
            let snapshot = try DirectorySnapshot(out)
            #expect(Set(snapshot.files.keys)
                == Set(["validasi.csv"] + ["2024", "2025"].flatMap { year in
                    (yearFiles + ["manifest.json", "validasi.csv"]).map { "\(year)/\($0)" }
                }))

            for (path, bytes) in snapshot.files {
                #expect(!bytes.starts(with: [0xEF, 0xBB, 0xBF]), "\(path) starts with a BOM")
            }

            #expect(try CSVTable(out, "validasi.csv").header == ["tingkat", "berkas", "baris", "kolom", "kode", "pesan"])
            for year in ["2024", "2025"] {
                #expect(try CSVTable(out, "\(year)/pengukuran_kinerja.csv").header == [
                    "no", "kode_opd", "nama_opd", "kode_sasaran", "sasaran", "kode_indikator", "indikator", "satuan",
                    "polaritas", "agregasi", "target", "realisasi", "capaian", "kategori", "keterangan",
                    "target_renstra", "capaian_renstra", "periode", "target_tahunan", "progres",
                ])
                #expect(try CSVTable(out, "\(year)/capaian.csv").header == [
                    "tahun", "kode_opd", "kode_indikator", "periode", "target", "realisasi", "capaian", "kategori",
                ])
                let quarterly = try CSVTable(out, "\(year)/capaian_triwulan.csv").header
                let quarterColumns = (1...4).flatMap { n in
                    ["target_tw\(n)", "realisasi_tw\(n)", "capaian_tw\(n)", "realisasi_sd_tw\(n)", "progres_tw\(n)"]
                }
                #expect(quarterly.filter(quarterColumns.contains) == quarterColumns, "\(quarterly)")
                #expect(quarterly.contains("kode_indikator"))
                let semester = try CSVTable(out, "\(year)/capaian_semester.csv").header
                let semesterColumns = ["s1", "s2"].flatMap { s in ["target_\(s)", "realisasi_\(s)", "capaian_\(s)", "kategori_\(s)"] }
                #expect(semester.filter(semesterColumns.contains) == semesterColumns, "\(semester)")
                #expect(semester.contains("kode_indikator"))

                // Three indicators × seven periods, each with its year.
                let tidy = try CSVTable(out, "\(year)/capaian.csv")
                #expect(tidy.records.count == 3 * 7)
                #expect(tidy.rows.allSatisfy { $0["tahun"] == year })
                #expect(Set(tidy.rows.compactMap { $0["periode"] }) == ["TW1", "TW2", "TW3", "TW4", "S1", "S2", "TAHUNAN"])
                // Capaian always with two decimals.
                for row in tidy.rows {
                    let capaian = row["capaian"] ?? ""
                    #expect(capaian.wholeMatch(of: #/-?\d+\.\d\d/#) != nil, "capaian '\(capaian)' in \(row)")
                }
            }
        }
    }

    @Test("the 2024 file with ';', decimal comma and thousands dots reads as intended")
    func indonesianSpreadsheetConvention() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory)
            let out = directory.appendingPathComponent("out")
            try #require(try Lakip.run(["run", "--data", data.path, "--out", out.path], in: directory).status == 0)
            let tidy = try CSVTable(out, "2024/capaian.csv")
            // target 9,5 (negatif) against realisasi 9.8: (19 − 9.8) / 9.5 × 100 = 96.84.
            let infant = try tidy.row(["kode_indikator": "DINKES-02", "periode": "TAHUNAN"])
            #expect(infant["target"] == "9.5")
            #expect(infant["capaian"] == "96.84")
            // target 11.500 ton (jumlah) against 1950 + 3600 + 3400 + 2600 = 11550: 100.43.
            let rice = try tidy.row(["kode_indikator": "DKP3-04", "periode": "TAHUNAN"])
            #expect(rice["target"] == "11500")
            #expect(rice["realisasi"] == "11550")
            #expect(rice["capaian"] == "100.43")
        }
    }
}
