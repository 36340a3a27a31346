import Foundation
import Testing

/// Many Pemda in one run (SPEC §8): kode_pemda in every key, rekap_pemda.csv, --pemda.
///
/// The fixture has two kabupaten with the same OPD and indicator codes and different targets
/// and realisations: 6311 (AKI 90 against 75, negatif → 80.00; padi 12600 of 12000 → 105.00)
/// and 6308 (AKI 70 against 80 → 112.50; padi 8000 of 9000 → 88.89), and one realisation row
/// in a file without kode_pemda.
@Suite("Many Pemda")
struct ManyPemdaTests {
    private static func run(_ arguments: [String] = [], in directory: URL) throws -> (out: URL, run: LakipResult) {
        let data = try Fixture.copy("many-pemda", into: directory)
        let out = directory.appendingPathComponent("out")
        let run = try Lakip.run(["run", "--data", data.path, "--out", out.path, "--quiet"] + arguments, in: directory)
        return (out, run)
    }

    @Test("the same OPD and indicator codes in two Pemda stay apart in every table, ranked by their own data")
    func twoPemdaApart() throws {
        try withTemporaryDirectory { directory in
            let (out, run) = try Self.run(["--format", "csv,html,md,xlsx"], in: directory)
            #expect(run.status == 1, "\(run)")
            let measurement = try CSVTable(out, "2025/pengukuran_kinerja.csv")
            #expect(measurement.header.prefix(3) == ["kode_pemda", "nama_pemda", "no"])
            #expect(try measurement.rows([:]).map { [$0["kode_pemda"]!, $0["kode_indikator"]!, $0["capaian"]!] }
                == [["6311", "AKI", "80.00"], ["6311", "PADI", "105.00"], ["6308", "AKI", "112.50"], ["6308", "PADI", "88.89"]])

            let agencies = try CSVTable(out, "2025/rekap_opd.csv")
            #expect(agencies.header.prefix(3) == ["kode_pemda", "nama_pemda", "peringkat"])
            #expect(try agencies.rows([:]).map { [$0["kode_pemda"]!, $0["kode_opd"]!, $0["peringkat"]!, $0["rata_rata_capaian"]!] }
                == [["6308", "1.02", "1", "112.50"], ["6311", "2.09", "2", "105.00"], ["6308", "2.09", "3", "88.89"],
                    ["6311", "1.02", "4", "80.00"], ["", "", "", "96.60"]])

