import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The output tree (SPEC §5, §6): nothing written through a link, the output never inside the
/// data, stale files gone with their set, the quarter folders of other runs kept, the lock.
@Suite("Output tree")
struct OutputTreeTests {
    static func run(_ data: URL, _ out: URL, in directory: URL, _ extra: [String] = []) throws -> LakipResult {
        try Lakip.run(["run", "--quiet", "--data", data.path, "--out", out.path] + extra, in: directory)
    }

    static func verify(_ data: URL, _ out: URL, in directory: URL) throws -> LakipResult {
        try Lakip.run(["verify", "--data", data.path, "--out", out.path], in: directory)
    }

    /// The hidden leftovers of a run (temporary names, the lock) under `out`.
    static func leftovers(in out: URL) throws -> [String] {
        try DirectorySnapshot(out).paths.filter(RunProvenanceName.isTemporary)
    }

    @Test("a symlinked year folder is refused with exit 2; neither the link nor its target changes")
    func symlinkedYearFolder() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory)
            let elsewhere = directory.appendingPathComponent("elsewhere")
            try #require(try Self.run(data, elsewhere, in: directory).status == 0)
            let out = directory.appendingPathComponent("reports")
            try #require(try Self.run(data, out, in: directory).status == 0)
            try FileManager.default.removeItem(at: out.appendingPathComponent("2025"))
            try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("2025").path,
                                                       withDestinationPath: elsewhere.appendingPathComponent("2025").path)
            let target = try DirectorySnapshot(elsewhere), before = try DirectorySnapshot(out)

            let result = try Self.run(data, out, in: directory, ["--negative-formula", "rasio"])
            #expect(result.status == 2, "\(result)")
            #expect(result.stderr.contains("2025") && result.stderr.contains("tautan simbolik"), "\(result)")
            #expect(result.stderr.contains("Laporan sebelumnya tidak diubah"), "\(result)")
            let targetAfter = try DirectorySnapshot(elsewhere), outAfter = try DirectorySnapshot(out)
            #expect(target.differences(to: targetAfter).isEmpty, "\(target.differences(to: targetAfter))")
            #expect(before.differences(to: outAfter).isEmpty, "\(before.differences(to: outAfter))")
            let link = try FileManager.default.destinationOfSymbolicLink(atPath: out.appendingPathComponent("2025").path)
            #expect(link == elsewhere.appendingPathComponent("2025").path)
        }
    }

    @Test("a symlinked quarter folder is refused; a symlink at validasi.csv is replaced, its target untouched")
    func symlinkedQuarterFolderAndFile() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory)
            let out = directory.appendingPathComponent("reports")
            let victim = directory.appendingPathComponent("victim")
            try FileManager.default.createDirectory(at: victim, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: out.appendingPathComponent("2025"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("2025/TW2").path, withDestinationPath: victim.path)
            let quarterly = try Self.run(data, out, in: directory, ["--year", "2025", "--as-of", "TW2"])
            #expect(quarterly.status == 2, "\(quarterly)")
            #expect(quarterly.stderr.contains("2025/TW2") && quarterly.stderr.contains("tautan simbolik"), "\(quarterly)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: victim.path).isEmpty)

            try FileManager.default.removeItem(at: out.appendingPathComponent("2025/TW2"))
            let secret = directory.appendingPathComponent("secret.txt")
            try Data("jangan ditimpa\n".utf8).write(to: secret)
            try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("validasi.csv").path,
                                                       withDestinationPath: secret.path)
            let annual = try Self.run(data, out, in: directory)
            #expect(annual.status == 0, "\(annual)")
            #expect(try Data(contentsOf: secret) == Data("jangan ditimpa\n".utf8))
            let attributes = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("validasi.csv").path)
            #expect(attributes[.type] as? FileAttributeType == .typeRegular)
            #expect(try Self.verify(data, out, in: directory).status == 0)
        }
    }

    @Test("--out equal to or inside --data is refused with exit 2 before anything is written")
    func outputInsideData() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory)
            let before = try DirectorySnapshot(data)
            for out in [data.path, data.path + "/", data.path + "/reports", directory.path + "/./clean/../clean/laporan"] {
                let result = try Lakip.run(["run", "--data", data.path, "--out", out], in: directory)
                #expect(result.status == 2, "\(out): \(result)")
                #expect(result.stderr.contains("sama dengan folder data") && result.stderr.contains("--out"), "\(result)")
            }
            // Relative spellings of the same folder too.
            let relative = try Lakip.run(["run", "--data", "clean", "--out", "clean/."], in: directory)
            #expect(relative.status == 2, "\(relative)")
            let after = try DirectorySnapshot(data)
            #expect(before.differences(to: after).isEmpty, "\(before.differences(to: after))")
        }
    }

    @Test("stale formats: csv,html then csv only leaves no laporan.html, and verify passes")
    func staleFormats() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory)
            let out = directory.appendingPathComponent("reports")
            try #require(try Self.run(data, out, in: directory, ["--format", "csv,html,md"]).status == 0)
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("2025/laporan.html").path))
            try #require(try Self.run(data, out, in: directory, ["--format", "csv"]).status == 0)
            for year in ["2024", "2025"] {
                for name in ["laporan.html", "laporan.md"] {
                    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("\(year)/\(name)").path), "\(year)/\(name)")
                }
            }
            let verify = try Self.verify(data, out, in: directory)
            #expect(verify.status == 0, "\(verify)")
            #expect(try Self.leftovers(in: out).isEmpty)
        }
    }

    @Test("an annual run keeps the quarter folders of earlier runs, byte for byte")
    func quarterFoldersKept() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory)
            let out = directory.appendingPathComponent("reports")
            try #require(try Self.run(data, out, in: directory, ["--year", "2025", "--as-of", "TW1"]).status == 0)
            try #require(try Self.run(data, out, in: directory, ["--year", "2025", "--as-of", "TW2"]).status == 0)
            let quarters = try ReportFolderSets(out)
            try #require(try Self.run(data, out, in: directory).status == 0)
            // A report path made a folder (the mkdir -p 2025/rekap_opd.csv/x), and a file put
            // in by hand: both go with the old set.
            try FileManager.default.removeItem(at: out.appendingPathComponent("2025/rekap_opd.csv"))
            try FileManager.default.createDirectory(at: out.appendingPathComponent("2025/rekap_opd.csv/x"),
                                                    withIntermediateDirectories: true)
            try Data("catatan\n".utf8).write(to: out.appendingPathComponent("2025/catatan.txt"))
            try #require(try Self.run(data, out, in: directory, ["--negative-formula", "rasio"]).status == 0)
            let after = try ReportFolderSets(out)
            for quarter in ["2025/TW1", "2025/TW2"] {
                #expect(after.folders[quarter] != nil && after.folders[quarter] == quarters.folders[quarter], "\(quarter)")
            }
            var isFolder: ObjCBool = true
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("2025/rekap_opd.csv").path, isDirectory: &isFolder)
                    && !isFolder.boolValue)
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("2025/catatan.txt").path))
            #expect(try Self.verify(data, out, in: directory).status == 0)
        }
    }

    @Test("a folder held by another run: refused at once with its PID, or waited for; its files are not removed")
    func lockHeldByAnotherRun() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory)
            let out = directory.appendingPathComponent("reports")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            // This test process plays the other run: it holds the lock and has a staging folder.
            let lock = open(out.appendingPathComponent(".lakip.lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            try #require(lock >= 0 && flock(lock, LOCK_EX) == 0)
            let holder = "pid=424242\nmulai=2026-01-02 03:04:05 UTC\n"
            _ = holder.withCString { write(lock, $0, strlen($0)) }
            let staging = out.appendingPathComponent(".2025.lakip-424242-0badcafe")
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)

            let refused = try Lakip.run(["run", "--wait", "0", "--data", data.path, "--out", out.path], in: directory)
            #expect(refused.status == 2, "\(refused)")
            #expect(refused.stderr.contains("sedang dipakai proses lakip lain (PID 424242, mulai 2026-01-02 03:04:05 UTC)"), "\(refused)")
            let waited = try Lakip.run(["run", "--wait", "0.3", "--data", data.path, "--out", out.path], in: directory)
            #expect(waited.status == 2, "\(waited)")
            #expect(waited.stderr.contains("Menunggu proses lakip lain (PID 424242"), "\(waited)")
            #expect(FileManager.default.fileExists(atPath: staging.path), "a live run's staging folder was removed")
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("2025").path))

            // Released while a third run waits: that run goes ahead and clears the leftovers.
            let third = try BackgroundRun(["run", "--quiet", "--wait", "20", "--data", data.path, "--out", out.path],
                                          in: directory, label: "third")
            usleep(300_000)
            close(lock)
            let (status, stderr) = third.finish()
            #expect(status == 0, "\(stderr)")
            #expect(!FileManager.default.fileExists(atPath: staging.path), "the leftovers of a run that is gone stay")
            #expect(try Self.leftovers(in: out).isEmpty)
        }
    }

    @Test("verify finds a policy file added after a run that had none")
    func policyFileAddedLater() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory)
            let out = directory.appendingPathComponent("reports")
            try #require(try Self.run(data, out, in: directory).status == 0)
            try #require(try Self.verify(data, out, in: directory).status == 0)
            try Data("rumus_negatif = \"rasio\"\n".utf8).write(to: data.appendingPathComponent("lakip.toml"))
            let verify = try Self.verify(data, out, in: directory)
            #expect(verify.status == 1, "\(verify)")
            #expect(verify.stdout.contains("kebijakan-baru") && verify.stdout.contains("lakip.toml"), "\(verify)")
            // A run with it records it (name and hash), and verify passes again.
            try #require(try Self.run(data, out, in: directory).status == 0)
            let manifest = try String(contentsOf: out.appendingPathComponent("2025/manifest.json"), encoding: .utf8)
            #expect(manifest.contains("\"jenis\": \"kebijakan\""), "\(manifest)")
            #expect(try Self.verify(data, out, in: directory).status == 0)
        }
    }
}
