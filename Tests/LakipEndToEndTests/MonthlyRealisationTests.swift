import Foundation
import Testing

/// Monthly realisations (SPEC §8) through the built tool: months in, quarters out.
@Suite("Monthly realisations")
struct MonthlyRealisationTests {
    @Test("monthly rows and wide monthly columns fold into capaian_triwulan.csv by agregasi")
    func quartersFromMonths() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("monthly", into: directory)
            let out = directory.appendingPathComponent("out")
            let result = try Lakip.run(["run", "--data", data.path, "--out", out.path], in: directory)
            #expect(result.status == 0, "\(result)")

            let quarterly = try CSVTable(out, "2025/capaian_triwulan.csv")
            // Produksi padi, jumlah, 300 a quarter: 100 + 90 + 120 = 310 → 103.33; 80 + 100 + 90 = 270
            // → 90.00; 300 → 100.00; 110 + 100 + 95 = 305 → 101.67. To TW2: 580 of 1200 → 48.33.
            let padi = try quarterly.row(["kode_indikator": "PADI"])
            let expectedPadi = [("310", "103.33"), ("270", "90.00"), ("300", "100.00"), ("305", "101.67")]
            for (n, (actual, capaian)) in expectedPadi.enumerated() {
                #expect(padi["realisasi_tw\(n + 1)"] == actual && padi["capaian_tw\(n + 1)"] == capaian, "TW\(n + 1): \(padi)")
            }
            #expect(padi["realisasi_sd_tw2"] == "580" && padi["progres_tw2"] == "48.33", "\(padi)")

            // Indeks kepuasan, rata-rata against 90: (80 + 90 + 95) / 3 = 265/3, kept as 88.3333 →
            // 98.15; April alone 92 → 102.22; nothing after.
            let ikm = try quarterly.row(["kode_indikator": "IKM"])
            #expect(ikm["realisasi_tw1"] == "88.3333" && ikm["capaian_tw1"] == "98.15", "\(ikm)")
            #expect(ikm["realisasi_tw2"] == "92" && ikm["capaian_tw2"] == "102.22", "\(ikm)")
            #expect(ikm["realisasi_tw3"] == "" && ikm["capaian_tw3"] == "", "\(ikm)")

            // Stunting, negatif and akhir, from "Realisasi Bulan 1 … 3": March's 23.5 against 24 →
            // (48 − 23.5) / 24 = 102.08.
            let stunting = try quarterly.row(["kode_indikator": "STUNT"])
            #expect(stunting["realisasi_tw1"] == "23.5" && stunting["capaian_tw1"] == "102.08", "\(stunting)")

            let validation = try CSVTable(out, "validasi.csv")
            #expect(validation.rows(["tingkat": "galat"]).isEmpty)
            let rounded = try validation.row(["kode": "rata-rata-dibulatkan"])
            #expect(rounded["berkas"] == "realisasi_bulanan.csv" && rounded["baris"] == "14", "\(rounded)")
        }
    }

    @Test("a month and a quarter value of one quarter: galat naming both places, the quarter left empty")
    func monthAgainstQuarter() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("monthly", into: directory)
            try Data("tahun,kode_opd,kode_indikator,triwulan,realisasi\n2025,3.27.01,PADI,TW1,310\n".utf8)
                .write(to: data.appendingPathComponent("realisasi_triwulan.csv"))
            let out = directory.appendingPathComponent("out")
            let result = try Lakip.run(["run", "--data", data.path, "--out", out.path], in: directory)
            #expect(result.status == 1, "\(result)")

            let error = try CSVTable(out, "validasi.csv").row(["tingkat": "galat"])
            #expect(error["kode"] == "bulan-triwulan-bertentangan", "\(error)")
            #expect(error["berkas"] == "realisasi_triwulan.csv" && error["baris"] == "2", "\(error)")
            #expect((error["pesan"] ?? "").contains("realisasi_bulanan.csv baris 2"), "\(error)")
            let padi = try CSVTable(out, "2025/capaian_triwulan.csv").row(["kode_indikator": "PADI"])
            #expect(padi["realisasi_tw1"] == "" && padi["capaian_tw1"] == "", "\(padi)")
            #expect(padi["realisasi_tw2"] == "270", "\(padi)")
        }
    }
}
