import Foundation
import Testing

/// The quarterly cycle of SPEC §4.1 and §5: a run as of TW1–TW3 reports the year to date against
/// the plan to date, in a folder of its own beside the annual report.
@Suite("Quarterly cycle")
struct QuarterlyCycleTests {
    /// Runs `lakip run` on the worked example with `arguments` into `out`.
    static func run(_ data: URL, _ out: URL, _ arguments: [String] = [], in directory: URL) throws -> LakipResult {
        try Lakip.run(["run", "--data", data.path, "--out", out.path] + arguments, in: directory)
    }

    @Test("SPEC §4.1 as of TW2: Produksi padi and AKI against the plan to date, progres beside it")
    func secondQuarterHeadline() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("worked-example", into: directory)
            let out = directory.appendingPathComponent("out")
            let result = try Self.run(data, out, ["--as-of", "TW2"], in: directory)
            #expect(result.status == 0, "\(result)")
            #expect(result.stderr.contains("Tahun 2025: laporan triwulan II (s.d. TW II), karena --as-of TW2"), "\(result)")

            let measurement = try CSVTable(out, "2025/TW2/pengukuran_kinerja.csv")
            // (code, target s.d. TW2, realisasi s.d. TW2, capaian, kategori, target_tahunan, progres)
            let expected = [("DKP3-04", "6000", "6000", "100.00", "Sangat Tinggi", "12000", "50.00"),
                            ("DINKES-01", "78", "79", "98.72", "Sangat Tinggi", "75", "94.67")]
            for (code, target, actual, capaian, kategori, annual, progress) in expected {
                let row = try measurement.row(["kode_indikator": code])
                #expect(row["periode"] == "s.d. TW2", "\(row)")
                #expect(row["target"] == target && row["realisasi"] == actual, "\(code): \(row)")
                #expect(row["capaian"] == capaian && row["kategori"] == kategori, "\(code): \(row)")
                #expect(row["target_tahunan"] == annual && row["progres"] == progress, "\(code): \(row)")
            }

            // The long table's headline row is s.d. TW2, never TAHUNAN; later quarters stay empty.
            let tidy = try CSVTable(out, "2025/TW2/capaian.csv")
            #expect(tidy.rows(["periode": "TAHUNAN"]).isEmpty)
            let toDate = try tidy.row(["kode_indikator": "DKP3-04", "periode": "s.d. TW2"])
            #expect(toDate["target"] == "6000" && toDate["capaian"] == "100.00", "\(toDate)")
            for period in ["TW3", "TW4", "S2"] {
                let row = try tidy.row(["kode_indikator": "DINKES-01", "periode": period])
                #expect(row["realisasi"] == "" && row["capaian"] == "", "\(period) should be empty: \(row)")
            }
            #expect(try tidy.row(["kode_indikator": "DINKES-01", "periode": "TW2"])["capaian"] == "98.72")
            #expect(try tidy.row(["kode_indikator": "DKP3-04", "periode": "S1"])["capaian"] == "100.00")
            let quarterly = try CSVTable(out, "2025/TW2/capaian_triwulan.csv")
            #expect(try quarterly.row(["kode_indikator": "DKP3-04"])["progres_tw2"] == "50.00")

            // The ranking uses the headline: both OPDs at Sangat Tinggi, DKP3 first (100.00 > 98.72).
            let ranking = try CSVTable(out, "2025/TW2/rekap_opd.csv")
            #expect(try ranking.row(["peringkat": "1"])["kode_opd"] == "2.09.3.27.3.25.01.0000")
            #expect(try ranking.row(["peringkat": "1"])["rata_rata_capaian"] == "100.00")
            #expect(try ranking.row(["nama_opd": "TOTAL PEMDA"])["kelengkapan_data"] == "100.00")

