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
}
