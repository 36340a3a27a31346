import Foundation
import Testing

/// The worked example of SPEC §4, row by row, as the reports show it.
@Suite("SPEC §4 worked example")
struct WorkedExampleTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var code: String
        var quarterTargets: [String]
        var annualTarget: String
        /// Capaian TW1…TW4; "" = belum dilaporkan.
        var quarters: [String]
        var semester1: String
        var semester2: String
        var annual: String
        var annualRealisation: String
        var annualCategory: String
        var progressThroughQ2: String
        /// The quarter left unreported, if any.
        var missingQuarter: Int?
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "Angka Kematian Ibu (negatif, akhir)", code: "DINKES-01",
            quarterTargets: ["80", "78", "76", "75"], annualTarget: "75",
            quarters: ["97.50", "98.72", "", "60.40"], semester1: "98.72", semester2: "60.40",
            annual: "60.40", annualRealisation: "104.7", annualCategory: "Rendah", progressThroughQ2: "94.67",
            missingQuarter: 3),
        Row(name: "Produksi padi (positif, jumlah)", code: "DKP3-04",
            quarterTargets: ["2000", "4000", "3500", "2500"], annualTarget: "12000",
            quarters: ["105.00", "97.50", "102.86", "104.00"], semester1: "100.00", semester2: "103.33",
            annual: "101.67", annualRealisation: "12200", annualCategory: "Sangat Tinggi", progressThroughQ2: "50.00",
            missingQuarter: nil),
    ]

    @Test("capaian per quarter, semester, year and progres s.d. TW2", arguments: rows)
    func workedExample(_ expected: Row) throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("worked-example", into: directory)
            let out = directory.appendingPathComponent("out")
            let result = try Lakip.run(["run", "--data", data.path, "--out", out.path], in: directory)
            #expect(result.status == 0, "\(result)")

            let tidy = try CSVTable(out, "2025/capaian.csv")
            func period(_ name: String) throws -> [String: String] {
                try tidy.row(["tahun": "2025", "kode_indikator": expected.code, "periode": name])
            }
            for quarter in 1...4 {
                let row = try period("TW\(quarter)")
                #expect(row["target"] == expected.quarterTargets[quarter - 1], "TW\(quarter): \(row)")
                #expect(row["capaian"] == expected.quarters[quarter - 1], "TW\(quarter): \(row)")
                if quarter == expected.missingQuarter {
                    // Not reported: empty, never 0 and never 100.
                    #expect(row["realisasi"] == "" && row["kategori"] == "", "TW\(quarter): \(row)")
                }
            }
            #expect(try period("S1")["capaian"] == expected.semester1)
            #expect(try period("S2")["capaian"] == expected.semester2)
            let year = try period("TAHUNAN")
            #expect(year["target"] == expected.annualTarget)
            #expect(year["realisasi"] == expected.annualRealisation)
            #expect(year["capaian"] == expected.annual)
            #expect(year["kategori"] == expected.annualCategory)

            let quarterly = try CSVTable(out, "2025/capaian_triwulan.csv").row(["kode_indikator": expected.code])
            for quarter in 1...4 {
                #expect(quarterly["capaian_tw\(quarter)"] == expected.quarters[quarter - 1])
            }
            #expect(quarterly["progres_tw2"] == expected.progressThroughQ2)

            let semesters = try CSVTable(out, "2025/capaian_semester.csv").row(["kode_indikator": expected.code])
            #expect(semesters["capaian_s1"] == expected.semester1)
            #expect(semesters["capaian_s2"] == expected.semester2)

            let measurement = try CSVTable(out, "2025/pengukuran_kinerja.csv").row(["kode_indikator": expected.code])
            #expect(measurement["target"] == expected.annualTarget)
            #expect(measurement["realisasi"] == expected.annualRealisation)
            #expect(measurement["capaian"] == expected.annual)
            #expect(measurement["kategori"] == expected.annualCategory)

            if let missing = expected.missingQuarter {
                let note = quarterly["keterangan"] ?? ""
                #expect(note.contains("TW\(missing)") && note.contains("belum dilaporkan"), "keterangan: '\(note)'")
                let semesterNote = semesters["keterangan"] ?? ""
                #expect(semesterNote.contains("belum lengkap (TW\(missing)"), "S2 keterangan: '\(semesterNote)'")
                #expect((measurement["keterangan"] ?? "").contains("belum lengkap"), "\(measurement)")
            } else {
                #expect(quarterly["keterangan"] == "")
                #expect(measurement["keterangan"] == "")
            }
        }
    }
}