            // The later rows are ignored and said so (SPEC §4), not rejected; the annual folder is not written.
            let ignored = try CSVTable(out, "validasi.csv").rows(["tingkat": "info", "berkas": "realisasi.csv"])
            #expect(ignored.contains { ($0["pesan"] ?? "").contains("TW2") }, "no info row about the rows after TW2")
            #expect(try CSVTable(out, "validasi.csv").rows(["kode": "periode-laporan"]).count == 1)
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("2025/pengukuran_kinerja.csv").path))
        }
    }

    @Test("without --as-of the period is the latest quarter with a realisation")
    func periodFromTheData() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("worked-example", into: directory)
            // July: only TW1 and TW2 have come in.
            let actuals = try String(contentsOf: data.appendingPathComponent("realisasi.csv"), encoding: .utf8)
                .split(separator: "\n").filter { !$0.contains(",TW3,") && !$0.contains(",TW4,") }.joined(separator: "\n") + "\n"
            try Data(actuals.utf8).write(to: data.appendingPathComponent("realisasi.csv"))
            let out = directory.appendingPathComponent("out"), explicit = directory.appendingPathComponent("explicit")
            let result = try Self.run(data, out, in: directory)
            #expect(result.status == 0, "\(result)")
            #expect(result.stderr.contains("triwulan terakhir yang memuat realisasi: TW2"), "\(result)")
            try #require(try Self.run(data, explicit, ["--as-of", "TW2"], in: directory).status == 0)
            // The same tables as an explicit --as-of TW2.
            for table in ["pengukuran_kinerja.csv", "capaian.csv", "rekap_opd.csv", "capaian_triwulan.csv"] {
                #expect(try Data(contentsOf: out.appendingPathComponent("2025/TW2/" + table))
                    == Data(contentsOf: explicit.appendingPathComponent("2025/TW2/" + table)), "\(table)")
            }
        }
    }

    @Test("an indicator without quarter targets in a TW2 run: capaian empty, target-triwulan-kosong, progres shown")
    func noQuarterTargets() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("worked-example", into: directory)
            let targets = try String(contentsOf: data.appendingPathComponent("target.csv"), encoding: .utf8)
                + "2025,2.09.3.27.3.25.01.0000,\"Dinas Ketahanan Pangan, Pertanian dan Perikanan\",DKP3-S1,"
                + "Meningkatnya produksi pangan,DKP3-09,Luas tanam,ha,positif,jumlah,800,,,,\n"
            try Data(targets.utf8).write(to: data.appendingPathComponent("target.csv"))
            let actuals = try String(contentsOf: data.appendingPathComponent("realisasi.csv"), encoding: .utf8)
                + "2025,2.09.3.27.3.25.01.0000,DKP3-09,TW1,150\n2025,2.09.3.27.3.25.01.0000,DKP3-09,TW2,250\n"
            try Data(actuals.utf8).write(to: data.appendingPathComponent("realisasi.csv"))
            let out = directory.appendingPathComponent("out")
            let result = try Self.run(data, out, ["--as-of", "TW2"], in: directory)
            #expect(result.status == 0, "\(result)")

            let row = try CSVTable(out, "2025/TW2/pengukuran_kinerja.csv").row(["kode_indikator": "DKP3-09"])
            #expect(row["target"] == "" && row["realisasi"] == "400", "\(row)")
            #expect(row["capaian"] == "" && row["kategori"] == "", "\(row)")
            #expect(row["keterangan"]?.contains("target-triwulan-kosong") == true, "\(row)")
            // progres: 400 of the PK target 800.
            #expect(row["target_tahunan"] == "800" && row["progres"] == "50.00", "\(row)")
            // Not measured, so it counts in no kategori and not in the mean.
            let agency = try CSVTable(out, "2025/TW2/rekap_opd.csv").row(["kode_opd": "2.09.3.27.3.25.01.0000"])
            #expect(agency["jumlah_indikator"] == "2" && agency["indikator_terukur"] == "1", "\(agency)")
            #expect(agency["rata_rata_capaian"] == "100.00", "\(agency)")
        }
    }

    @Test("TW1, TW2, TW3 and the year on one output folder: four folders, each verifies, none overwritten")
    func fourRunsFourFolders() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("worked-example", into: directory)
            let out = directory.appendingPathComponent("reports")
            var snapshots: [String: DirectorySnapshot] = [:]
            for (arguments, folder) in [(["--as-of", "TW1"], "2025/TW1"), (["--as-of", "TW2"], "2025/TW2"),
                                        (["--as-of", "TW3"], "2025/TW3"), ([], "2025")] {
                let result = try Self.run(data, out, arguments + ["--format", "csv,html,md,xlsx"], in: directory)
                try #require(result.status == 0, "\(result)")
                snapshots[folder] = try DirectorySnapshot(out.appendingPathComponent(folder))
            }
            let final = try DirectorySnapshot(out)
            #expect(Set(final.directories) == ["2025", "2025/TW1", "2025/TW2", "2025/TW3", "2025/opd", "2025/TW1/opd",
                                               "2025/TW2/opd", "2025/TW3/opd"], "\(final.paths)")
            // Each later run left the earlier folders as they were.
            for (folder, snapshot) in snapshots {
                let now = try DirectorySnapshot(out.appendingPathComponent(folder))
                let nested = { (path: String) in path.hasPrefix("TW") }
                #expect(now.files.filter { !nested($0.key) } == snapshot.files.filter { !nested($0.key) }, "\(folder) changed")
            }
            let verify = try Lakip.run(["verify", "--data", data.path, "--out", out.path], in: directory)
            #expect(verify.status == 0, "\(verify)")
            #expect(verify.stdout.contains("COCOK: laporan 2025, 2025/TW1, 2025/TW2, 2025/TW3"), "\(verify)")

            // Titles name the period; nothing of a quarterly report says it is annual.
            let quarterHTML = try String(contentsOf: out.appendingPathComponent("2025/TW2/laporan.html"), encoding: .utf8)
            #expect(quarterHTML.contains("<h1>Laporan Kinerja Triwulan II Tahun 2025 (s.d. TW II)</h1>"))
            #expect(quarterHTML.contains("Capaian s.d. TW II:") && !quarterHTML.lowercased().contains("tahunan:"))
            let quarterMD = try String(contentsOf: out.appendingPathComponent("2025/TW2/laporan.md"), encoding: .utf8)
            #expect(quarterMD.hasPrefix("# Laporan Kinerja Triwulan II Tahun 2025 (s.d. TW II)\n"))
            let yearHTML = try String(contentsOf: out.appendingPathComponent("2025/laporan.html"), encoding: .utf8)
            #expect(yearHTML.contains("<h1>Laporan Kinerja Tahun 2025</h1>") && yearHTML.contains("Capaian tahunan:"))

            // A tampered quarter folder is found by verify.
            try Data("x\n".utf8).write(to: out.appendingPathComponent("2025/TW2/pengukuran_kinerja.csv"))
            let tampered = try Lakip.run(["verify", "--data", data.path, "--out", out.path], in: directory)
            #expect(tampered.status == 1 && tampered.stdout.contains("2025/TW2/pengukuran_kinerja.csv"), "\(tampered)")
        }
    }
}
