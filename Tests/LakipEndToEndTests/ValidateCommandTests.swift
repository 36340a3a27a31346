import Foundation
import Testing

/// `lakip validate` checks the data, prints every problem on standard output, writes no file,
/// and exits with the status `run` would have.
@Suite("validate")
struct ValidateCommandTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// Fixture used as --data; nil: a folder that does not exist.
        var fixture: String?
        var extraArguments: [String] = []
        var status: Int32
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "clean data", fixture: "clean", status: 0),
        Case(name: "rows rejected", fixture: "rejected-rows", status: 1),
        Case(name: "missing required column", fixture: "missing-column", status: 2),
        Case(name: "missing data folder", fixture: nil, status: 2),
        Case(name: "bad --as-of", fixture: "clean", extraArguments: ["--as-of", "V"], status: 2),
    ]

    @Test("same exit status as run, and nothing written", arguments: cases)
    func validateWritesNothing(_ check: Case) throws {
        try assertValidate(check)
    }

    @Test("unterminated quote: exit 2 like run")
    func unterminatedQuote() throws {
        try assertValidate(Case(name: "unterminated quote", fixture: "unterminated-quote", status: 2))
    }

    @Test("every rejected row is printed with file, line and column")
    func problemsGoToStandardOutput() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("rejected-rows", into: directory)
            let result = try Lakip.run(["validate", "--data", data.path], in: directory)
            #expect(result.status == 1, "\(result)")

            let errors = result.stdoutLines.filter { $0.hasPrefix("galat\t") }
            #expect(errors.count == RejectedRowsTests.expectedErrors.count, "\(result)")
            for place in RejectedRowsTests.expectedErrors.keys {
                let prefix = "galat\t\(place.file):\(place.line) [\(place.column)]\t"
                #expect(errors.contains { $0.hasPrefix(prefix) }, "no line starting '\(prefix)' in:\n\(result.stdout)")
            }
            // The same counts as a run, on standard error.
            #expect(result.fileSummaries.contains(FileSummary(file: "realisasi.csv", read: 9, used: 5, rejected: 4)),
                    "\(result)")
            #expect(!result.stderr.contains("galat\t"), "problems belong on standard output")
        }
    }

    private func assertValidate(_ check: Case, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try withTemporaryDirectory { directory in
            let inputs = directory.appendingPathComponent("inputs")
            try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
            let data = try check.fixture.map { try Fixture.copy($0, into: inputs) }
                ?? inputs.appendingPathComponent("tidak-ada")
            let dataBefore = try DirectorySnapshot(inputs)
            // An empty working directory: `validate` must not create reports/ (the default
            // output folder of `run`) or anything else in it.
            let work = directory.appendingPathComponent("work")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)

            let result = try Lakip.run(["validate", "--data", data.path] + check.extraArguments, in: work)
            #expect(result.status == check.status, "\(result)", sourceLocation: sourceLocation)
            let written = try DirectorySnapshot(work).paths
            #expect(written.isEmpty, "validate wrote \(written)", sourceLocation: sourceLocation)
            #expect(dataBefore.differences(to: try DirectorySnapshot(inputs)).isEmpty, "validate changed the data folder",
                    sourceLocation: sourceLocation)

            let out = directory.appendingPathComponent("out")
            let run = try Lakip.run(["run", "--data", data.path, "--out", out.path] + check.extraArguments, in: work)
            #expect(run.status == result.status, "run: \(run)", sourceLocation: sourceLocation)
        }
    }
}
