import Foundation
import Testing

/// A fatal input or usage error stops the run before anything is written: exit 2, and the
/// reports of an earlier run stay byte for byte as they were (SPEC §5 atomic rewrite, §6).
@Suite("Fatal errors write nothing")
struct FatalErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// Fixture used as --data; nil: a folder that does not exist.
        var fixture: String?
        var extraArguments: [String] = []
        /// Texts the message on standard error must contain.
        var messageMentions: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "missing required column", fixture: "missing-column",
             messageMentions: ["target.csv", "kode_indikator"]),
        Case(name: "missing data folder", fixture: nil, messageMentions: ["tidak-ada"]),
        Case(name: "unknown option", fixture: "clean", extraArguments: ["--bogus"], messageMentions: ["--bogus"]),
        Case(name: "bad --as-of", fixture: "clean", extraArguments: ["--as-of", "TW5"], messageMentions: ["TW5"]),
        Case(name: "bad --negative-formula", fixture: "clean", extraArguments: ["--negative-formula", "persen"],
             messageMentions: ["persen"]),
    ]

    @Test("exit 2 and earlier reports untouched", arguments: cases)
    func fatalRunWritesNothing(_ fatal: Case) throws {
        try assertFatalRunWritesNothing(fatal)
    }

    @Test("unterminated quote: exit 2, message names file and line, earlier reports untouched")
    func unterminatedQuoteWritesNothing() throws {
        // The quote opens in the keterangan of line 3 and is never closed.
        try assertFatalRunWritesNothing(Case(name: "unterminated quote", fixture: "unterminated-quote",
                                             messageMentions: ["realisasi.csv", "baris 3"]))
    }

    @Test("an output folder that cannot be written: exit 2, nothing renamed into place")
    func unwritableOutputKeepsEarlierReports() throws {
        try withTemporaryDirectory { directory in
            let good = try Fixture.copy("clean", into: directory)
            let out = directory.appendingPathComponent("reports")
            try #require(try Lakip.run(["run", "--data", good.path, "--out", out.path], in: directory).status == 0)
            // reports/2025 is now a file: 2024 can be prepared, 2025 cannot.
            let year = out.appendingPathComponent("2025")
            try FileManager.default.removeItem(at: year)
            try Data("bukan folder\n".utf8).write(to: year)
            let before = try DirectorySnapshot(out)

            let result = try Lakip.run(["run", "--data", good.path, "--out", out.path], in: directory)
            #expect(result.status == 2, "\(result)")
            #expect(result.stderr.contains("2025"), "\(result)")
            let after = try DirectorySnapshot(out)
            #expect(before.differences(to: after).isEmpty, "\(before.differences(to: after))")
            #expect(after.paths.filter(RunProvenanceName.isTemporary).isEmpty, "\(after.paths)")
        }
    }

    private func assertFatalRunWritesNothing(_ fatal: Case, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try withTemporaryDirectory { directory in
            // An earlier good run left reports (two years of eight tables, and validasi.csv) in OUT.
            let good = try Fixture.copy("clean", into: directory)
            let out = directory.appendingPathComponent("reports")
            let earlier = try Lakip.run(["run", "--data", good.path, "--out", out.path], in: directory)
            try #require(earlier.status == 0, "\(earlier)", sourceLocation: sourceLocation)
            let before = try DirectorySnapshot(out)
            // validasi.csv, and per year 9 tables, the manifest and the folder's copy of validasi.csv.
            try #require(before.files.count == 1 + 2 * 11, "\(before.paths)", sourceLocation: sourceLocation)

            let data = try fatal.fixture.map { $0 == "clean" ? good : try Fixture.copy($0, into: directory) }
                ?? directory.appendingPathComponent("tidak-ada")
            let arguments = ["run", "--data", data.path] + fatal.extraArguments
            let result = try Lakip.run(arguments + ["--out", out.path], in: directory)

            #expect(result.status == 2, "\(result)", sourceLocation: sourceLocation)
            for text in fatal.messageMentions {
                #expect(result.stderr.contains(text), "stderr should mention '\(text)':\n\(result)",
                        sourceLocation: sourceLocation)
            }
            let after = try DirectorySnapshot(out)
            let differences = before.differences(to: after)
            #expect(differences.isEmpty, "reports changed:\n\(differences.joined(separator: "\n"))",
                    sourceLocation: sourceLocation)
            #expect(after.paths.filter(RunProvenanceName.isTemporary).isEmpty, "\(after.paths)",
                    sourceLocation: sourceLocation)

            // Into a folder that does not exist yet: it is not even created.
            let fresh = directory.appendingPathComponent("fresh")
            let second = try Lakip.run(arguments + ["--out", fresh.path], in: directory)
            #expect(second.status == 2, "\(second)", sourceLocation: sourceLocation)
            #expect(!FileManager.default.fileExists(atPath: fresh.path), "\(fresh.path) was created",
                    sourceLocation: sourceLocation)
        }
    }
}
