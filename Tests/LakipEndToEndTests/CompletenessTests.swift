import Foundation
import Testing

/// kelengkapan.csv and the list of late OPDs in laporan.html (SPEC §8): who has not yet sent
/// which quarter.
@Suite("Data completeness")
struct CompletenessTests {
    @Test("kelengkapan.csv lists exactly the missing quarters of the worked example, per OPD and quarter")
    func missingQuarters() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("worked-example", into: directory)
            let out = directory.appendingPathComponent("out")
            let result = try Lakip.run(["run", "--data", data.path, "--out", out.path, "--format", "csv,html"], in: directory)
            #expect(result.status == 0, "\(result)")
            let table = try CSVTable(out, "2025/kelengkapan.csv")
            #expect(table.header == ["kode_opd", "nama_opd", "triwulan", "diharapkan", "dilaporkan", "belum_dilaporkan",
                                     "persen_lengkap", "indikator_belum_dilaporkan"])
            // Two OPDs of one indicator each, four quarters; DINKES-01 has no TW3.
            #expect(table.rows.count == 8)
            for row in table.rows {
                let late = row["kode_opd"] == "1.02.0.00.0.00.01.0000" && row["triwulan"] == "TW3"
                #expect(row["diharapkan"] == "1" && row["dilaporkan"] == (late ? "0" : "1"), "\(row)")
                #expect(row["belum_dilaporkan"] == (late ? "1" : "0") && row["persen_lengkap"] == (late ? "0.00" : "100.00"), "\(row)")
                #expect(row["indikator_belum_dilaporkan"] == (late ? "DINKES-01" : ""), "\(row)")
            }
            // The year's last quarter is complete: the page says so rather than listing anyone.
            let html = try String(contentsOf: out.appendingPathComponent("2025/laporan.html"), encoding: .utf8)
            #expect(html.contains("Semua Perangkat Daerah sudah melaporkan realisasi TW IV."))

            // As of TW3 only the quarters so far are listed, and the late OPD heads the page.
            let quarter = directory.appendingPathComponent("tw3")
            try #require(try Lakip.run(["run", "--data", data.path, "--out", quarter.path, "--as-of", "TW3", "--format", "csv,html"],
                                       in: directory).status == 0)
            #expect(try CSVTable(quarter, "2025/TW3/kelengkapan.csv").rows.map { $0["triwulan"] ?? "" }.filter { $0 == "TW4" }.isEmpty)
            let quarterHTML = try String(contentsOf: quarter.appendingPathComponent("2025/TW3/laporan.html"), encoding: .utf8)
            #expect(quarterHTML.contains("Belum lengkap melaporkan realisasi TW III:"))
            #expect(quarterHTML.contains("<li>Dinas Kesehatan Kabupaten Balangan: 1 dari 1 indikator (DINKES-01)</li>"))
        }
    }

    @Test("a long list of missing codes is cut to 20 and says how many more")
    func longListIsCut() throws {
        try withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("data")
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            var targets = "tahun,kode_opd,kode_indikator,indikator,polaritas,target_tahunan\n"
            for n in 1...25 { targets += "2025,OPD,IK-\(String(format: "%02d", n)),Indikator \(n),positif,10\n" }
            try Data(targets.utf8).write(to: data.appendingPathComponent("target.csv"))
            try Data("tahun,kode_opd,kode_indikator,triwulan,realisasi\n2025,OPD,IK-01,1,5\n".utf8)
                .write(to: data.appendingPathComponent("realisasi.csv"))
            let out = directory.appendingPathComponent("out")
            #expect(try Lakip.run(["run", "--data", data.path, "--out", out.path], in: directory).status == 0)
            let row = try CSVTable(out, "2025/TW1/kelengkapan.csv").row(["triwulan": "TW1"])
            #expect(row["belum_dilaporkan"] == "24", "\(row)")
            let listed = (2...21).map { "IK-" + String(format: "%02d", $0) }.joined(separator: "; ")
            #expect(row["indikator_belum_dilaporkan"] == listed + " … dan 4 lainnya", "\(row)")
        }
    }
}
