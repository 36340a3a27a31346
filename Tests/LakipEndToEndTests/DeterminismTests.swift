import Foundation
import Testing

/// Results never depend on the clock, the order of hashing or anything else outside the input
/// (SPEC §4: "Results never depend on the clock"; §4: rank ties broken by kode_opd).
@Suite("Deterministic output")
struct DeterminismTests {
    struct Input: CustomTestStringConvertible, Sendable {
        var name: String
        /// A fixture name, or nil for the repository's data/ folder.
        var fixture: String?
        var arguments: [String] = []
        var testDescription: String { name }
    }

    static let inputs: [Input] = [
        Input(name: "repository data/", fixture: nil),
        Input(name: "rows rejected", fixture: "rejected-rows"),
        Input(name: "--as-of TW2 --negative-formula rasio", fixture: "worked-example",
              arguments: ["--as-of", "TW2", "--negative-formula", "rasio"]),
    ]

    @Test("two runs on the same input write the same bytes", arguments: inputs)
    func twoRunsAreIdentical(_ input: Input) throws {
        try withTemporaryDirectory { directory in
            let data = try input.fixture.map { try Fixture.copy($0, into: directory) }
                ?? packageRoot.appendingPathComponent("data")
            let first = directory.appendingPathComponent("first")
            let second = directory.appendingPathComponent("second")
            let run1 = try Lakip.run(["run", "--data", data.path, "--out", first.path] + input.arguments, in: directory)
            let run2 = try Lakip.run(["run", "--data", data.path, "--out", second.path] + input.arguments, in: directory)

            #expect(run1.status == run2.status)
            #expect(run1.status != 2, "\(run1)")
            let snapshot1 = try DirectorySnapshot(first)
            let snapshot2 = try DirectorySnapshot(second)
            #expect(!snapshot1.files.isEmpty)
            let differences = snapshot1.differences(to: snapshot2)
            #expect(differences.isEmpty, "second run differs:\n\(differences.joined(separator: "\n"))")
            // The summaries name the output folder, which differs; the counts must not.
            #expect(run1.fileSummaries == run2.fileSummaries)
        }
    }
}
