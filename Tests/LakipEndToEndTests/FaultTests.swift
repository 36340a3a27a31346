import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Faults (issue "Trustworthy under bad input and faults"): each bad input or failing output
/// ends with a clear Indonesian message, exit status 2, earlier reports untouched, no debris,
/// and bounded memory. The bound asserted is what was measured with room to spare: every
/// fault below peaks at about 26 MiB; 64 MiB is asserted.
@Suite("Faults")
struct FaultTests {
    static let memoryBoundKiB = 64 * 1024

    struct InputFault: CustomTestStringConvertible, Sendable {
        var name: String
        /// Turns a copy of the clean fixture into the faulty data folder.
        var damage: @Sendable (URL) throws -> Void
        /// Texts stderr must contain.
        var mentions: [String]
        var testDescription: String { name }
    }

    static let inputFaults: [InputFault] = [
        InputFault(name: "an input that is a folder", damage: { data in
            let file = data.appendingPathComponent("realisasi.csv")
            try FileManager.default.removeItem(at: file)
            try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
        }, mentions: ["realisasi.csv", "ini folder, bukan berkas CSV"]),
        InputFault(name: "an empty file", damage: { data in
            try Data().write(to: data.appendingPathComponent("realisasi.csv"))
        }, mentions: ["realisasi.csv", "berkas kosong"]),
        InputFault(name: "a header-only file", damage: { data in
            try Data("tahun,kode_opd,kode_indikator,triwulan,realisasi\n".utf8).write(to: data.appendingPathComponent("realisasi.csv"))
        }, mentions: ["realisasi.csv", "hanya berisi baris judul"]),
        InputFault(name: "binary garbage as the target file", damage: { data in
            var state: UInt64 = 0x1234_5678
            let bytes = (0..<200_000).map { _ -> UInt8 in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
            try Data(bytes).write(to: data.appendingPathComponent("target_2025.csv"))
        }, mentions: ["target_2025.csv"]),
        InputFault(name: "a 100 MB single field", damage: { data in
            var text = Data("tahun,kode_opd,kode_indikator,triwulan,realisasi,keterangan\n2025,01,DINKES-02,1,10,\"".utf8)
            text.append(Data(repeating: 0x78, count: 100_000_000))
            text.append(Data("\"\n".utf8))
            try text.write(to: data.appendingPathComponent("realisasi.csv"))
        }, mentions: ["realisasi.csv", "baris 2", "sel lebih panjang dari"]),
        InputFault(name: "a 1 GB file with no newline", damage: { data in
            // Sparse: 1 GiB of zero bytes without taking the disk space.
            let path = data.appendingPathComponent("realisasi.csv").path
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            defer { close(descriptor) }
            guard descriptor >= 0, ftruncate(descriptor, 1 << 30) == 0 else { throw POSIXError(.EIO) }
        }, mentions: ["realisasi.csv", "baris 1", "sel lebih panjang dari"]),
        InputFault(name: "a 64 MB line of short cells with no newline", damage: { data in
            try Data(repeating: 0, count: 0).write(to: data.appendingPathComponent("realisasi.csv"))
            let handle = try FileHandle(forWritingTo: data.appendingPathComponent("realisasi.csv"))
            let block = Data(String(repeating: "abc,", count: 1 << 18).utf8)
            for _ in 0..<64 { handle.write(block) }
            try handle.close()
        }, mentions: ["realisasi.csv", "baris 1", "lebih dari 10000 kolom"]),
    ]

    @Test("bad input: exit 2, Indonesian message, earlier reports untouched, bounded memory", arguments: inputFaults)
    func badInput(_ fault: InputFault) throws {
        try withTemporaryDirectory { directory in
            let out = try Self.earlierReports(in: directory)
            let data = try Fixture.copy("clean", into: directory.appendingPathComponent("bad"))
            try fault.damage(data)
            let before = try DirectorySnapshot(out)

            let run = try MeasuredRun.run(["run", "--data", data.path, "--out", out.path], in: directory)
            #expect(run.status == 2, "\(run)")
            for text in fault.mentions + ["galat:", "Tidak ada laporan yang ditulis."] {
                #expect(run.stderr.contains(text), "stderr should mention «\(text)»: \(run)")
            }
            #expect(run.maxResidentKiB <= Self.memoryBoundKiB, "\(run)")
            let after = try DirectorySnapshot(out)
            #expect(before.differences(to: after).isEmpty, "\(before.differences(to: after))")
        }
    }

    /// Finding (fault tests, not fuzzing): a line with no newline made of many fields, each
    /// under the 1 MiB field limit, was held whole in memory, because only single fields and
    /// the field count (10,000) were limited: 256 MB of 200 KB fields peaked at 510 MiB, a 1 GB
    /// file at 2 GiB after 71 s. Fixed by a record-length limit (4 MiB) in
    /// `LibCSVParser.appendField`; a 1 GB file of such fields now stops at 30 MiB in 0.07 s.
    @Test("a long line of many fields: exit 2 within the memory bound")
    func longLineOfManyFields() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory.appendingPathComponent("bad"))
            let handle = try FileHandle(forWritingTo: {
                let url = data.appendingPathComponent("realisasi.csv")
                try Data().write(to: url)
                return url
            }())
            let field = Data(repeating: 0x78, count: 200_000) + Data(",".utf8)
            for _ in 0..<1_280 { handle.write(field) }
            try handle.close()

