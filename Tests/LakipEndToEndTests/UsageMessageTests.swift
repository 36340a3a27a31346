import Foundation
import Testing

/// Every message lakip prints about its own arguments is in Bahasa Indonesia, names the valid
/// choices, and the help fits an 80-column terminal.
@Suite("Usage messages in Indonesian")
struct UsageMessageTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var says: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["run", "--format", "pdf"],
             says: ["galat: nilai 'pdf' tidak sah untuk --format", "pilih dari csv, xlsx, html, md"]),
        Case(arguments: ["run", "-q"], says: ["galat: opsi '-q' tidak dikenal"]),
        Case(arguments: ["verify", "--bogus"], says: ["galat: opsi '--bogus' tidak dikenal; maksudnya"]),
        Case(arguments: ["run", "--data"], says: ["galat: nilai untuk --data <folder> belum diisi"]),
        Case(arguments: ["run", "lebih"], says: ["galat: argumen 'lebih' tidak dikenal"]),
        Case(arguments: ["run", "--negative-formula", "persen"], says: ["rumus 'persen' tidak dikenal; pilih selisih atau rasio"]),
        Case(arguments: ["run", "--dialect", "csv"], says: ["pilih standar atau excel-id"]),
        Case(arguments: ["validate", "--as-of", "TW5"], says: ["--as-of 'TW5' tidak dikenal", "Lihat 'lakip validate --help'"]),
        Case(arguments: ["init"], says: ["galat: argumen <folder> belum diisi", "Penggunaan: lakip init <folder>"]),
    ]

    @Test("a usage error: exit 2, the message in Indonesian, no English from the parser", arguments: cases)
    func indonesianUsageError(_ usage: Case) throws {
        try withTemporaryDirectory { directory in
            let result = try Lakip.run(usage.arguments, in: directory)
            #expect(result.status == 2, "\(result)")
            for phrase in usage.says + ["Penggunaan: lakip"] {
                #expect(result.stderr.contains(phrase), "missing «\(phrase)»: \(result.stderr)")
            }
            for english in ["Error:", "Unknown option", "is invalid", "Missing", "Usage:", "See '", "Help:", "Please provide"] {
                #expect(!result.stderr.contains(english), "English «\(english)» in: \(result.stderr)")
            }
        }
    }

    @Test("help: 80 columns, defaults said in Indonesian, exit statuses in every subcommand that runs",
          arguments: [[], ["run"], ["validate"], ["verify"], ["init"]])
    func help(_ subcommand: [String]) throws {
        try withTemporaryDirectory { directory in
            let result = try Lakip.run(subcommand + ["--help"], in: directory)
            #expect(result.status == 0, "\(result)")
            for line in result.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
                #expect(line.count <= 80, "\(line.count) columns: \(line)")
            }
            #expect(!result.stdout.contains("(default:") && !result.stdout.contains("(values:"), "\(result.stdout)")
            if subcommand != ["init"] { #expect(result.stdout.contains("Status keluar: 0"), "\(result.stdout)") }
            if subcommand == ["run"] || subcommand == ["verify"] {
                #expect(result.stdout.contains("(bawaan: reports)"), "\(result.stdout)")
            }
        }
    }
}
