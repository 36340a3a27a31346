import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// SPEC §5: "after any failure or kill, each folder holds either the complete earlier set or
/// the complete new one, and `lakip verify` passes on it". The run is killed by strace at the
/// N-th call of each system call the commit makes, N = 1, 2, … until the run completes.
@Suite("Commit under fault injection")
struct CommitFaultInjectionTests {
    static let strace: String? = ["/usr/bin/strace", "/bin/strace"].first { (path: String) in access(path, X_OK) == 0 }

    /// The system calls of the commit: folders made, files flushed, quarter files hard-linked,
    /// folders exchanged, the top file renamed, leftovers removed, the lock taken. `rename` is
    /// listed in case a C library maps renameat to it; the others must each be hit.
    static let syscalls = ["mkdir", "mkdirat", "linkat", "fsync", "renameat2", "renameat", "rename", "unlinkat", "flock"]
    static let syscallsTheCommitUses: Set<String> = ["mkdirat", "linkat", "fsync", "renameat2", "renameat", "unlinkat", "flock"]

    /// Run A (`--format csv,html`) over an output folder that also holds the quarter folder
    /// `2025/TW1` of an earlier run, then run B (`--format csv --negative-formula rasio`: other
    /// numbers, and no `laporan.html`) killed at every step. One data folder, so `lakip verify`
    /// holds for any mixture of A's and B's folders; the two runs differ in options, which the
    /// manifests record and verify does not compare with anything.
    @Test("kill at every commit step: each folder old or new, verify passes, the next run cleans up",
          .enabled(if: strace != nil, "strace is not installed (apt-get install -y strace): fault injection skipped"),
          arguments: syscalls)
    func killAtEveryStep(of syscall: String) throws {
        let strace = try #require(Self.strace)
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory)
            let base = directory.appendingPathComponent("base")
            let runA = ["run", "--quiet", "--data", data.path, "--format", "csv,html"]
            let runB = ["run", "--quiet", "--data", data.path, "--format", "csv", "--negative-formula", "rasio"]
            try #require(try Lakip.run(["run", "--quiet", "--data", data.path, "--year", "2025", "--as-of", "TW1",
                                        "--out", base.path], in: directory).status == 0)
            try #require(try Lakip.run(runA + ["--out", base.path], in: directory).status == 0)
            let old = try ReportFolderSets(base)
            try #require(old.folders.keys.sorted() == ["", "2024", "2025", "2025/TW1"], "\(old.folders.keys.sorted())")
            try #require(old.folders["2025"]?["laporan.html"] != nil)

            let reference = directory.appendingPathComponent("reference")
            try copyTree(base, to: reference)
            try #require(try Lakip.run(runB + ["--out", reference.path], in: directory).status == 0)
            let new = try ReportFolderSets(reference)
            let newSnapshot = try DirectorySnapshot(reference)
            try #require(new.folders["2025"]?["laporan.html"] == nil)
            try #require(new.folders["2025"] != old.folders["2025"] && new.folders["2024"] != old.folders["2024"])
            try #require(new.folders["2025/TW1"] == old.folders["2025/TW1"])

            let executable = try Lakip.executableURL()
            var kills = 0
            do {
                for n in 1...200 {
                    let out = directory.appendingPathComponent("out-\(syscall)-\(n)")
                    try copyTree(base, to: out)
                    let run = try BackgroundRun(["-f", "-o", "/dev/null",
                                                 "-e", "trace=\(syscall)", "-e", "inject=\(syscall):signal=KILL:when=\(n)",
                                                 executable.path] + runB + ["--out", out.path],
                                                in: directory, label: "\(syscall)-\(n)", executable: URL(fileURLWithPath: strace))
                    let (status, stderr) = run.finish()
                    let state = try ReportFolderSets(out)
                    let mismatches = state.mismatches(old: old, new: new)
                    #expect(mismatches.isEmpty, "killed at \(syscall) #\(n): \(mismatches)")
                    #expect(state.folders["2025/TW1"] == old.folders["2025/TW1"], "killed at \(syscall) #\(n): 2025/TW1 changed")
                    let verify = try Lakip.run(["verify", "--data", data.path, "--out", out.path], in: directory)
                    #expect(verify.status == 0, "killed at \(syscall) #\(n): \(verify)")

                    // The next run completes and leaves exactly the new set: no leftovers, no lock.
                    try #require(try Lakip.run(runB + ["--out", out.path], in: directory).status == 0)
                    let cleaned = try DirectorySnapshot(out)
                    #expect(newSnapshot.differences(to: cleaned).isEmpty,
                            "after a kill at \(syscall) #\(n), the next run left: \(newSnapshot.differences(to: cleaned))")
                    try FileManager.default.removeItem(at: out)

                    if status == 0 { break }
                    #expect(status == 128 + SIGKILL, "\(syscall) #\(n): exit \(status)\n\(stderr)")
                    kills += 1
                }
            }
            print("commit fault injection: \(kills) kills at \(syscall)")
            // The commit really goes through this call (else the loop above tested nothing).
            if Self.syscallsTheCommitUses.contains(syscall) { #expect(kills > 0, "no kill at \(syscall)") }
        }
    }
}
