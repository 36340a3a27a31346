import Foundation
import Testing

/// Years side by side, Renstra, budget, weights, ranges, grades and the policy, through the
/// built tool on fixtures with two and three years.
@Suite("Evaluator reports")
struct EvaluatorReportTests {
    /// Runs the tool on a copy of `fixture` and hands the output folder to `body`.
    private func run(_ fixture: String, _ extra: [String] = [], status: Int32 = 0,
                     _ body: (URL, LakipResult) throws -> Void) throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy(fixture, into: directory)
            let out = directory.appendingPathComponent("out")
            let result = try Lakip.run(["run", "--data", data.path, "--out", out.path] + extra, in: directory)
            #expect(result.status == status, "\(result)")
            try body(out, result)
        }
    }

    @Test("three years side by side, with a year missing in the middle")
    func threeYears() throws {
        try run("three-years") { out, _ in
            let table = try CSVTable(out, "2025/perbandingan_tahun.csv")
            #expect(table.header.suffix(10) == ["target_2023", "realisasi_2023", "capaian_2023", "target_2024", "realisasi_2024",
                                                "capaian_2024", "target_2025", "realisasi_2025", "capaian_2025", "arah_perubahan"])
            let production = try table.row(["kode_indikator": "IK-1"])
            #expect(production["capaian_2023"] == "80.00")
            #expect(production["capaian_2024"] == "100.00")
            #expect(production["realisasi_2025"] == "132")
            #expect(production["capaian_2025"] == "110.00")
            #expect(production["arah_perubahan"] == "membaik")
            let cases = try table.row(["kode_indikator": "IK-2"])
            #expect(cases["target_2024"] == "" && cases["realisasi_2024"] == "" && cases["capaian_2024"] == "")
            #expect(cases["realisasi_2023"] == "12")
            // Lower is better: 12 cases in 2023, 6 in 2025.
            #expect(cases["arah_perubahan"] == "membaik")
            let opinion = try table.row(["kode_indikator": "IK-3"])
            #expect(opinion["realisasi_2023"] == "WDP" && opinion["capaian_2023"] == "75.00")
            #expect(opinion["arah_perubahan"] == "membaik")
            let newcomer = try table.row(["kode_indikator": "IK-9"])
            #expect(newcomer["arah_perubahan"] == "")
        }
    }

    @Test("two years: change judged by polarity")
    func twoYears() throws {
        try run("two-years") { out, _ in
            let table = try CSVTable(out, "2025/perbandingan_tahun.csv")
            #expect(try table.row(["kode_indikator": "IK-1"])["arah_perubahan"] == "tetap")
            #expect(try table.row(["kode_indikator": "IK-2"])["arah_perubahan"] == "memburuk")
            #expect(try table.row(["kode_indikator": "IK-2"])["target_2023"] == "")
            // --year keeps the earlier year for the comparison, and writes only the chosen year.
        }
        try run("two-years", ["--year", "2025"]) { out, result in
            let table = try CSVTable(out, "2025/perbandingan_tahun.csv")
            #expect(try table.row(["kode_indikator": "IK-2"])["realisasi_2024"] == "8")
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("2024").path))
            #expect(result.fileSummaries.allSatisfy { $0.rejected == 0 })
        }
    }

    @Test("Renstra, range and grade targets in the measurement table")
    func measurementColumns() throws {
        try run("three-years") { out, _ in
            let table = try CSVTable(out, "2025/pengukuran_kinerja.csv")
            #expect(Array(table.header[15...16]) == ["target_renstra", "capaian_renstra"])
            let production = try table.row(["kode_indikator": "IK-1"])
            #expect(production["target_renstra"] == "150" && production["capaian_renstra"] == "88.00")
            let cases = try table.row(["kode_indikator": "IK-2"])
            #expect(cases["capaian"] == "125.00" && cases["capaian_renstra"] == "80.00")
            let opinion = try table.row(["kode_indikator": "IK-3"])
            #expect(opinion["target"] == "WTP" && opinion["realisasi"] == "WTP" && opinion["capaian"] == "100.00")
            #expect(opinion["target_renstra"] == "WTP")
            let ratio = try table.row(["kode_indikator": "IK-4"])
            #expect(ratio["target"] == "30-33" && ratio["capaian"] == "100.00")
            let quarters = try CSVTable(out, "2025/capaian_triwulan.csv").row(["kode_indikator": "IK-4"])
            #expect(quarters["capaian_tw1"] == "100.00")
            #expect(quarters["capaian_tw2"] == "93.94")
            #expect(quarters["capaian_tw3"] == "103.33")
            let newcomer = try table.row(["kode_indikator": "IK-9"])
            #expect(newcomer["target_renstra"] == "" && newcomer["capaian_renstra"] == "")
        }
    }

    @Test("weights, the ranking with its Pemda total, and the sasaran roll-up")
    func rankingAndObjectives() throws {
        try run("three-years") { out, _ in
            let ranking = try CSVTable(out, "2025/rekap_opd.csv")
            #expect(ranking.rows.map { $0["kode_opd"] } == ["A", "B", ""])
            // (110 × 3 + 125 + 100 + 100) / 6
            #expect(ranking.rows[0]["rata_rata_capaian"] == "109.17" && ranking.rows[0]["peringkat"] == "1")
            #expect(ranking.rows[1]["rata_rata_capaian"] == "100.00" && ranking.rows[1]["peringkat"] == "2")
            #expect(ranking.rows[2]["nama_opd"] == "TOTAL PEMDA" && ranking.rows[2]["peringkat"] == "")
            #expect(ranking.rows[2]["jumlah_indikator"] == "5" && ranking.rows[2]["rata_rata_capaian"] == "107.33")
            let objectives = try CSVTable(out, "2025/rekap_sasaran.csv")
            #expect(objectives.rows.map { $0["kode_sasaran"] } == ["S1", "S2", "S9"])
            #expect(objectives.rows[0]["rata_rata_capaian"] == "113.75")
            #expect(objectives.rows[1]["rata_rata_capaian"] == "100.00")
        }
    }

    @Test("budget per OPD and sasaran, with a quarter unreported")
    func budget() throws {
        try run("three-years") { out, _ in
            let table = try CSVTable(out, "2025/anggaran.csv")
            let agency = try table.row(["tingkat": "opd", "kode_opd": "A"])
            #expect(agency["pagu_anggaran"] == "1700")
            #expect([agency["realisasi_tw1"], agency["realisasi_tw2"], agency["realisasi_tw3"], agency["realisasi_tw4"]]
                    == ["300", "300", "", "500"])
            #expect(agency["realisasi_anggaran"] == "1100")
            #expect(agency["serapan"] == "64.71")
            #expect(agency["rata_rata_capaian"] == "113.75")
            #expect(agency["efisiensi"] == "175.78")
            let objective = try table.row(["tingkat": "sasaran", "kode_sasaran": "S1"])
            #expect(objective["pagu_anggaran"] == "1700")
            let other = try table.row(["tingkat": "opd", "kode_opd": "B"])
            #expect(other["serapan"] == "100.00" && other["efisiensi"] == "100.00")
            // S2 has no budget at all, so it has no row.
            #expect(table.rows(["kode_sasaran": "S2"]).isEmpty)
        }
    }

    @Test("--scale and --cap change kategori and printed capaian; the policy is stated in validasi.csv")
    func scaleAndCap() throws {
        try run("three-years", ["--scale", "biner", "--cap", "105"]) { out, _ in
            let table = try CSVTable(out, "2025/pengukuran_kinerja.csv")
            let production = try table.row(["kode_indikator": "IK-1"])
            #expect(production["capaian"] == "105.00")
            #expect(production["kategori"] == "Tercapai")
            #expect(production["keterangan"]?.contains("dibatasi 105.00 (semula 110.00)") == true)
            #expect(try CSVTable(out, "2025/rekap_opd.csv").header.contains("tidak_tercapai"))
            let policy = try CSVTable(out, "validasi.csv").rows(["tingkat": "info"]).map { $0["kode"] ?? "" }
            #expect(policy.starts(with: ["kebijakan-sumber", "kebijakan-rumus-negatif", "kebijakan-skala", "kebijakan-batas"]))
            let cap = try CSVTable(out, "validasi.csv").row(["kode": "kebijakan-batas"])
            #expect(cap["pesan"]?.contains("105.00") == true)
        }
    }

    @Test("a policy file in the data folder is applied, and flags override it")
    func policyFile() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("three-years", into: directory)
            try Data("skala = \"baik\"\nbatas_capaian = 120\n".utf8).write(to: data.appendingPathComponent("lakip.toml"))
            let out = directory.appendingPathComponent("out")
            let result = try Lakip.run(["run", "--data", data.path, "--out", out.path], in: directory)
            #expect(result.status == 0, "\(result)")
            let cases = try CSVTable(out, "2025/pengukuran_kinerja.csv").row(["kode_indikator": "IK-2"])
            #expect(cases["capaian"] == "120.00" && cases["kategori"] == "Sangat Baik")
            let overridden = directory.appendingPathComponent("over")
            _ = try Lakip.run(["run", "--data", data.path, "--out", overridden.path, "--cap", "200", "--scale", "permendagri86"],
                              in: directory)
            let again = try CSVTable(overridden, "2025/pengukuran_kinerja.csv").row(["kode_indikator": "IK-2"])
            #expect(again["capaian"] == "125.00" && again["kategori"] == "Sangat Tinggi")
        }
    }

    @Test("a bad policy file stops the run, naming the key and line, and writes nothing")
    func badPolicyFile() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("three-years", into: directory)
            try Data("skala = \"baik\"\nwarna = \"merah\"\n".utf8).write(to: data.appendingPathComponent("lakip.toml"))
            let out = directory.appendingPathComponent("out")
            let result = try Lakip.run(["run", "--data", data.path, "--out", out.path], in: directory)
            #expect(result.status == 2)
            #expect(result.stderr.contains("lakip.toml, baris 2, kunci 'warna'"), "\(result)")
            #expect(!FileManager.default.fileExists(atPath: out.path))
            let missing = try Lakip.run(["validate", "--data", data.path, "--config", "/nonexistent/lakip.toml"], in: directory)
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("/nonexistent/lakip.toml"))
        }
    }
}
