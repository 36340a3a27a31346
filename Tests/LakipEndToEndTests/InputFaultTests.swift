import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Hostile input folders (issue "All or nothing, one run at a time, every row accounted for",
/// the input side): short rows and FIFOs. Where --out may lie is the output side's to decide;
/// the loader's own exclusion of its output is tested in `InputListingTests`.
@Suite("Input faults")
struct InputFaultTests {
    static let shortRowLine = "2025,1.02.0.00.0.00.01.0000,DINKES-02,3"

    /// The clean fixture with its realisation file rewritten by `edit` (lines without the final newline).
    private func cleanData(in directory: URL, edit: ([String]) -> [String] = { $0 }) throws -> URL {
        let data = try Fixture.copy("clean", into: directory)
        let file = data.appendingPathComponent("realisasi.csv")
        let lines = String(decoding: try Data(contentsOf: file), as: UTF8.self).split(separator: "\n").map(String.init)
        try Data((edit(lines).joined(separator: "\n") + "\n").utf8).write(to: file)
        return data
    }

    /// Runs the tool on the clean fixture with its realisation file rewritten by `edit`.
    private func run(in directory: URL, edit: ([String]) -> [String]) throws -> (result: LakipResult, out: URL) {
        let data = try cleanData(in: directory, edit: edit)
        let out = directory.appendingPathComponent("out")
        return (try Lakip.run(["run", "--data", data.path, "--out", out.path], in: directory), out)
    }

    @Test("a realisation row without its value is a galat naming the column, and exit 1 (the issue's example)")
    func shortRowRejected() throws {
        try withTemporaryDirectory { directory in
            let (result, out) = try run(in: directory) { lines in
                lines.map { $0 == Self.shortRowLine + ",9.1" ? Self.shortRowLine : $0 }
            }
            #expect(result.status == 1, "\(result)")
            #expect(result.fileSummaries.contains(FileSummary(file: "realisasi.csv", read: 24, used: 23, rejected: 1)), "\(result)")
            let error = try CSVTable(out, "validasi.csv").row(["tingkat": "galat"])
            #expect(error["berkas"] == "realisasi.csv")
            #expect(error["baris"] == "16")
            #expect(error["kolom"] == "realisasi")
            #expect(error["kode"] == "kolom-kurang")
        }
    }

    @Test("a row without optional cells is used, contributes its value, and is named in a peringatan")
    func shortRowUsed() throws {
        try withTemporaryDirectory { directory in
            // Every row gets an empty keterangan but one, which stops after its realisasi.
            let (result, out) = try run(in: directory) { lines in
                lines.enumerated().map { index, line in
                    index == 0 ? line + ",keterangan" : line == "2025,2.09.3.27.3.25.01.0000,DKP3-04,3,3600" ? line : line + ","
                }
            }
            #expect(result.status == 0, "\(result)")
            #expect(result.fileSummaries.contains(FileSummary(file: "realisasi.csv", read: 24, used: 24, rejected: 0)), "\(result)")
            let warning = try CSVTable(out, "validasi.csv").row(["kode": "kolom-kurang"])
            #expect(warning["tingkat"] == "peringatan")
            #expect(warning["baris"] == "24")
            #expect(warning["pesan"]?.contains("'keterangan'") == true, "\(warning)")
            let quarters = try CSVTable(out, "2025/capaian_triwulan.csv").row(["kode_indikator": "DKP3-04"])
            #expect(quarters["realisasi_tw3"] == "3600")
        }
    }

    @Test("a FIFO in the data folder is skipped with a peringatan; the run ends within 10 s")
    func fifoInDataFolder() throws {
        try withTemporaryDirectory { directory in
            let data = try cleanData(in: directory)
            try #require(mkfifo(data.appendingPathComponent("realisasi_pipa.csv").path, 0o644) == 0)
            let out = directory.appendingPathComponent("out")
            let result = try Self.run(["run", "--data", data.path, "--out", out.path], in: directory, deadline: 10)
            #expect(result.status == 0, "\(result)")
            let warning = try CSVTable(out, "validasi.csv").row(["kode": "bukan-berkas-biasa"])
            #expect(warning["tingkat"] == "peringatan")
            #expect(warning["berkas"] == "realisasi_pipa.csv")
        }
    }

    /// Runs the tool, failing the test instead of waiting when it has not ended after `deadline`
    /// seconds (the tool is then killed).
    static func run(_ arguments: [String], in directory: URL, deadline: Double) throws -> LakipResult {
        let process = Process()
        process.executableURL = try Lakip.executableURL()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        let errorFile = directory.appendingPathComponent(".stderr")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let errorHandle = try FileHandle(forWritingTo: errorFile)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errorHandle
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        try process.run()
        if ended.wait(timeout: .now() + deadline) == .timedOut {
            // SIGKILL: a tool stuck in open(2) on a FIFO may only note a SIGTERM.
            kill(process.processIdentifier, SIGKILL)
            ended.wait()
            Issue.record("lakip \(arguments.joined(separator: " ")) still running after \(deadline) s")
        }
        try errorHandle.close()
        return LakipResult(status: process.terminationStatus, stdout: "",
                           stderr: String(decoding: try Data(contentsOf: errorFile), as: UTF8.self))
    }
}
