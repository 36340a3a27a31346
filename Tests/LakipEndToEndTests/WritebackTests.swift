import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A report file asks the kernel to start writing it to disk every 8 MiB while the run goes on
/// (`sync_file_range`). That is a hint: the commit's `fsync` still makes the files durable, so a
/// file system that refuses the hint must change nothing.
@Suite("Write-back started during the run")
struct WritebackTests {
    /// 25,000 indicators of 25 OPD: `capaian.csv` alone is over 10 MB, past the 8 MiB at which
    /// the first write-back is started.
    static func writeData(to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var targets = "tahun,kode_opd,nama_opd,kode_sasaran,sasaran,kode_indikator,indikator,satuan,polaritas,agregasi,"
            + "target_tahunan,target_tw1,target_tw2,target_tw3,target_tw4\n"
        var actuals = "tahun,kode_opd,kode_indikator,triwulan,realisasi\n"
        for agency in 1...25 {
            for number in 1...1_000 {
                let code = "IK-\(agency)-\(number)"
                targets += "2025,OPD-\(agency),Dinas \(agency),S-\(agency)-\(number % 7),Sasaran \(number % 7),\(code),"
                    + "Indikator \(code),persen,positif,jumlah,\(400 + number % 50),100,100,100,\(100 + number % 50)\n"
                for quarter in 1...4 where (number + quarter) % 9 != 0 {
                    actuals += "2025,OPD-\(agency),\(code),\(quarter),\(90 + (number * quarter) % 23).\(number % 10)\n"
                }
            }
        }
        try targets.write(to: folder.appendingPathComponent("target.csv"), atomically: true, encoding: .utf8)
        try actuals.write(to: folder.appendingPathComponent("realisasi.csv"), atomically: true, encoding: .utf8)
    }

    @Test("a refused write-back changes nothing: exit 0 and the same reports",
          .enabled(if: CommitFaultInjectionTests.strace != nil,
                   "strace is not installed (apt-get install -y strace): fault injection skipped"))
    func refusedWriteback() throws {
        try withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("data")
            try Self.writeData(to: data)
            let plain = directory.appendingPathComponent("plain"), refused = directory.appendingPathComponent("refused")
            let run = try Lakip.run(["run", "--quiet", "--data", data.path, "--out", plain.path], in: directory)
            try #require(run.status == 0, "\(run)")
            let capaian = try #require(try FileManager.default.attributesOfItem(
                atPath: plain.appendingPathComponent("2025/capaian.csv").path)[.size] as? Int)
            #expect(capaian > 8 << 20, "capaian.csv is \(capaian) bytes: too small to start a write-back")

            // Every sync_file_range fails, as on a file system without it.
            let strace = try #require(CommitFaultInjectionTests.strace)
            let trace = directory.appendingPathComponent("trace")
            let traced = try BackgroundRun(["-f", "-o", trace.path, "-e", "trace=sync_file_range",
                                            "-e", "inject=sync_file_range:error=EINVAL",
                                            try Lakip.executableURL().path, "run", "--quiet", "--data", data.path,
                                            "--out", refused.path],
                                           in: directory, label: "refused", executable: URL(fileURLWithPath: strace))
            let (status, stderr) = traced.finish()
            #expect(status == 0, "exit \(status): \(stderr)")
            let calls = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n")
                .filter { $0.contains("sync_file_range(") }
            #expect(!calls.isEmpty, "no write-back asked for")
            #expect(calls.allSatisfy { $0.contains("EINVAL (Invalid argument) (INJECTED)") }, "\(calls)")
            let (plainFiles, refusedFiles) = (try DirectorySnapshot(plain), try DirectorySnapshot(refused))
            #expect(plainFiles.files.keys.sorted() == refusedFiles.files.keys.sorted())
            #expect(plainFiles == refusedFiles, "the reports differ: \(plainFiles.differences(to: refusedFiles))")
        }
    }
}