            // Pemda ranked by the same rule: 6308 (112.50 + 88.89) / 2 = 100.695 → 100.70 before
            // 6311 (80 + 105) / 2 = 92.50; both in one province, so a provincial total.
            let pemdas = try CSVTable(out, "2025/rekap_pemda.csv").rows([:])
            #expect(pemdas.map { [$0["peringkat"]!, $0["kode_pemda"]!, $0["jumlah_opd"]!, $0["rata_rata_capaian"]!] }
                == [["1", "6308", "2", "100.70"], ["2", "6311", "2", "92.50"], ["", "", "4", "96.60"]])
            #expect(pemdas.last?["nama_pemda"] == "TOTAL PROVINSI KALIMANTAN SELATAN")
            #expect(pemdas.first?["provinsi"] == "Kalimantan Selatan")

            let completeness = try CSVTable(out, "2025/kelengkapan.csv").rows(["triwulan": "TW4"])
            #expect(completeness.map { $0["kode_pemda"]! + "/" + $0["kode_opd"]! } == ["6311/1.02", "6311/2.09", "6308/1.02", "6308/2.09"])

            // Documents: the comparison of Pemda first, each OPD's document named with its Pemda
            // and signed by its own head.
            let report = try String(contentsOf: out.appendingPathComponent("2025/laporan.html"), encoding: .utf8)
            #expect(report.contains("<h2>A. Perbandingan Pemerintah Daerah</h2>"))
            #expect(report.contains("<caption>Peringkat capaian kinerja Perangkat Daerah — Kabupaten Hulu Sungai Utara</caption>"))
            let markdown = try String(contentsOf: out.appendingPathComponent("2025/laporan.md"), encoding: .utf8)
            #expect(markdown.contains("| 1 | Kabupaten Hulu Sungai Utara | 6308 | Kalimantan Selatan | 2 | 2 | 100,70 |"))
            let north = try String(contentsOf: out.appendingPathComponent("2025/opd/6308_1.02.html"), encoding: .utf8)
            #expect(north.contains("KABUPATEN HULU SUNGAI UTARA") && north.contains("dr. Hj. Siti Norhayati"))
            #expect(!north.contains("Rahmani"))
            let files = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("2025/opd").path)
            #expect(Set(files) == Set(["6311_1.02", "6311_2.09", "6308_1.02", "6308_2.09"].flatMap { code in
                ["html", "md", "xlsx"].map { "\(code).\($0)" }
            }))
        }
    }

    @Test("a realisation without kode_pemda in many-Pemda data is a galat with file and line")
    func realisationWithoutPemda() throws {
        try withTemporaryDirectory { directory in
            let (out, run) = try Self.run(in: directory)
            #expect(run.status == 1, "\(run)")
            #expect(run.stderr.contains("realisasi_tanpa_pemda.csv: 1 baris dibaca, 0 dipakai, 1 ditolak"), "\(run)")
            let galat = try CSVTable(out, "validasi.csv").rows(["tingkat": "galat"])
            #expect(galat.map { [$0["berkas"]!, $0["baris"]!, $0["kode"]!] } == [["realisasi_tanpa_pemda.csv", "2", "kode-pemda-kosong"]])
            // Nothing of it reached either Pemda's AKI: TW3 stays unreported in both.
            let rows = try CSVTable(out, "2025/capaian_triwulan.csv").rows(["kode_indikator": "AKI"])
            #expect(rows.count == 2 && rows.allSatisfy { $0["realisasi_tw3"] == "" })
        }
    }

    @Test("a problem of one Pemda's OPD is listed in that OPD's document, not in the same code's of the other Pemda")
    func problemsStayWithTheirPemda() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("many-pemda", into: directory)
            let actuals = data.appendingPathComponent("realisasi.csv")
            let added = try String(contentsOf: actuals, encoding: .utf8) + "6308,2025,1.02,AKI,2,abc\n"
            try added.write(to: actuals, atomically: true, encoding: .utf8)
            let out = directory.appendingPathComponent("out")
            let run = try Lakip.run(["run", "--data", data.path, "--out", out.path, "--format", "html", "--quiet"], in: directory)
            #expect(run.status == 1, "\(run)")
            let line6 = "<td>realisasi.csv</td><td class=\"angka\">6</td>"
            let north = try String(contentsOf: out.appendingPathComponent("2025/opd/6308_1.02.html"), encoding: .utf8)
            let south = try String(contentsOf: out.appendingPathComponent("2025/opd/6311_1.02.html"), encoding: .utf8)
            #expect(north.contains(line6) && north.contains("angka-tidak-valid"))
            #expect(!south.contains(line6) && south.contains("Tidak ada galat atau peringatan pada baris data OPD ini."))
        }
    }

    @Test("kode_pemda outside the targets is said to be unused, not dropped silently")
    func pemdaColumnWithoutTargets() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("many-pemda", into: directory)
            // Targets of one Pemda only, without the column; the realisations keep theirs.
            let targets = try String(contentsOf: data.appendingPathComponent("target.csv"), encoding: .utf8)
                .split(separator: "\n").filter { !$0.hasPrefix("6308") }
                .map { $0.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)[2] }
            try (targets.joined(separator: "\n") + "\n").write(to: data.appendingPathComponent("target.csv"), atomically: true,
                                                              encoding: .utf8)
            for name in ["opd.csv", "realisasi_tanpa_pemda.csv"] {
                try FileManager.default.removeItem(at: data.appendingPathComponent(name))
            }
            let out = directory.appendingPathComponent("out")
            _ = try Lakip.run(["run", "--data", data.path, "--out", out.path, "--quiet"], in: directory)
            let info = try CSVTable(out, "validasi.csv").rows(["kode": "pemda-diabaikan"])
            #expect(info.map { [$0["berkas"]!, $0["kolom"]!] } == [["pemda.csv", ""], ["realisasi.csv", "kode_pemda"]])
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("2025/rekap_pemda.csv").path))
        }
    }

    @Test("--pemda keeps only the named Pemda; the others' rows are read, skipped and counted")
    func restrict() throws {
        try withTemporaryDirectory { directory in
            let (out, run) = try Self.run(["--pemda", "6311,9999"], in: directory)
            #expect(run.status == 1, "\(run)")
            #expect(run.stderr.contains("peringatan: --pemda: kode Pemda 9999 tidak ada di data."), "\(run)")
            #expect(run.stderr.contains("target.csv: 4 baris dibaca, 4 dipakai, 0 ditolak"), "\(run)")
            #expect(try CSVTable(out, "2025/pengukuran_kinerja.csv").rows([:]).map { $0["kode_pemda"]! } == ["6311", "6311"])
            #expect(try CSVTable(out, "2025/rekap_pemda.csv").rows([:]).map { $0["kode_pemda"]! } == ["6311", ""])
            let info = try CSVTable(out, "validasi.csv").rows(["kode": "pemda-lain"])
            #expect(info.map { [$0["berkas"]!, $0["pesan"]!] } == [
                ["opd.csv", "1 baris Pemda lain dilewati (--pemda 6311,9999)."],
                ["target.csv", "2 baris Pemda lain dilewati (--pemda 6311,9999)."],
                ["realisasi.csv", "2 baris Pemda lain dilewati (--pemda 6311,9999)."],
            ])
            let manifest = try String(contentsOf: out.appendingPathComponent("2025/manifest.json"), encoding: .utf8)
            #expect(manifest.contains("\"pemda\""))
        }
    }
}
