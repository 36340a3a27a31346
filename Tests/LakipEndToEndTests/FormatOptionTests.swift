import Foundation
import Testing

/// `--dialect`, `--format`, `init`, `--help` and the progress bar, through the built tool.
@Suite("Dialects, formats, init and help")
struct FormatOptionTests {
    static let yearFiles = ["pengukuran_kinerja.csv", "capaian_triwulan.csv", "capaian_semester.csv",
                            "capaian.csv", "rekap_opd.csv", "rekap_sasaran.csv", "perbandingan_tahun.csv", "anggaran.csv",
                            "kelengkapan.csv"]
    /// What OWASP lists as the start of a formula.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    @Test("--format csv,xlsx,html,md adds the documents and leaves the CSV tables as the default run writes them")
    func allFormats() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory)
            let plain = directory.appendingPathComponent("plain"), all = directory.appendingPathComponent("all")
            try #require(try Lakip.run(["run", "--data", data.path, "--out", plain.path], in: directory).status == 0)
            let result = try Lakip.run(["run", "--data", data.path, "--out", all.path, "--format", "csv,xlsx,html,md"],
                                       in: directory)
            #expect(result.status == 0, "\(result)")
            let written = try DirectorySnapshot(all), expected = try DirectorySnapshot(plain)
            for year in ["2024", "2025"] {
                for name in ["lakip_\(year).xlsx", "laporan.html", "laporan.md"] {
                    #expect((written.files["\(year)/\(name)"]?.count ?? 0) > 500, "\(year)/\(name) missing or empty")
                }
                for name in Self.yearFiles {
                    #expect(written.files["\(year)/\(name)"] == expected.files["\(year)/\(name)"], "\(year)/\(name) differs")
                }
            }
            let xlsx = try #require(written.files["2025/lakip_2025.xlsx"])
            #expect(xlsx.starts(with: [0x50, 0x4B, 0x03, 0x04]), "not a zip archive")
            let html = String(decoding: written.files["2025/laporan.html"] ?? Data(), as: UTF8.self)
            #expect(html.contains("<svg") && html.contains("<table") && !html.contains("<script"))

            // Same input, same bytes: the workbook carries no clock.
            let again = directory.appendingPathComponent("again")
            try #require(try Lakip.run(["run", "--data", data.path, "--out", again.path, "--format", "xlsx"], in: directory).status == 0)
            #expect(try DirectorySnapshot(again).files["2025/lakip_2025.xlsx"] == xlsx)
        }
    }

    @Test("--format xlsx writes the workbook, one per OPD, and validasi.csv, no CSV tables")
    func onlyWorkbook() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory)
            let out = directory.appendingPathComponent("out")
            let result = try Lakip.run(["run", "--data", data.path, "--out", out.path, "--format", "xlsx", "--year", "2025"],
                                       in: directory)
            #expect(result.status == 0, "\(result)")
            #expect(Set(try DirectorySnapshot(out).files.keys)
                == ["validasi.csv", "2025/lakip_2025.xlsx", "2025/manifest.json", "2025/validasi.csv",
                    "2025/opd/1.02.0.00.0.00.01.0000.xlsx", "2025/opd/2.09.3.27.3.25.01.0000.xlsx"])
        }
    }

    @Test("bad --format and --dialect values are usage errors (exit 2), in Indonesian, and write nothing",
          arguments: [["--format", "csv,pdf"], ["--dialect", "excel-us"]])
    func usageErrors(arguments: [String]) throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory)
            let out = directory.appendingPathComponent("out")
            let result = try Lakip.run(["run", "--data", data.path, "--out", out.path] + arguments, in: directory)
            #expect(result.status == 2, "\(result)")
            #expect(result.stderr.contains("tidak dikenal"), "\(result)")
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
    }

    @Test("excel-id: BOM, ';', CRLF and decimal comma, the same cells as standar")
    func excelDialect() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("worked-example", into: directory)
            let standard = directory.appendingPathComponent("std"), excel = directory.appendingPathComponent("xid")
            try #require(try Lakip.run(["run", "--data", data.path, "--out", standard.path], in: directory).status == 0)
            let result = try Lakip.run(["run", "--data", data.path, "--out", excel.path, "--dialect", "excel-id"], in: directory)
            #expect(result.status == 0, "\(result)")
            for name in Self.yearFiles {
                let bytes = try Data(contentsOf: excel.appendingPathComponent("2025/" + name))
                #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "\(name): no BOM")
                let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
                #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "\(name): a bare LF")
                let rows = try #require(strictCSV(text, delimiter: ";"), "\(name) is not valid CSV")
                let expected = try #require(strictCSV(String(decoding: try Data(contentsOf: standard.appendingPathComponent("2025/" + name)), as: UTF8.self), delimiter: ","))
                #expect(rows.count == expected.count)
                let header = expected.first ?? []
                for (row, want) in zip(rows, expected) {
                    // Numbers change only their decimal separator; a code a spreadsheet would read as a
                    // number (1.02.0.00.0.00.01.0000) is written ="…"; other text stays as it is.
                    #expect(row == zip(header, want).map { column, field in
                        if column.hasPrefix("kode_"), field.first?.isNumber == true { return "=\"\(field)\"" }
                        return field.wholeMatch(of: #/-?\d+\.\d+/#) != nil ? field.replacingOccurrences(of: ".", with: ",") : field
                    }, "\(name): \(row) vs \(want)")
                }
                let validation = try String(contentsOf: excel.appendingPathComponent("validasi.csv"), encoding: .utf8)
                #expect(validation.components(separatedBy: ";kode-sebagai-teks;").count == 2, "said once: \(validation)")
            }
            let measurement = try String(contentsOf: excel.appendingPathComponent("2025/pengukuran_kinerja.csv"), encoding: .utf8)
            #expect(measurement.contains(";104,7;60,40;Rendah;"))
        }
    }

    @Test("excel-id neutralises formula-like text and says so once in validasi.csv; standar keeps it byte for byte")
    func neutralisation() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("formula-text", into: directory)
            let standard = directory.appendingPathComponent("std"), excel = directory.appendingPathComponent("xid")
            try #require(try Lakip.run(["run", "--data", data.path, "--out", standard.path], in: directory).status == 0)
            let result = try Lakip.run(["run", "--data", data.path, "--out", excel.path, "--dialect", "excel-id"], in: directory)
            #expect(result.status == 0, "\(result)")

            // Count, in the standard output, the text cells a spreadsheet would run.
            var formulaCells: [String] = []
            // Every CSV the run wrote, whichever tables the writer has; validasi.csv at the top is
            // the folder's copy, its cells counted once. Its own cells count: the unknown column
            // `@catatan` is named in it.
            let written = try DirectorySnapshot(standard).files.keys.filter { $0.hasSuffix(".csv") && $0 != "validasi.csv" }.sorted()
            #expect(written.count > Self.yearFiles.count)
            for name in written {
                let table = try CSVTable(standard, name)
                formulaCells += table.records.flatMap { $0 }.filter { $0.first.map(Self.formulaStarts.contains) ?? false }
            }
            #expect(formulaCells.contains("=HYPERLINK(\"http://contoh\";\"klik\")"), "standar changed the text")
            #expect(formulaCells.contains("@Dinas Kesehatan"))
            #expect(formulaCells.contains("@catatan"), "the unknown column is named in validasi.csv")
            let standardValidation = try CSVTable(standard, "validasi.csv")
            #expect(standardValidation.rows(["kode": "rumus-dinetralkan"]).isEmpty)

            let validation = String(decoding: try Data(contentsOf: excel.appendingPathComponent("validasi.csv")), as: UTF8.self)
            let notes = validation.split(separator: "\r\n").filter { $0.contains(";rumus-dinetralkan;") }
            try #require(notes.count == 1, "expected one info row, got \(notes)")
            #expect(notes[0].hasPrefix("info;"))
            #expect(notes[0].contains(";\(formulaCells.count) sel teks"), "count in \(notes[0]) ≠ \(formulaCells.count)")

            // The fixture reports TW1 and TW2: a quarterly report, in 2025/TW2 (SPEC §5).
            let measurement = String(decoding: try Data(contentsOf: excel.appendingPathComponent("2025/TW2/pengukuran_kinerja.csv")),
                                     as: UTF8.self)
            #expect(measurement.contains(";'@Dinas Kesehatan;"))
            #expect(measurement.contains(";'+62 Kesehatan ibu;"))
            #expect(!measurement.contains(";@Dinas"))
        }
    }

    @Test("a neutralised cell that needs quotes stays one valid CSV field")
    func neutralisedQuotedField() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("formula-text", into: directory)
            let excel = directory.appendingPathComponent("xid")
            try #require(try Lakip.run(["run", "--data", data.path, "--out", excel.path, "--dialect", "excel-id"], in: directory).status == 0)
            let text = String(decoding: try Data(contentsOf: excel.appendingPathComponent("2025/TW2/pengukuran_kinerja.csv")).dropFirst(3),
                              as: UTF8.self)
            // The ' goes inside the quotes, so the cell stays one field.
            let rows = try #require(strictCSV(text, delimiter: ";"), "malformed CSV")
            #expect(rows.allSatisfy { $0.count == 20 })
            #expect(rows.dropFirst().first?[6] == "'=HYPERLINK(\"http://contoh\";\"klik\")")
        }
    }

    @Test("init writes the templates, run reads them without a rejected row, a second init refuses")
    func initCommand() throws {
        try withTemporaryDirectory { directory in
            let created = try Lakip.run(["init", "data-baru"], in: directory)
            #expect(created.status == 0, "\(created)")
            let folder = directory.appendingPathComponent("data-baru")
            let target = try CSVTable(folder, "target.csv"), actual = try CSVTable(folder, "realisasi.csv")
            #expect(target.header == ["tahun", "kode_opd", "nama_opd", "kode_sasaran", "sasaran", "kode_indikator", "indikator",
                                      "satuan", "polaritas", "agregasi", "target_tahunan", "target_tw1", "target_tw2",
                                      "target_tw3", "target_tw4"])
            #expect(actual.header == ["tahun", "kode_opd", "kode_indikator", "triwulan", "realisasi"])
            #expect(target.records.count == 2 && actual.records.count == 2)
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("README.md").path))

            let run = try Lakip.run(["run", "--data", "data-baru", "--out", "laporan"], in: directory)
            #expect(run.status == 0, "\(run)")
            #expect(run.fileSummaries.allSatisfy { $0.read == 2 && $0.used == 2 && $0.rejected == 0 }, "\(run)")
            // TW1 only, so a quarterly report in 2025/TW1 (SPEC §4.1): capaian against the TW1 target, DINKES-01
            // (2·80 − 82)/80 = 97.50 and rice 2100/2000 = 105.00; progres against the PK target, (2·75 − 82)/75 = 90.67
            // and 2100/12000 = 17.50.
            let measurement = try CSVTable(directory.appendingPathComponent("laporan"), "2025/TW1/pengukuran_kinerja.csv")
            #expect(try measurement.row(["kode_indikator": "DINKES-01"])["capaian"] == "97.50")
            #expect(try measurement.row(["kode_indikator": "DKP3-04"])["capaian"] == "105.00")
            #expect(try measurement.row(["kode_indikator": "DINKES-01"])["progres"] == "90.67")
            #expect(try measurement.row(["kode_indikator": "DKP3-04"])["progres"] == "17.50")

            let again = try Lakip.run(["init", "data-baru"], in: directory)
            #expect(again.status == 2 && again.stderr.contains("sudah ada"), "\(again)")
        }
    }

    @Test("--help of every subcommand is in Indonesian with an example",
          arguments: [["--help"], ["run", "--help"], ["validate", "--help"], ["init", "--help"]])
    func help(arguments: [String]) throws {
        try withTemporaryDirectory { directory in
            let result = try Lakip.run(arguments, in: directory)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("Contoh:"), "\(result)")
            #expect(result.stdout.contains("lakip"))
            if arguments.first == "run" {
                for option in ["--dialect", "--format", "excel-id", "xlsx", "html", "md", "--quiet"] {
                    #expect(result.stdout.contains(option), "run --help does not mention \(option)")
                }
            }
        }
    }

    @Test("no progress bar when standard error is not a terminal")
    func noProgressWhenPiped() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory)
            let result = try Lakip.run(["run", "--data", data.path, "--out", "out"], in: directory)
            #expect(result.status == 0)
            #expect(!result.stderr.contains("\r") && !result.stderr.contains("Membaca data") && !result.stderr.contains("\u{1B}"))
        }
    }
}

/// RFC 4180 records with `delimiter`, or `nil` when the text is malformed (a quote inside an
/// unquoted field, an unterminated quote, text after a closing quote). Accepts CRLF or LF.
func strictCSV(_ text: String, delimiter: Character) -> [[String]]? {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var state = 0 // 0 field start, 1 unquoted, 2 quoted, 3 after closing quote
    var characters = Array(text)
    if characters.last != "\n" && characters.last != "\r\n" { characters.append("\n") }
    var index = 0
    while index < characters.count {
        let character = characters[index]
        index += 1
        switch state {
        case 2:
            if character == "\"" {
                if index < characters.count && characters[index] == "\"" {
                    field.append("\"")
                    index += 1
                } else {
                    state = 3
                }
            } else {
                field.append(character)
            }
        default:
            if character == delimiter {
                row.append(field)
                field = ""
                state = 0
            } else if character == "\n" || character == "\r\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
                state = 0
            } else if character == "\"" {
                guard state == 0 else { return nil }
                state = 2
            } else {
                guard state != 3 else { return nil }
                field.append(character)
                state = 1
            }
        }
    }
    return state == 2 ? nil : rows
}
