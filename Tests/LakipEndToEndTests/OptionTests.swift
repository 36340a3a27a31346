import Foundation
import Testing

/// `--year`, `--as-of`, `--negative-formula` and `--quiet` change what is computed or written,
/// and nothing else.
@Suite("Options")
struct OptionTests {
    static let yearFiles = ["pengukuran_kinerja.csv", "capaian_triwulan.csv", "capaian_semester.csv",
                            "capaian.csv", "rekap_opd.csv", "rekap_sasaran.csv", "perbandingan_tahun.csv", "anggaran.csv",
                            "kelengkapan.csv"]

    @Test("--year 2025 writes only that year's folder, the same as a run over all years")
    func yearWritesOneFolder() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory)
            let all = directory.appendingPathComponent("all")
            let only = directory.appendingPathComponent("only")
            try #require(try Lakip.run(["run", "--data", data.path, "--out", all.path], in: directory).status == 0)
            let result = try Lakip.run(["run", "--data", data.path, "--out", only.path, "--year", "2025"], in: directory)
            #expect(result.status == 0, "\(result)")

            let written = try DirectorySnapshot(only)
            #expect(Set(written.files.keys)
                == Set(["validasi.csv", "2025/manifest.json", "2025/validasi.csv"] + Self.yearFiles.map { "2025/\($0)" }))
            #expect(!written.directories.contains("2024"))
            let full = try DirectorySnapshot(all)
            for file in Self.yearFiles {
                #expect(written.files["2025/\(file)"] == full.files["2025/\(file)"],
                        "2025/\(file) depends on --year: \(firstDifference(expected: full.files["2025/\(file)"] ?? Data(), actual: written.files["2025/\(file)"] ?? Data()))")
            }
            // The 2024 rows were read and left out of scope, not rejected.
            for summary in result.fileSummaries {
                #expect(summary.rejected == 0 && summary.read == summary.used, "\(summary)")
            }
        }
    }

    @Test("--as-of accepts TW2, 2, II and 'Triwulan 2' alike", arguments: ["2", "II", "Triwulan 2"])
    func asOfSpellings(_ spelling: String) throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("worked-example", into: directory)
            let canonical = directory.appendingPathComponent("canonical")
            let other = directory.appendingPathComponent("other")
            try #require(try Lakip.run(["run", "--data", data.path, "--out", canonical.path, "--as-of", "TW2"], in: directory).status == 0)
            let result = try Lakip.run(["run", "--data", data.path, "--out", other.path, "--as-of", spelling], in: directory)
            #expect(result.status == 0, "\(result)")
            let differences = try DirectorySnapshot(canonical).differences(to: DirectorySnapshot(other))
            #expect(differences.isEmpty, "\(differences)")
        }
    }

    @Test("--negative-formula rasio: negatif capaian = T / R × 100; positif unchanged")
    func ratioFormula() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("worked-example", into: directory)
            let out = directory.appendingPathComponent("out")
            let result = try Lakip.run(["run", "--data", data.path, "--out", out.path, "--negative-formula", "rasio"],
                                       in: directory)
            #expect(result.status == 0, "\(result)")

            let tidy = try CSVTable(out, "2025/capaian.csv")
            // 80/82 = 97.56 (selisih: 97.50); 78/79 = 98.73; 75/104.7 = 71.63 (selisih: 60.40).
            let expected = [("TW1", "97.56"), ("TW2", "98.73"), ("TW3", ""), ("TW4", "71.63"),
                            ("S1", "98.73"), ("S2", "71.63"), ("TAHUNAN", "71.63")]
            for (period, capaian) in expected {
                let row = try tidy.row(["kode_indikator": "DINKES-01", "periode": period])
                #expect(row["capaian"] == capaian, "DINKES-01 \(period): \(row)")
            }
            #expect(try tidy.row(["kode_indikator": "DINKES-01", "periode": "TAHUNAN"])["kategori"] == "Sedang")
            #expect(try CSVTable(out, "2025/pengukuran_kinerja.csv").row(["kode_indikator": "DINKES-01"])["capaian"] == "71.63")
            // progres s.d. TW2 = 75 / 79.
            #expect(try CSVTable(out, "2025/capaian_triwulan.csv").row(["kode_indikator": "DINKES-01"])["progres_tw2"] == "94.94")
            for (period, capaian) in [("TW1", "105.00"), ("TAHUNAN", "101.67")] {
                #expect(try tidy.row(["kode_indikator": "DKP3-04", "periode": period])["capaian"] == capaian)
            }
            // The policy used is stated in validasi.csv.
            let policy = try CSVTable(out, "validasi.csv").rows.filter { ($0["pesan"] ?? "").contains("rasio") }
            #expect(!policy.isEmpty, "validasi.csv does not say the rasio formula was used")
        }
    }

    @Test("--quiet: no counts on a clean run, same reports")
    func quietClean() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory)
            let loud = directory.appendingPathComponent("loud")
            let quiet = directory.appendingPathComponent("quiet")
            try #require(try Lakip.run(["run", "--data", data.path, "--out", loud.path], in: directory).status == 0)
            let result = try Lakip.run(["run", "--data", data.path, "--out", quiet.path, "--quiet"], in: directory)
            #expect(result.status == 0, "\(result)")
            #expect(result.fileSummaries.isEmpty, "\(result)")
            #expect(try DirectorySnapshot(loud).differences(to: DirectorySnapshot(quiet)).isEmpty)
        }
    }

    @Test("--quiet still reports the counts when rows were rejected")
    func quietWithRejectedRows() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("rejected-rows", into: directory)
            let out = directory.appendingPathComponent("out")
            let result = try Lakip.run(["run", "--data", data.path, "--out", out.path, "--quiet"], in: directory)
            #expect(result.status == 1, "\(result)")
            #expect(result.fileSummaries.contains(FileSummary(file: "realisasi.csv", read: 9, used: 5, rejected: 4)),
                    "\(result)")
        }
    }
}
