import Foundation
import Testing

/// Bad rows are rejected with file, line and column; the rest is still processed; exit 1
/// (SPEC §6).
///
/// Fixture `rejected-rows`: both files have a quoted field with a line break before their first
/// bad row, so `baris` must count physical lines (as a text editor shows them), not records.
@Suite("Rows rejected")
struct RejectedRowsTests {
    /// A galat row of validasi.csv, by where it points.
    struct Place: Hashable, CustomStringConvertible {
        var file: String
        var line: String
        var column: String
        var description: String { "\(file):\(line) [\(column)]" }
    }

    static let expectedErrors: [Place: String] = [
        // Line 5: the sasaran of the first target row spans lines 2–3.
        Place(file: "target.csv", line: "5", column: "target_tw1"): "satu",
        // Line 4: the keterangan of the first realisation row spans lines 2–3.
        Place(file: "realisasi.csv", line: "4", column: "realisasi"): "7O",
        Place(file: "realisasi.csv", line: "5", column: "triwulan"): "TW5",
        Place(file: "realisasi.csv", line: "6", column: "kode_indikator"): "SETDA-09",
        Place(file: "realisasi.csv", line: "10", column: "realisasi"): "97",
    ]

    private func runFixture(in directory: URL) throws -> (LakipResult, URL) {
        let data = try Fixture.copy("rejected-rows", into: directory)
        let out = directory.appendingPathComponent("out")
        let result = try Lakip.run(["run", "--data", data.path, "--out", out.path], in: directory)
        return (result, out)
    }

    @Test("exit 1, reports written, counts add up")
    func exitOneWithReports() throws {
        try withTemporaryDirectory { directory in
            let (result, out) = try runFixture(in: directory)
            #expect(result.status == 1, "\(result)")

            let files = Set(try DirectorySnapshot(out).files.keys)
            #expect(files == ["validasi.csv", "2025/pengukuran_kinerja.csv", "2025/capaian_triwulan.csv",
                              "2025/capaian_semester.csv", "2025/capaian.csv", "2025/rekap_opd.csv",
                              "2025/rekap_sasaran.csv", "2025/perbandingan_tahun.csv", "2025/anggaran.csv", "2025/kelengkapan.csv",
                              "2025/manifest.json", "2025/validasi.csv"])

            let summaries = result.fileSummaries
            #expect(summaries.contains(FileSummary(file: "target.csv", read: 3, used: 2, rejected: 1)), "\(result)")
            #expect(summaries.contains(FileSummary(file: "realisasi.csv", read: 9, used: 5, rejected: 4)), "\(result)")
            for summary in summaries {
                #expect(summary.read == summary.used + summary.rejected, "\(summary)")
            }
        }
    }

    @Test("validasi.csv names file, line and column of every rejected row")
    func validationPointsAtEachBadRow() throws {
        try withTemporaryDirectory { directory in
            let (result, out) = try runFixture(in: directory)
            try #require(result.status == 1, "\(result)")

            let errors = try CSVTable(out, "validasi.csv").rows(["tingkat": "galat"])
            let places = errors.map { Place(file: $0["berkas"] ?? "", line: $0["baris"] ?? "", column: $0["kolom"] ?? "") }
            #expect(Set(places) == Set(Self.expectedErrors.keys), "galat rows: \(places)")
            #expect(places.count == Self.expectedErrors.count, "one galat row per bad row: \(places)")

            for row in errors {
                let place = Place(file: row["berkas"] ?? "", line: row["baris"] ?? "", column: row["kolom"] ?? "")
                let message = row["pesan"] ?? ""
                #expect(!(row["kode"] ?? "").isEmpty, "\(place) has no kode")
                if let value = Self.expectedErrors[place] {
                    #expect(message.contains(value), "\(place): message should quote '\(value)': \(message)")
                }
            }
        }
    }

    @Test("the rest of the data is still processed")
    func goodRowsAreUsed() throws {
        try withTemporaryDirectory { directory in
            let (result, out) = try runFixture(in: directory)
            try #require(result.status == 1, "\(result)")
            let tidy = try CSVTable(out, "2025/capaian.csv")

            // The row with a line break in its keterangan is used: 68 / 70 × 100.
            let first = try tidy.row(["kode_indikator": "SETDA-01", "periode": "TW1"])
            #expect(first["realisasi"] == "68")
            #expect(first["capaian"] == "97.14")
            // The row with '7O' is not read as a number of any kind.
            let typo = try tidy.row(["kode_indikator": "SETDA-01", "periode": "TW2"])
            #expect(typo["realisasi"] == "")
            #expect(typo["capaian"] == "")
            // A target row with a bad number is rejected, not reported with a guessed target.
            #expect(tidy.rows(["kode_indikator": "SETDA-03"]).isEmpty)
            // No report row for the indicator without a target.
            #expect(tidy.rows(["kode_indikator": "SETDA-09"]).isEmpty)
            let sasaran = try CSVTable(out, "2025/pengukuran_kinerja.csv").row(["kode_indikator": "SETDA-01"])["sasaran"]
            #expect(sasaran == "Meningkatnya kualitas\ntata kelola pemerintahan")
        }
    }

    @Test("a conflicting duplicate leaves its periods empty and flagged")
    func conflictingDuplicateIsNotPicked() throws {
        try withTemporaryDirectory { directory in
            let (result, out) = try runFixture(in: directory)
            try #require(result.status == 1, "\(result)")
            let tidy = try CSVTable(out, "2025/capaian.csv")

            // SETDA-02 TW3 was reported twice (95 and 97): neither is picked.
            for period in ["TW3", "S2", "TAHUNAN"] {
                let row = try tidy.row(["kode_indikator": "SETDA-02", "periode": period])
                #expect(row["capaian"] == "", "\(period) must stay empty: \(row)")
                #expect(row["kategori"] == "", "\(period) must stay empty: \(row)")
            }
            let quarter3 = try tidy.row(["kode_indikator": "SETDA-02", "periode": "TW3"])
            #expect(quarter3["realisasi"] == "")
            // Periods without TW3 are unaffected.
            for (period, capaian) in [("TW1", "100.00"), ("TW2", "110.00"), ("TW4", "105.00"), ("S1", "105.00")] {
                let row = try tidy.row(["kode_indikator": "SETDA-02", "periode": period])
                #expect(row["capaian"] == capaian, "\(period): \(row)")
            }

            let quarterly = try CSVTable(out, "2025/capaian_triwulan.csv").row(["kode_indikator": "SETDA-02"])
            #expect(quarterly["realisasi_tw3"] == "")
            #expect(quarterly["capaian_tw3"] == "")
            let note = quarterly["keterangan"] ?? ""
            #expect(note.contains("TW3") && note.contains("bertentangan"), "keterangan: '\(note)'")

            let annual = try CSVTable(out, "2025/pengukuran_kinerja.csv").row(["kode_indikator": "SETDA-02"])
            #expect(annual["capaian"] == "")
            #expect((annual["keterangan"] ?? "").contains("bertentangan"), "\(annual)")
        }
    }
}