            let run = try MeasuredRun.run(["run", "--data", data.path, "--out", "reports"], in: directory)
            #expect(run.status == 2, "\(run)")
            #expect(run.stderr.contains("satu baris lebih panjang dari 4194304 bita"), "\(run)")
            #expect(run.maxResidentKiB <= Self.memoryBoundKiB, "\(run)")
        }
    }

    @Test("an output folder that is a file, or lies under one: exit 2, Indonesian message")
    func outputIsNotAFolder() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory)
            let file = directory.appendingPathComponent("laporan.txt")
            try Data("bukan folder\n".utf8).write(to: file)
            for out in [file.path, file.path + "/reports"] {
                let run = try MeasuredRun.run(["run", "--data", data.path, "--out", out], in: directory)
                #expect(run.status == 2, "\(run)")
                #expect(run.stderr.contains("bukan folder"), "\(run)")
                #expect(run.stderr.contains("Laporan sebelumnya tidak diubah"), "\(run)")
            }
            #expect(try Data(contentsOf: file) == Data("bukan folder\n".utf8))
        }
    }

    /// As root the permission bits do not stop a write, so the tool then runs as `nobody`
    /// (setpriv, util-linux): the test runs in CI as root too, never skipped.
    @Test("an output folder without write permission: exit 2, Indonesian message")
    func outputWithoutPermission() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory)
            let out = directory.appendingPathComponent("terkunci")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
            chmod(out.path, 0o555)
            defer { chmod(out.path, 0o755) }
            let arguments = ["run", "--data", data.path, "--out", out.path]
            let status: Int32, stderr: String
            if geteuid() == 0 {
                let setpriv = "/usr/bin/setpriv"
                try #require(access(setpriv, X_OK) == 0, "setpriv (util-linux) is needed to drop root for this test")
                let run = try BackgroundRun(["--reuid=65534", "--regid=65534", "--clear-groups", try Lakip.executableURL().path]
                                                + arguments, in: directory, label: "nobody", executable: URL(fileURLWithPath: setpriv))
                (status, stderr) = run.finish()
            } else {
                let run = try MeasuredRun.run(arguments, in: directory)
                (status, stderr) = (run.status, run.stderr)
            }
            #expect(status == 2, "\(stderr)")
            #expect(stderr.contains("tidak ada izin menulis"), "\(stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
        }
    }

    @Test("a full disk (ulimit -f): exit 2, Indonesian message, earlier reports untouched, no debris")
    func fullDisk() throws {
        try withTemporaryDirectory { directory in
            let out = try Self.earlierReports(in: directory)
            let data = try Fixture.copy("worked-example", into: directory)
            let before = try DirectorySnapshot(out)
            // 1 KiB per file: the first table that grows past it fails with EFBIG.
            let run = try MeasuredRun.run(["run", "--data", data.path, "--out", out.path], in: directory, fileSizeLimitKiB: 1)
            #expect(run.status == 2, "\(run)")
            #expect(run.stderr.contains("melebihi batas ukuran"), "\(run)")
            #expect(run.stderr.contains("Laporan sebelumnya tidak diubah"), "\(run)")
            #expect(!run.stderr.contains("File too large"), "the system's English text is translated: \(run)")
            // The file is named where it would have been, not by its hidden staging place.
            #expect(run.stderr.contains("Tidak dapat menulis \(out.path)/2025/") && !run.stderr.contains(".lakip-"), "\(run)")
            let after = try DirectorySnapshot(out)
            #expect(before.differences(to: after).isEmpty, "\(before.differences(to: after))")
        }
    }

    @Test("a full disk while libxlsxwriter writes the workbook: exit 2, Indonesian only, earlier reports untouched")
    func fullDiskInWorkbook() throws {
        try withTemporaryDirectory { directory in
            let out = try Self.earlierReports(in: directory)
            let data = try Fixture.copy("worked-example", into: directory)
            let before = try DirectorySnapshot(out)
            // 16 KiB per file: every CSV and row file fits, the zipped workbook (about 23 KiB) does not.
            let run = try MeasuredRun.run(["run", "--data", data.path, "--out", out.path, "--format", "csv,xlsx"],
                                          in: directory, fileSizeLimitKiB: 16)
            #expect(run.status == 2, "\(run)")
            #expect(run.stderr.contains("Tidak dapat menulis \(out.path)/2025/lakip_2025.xlsx: buku kerja XLSX tidak dapat "
                + "ditulis: berkas melebihi batas ukuran"), "\(run)")
            #expect(run.stderr.contains("Laporan sebelumnya tidak diubah"), "\(run)")
            // libxlsxwriter's own English report of the failure is not shown.
            #expect(!run.stderr.contains("[ERROR]") && !run.stderr.contains("File too large") && !run.stderr.contains("zip"),
                    "\(run)")
            let after = try DirectorySnapshot(out)
            #expect(before.differences(to: after).isEmpty, "\(before.differences(to: after))")
        }
    }

    @Test("a full disk while the documents are made and the workbooks written beside them: exit 2, earlier reports untouched",
          arguments: [1, 16, 20])
    func fullDiskWithDocuments(limitKiB: Int) throws {
        try withTemporaryDirectory { directory in
            let out = try Self.earlierReports(in: directory)
            let data = try Fixture.copy("worked-example", into: directory)
            let before = try DirectorySnapshot(out)
            // The workbooks are written on a thread of their own while the HTML and Markdown are
            // made: whichever fails first, the run waits for the other before it gives up. At 1 KiB
            // the tables fail; at 16 KiB the workbook (about 23 KiB) and laporan.html (about
            // 18 KiB) both do; at 20 KiB only the workbook, while the documents are written.
            let run = try MeasuredRun.run(["run", "--data", data.path, "--out", out.path, "--format", "csv,xlsx,html,md"],
                                          in: directory, fileSizeLimitKiB: limitKiB)
            #expect(run.status == 2, "\(run)")
            #expect(run.stderr.contains("melebihi batas ukuran"), "\(run)")
            #expect(run.stderr.contains("Laporan sebelumnya tidak diubah"), "\(run)")
            #expect(!run.stderr.contains("[ERROR]") && !run.stderr.contains("File too large"), "\(run)")
            if limitKiB == 20 { #expect(run.stderr.contains("\(out.path)/2025/lakip_2025.xlsx"), "\(run)") }
            let after = try DirectorySnapshot(out)
            #expect(before.differences(to: after).isEmpty, "\(before.differences(to: after))")
        }
    }

    /// `validasi.csv` is written on a thread of its own while the tables are made. At 64 KiB
    /// per file only it fails (3,000 rejected rows list about 700 KiB of problems), after the
    /// tables were written; at 1 KiB the tables fail too, and whichever fails first, the run
    /// stops the other before it gives up.
    @Test("a full disk while validasi.csv is written beside the tables: exit 2, earlier reports untouched, no debris",
          arguments: [1, 64])
    func fullDiskInProblemList(limitKiB: Int) throws {
        try withTemporaryDirectory { directory in
            let out = try Self.earlierReports(in: directory)
            let data = try Fixture.copy("worked-example", into: directory)
            let realisations = data.appendingPathComponent("realisasi.csv")
            var rows = try String(contentsOf: realisations, encoding: .utf8)
            for number in 1...3_000 { rows += "2025,1.02.0.00.0.00.01.0000,TIDAK-ADA-\(number),TW1,5\n" }
            try Data(rows.utf8).write(to: realisations)
            let unlimited = directory.appendingPathComponent("unlimited")
            let reference = try MeasuredRun.run(["run", "--quiet", "--data", data.path, "--out", unlimited.path], in: directory)
            try #require(reference.status == 1, "\(reference)")
            let sizes = try DirectorySnapshot(unlimited).files.mapValues(\.count)
            try #require(sizes.filter { $0.value > 64 << 10 }.keys.sorted() == ["2025/validasi.csv", "validasi.csv"], "\(sizes)")

            let before = try DirectorySnapshot(out)
            let run = try MeasuredRun.run(["run", "--data", data.path, "--out", out.path], in: directory, fileSizeLimitKiB: limitKiB)
            #expect(run.status == 2, "\(run)")
            #expect(run.stderr.contains("melebihi batas ukuran"), "\(run)")
            #expect(run.stderr.contains("Laporan sebelumnya tidak diubah"), "\(run)")
            if limitKiB == 64 { #expect(run.stderr.contains("Tidak dapat menulis \(out.path)/validasi.csv:"), "\(run)") }
            #expect(!run.stderr.contains(".lakip-"), "a temporary name is not shown: \(run)")
            let after = try DirectorySnapshot(out)
            #expect(before.differences(to: after).isEmpty, "\(before.differences(to: after))")
        }
    }

    /// Kill -9 at random moments while a larger data set is written: every report file is
    /// then byte for byte the old one or the new one, and the next run leaves no debris.
    @Test("kill -9 while writing: each report old or new, never partial; the next run cleans up")
    func killWhileWriting() throws {
        try withTemporaryDirectory { directory in
            let old = directory.appendingPathComponent("lama"), new = directory.appendingPathComponent("baru")
            try LargeData.write(to: old, realisationOffset: 0)
            try LargeData.write(to: new, realisationOffset: 7)
            let out = directory.appendingPathComponent("reports"), reference = directory.appendingPathComponent("acuan")
            try #require(try MeasuredRun.run(["run", "--quiet", "--data", old.path, "--out", out.path], in: directory).status == 0)
            let timed = try MeasuredRun.run(["run", "--quiet", "--data", new.path, "--out", reference.path], in: directory)
            try #require(timed.status == 0, "\(timed)")
            let oldFiles = try DirectorySnapshot(out).files, newFiles = try DirectorySnapshot(reference).files
            try #require(oldFiles.keys.sorted() == newFiles.keys.sorted())
            try #require(oldFiles.contains { newFiles[$0.key] != $0.value }, "the two data sets must give different reports")

            var random = SystemRandomNumberGenerator()
            var debrisSeen = 0, mixedSeen = 0
            for _ in 0..<8 {
                let process = Process()
                process.executableURL = try Lakip.executableURL()
                process.arguments = ["run", "--quiet", "--data", new.path, "--out", out.path]
                process.currentDirectoryURL = directory
                process.standardError = FileHandle.nullDevice
                try process.run()
                usleep(UInt32(Double.random(in: 0.2...1.1, using: &random) * timed.seconds * 1_000_000))
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()

                let state = try DirectorySnapshot(out)
                for (path, bytes) in state.files {
                    if RunProvenanceName.isTemporary(path) { debrisSeen += 1; continue }
                    #expect(bytes == oldFiles[path] || bytes == newFiles[path], "\(path) is neither the old nor the new report")
                }
                for path in oldFiles.keys { #expect(state.files[path] != nil, "\(path) disappeared") }
                if oldFiles.keys.contains(where: { state.files[$0] == newFiles[$0] && newFiles[$0] != oldFiles[$0] })
                    && oldFiles.keys.contains(where: { state.files[$0] == oldFiles[$0] && newFiles[$0] != oldFiles[$0] }) {
                    mixedSeen += 1
                }
            }
            // A complete run afterwards: exactly the new reports, and no leftovers.
            let final = try MeasuredRun.run(["run", "--quiet", "--data", new.path, "--out", out.path], in: directory)
            #expect(final.status == 0, "\(final)")
            let cleaned = try DirectorySnapshot(out)
            #expect(cleaned.files == newFiles, "\(DirectorySnapshot.describe(cleaned.files.keys, versus: newFiles.keys))")
            #expect(!cleaned.paths.contains(where: RunProvenanceName.isTemporary), "\(cleaned.paths)")
            // Not asserted (timing decides), but shown: how often a kill caught the writer mid-way.
            print("kill -9: debris seen \(debrisSeen) times, old/new mixture \(mixedSeen) times in 8 kills")
        }
    }

    /// Writes reports from the clean fixture into `directory/reports` and returns that folder.
    static func earlierReports(in directory: URL) throws -> URL {
        let good = try Fixture.copy("clean", into: directory.appendingPathComponent("good"))
        let out = directory.appendingPathComponent("reports")
        let run = try MeasuredRun.run(["run", "--data", good.path, "--out", out.path], in: directory)
        try #require(run.status == 0, "\(run)")
        return out
    }
}

enum RunProvenanceName {
    /// What a run leaves only when it is killed: a temporary name `.<name>.lakip-<pid>-<random>`
    /// (a file, or a staging or retired report folder, with everything in it), or the lock file.
    static func isTemporary(_ path: String) -> Bool {
        path.split(separator: "/").contains { $0.hasPrefix(".") && ($0.contains(".lakip-") || $0 == ".lakip.lock") }
    }
}

extension DirectorySnapshot {
    static func describe(_ actual: Dictionary<String, Data>.Keys, versus expected: Dictionary<String, Data>.Keys) -> String {
        "missing: \(Set(expected).subtracting(actual).sorted()), extra: \(Set(actual).subtracting(expected).sorted())"
    }
}

/// A data set large enough that writing its reports takes a noticeable time (about 4,800
/// indicators), so a kill can land in the middle of the write.
enum LargeData {
    static func write(to directory: URL, realisationOffset: Int) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var targets = "tahun,kode_opd,nama_opd,kode_sasaran,sasaran,kode_indikator,indikator,satuan,polaritas,agregasi,"
            + "target_tahunan,target_tw1,target_tw2,target_tw3,target_tw4\n"
        var actuals = "tahun,kode_opd,kode_indikator,triwulan,realisasi\n"
        for year in [2024, 2025] {
            for agency in 1...40 {
                for number in 1...60 {
                    let code = "IK-\(agency)-\(number)"
                    let polarity = number % 3 == 0 ? "negatif" : "positif"
                    targets += "\(year),OPD-\(agency),Dinas \(agency),S-\(agency)-\(number % 5),Sasaran \(number % 5),\(code),"
                        + "Indikator \(code),%,\(polarity),akhir,\(50 + number % 40),\(20 + number % 9),\(30 + number % 9),"
                        + "\(40 + number % 9),\(50 + number % 40)\n"
                    for quarter in 1...4 {
                        actuals += "\(year),OPD-\(agency),\(code),\(quarter),\(10 + (agency * number + quarter + realisationOffset) % 60)\n"
                    }
                }
            }
        }
        try Data(targets.utf8).write(to: directory.appendingPathComponent("target.csv"))
        try Data(actuals.utf8).write(to: directory.appendingPathComponent("realisasi.csv"))
    }
}
