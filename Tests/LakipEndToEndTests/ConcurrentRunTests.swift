import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// SPEC §6: "Two runs on one output folder never mix: the second waits for or refuses the
/// first with a clear message."
@Suite("Concurrent runs on one output folder")
struct ConcurrentRunTests {
    struct Race: CustomTestStringConvertible, Sendable {
        var runs: Int
        /// `--wait` of every run: 0 makes the later runs refuse, the default makes them wait.
        var wait: String
        var testDescription: String { "\(runs) runs, --wait \(wait)" }
    }

    @Test("runs at once, 20 times: the final state verifies and is exactly one run's, every exit status true",
          arguments: [Race(runs: 2, wait: "10"), Race(runs: 3, wait: "10"), Race(runs: 3, wait: "0")])
    func race(_ race: Race) throws {
        try withTemporaryDirectory { directory in
            let data = try (0..<race.runs).map { try shiftedCleanData($0, into: directory, named: "data-\($0)") }
            var references: [DirectorySnapshot] = []
            for (index, folder) in data.enumerated() {
                let out = directory.appendingPathComponent("reference-\(index)")
                try #require(try Lakip.run(["run", "--quiet", "--data", folder.path, "--out", out.path], in: directory).status == 0)
                references.append(try DirectorySnapshot(out))
            }
            try #require(Set(references.map { $0.files["2025/pengukuran_kinerja.csv"] }).count == race.runs)

            var refusals = 0
            for round in 1...20 {
                let out = directory.appendingPathComponent("reports-\(round)")
                let runs = try data.enumerated().map { index, folder in
                    try BackgroundRun(["run", "--quiet", "--wait", race.wait, "--data", folder.path, "--out", out.path],
                                      in: directory, label: "\(round)-\(index)")
                }
                let results = runs.map { $0.finish() }
                let winners = results.indices.filter { results[$0].status == 0 }
                #expect(!winners.isEmpty, "round \(round): no run succeeded: \(results)")
                for (index, result) in results.enumerated() where result.status != 0 {
                    // A refusal says so, names the holder, and wrote nothing.
                    #expect(result.status == 2, "round \(round), run \(index): \(result)")
                    #expect(race.wait == "0", "round \(round), run \(index) did not wait: \(result)")
                    #expect(result.stderr.contains("sedang dipakai proses lakip lain (PID "), "\(result.stderr)")
                    // The holder as far as it had recorded itself: its start is a time and
                    // nothing else (a write caught halfway may cut it short).
                    #expect(result.stderr.contains(/\(PID (belum tercatat|\d+(, mulai [0-9: -]+( UTC)?)?)\)/),
                            "\(result.stderr)")
                    refusals += 1
                }
                let final = try DirectorySnapshot(out)
                let matching = references.indices.filter { references[$0].differences(to: final).isEmpty }
                let closest = references.map { Array($0.differences(to: final).prefix(3)) }
                #expect(matching.count == 1, "round \(round): the final state is not exactly one run's: \(closest)")
                if let match = matching.first {
                    let status = results[match].status
                    #expect(winners.contains(match), "round \(round): the reports on disk are run \(match)'s, which exited \(status)")
                    let verify = try Lakip.run(["verify", "--data", data[match].path, "--out", out.path], in: directory)
                    #expect(verify.status == 0, "round \(round): \(verify)")
                }
                try FileManager.default.removeItem(at: out)
            }
            print("\(race.testDescription): \(refusals) refusals in 20 rounds")
        }
    }
}
