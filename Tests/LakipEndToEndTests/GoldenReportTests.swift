import Foundation
import Testing

/// The committed `reports/` tree is what the tool makes of the committed `data/` folder.
///
/// When this fails after an intended change in the output, regenerate on purpose with
/// `swift run lakip run --data data --out reports --format csv,xlsx,html,md` (the README's main
/// job) and review the diff.
@Suite("Golden reports")
struct GoldenReportTests {
    @Test("data/ → reports/, every file byte for byte")
    func committedReportsMatchData() throws {
        let data = packageRoot.appendingPathComponent("data")
        let committed = packageRoot.appendingPathComponent("reports")
        let expected = try DirectorySnapshot(committed)
        try #require(!expected.files.isEmpty, "no committed reports in \(committed.path)")

        try withTemporaryDirectory { directory in
            let out = directory.appendingPathComponent("reports")
            let result = try Lakip.run(["run", "--data", data.path, "--out", out.path, "--format", "csv,xlsx,html,md"],
                                       in: directory)
            #expect(result.status == 0, "\(result)")

            let actual = try DirectorySnapshot(out)
            let differences = expected.differences(to: actual)
            for difference in differences {
                Issue.record("reports/\(difference)")
            }
            #expect(differences.isEmpty, "the committed reports/ are out of date with data/ and the code")
        }
    }
}
