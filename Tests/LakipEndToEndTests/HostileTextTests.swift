import Foundation
import Testing

/// Codes and names are data, never paths: `../x`, absolute paths and very long names cannot
/// escape or break the output folder (issue "Trustworthy under bad input and faults").
@Suite("Hostile text")
struct HostileTextTests {
    static let longName = String(repeating: "Dinas Sangat Panjang ", count: 5_000) + "(105 ribu huruf)"

    @Test("path-like and very long codes and names stay inside the output folder, intact in the tables")
    func hostileCodesAndNames() throws {
        try withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("data")
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            let header = "tahun,kode_opd,nama_opd,kode_sasaran,sasaran,kode_indikator,indikator,satuan,polaritas,agregasi,"
                + "target_tahunan,target_tw1,target_tw2,target_tw3,target_tw4"
            let rows = [
                "2025,../../luar,\"\(Self.longName)\",../s,\"sasaran\nberbaris\",/etc/passwd,\"nama \"\"dikutip\"\"\",%,positif,akhir,90,20,40,60,90",
                "2025,..,nama-opd,.,.,../../../../tmp/x,Indikator,%,positif,jumlah,100,25,25,25,25",
                "2025,OPD/../../x,OPD,S,S,IK/../../y,Indikator,orang,negatif,akhir,10,10,10,10,10",
                "../2025,OPD,OPD,S,S,IK-TAHUN,Indikator,orang,positif,akhir,10,10,10,10,10",
            ]
            try Data((([header] + rows).joined(separator: "\n") + "\n").utf8).write(to: data.appendingPathComponent("target.csv"))
            try Data(("tahun,kode_opd,kode_indikator,triwulan,realisasi\n"
                      + "2025,../../luar,/etc/passwd,1,21\n2025,..,../../../../tmp/x,2,25\n").utf8)
                .write(to: data.appendingPathComponent("realisasi.csv"))

            let out = directory.appendingPathComponent("reports")
            let result = try Lakip.run(["run", "--data", data.path, "--out", out.path], in: directory)
            // The row with tahun "../2025" is rejected; the rest is used.
            #expect(result.status == 1, "\(result)")

            // Only the report folder (the data run to TW2: 2025/TW2, SPEC §5) and validasi.csv inside the
            // output folder; nothing beside it.
            let written = try DirectorySnapshot(out)
            #expect(Set(written.directories) == ["2025", "2025/TW2"], "\(written.paths)")
            #expect(Set(written.files.keys).allSatisfy { $0 == "validasi.csv" || ($0.hasPrefix("2025/TW2/") && !$0.dropFirst(9).contains("/")) },
                    "\(written.paths)")
            #expect(Set(try FileManager.default.contentsOfDirectory(atPath: directory.path)) == ["data", "reports"])
            #expect(!FileManager.default.fileExists(atPath: directory.deletingLastPathComponent().appendingPathComponent("luar").path))

            // The text is kept as text, with its quotes and line break, not cut.
            let table = try CSVTable(out, "2025/TW2/pengukuran_kinerja.csv")
            let codes = table.rows.map { $0["kode_opd"] ?? "" }
            #expect(codes.contains("../../luar") && codes.contains("..") && codes.contains("OPD/../../x"), "\(codes)")
            #expect(table.rows(["kode_indikator": "/etc/passwd"]).count == 1)
            #expect(table.rows(["nama_opd": Self.longName]).count == 1)
            #expect(table.rows(["sasaran": "sasaran\nberbaris"]).count == 1)
            #expect(table.rows(["indikator": "nama \"dikutip\""]).count == 1)

            // And the run still verifies.
            let verify = try Lakip.run(["verify", "--data", data.path, "--out", out.path], in: directory)
            #expect(verify.status == 0, "\(verify)")
        }
    }
}
