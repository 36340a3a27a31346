import Foundation
import Testing
@testable import LakipCore

// MARK: - Helpers

/// A data directory written for one test, removed by `remove()`.
struct ScratchDataDirectory {
    let path: String

    init(_ files: [String: [UInt8]]) throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("lakip-loader-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, bytes) in files {
            try Data(bytes).write(to: URL(fileURLWithPath: path).appendingPathComponent(name))
        }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Writes `files` (name → bytes) to a fresh directory and loads it.
func loadScratch(_ files: [String: [UInt8]], options: LoadOptions = LoadOptions()) throws -> Dataset {
    let directory = try ScratchDataDirectory(files)
    defer { directory.remove() }
    return try DataLoader(options: options).load(directory: directory.path)
}

/// Writes `files` (name → UTF-8 text) to a fresh directory and loads it.
func loadScratch(text files: [String: String], options: LoadOptions = LoadOptions()) throws -> Dataset {
    try loadScratch(files.mapValues { Array($0.utf8) }, options: options)
}

/// The path of a fixture directory under `Fixtures/loader/`.
private func loaderFixture(_ name: String) throws -> String {
    let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    let path = root.appendingPathComponent("loader").appendingPathComponent(name).path
    try #require(FileManager.default.fileExists(atPath: path), "fixture \(name) missing")
    return path
}

/// Lines joined with LF and ended by one.
func csvText(_ lines: [String]) -> String {
    lines.joined(separator: "\n") + "\n"
}

func exact(_ significand: Int64, scale: UInt8 = 0) -> ExactDecimal {
    ExactDecimal(significand: significand, scale: scale)
}

/// The indicator with `code` (and `year`, when given).
func loadedIndicator(_ dataset: Dataset, _ code: String, year: Int? = nil) throws -> Indicator {
    try #require(dataset.indicators.first { dataset.text.string($0.code) == code && (year == nil || $0.year == year) },
                 "indicator \(code) not loaded")
}

func loadedSummary(_ dataset: Dataset, _ file: String) throws -> FileSummary {
    try #require(dataset.files.first { $0.name == file }, "no summary for \(file)")
}

func issues(_ dataset: Dataset, _ severity: Severity, code: String? = nil) -> [ValidationIssue] {
    dataset.issues.filter { $0.severity == severity && (code == nil || $0.code == code) }
}

/// Every file obeys read = used + rejected, and every rejected row has exactly one `galat`.
func expectRowsAccountedFor(_ dataset: Dataset, sourceLocation: SourceLocation = #_sourceLocation) {
    for summary in dataset.files {
        #expect(summary.rowsRead == summary.rowsUsed + summary.rowsRejected, "\(summary.name)", sourceLocation: sourceLocation)
        let errors = dataset.issues.filter { $0.severity == .error && $0.file == summary.name }
        #expect(errors.count == summary.rowsRejected, "\(summary.name)", sourceLocation: sourceLocation)
    }
}

let canonicalTargetHeader = "tahun,kode_opd,nama_opd,kode_indikator,indikator,satuan,polaritas,agregasi,target_tahunan"
let longActualHeader = "tahun,kode_opd,kode_indikator,triwulan,realisasi"

// MARK: - Files that load

@Suite("DataLoader: formats that load")
struct LoaderFormatTests {
    @Test("a canonical target + realisasi pair loads with its values")
    func canonicalPair() throws {
        let dataset = try DataLoader().load(directory: try loaderFixture("canonical"))

        #expect(dataset.files.map(\.name) == ["target_2025.csv", "realisasi_2025.csv"])
        #expect(dataset.files.map(\.kind) == [.targets, .actuals])
        let targets = try loadedSummary(dataset, "target_2025.csv")
        #expect((targets.rowsRead, targets.rowsUsed, targets.rowsRejected) == (3, 3, 0))
        let actuals = try loadedSummary(dataset, "realisasi_2025.csv")
        #expect((actuals.rowsRead, actuals.rowsUsed, actuals.rowsRejected) == (9, 9, 0))
        #expect(issues(dataset, .error).isEmpty)
        #expect(issues(dataset, .warning).isEmpty)
        #expect(dataset.years == [2025])
        #expect(dataset.indicators.count == 3)
        #expect(dataset.agencies.count == 2)

        let aki = try loadedIndicator(dataset, "DINKES-01")
        #expect(aki.year == 2025)
        #expect(dataset.text.string(aki.name) == "Angka Kematian Ibu per 100.000 KH")
        #expect(dataset.text.string(aki.objective) == "Meningkatnya derajat kesehatan ibu, bayi dan anak")
        #expect(dataset.text.string(aki.objectiveCode) == "DINKES-S1")
        #expect(dataset.text.string(aki.unit) == "per 100.000 KH")
        #expect(dataset.text.string(dataset.agencies[aki.agency].code) == "1.02.01")
        #expect(dataset.text.string(dataset.agencies[aki.agency].name) == "Dinas Kesehatan")
        #expect(aki.polarity == .negative)
        #expect(aki.aggregation == .last)
        #expect(!aki.aggregationInferred)
        #expect(aki.annualTarget?.lower == exact(75))
        #expect(aki.quarterTargets.map { $0?.lower } == [exact(80), exact(78), exact(76), exact(75)])
        #expect(aki.sourceLine == 2)
        #expect(aki.conflictingTargetLine == nil)
        #expect(aki.actuals == [.reported(exact(82), line: 2), .reported(exact(79), line: 3),
                                .unreported, .reported(exact(1047, scale: 1), line: 4)])

        let padi = try loadedIndicator(dataset, "DKP3-04")
        #expect(dataset.text.string(dataset.agencies[padi.agency].name) == "Dinas Ketahanan Pangan, Pertanian dan Perikanan")
        #expect(padi.polarity == .positive)
        #expect(padi.aggregation == .sum)
        #expect(padi.annualTarget?.lower == exact(12000))
        #expect(padi.actuals == [.reported(exact(2100), line: 5), .reported(exact(3900), line: 6),
                                 .reported(exact(3600), line: 7), .reported(exact(2600), line: 8)])

        let penyuluhan = try loadedIndicator(dataset, "DKP3-05")
        #expect(penyuluhan.aggregation == .mean)
        #expect(penyuluhan.annualTarget?.lower == exact(925, scale: 1))
        #expect(penyuluhan.actuals == [.reported(exact(9125, scale: 2), line: 9), .unreported, .unreported, .unreported])
        #expect(penyuluhan.agency == padi.agency)
        expectRowsAccountedFor(dataset)
    }

    @Test("';' file with decimal comma: 1.234,5 is 1234.5 and the convention is reported")
    func semicolonDecimalComma() throws {
        let dataset = try loadScratch(text: [
            "target.csv": csvText([
                "tahun;kode_opd;nama_opd;kode_indikator;indikator;satuan;polaritas;agregasi;target_tahunan",
                "2025;01;Dinas A;IK-01;Produksi;ton;positif;jumlah;1.234,5",
                "2025;01;Dinas A;IK-02;Luas tanam;ha;positif;jumlah;1.234",
            ]),
            "realisasi.csv": csvText([
                "tahun;kode_opd;kode_indikator;triwulan;realisasi",
                "2025;01;IK-01;1;617,25",
            ]),
        ])
        #expect(try loadedIndicator(dataset, "IK-01").annualTarget?.lower == exact(12345, scale: 1))
        #expect(try loadedIndicator(dataset, "IK-02").annualTarget?.lower == exact(1234))
        #expect(try loadedIndicator(dataset, "IK-01").actuals[0] == .reported(exact(61725, scale: 2), line: 2))

        let convention = try #require(issues(dataset, .info, code: "konvensi-desimal").first { $0.file == "target.csv" })
        #expect(convention.message.contains("koma"))
        #expect(convention.message.contains(";"))
        let ambiguous = try #require(issues(dataset, .info, code: "angka-ambigu").first)
        #expect(ambiguous.file == "target.csv")
        #expect(ambiguous.line == 3)
        #expect(ambiguous.message.contains("1.234"))
        #expect(issues(dataset, .error).isEmpty)
        expectRowsAccountedFor(dataset)
    }

    struct ConventionCase: CustomTestStringConvertible, Sendable {
        let name: String
        let decisive: String
        let decisiveValue: ExactDecimal
        let ambiguousValue: ExactDecimal
        let label: String
        let explanationFragment: String
        var testDescription: String { name }
    }

    static let conventionCases: [ConventionCase] = [
        ConventionCase(name: "quoted 85,5 makes the comma file decimal-comma", decisive: "\"85,5\"",
                       decisiveValue: exact(855, scale: 1), ambiguousValue: exact(1234), label: "koma",
                       explanationFragment: "'85,5' pada baris 3"),
        ConventionCase(name: "85.5 makes the comma file decimal-point", decisive: "85.5",
                       decisiveValue: exact(855, scale: 1), ambiguousValue: exact(1234, scale: 3), label: "titik",
                       explanationFragment: "'85.5' pada baris 3"),
        ConventionCase(name: "no decisive value: decimal point by default", decisive: "85",
                       decisiveValue: exact(85), ambiguousValue: exact(1234, scale: 3), label: "titik",
                       explanationFragment: "bawaan"),
    ]

    @Test("a comma file's convention comes from its first decisive value", arguments: conventionCases)
    func conventionFromFirstDecisiveValue(_ testCase: ConventionCase) throws {
        let dataset = try loadScratch(text: [
            "target.csv": csvText([
                "tahun,kode_opd,kode_indikator,indikator,polaritas,agregasi,target_tahunan",
                "2025,01,IK-01,Satu,positif,jumlah,100",
                "2025,01,IK-02,Dua,positif,akhir,\(testCase.decisive)",
                "2025,01,IK-03,Tiga,positif,jumlah,1.234",
            ]),
        ])
        #expect(try loadedIndicator(dataset, "IK-01").annualTarget?.lower == exact(100))
        #expect(try loadedIndicator(dataset, "IK-02").annualTarget?.lower == testCase.decisiveValue)
        #expect(try loadedIndicator(dataset, "IK-03").annualTarget?.lower == testCase.ambiguousValue)
        let convention = try #require(issues(dataset, .info, code: "konvensi-desimal").first)
        #expect(convention.message.contains(testCase.label))
        #expect(convention.message.contains(testCase.explanationFragment))
        let ambiguous = try #require(issues(dataset, .info, code: "angka-ambigu").first)
        #expect(ambiguous.line == 4)
        #expect(ambiguous.message.contains(testCase.label))
        #expect(issues(dataset, .error).isEmpty)
    }

    @Test("a problem names its column as the header writes it, without the spaces around it")
    func problemColumnsAreTrimmedHeaderNames() throws {
        let dataset = try loadScratch(text: [
            "target.csv": "tahun,kode_opd,kode_indikator,indikator,satuan,polaritas,\" Target Tahunan \",\"  bobot\"\n"
                + "2025,1.01,IK-1,A,%,positif,abc,1\n"
                + "2025,1.01,IK-2,B,%,positif,10,-2\n",
        ])
        let columns = Array(dataset.issues).filter { $0.severity == .error }.map { [$0.code, $0.column] }
        #expect(columns == [["target-tidak-valid", "Target Tahunan"], ["bobot-negatif", "bobot"]], "\(Array(dataset.issues))")
    }

    @Test("Indonesian header aliases, bare TW columns and mixed quarter spellings")
    func headerAliases() throws {
        let dataset = try DataLoader().load(directory: try loaderFixture("aliases"))
        #expect(issues(dataset, .error).isEmpty)
        #expect(dataset.files.map(\.kind) == [.targets, .actuals])

        let akb = try loadedIndicator(dataset, "DINKES-02")
        #expect(akb.year == 2024)
        #expect(dataset.text.string(akb.name) == "Angka Kematian Bayi per 1.000 KH")
        #expect(dataset.text.string(akb.objective) == "Meningkatnya derajat kesehatan")
        #expect(dataset.text.string(dataset.agencies[akb.agency].name) == "Dinas Kesehatan")
        #expect(akb.polarity == .negative)  // from "Sifat"
        #expect(akb.aggregation == .last)
        #expect(akb.annualTarget?.lower == exact(95, scale: 1))  // "Target PK"
        #expect(akb.quarterTargets.map { $0?.lower } == [exact(10), exact(98, scale: 1), exact(96, scale: 1), exact(95, scale: 1)])
        #expect(akb.actuals == [.reported(exact(102, scale: 1), line: 2), .reported(exact(99, scale: 1), line: 3),
                                .unreported, .unreported])

        let jagung = try loadedIndicator(dataset, "DKP3-03")
        #expect(jagung.annualTarget?.lower == exact(23875, scale: 1))
        #expect(jagung.quarterTargets.map { $0?.lower } == [exact(500), exact(700), exact(6875, scale: 1), exact(500)])
        #expect(jagung.actuals == [.unreported, .unreported, .reported(exact(12345, scale: 1), line: 4), .unreported])
        #expect(dataset.text.string(dataset.agencies[jagung.agency].name) == "Dinas Ketahanan Pangan, Pertanian dan Perikanan")

        let unknown = try #require(issues(dataset, .info, code: "kolom-tidak-dikenal").first)
        #expect(unknown.file == "target_2024.csv")
        #expect(unknown.line == 1)
        #expect(unknown.column == "Catatan Lain")
        expectRowsAccountedFor(dataset)
    }

    @Test("wide realisasi file (realisasi_tw1 … realisasi_tw4)")
    func wideActuals() throws {
        let dataset = try DataLoader().load(directory: try loaderFixture("wide"))
        #expect(issues(dataset, .error).isEmpty)
        let summary = try loadedSummary(dataset, "realisasi_tw.csv")
        #expect(summary.kind == .actuals)
        #expect((summary.rowsRead, summary.rowsUsed, summary.rowsRejected) == (2, 2, 0))
        #expect(try loadedIndicator(dataset, "IK-01").actuals
                    == [.reported(exact(200), line: 2), .reported(exact(250), line: 2), .unreported, .unreported])
        #expect(try loadedIndicator(dataset, "IK-02").actuals
                    == [.reported(exact(785, scale: 1), line: 3), .reported(exact(79), line: 3),
                        .reported(exact(81), line: 3), .unreported])
        expectRowsAccountedFor(dataset)
    }

    @Test("combined file: targets and realisasi_tw columns in one row")
    func combinedFile() throws {
        let dataset = try DataLoader().load(directory: try loaderFixture("combined"))
        #expect(issues(dataset, .error).isEmpty)
        #expect(issues(dataset, .warning).isEmpty)
        #expect(dataset.files.map(\.kind) == [.combined])
        let wisatawan = try loadedIndicator(dataset, "IK-01")
        #expect(wisatawan.annualTarget?.lower == exact(1000))
        #expect(wisatawan.quarterTargets.map { $0?.lower } == [exact(200), exact(300), exact(300), exact(200)])
        #expect(wisatawan.actuals == [.reported(exact(210), line: 2), .reported(exact(290), line: 2), .unreported, .unreported])
        let objek = try loadedIndicator(dataset, "IK-02")
        #expect(objek.aggregation == .last)
        #expect(objek.actuals == [.reported(exact(715, scale: 1), line: 3), .reported(exact(76), line: 3),
                                  .reported(exact(79), line: 3), .unreported])
        expectRowsAccountedFor(dataset)
    }

    @Test("files recognised by header load agencies, then targets, then realisations")
    func recognisedByHeader() throws {
        let dataset = try DataLoader().load(directory: try loaderFixture("by-header"))
        #expect(dataset.files.map(\.name) == ["opd.csv", "pk.csv", "laporan_triwulan.csv"])
        #expect(dataset.files.map(\.kind) == [.agencies, .targets, .actuals])
        #expect(issues(dataset, .error).isEmpty)
        let indicator = try loadedIndicator(dataset, "IK-01")
        #expect(dataset.text.string(dataset.agencies[indicator.agency].name) == "Dinas Pariwisata")
        #expect(indicator.actuals == [.reported(exact(210), line: 2), .reported(exact(290), line: 3), .unreported, .unreported])
        expectRowsAccountedFor(dataset)
    }

    @Test("BOM, CRLF, tab and ';' files with multi-line cells and blank lines")
    func byteOrderMarkAndLineEnds() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let target = "tahun\tkode_opd\tnama_opd\tkode_indikator\tindikator\tsatuan\tpolaritas\tagregasi\ttarget_tahunan\r\n"
            + "2025\t01\tDinas A\tIK-01\tIndikator satu\t%\tpositif\takhir\t90,5\r\n"
        let actuals = "tahun;kode_opd;kode_indikator;triwulan;realisasi;keterangan\r\n"
            + "2025;01;IK-01;1;85,5;\"catatan\r\ndua baris\"\r\n"
            + "\r\n"
            + "2025;01;IK-01;2;abc;\r\n"
        let dataset = try loadScratch([
            "target.csv": bom + Array(target.utf8),
            "realisasi.csv": bom + Array(actuals.utf8),
        ])
        let indicator = try loadedIndicator(dataset, "IK-01")
        #expect(indicator.annualTarget?.lower == exact(905, scale: 1))
        #expect(dataset.text.string(dataset.agencies[indicator.agency].name) == "Dinas A")
        #expect(indicator.actuals == [.reported(exact(855, scale: 1), line: 2), .unreported, .unreported, .unreported])
        let error = try #require(issues(dataset, .error).first)
        #expect(error.file == "realisasi.csv")
        #expect(error.line == 5)
        #expect(error.column == "realisasi")
        #expect(error.code == "angka-tidak-valid")
        expectRowsAccountedFor(dataset)
    }

    @Test("a Windows-1252 file loads, decodes, and is warned about")
    func windows1252() throws {
        let header = Array((canonicalTargetHeader + "\n").utf8)
        let row1 = Array("2025,01,Dinas Kebudayaan Caf".utf8) + [0xE9]
            + Array(",IK-01,Indikator ".utf8) + [0x96] + Array(" satu,%,positif,akhir,90\n".utf8)
        let row2 = Array("2025,02,Dinas Pariwisata,IK-02,Kunjungan,orang,positif,jumlah,5\n".utf8)
        let dataset = try loadScratch(["target.csv": header + row1 + row2])

        let first = try loadedIndicator(dataset, "IK-01")
        #expect(dataset.text.string(dataset.agencies[first.agency].name) == "Dinas Kebudayaan Café")
        #expect(dataset.text.string(first.name) == "Indikator – satu")
        #expect(dataset.text.string(dataset.agencies[try loadedIndicator(dataset, "IK-02").agency].name) == "Dinas Pariwisata")

        let warning = try #require(issues(dataset, .warning, code: "bukan-utf8").first)
        #expect(warning.file == "target.csv")
        #expect(warning.line == 2)
        #expect(warning.message.contains("Windows-1252"))
        #expect(issues(dataset, .error).isEmpty)
        expectRowsAccountedFor(dataset)
    }

    @Test("Windows-1252 agency name repeated on several rows is not reported as a different name")
    func windows1252RepeatedAgencyName() throws {
        let header = Array((canonicalTargetHeader + "\n").utf8)
        let name = Array("Dinas Kebudayaan Caf".utf8) + [0xE9]
        let row1 = Array("2025,01,".utf8) + name + Array(",IK-01,Satu,%,positif,akhir,90\n".utf8)
        let row2 = Array("2025,01,".utf8) + name + Array(",IK-02,Dua,orang,positif,jumlah,5\n".utf8)
        let dataset = try loadScratch(["target.csv": header + row1 + row2])
        #expect(dataset.agencies.count == 1)
        #expect(issues(dataset, .warning, code: "nama-opd-berbeda").isEmpty)
    }

    @Test("missing agregasi column: inferred per indicator and reported as info")
    func aggregationColumnMissing() throws {
        let dataset = try loadScratch(text: [
            "target.csv": csvText([
                "tahun,kode_opd,kode_indikator,indikator,satuan,polaritas,target_tahunan",
                "2025,01,IK-01,Cakupan imunisasi,%,positif,90",
                "2025,01,IK-02,Produksi padi,ton,positif,100",
                "2025,01,IK-03,Kehilangan hasil panen,ton,negatif,5",
                "2025,01,IK-04,Indeks kepuasan,Indeks,positif,80",
            ]),
        ])
        let expected: [(String, Aggregation)] = [("IK-01", .last), ("IK-02", .sum), ("IK-03", .last), ("IK-04", .last)]
        for (code, aggregation) in expected {
            let indicator = try loadedIndicator(dataset, code)
            #expect(indicator.aggregation == aggregation, "\(code)")
            #expect(indicator.aggregationInferred, "\(code)")
        }
        let info = try #require(issues(dataset, .info, code: "agregasi-disimpulkan").first)
        #expect(info.file == "target.csv")
        #expect(info.line == 1)
        #expect(info.message.contains("disimpulkan"))
        #expect(issues(dataset, .error).isEmpty)
    }

    @Test("empty agregasi cell: inferred for that row with an info issue")
    func aggregationCellEmpty() throws {
        let dataset = try loadScratch(text: [
            "target.csv": csvText([
                canonicalTargetHeader,
                "2025,01,Dinas A,IK-01,Satu,%,positif,jumlah,90",
                "2025,01,Dinas A,IK-02,Dua,ton,positif,,100",
            ]),
        ])
        #expect(try loadedIndicator(dataset, "IK-01").aggregation == .sum)
        #expect(try !loadedIndicator(dataset, "IK-01").aggregationInferred)
        #expect(try loadedIndicator(dataset, "IK-02").aggregation == .sum)
        #expect(try loadedIndicator(dataset, "IK-02").aggregationInferred)
        let info = issues(dataset, .info, code: "agregasi-disimpulkan")
        #expect(info.map(\.line) == [3])
        #expect(info.map(\.column) == ["agregasi"])
    }
}

// MARK: - Rows that are rejected

@Suite("DataLoader: bad rows are rejected, the rest is used")
struct LoaderRejectionTests {
    struct ExpectedError: Sendable, Equatable, CustomStringConvertible {
        let file: String
        let line: Int
        let column: String
        let code: String
        var description: String { "\(file):\(line) [\(column)] \(code)" }
    }

    struct Counts: Sendable, Equatable {
        let read: Int, used: Int, rejected: Int
    }

    struct RejectionCase: CustomTestStringConvertible, Sendable {
        let name: String
        /// Target rows after the two base rows (so the first is line 4).
        let extraTargets: [String]
        /// Realisation rows after the header (so the first is line 2).
        let actuals: [String]
        let errors: [ExpectedError]
        /// A phrase of each error's message, in order.
        let messageFragments: [String]
        let targetCounts: Counts
        let actualCounts: Counts
        var testDescription: String { name }
    }

    static let baseTargets = [
        canonicalTargetHeader,
        "2025,01,Dinas A,IK-01,Indikator satu,%,positif,akhir,90",
        "2025,01,Dinas A,IK-02,Indikator dua,ton,positif,jumlah,100",
    ]

    static let cases: [RejectionCase] = [
        RejectionCase(
            name: "unparseable realisation",
            extraTargets: [],
            actuals: ["2025,01,IK-01,1,85", "2025,01,IK-01,2,8x5"],
            errors: [ExpectedError(file: "realisasi.csv", line: 3, column: "realisasi", code: "angka-tidak-valid")],
            messageFragments: ["'8x5' bukan angka"],
            targetCounts: Counts(read: 2, used: 2, rejected: 0), actualCounts: Counts(read: 2, used: 1, rejected: 1)),
        RejectionCase(
            name: "unparseable target, then a realisation for that rejected target",
            extraTargets: ["2025,01,Dinas A,IK-03,Indikator tiga,ton,positif,jumlah,seratus"],
            actuals: ["2025,01,IK-03,1,10", "2025,01,IK-02,1,30"],
            errors: [ExpectedError(file: "target.csv", line: 4, column: "target_tahunan", code: "target-tidak-valid"),
                     ExpectedError(file: "realisasi.csv", line: 2, column: "kode_indikator", code: "target-ditolak")],
            messageFragments: ["'seratus' bukan angka", "ditolak di target.csv baris 4"],
            targetCounts: Counts(read: 3, used: 2, rejected: 1), actualCounts: Counts(read: 2, used: 1, rejected: 1)),
        RejectionCase(
            name: "unknown quarter",
            extraTargets: [],
            actuals: ["2025,01,IK-01,5,80", "2025,01,IK-01,TW0,80", "2025,01,IK-01,X,80", "2025,01,IK-01,TW I,80"],
            errors: [ExpectedError(file: "realisasi.csv", line: 2, column: "triwulan", code: "triwulan-tidak-dikenal"),
                     ExpectedError(file: "realisasi.csv", line: 3, column: "triwulan", code: "triwulan-tidak-dikenal"),
                     ExpectedError(file: "realisasi.csv", line: 4, column: "triwulan", code: "triwulan-tidak-dikenal")],
            messageFragments: ["Triwulan '5' tidak dikenal", "Triwulan 'TW0' tidak dikenal", "Triwulan 'X' tidak dikenal"],
            targetCounts: Counts(read: 2, used: 2, rejected: 0), actualCounts: Counts(read: 4, used: 1, rejected: 3)),
        RejectionCase(
            name: "realisation for an indicator with no target",
            extraTargets: [],
            actuals: ["2025,01,IK-99,1,50", "2024,01,IK-01,1,50", "2025,02,IK-01,1,50", "2025,01,IK-01,1,50"],
            errors: [ExpectedError(file: "realisasi.csv", line: 2, column: "kode_indikator", code: "indikator-tanpa-target"),
                     ExpectedError(file: "realisasi.csv", line: 3, column: "kode_indikator", code: "indikator-tanpa-target"),
                     ExpectedError(file: "realisasi.csv", line: 4, column: "kode_indikator", code: "indikator-tanpa-target")],
            messageFragments: ["Tidak ada target untuk indikator IK-99 OPD 01 tahun 2025",
                               "indikator IK-01 OPD 01 tahun 2024", "indikator IK-01 OPD 02 tahun 2025"],
            targetCounts: Counts(read: 2, used: 2, rejected: 0), actualCounts: Counts(read: 4, used: 1, rejected: 3)),
        RejectionCase(
            name: "conflicting duplicate realisation",
            extraTargets: [],
            actuals: ["2025,01,IK-01,1,85", "2025,01,IK-01,TW1,86", "2025,01,IK-01,I,85", "2025,01,IK-01,2,88"],
            errors: [ExpectedError(file: "realisasi.csv", line: 3, column: "realisasi", code: "realisasi-bertentangan"),
                     ExpectedError(file: "realisasi.csv", line: 4, column: "realisasi", code: "realisasi-bertentangan")],
            messageFragments: ["baris 2 berisi 85, baris ini 86", "sudah bertentangan"],
            targetCounts: Counts(read: 2, used: 2, rejected: 0), actualCounts: Counts(read: 4, used: 2, rejected: 2)),
        RejectionCase(
            name: "conflicting duplicate target row, and a realisation for it",
            extraTargets: ["2025,01,Dinas A,IK-01,Indikator satu,%,positif,akhir,95"],
            actuals: ["2025,01,IK-01,1,80", "2025,01,IK-02,1,30"],
            errors: [ExpectedError(file: "target.csv", line: 4, column: "", code: "target-ganda"),
                     ExpectedError(file: "realisasi.csv", line: 2, column: "kode_indikator", code: "target-ganda")],
            messageFragments: ["baris 2 dengan isi berbeda", "ganda dan bertentangan"],
            targetCounts: Counts(read: 3, used: 2, rejected: 1), actualCounts: Counts(read: 2, used: 1, rejected: 1)),
        RejectionCase(
            name: "too many fields (unquoted decimal comma)",
            extraTargets: [],
            actuals: ["2025,01,IK-01,1,85,5", "2025,01,IK-02,1,7,,"],
            errors: [ExpectedError(file: "realisasi.csv", line: 2, column: "", code: "jumlah-kolom")],
            messageFragments: ["Baris berisi 6 kolom, baris judul hanya 5"],
            targetCounts: Counts(read: 2, used: 2, rejected: 0), actualCounts: Counts(read: 2, used: 1, rejected: 1)),
        RejectionCase(
            name: "unknown polarity and aggregation in targets",
            extraTargets: ["2025,01,Dinas A,IK-03,Tiga,ton,netral,jumlah,5",
                           "2025,01,Dinas A,IK-04,Empat,ton,positif,median,5"],
            actuals: ["2025,01,IK-04,1,1"],
            errors: [ExpectedError(file: "target.csv", line: 4, column: "polaritas", code: "polaritas-tidak-dikenal"),
                     ExpectedError(file: "target.csv", line: 5, column: "agregasi", code: "agregasi-tidak-dikenal"),
                     ExpectedError(file: "realisasi.csv", line: 2, column: "kode_indikator", code: "target-ditolak")],
            messageFragments: ["Polaritas 'netral' tidak dikenal", "Agregasi 'median' tidak dikenal", "baris 5"],
            targetCounts: Counts(read: 4, used: 2, rejected: 2), actualCounts: Counts(read: 1, used: 0, rejected: 1)),
        RejectionCase(
            name: "invalid year and empty codes",
            extraTargets: ["2025,01,Dinas A,,Tanpa kode,ton,positif,jumlah,5"],
            actuals: ["25,01,IK-01,1,80", "2025,,IK-01,1,80", "2025,01,IK-01,1,80"],
            errors: [ExpectedError(file: "target.csv", line: 4, column: "kode_indikator", code: "kode-indikator-kosong"),
                     ExpectedError(file: "realisasi.csv", line: 2, column: "tahun", code: "tahun-tidak-valid"),
                     ExpectedError(file: "realisasi.csv", line: 3, column: "kode_opd", code: "kode-opd-kosong")],
            messageFragments: ["kode_indikator kosong", "Tahun '25' tidak valid", "kode_opd kosong"],
            targetCounts: Counts(read: 3, used: 2, rejected: 1), actualCounts: Counts(read: 3, used: 1, rejected: 2)),
    ]

    @Test("rejected rows carry file, line, column, code and an Indonesian message", arguments: cases)
    func rejection(_ testCase: RejectionCase) throws {
        let dataset = try loadScratch(text: [
            "target.csv": csvText(Self.baseTargets + testCase.extraTargets),
            "realisasi.csv": csvText([longActualHeader] + testCase.actuals),
        ])
        let errors = issues(dataset, .error)
        #expect(errors.map { ExpectedError(file: $0.file, line: $0.line ?? -1, column: $0.column, code: $0.code) }
                    == testCase.errors)
        for (issue, fragment) in zip(errors, testCase.messageFragments) {
            #expect(issue.message.contains(fragment), "\(issue.message)")
        }
        let targets = try loadedSummary(dataset, "target.csv")
        #expect(Counts(read: targets.rowsRead, used: targets.rowsUsed, rejected: targets.rowsRejected) == testCase.targetCounts)
        let actuals = try loadedSummary(dataset, "realisasi.csv")
        #expect(Counts(read: actuals.rowsRead, used: actuals.rowsUsed, rejected: actuals.rowsRejected) == testCase.actualCounts)
        expectRowsAccountedFor(dataset)
        // The good rows still load.
        #expect(try loadedIndicator(dataset, "IK-02").annualTarget?.lower == exact(100))
    }

    @Test("a conflicting duplicate realisation leaves its slot conflicting, other quarters untouched")
    func conflictingSlot() throws {
        let dataset = try loadScratch(text: [
            "target.csv": csvText(Self.baseTargets),
            "realisasi.csv": csvText([longActualHeader, "2025,01,IK-01,1,85", "2025,01,IK-01,2,88", "2025,01,IK-01,1,86"]),
        ])
        let indicator = try loadedIndicator(dataset, "IK-01")
        #expect(indicator.actuals == [.conflicting(firstLine: 2), .reported(exact(88), line: 3), .unreported, .unreported])
    }

    @Test("an identical duplicate realisation is used once with a warning")
    func identicalDuplicateActual() throws {
        let dataset = try loadScratch(text: [
            "target.csv": csvText(Self.baseTargets),
            "realisasi.csv": csvText([longActualHeader, "2025,01,IK-01,1,85", "2025,01,IK-01,TW I,85.00"]),
        ])
        #expect(try loadedIndicator(dataset, "IK-01").actuals[0] == .reported(exact(85), line: 2))
        #expect(issues(dataset, .error).isEmpty)
        let warning = try #require(issues(dataset, .warning, code: "realisasi-ganda").first)
        #expect(warning.file == "realisasi.csv")
        #expect(warning.line == 3)
        #expect(warning.column == "realisasi")
        #expect(warning.message.contains("baris 2"))
        let summary = try loadedSummary(dataset, "realisasi.csv")
        #expect((summary.rowsRead, summary.rowsUsed, summary.rowsRejected) == (2, 2, 0))
    }

    @Test("a conflicting duplicate target row marks the indicator")
    func conflictingTarget() throws {
        let dataset = try loadScratch(text: [
            "target.csv": csvText(Self.baseTargets + ["2025,01,Dinas A,IK-01,Indikator satu,%,positif,akhir,95"]),
        ])
        #expect(dataset.indicators.count == 2)
        let indicator = try loadedIndicator(dataset, "IK-01")
        #expect(indicator.conflictingTargetLine == 4)
        #expect(indicator.sourceLine == 2)
        #expect(try loadedIndicator(dataset, "IK-02").conflictingTargetLine == nil)
    }

    @Test("an identical duplicate target row is used once with a warning")
    func identicalDuplicateTarget() throws {
        let dataset = try loadScratch(text: [
            "target.csv": csvText(Self.baseTargets + ["2025,01,Dinas A,IK-01,Indikator satu,%,positif,akhir,90.0"]),
        ])
        #expect(dataset.indicators.count == 2)
        #expect(try loadedIndicator(dataset, "IK-01").conflictingTargetLine == nil)
        #expect(issues(dataset, .error).isEmpty)
        let warning = try #require(issues(dataset, .warning, code: "baris-ganda").first)
        #expect(warning.line == 4)
        let summary = try loadedSummary(dataset, "target.csv")
        #expect((summary.rowsRead, summary.rowsUsed, summary.rowsRejected) == (3, 3, 0))
    }

    @Test("line numbers of rejected rows count multi-line cells and blank lines")
    func rejectionLinesAfterMultilineCell() throws {
        let dataset = try loadScratch(text: [
            "target.csv": csvText([
                canonicalTargetHeader,
                "2025,01,Dinas A,IK-01,\"Indikator",
                "dua baris\",%,positif,akhir,90",
                "",
                "2025,01,Dinas A,IK-02,Dua,ton,positif,jumlah,abc",
            ]),
        ])
        #expect(try dataset.text.string(loadedIndicator(dataset, "IK-01").name) == "Indikator\ndua baris")
        let error = try #require(issues(dataset, .error).first)
        #expect(error.line == 5)
        #expect(error.column == "target_tahunan")
    }
}

// MARK: - Scope options

@Suite("DataLoader: --year and --as-of")
struct LoaderScopeTests {
    static let targets = csvText([
        canonicalTargetHeader,
        "2022,01,Dinas A,IK-01,Satu,%,positif,akhir,80",
        "2025,01,Dinas A,IK-01,Satu,%,positif,akhir,90",
        "2025,01,Dinas A,IK-02,Dua,ton,positif,jumlah,100",
    ])

    @Test("rows of years outside --year and its two comparison years are out of scope, not rejected")
    func yearOption() throws {
        let dataset = try loadScratch(text: [
            "target.csv": Self.targets,
            "realisasi.csv": csvText([longActualHeader, "2022,01,IK-01,1,70", "2025,01,IK-01,1,85", "2022,01,IK-09,1,1"]),
        ], options: LoadOptions(year: 2025))
        #expect(dataset.years == [2025])
        #expect(dataset.indicators.count == 2)
        #expect(try loadedIndicator(dataset, "IK-01").actuals[0] == .reported(exact(85), line: 3))
        #expect(issues(dataset, .error).isEmpty)

        let targets = try loadedSummary(dataset, "target.csv")
        #expect((targets.rowsRead, targets.rowsUsed, targets.rowsRejected, targets.rowsOutOfScope) == (3, 3, 0, 1))
        let actuals = try loadedSummary(dataset, "realisasi.csv")
        #expect((actuals.rowsRead, actuals.rowsUsed, actuals.rowsRejected, actuals.rowsOutOfScope) == (3, 3, 0, 2))
        #expect(issues(dataset, .info, code: "di-luar-cakupan").map(\.file) == ["target.csv", "realisasi.csv"])
        expectRowsAccountedFor(dataset)
    }

    @Test("realisations after --as-of are out of scope, not rejected")
    func asOfOption() throws {
        let dataset = try loadScratch(text: [
            "target.csv": Self.targets,
            "realisasi.csv": csvText([longActualHeader, "2025,01,IK-01,1,85", "2025,01,IK-01,2,86",
                                      "2025,01,IK-01,3,87", "2025,01,IK-01,IV,88"]),
            "realisasi_wide.csv": csvText(["tahun,kode_opd,kode_indikator,realisasi_tw1,realisasi_tw2,realisasi_tw3,realisasi_tw4",
                                           "2025,01,IK-02,10,20,30,40"]),
        ], options: LoadOptions(asOf: .tw2))
        #expect(try loadedIndicator(dataset, "IK-01", year: 2025).actuals
                    == [.reported(exact(85), line: 2), .reported(exact(86), line: 3), .unreported, .unreported])
        #expect(try loadedIndicator(dataset, "IK-02").actuals
                    == [.reported(exact(10), line: 2), .reported(exact(20), line: 2), .unreported, .unreported])
        #expect(issues(dataset, .error).isEmpty)
        let actuals = try loadedSummary(dataset, "realisasi.csv")
        #expect((actuals.rowsRead, actuals.rowsUsed, actuals.rowsRejected, actuals.rowsOutOfScope) == (4, 4, 0, 2))
        let info = try #require(issues(dataset, .info, code: "di-luar-as-of").first)
        #expect(info.file == "realisasi.csv")
        #expect(info.message.contains("TW2"))
        expectRowsAccountedFor(dataset)
    }
}

// MARK: - Fatal input errors

@Suite("DataLoader: fatal input errors")
struct LoaderFatalErrorTests {
    struct FatalCase: CustomTestStringConvertible, Sendable {
        let name: String
        let files: [String: String]
        var options = LoadOptions()
        let code: InputError.Code
        /// The file named by the error; `nil` for the data directory itself.
        let file: String?
        let line: Int?
        let column: String?
        let messageFragment: String
        var testDescription: String { name }
    }

    static let goodTargets = csvText([canonicalTargetHeader, "2025,01,Dinas A,IK-01,Satu,%,positif,akhir,90"])

    static let cases: [FatalCase] = [
        FatalCase(name: "target file without polaritas",
                  files: ["target.csv": csvText(["tahun,kode_opd,kode_indikator,indikator,target_tahunan", "2025,01,IK-01,Satu,90"])],
                  code: .missingColumn, file: "target.csv", line: 1, column: "polaritas", messageFragment: "'polaritas'"),
        FatalCase(name: "target file without kode_indikator (aliased header)",
                  files: ["target.csv": csvText(["Tahun;Kode OPD;Indikator Kinerja;Sifat;Target PK", "2025;01;Satu;positif;90"])],
                  code: .missingColumn, file: "target.csv", line: 1, column: "kode_indikator", messageFragment: "'kode_indikator'"),
        FatalCase(name: "target file without any target column",
                  files: ["target.csv": csvText(["tahun,kode_opd,kode_indikator,indikator,polaritas", "2025,01,IK-01,Satu,positif"])],
                  code: .missingColumn, file: "target.csv", line: 1, column: "target_tahunan", messageFragment: "kolom target"),
        FatalCase(name: "realisasi file without kode_indikator",
                  files: ["target.csv": goodTargets,
                          "realisasi.csv": csvText(["tahun,kode_opd,triwulan,realisasi", "2025,01,1,85"])],
                  code: .missingColumn, file: "realisasi.csv", line: 1, column: "kode_indikator", messageFragment: "'kode_indikator'"),
        FatalCase(name: "no target file",
                  files: ["realisasi.csv": csvText([longActualHeader, "2025,01,IK-01,1,85"])],
                  code: .noTargetFile, file: nil, line: nil, column: nil, messageFragment: "Tidak ada berkas target"),
        FatalCase(name: "empty directory",
                  files: [:],
                  code: .noTargetFile, file: nil, line: nil, column: nil, messageFragment: "Tidak ada berkas target"),
        FatalCase(name: "header-only target file",
                  files: ["target.csv": csvText([canonicalTargetHeader, ""])],
                  code: .emptyFile, file: "target.csv", line: 1, column: nil, messageFragment: "hanya berisi baris judul"),
        FatalCase(name: "header-only realisasi file",
                  files: ["target.csv": goodTargets, "realisasi.csv": csvText([longActualHeader])],
                  code: .emptyFile, file: "realisasi.csv", line: 1, column: nil, messageFragment: "hanya berisi baris judul"),
        FatalCase(name: "zero-byte file",
                  files: ["target.csv": goodTargets, "realisasi.csv": ""],
                  code: .emptyFile, file: "realisasi.csv", line: nil, column: nil, messageFragment: "berkas kosong"),
        FatalCase(name: "unrecognised CSV file",
                  files: ["target.csv": goodTargets, "catatan.csv": csvText(["nomor,isi", "1,rapat"])],
                  code: .unrecognizedFile, file: "catatan.csv", line: 1, column: nil, messageFragment: "tidak dikenali"),
        FatalCase(name: "--year with no targets",
                  files: ["target.csv": goodTargets], options: LoadOptions(year: 2030),
                  code: .noDataForYear, file: nil, line: nil, column: nil, messageFragment: "Tahun yang ada: 2025"),
    ]

    static let unterminatedQuoteCases: [FatalCase] = [
        FatalCase(name: "unterminated quote in the target file",
                  files: ["target.csv": csvText([canonicalTargetHeader, "2025,01,Dinas A,IK-01,Satu,%,positif,akhir,90",
                                                 "2025,01,\"Dinas B,IK-02,Dua,%,positif,akhir,90",
                                                 "2025,01,Dinas A,IK-03,Tiga,%,positif,akhir,90"])],
                  code: .malformedCSV, file: "target.csv", line: 3, column: nil, messageFragment: "baris 3"),
        FatalCase(name: "unterminated quote in a realisasi file",
                  files: ["target.csv": goodTargets,
                          "realisasi.csv": csvText([longActualHeader, "2025,01,IK-01,1,\"85", "2025,01,IK-01,2,86"])],
                  code: .malformedCSV, file: "realisasi.csv", line: 2, column: nil, messageFragment: "tanda kutip"),
        FatalCase(name: "unterminated quote in the last column swallows the rows after it",
                  files: ["target.csv": goodTargets,
                          "realisasi.csv": csvText([longActualHeader + ",keterangan", "2025,01,IK-01,1,85,\"catatan",
                                                    "2025,01,IK-01,2,86,", "2025,01,IK-01,3,87,"])],
                  code: .malformedCSV, file: "realisasi.csv", line: 2, column: nil, messageFragment: "tanda kutip"),
    ]

    @Test("fatal input errors name file, line and column", arguments: cases)
    func fatal(_ testCase: FatalCase) throws {
        try expectFatal(testCase)
    }

    @Test("an unterminated quote stops the run with file and line",
          arguments: unterminatedQuoteCases)
    func unterminatedQuote(_ testCase: FatalCase) throws {
        try expectFatal(testCase)
    }

    private func expectFatal(_ testCase: FatalCase, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let directory = try ScratchDataDirectory(testCase.files.mapValues { Array($0.utf8) })
        defer { directory.remove() }
        let error = #expect(throws: InputError.self, sourceLocation: sourceLocation) {
            try DataLoader(options: testCase.options).load(directory: directory.path)
        }
        #expect(error?.code == testCase.code, sourceLocation: sourceLocation)
        #expect(error?.file == (testCase.file ?? directory.path), sourceLocation: sourceLocation)
        #expect(error?.line == testCase.line, sourceLocation: sourceLocation)
        if let column = testCase.column {
            #expect(error?.column == column, sourceLocation: sourceLocation)
        }
        #expect(error?.message.contains(testCase.messageFragment) == true, "\(error?.message ?? "")", sourceLocation: sourceLocation)
        if let file = testCase.file {
            #expect(error?.message.contains(file) == true, sourceLocation: sourceLocation)
        }
    }

    @Test("a missing data directory")
    func missingDirectory() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lakip-tidak-ada-\(UUID().uuidString)").path
        let error = #expect(throws: InputError.self) {
            try DataLoader().load(directory: path)
        }
        #expect(error?.code == .directoryMissing)
        #expect(error?.file == path)
        #expect(error?.message.contains("--data") == true)
    }

    struct MissingActualColumnCase: CustomTestStringConvertible, Sendable {
        let name: String
        let header: String
        let row: String
        let column: String
        var testDescription: String { name }
    }

    static let missingActualColumns: [MissingActualColumnCase] = [
        MissingActualColumnCase(name: "realisasi.csv without triwulan", header: "tahun,kode_opd,kode_indikator,realisasi",
                                row: "2025,01,IK-01,85", column: "triwulan"),
        MissingActualColumnCase(name: "realisasi.csv without realisasi", header: "tahun,kode_opd,kode_indikator,triwulan",
                                row: "2025,01,IK-01,1", column: "realisasi"),
    ]

    @Test("a realisasi file missing triwulan or realisasi stops the run",
          arguments: missingActualColumns)
    func realisationColumnMissing(_ testCase: MissingActualColumnCase) throws {
        let directory = try ScratchDataDirectory([
            "target.csv": Array(Self.goodTargets.utf8),
            "realisasi.csv": Array(csvText([testCase.header, testCase.row]).utf8),
        ])
        defer { directory.remove() }
        let error = #expect(throws: InputError.self) {
            try DataLoader().load(directory: directory.path)
        }
        #expect(error?.code == .missingColumn)
        #expect(error?.file == "realisasi.csv")
        #expect(error?.column == testCase.column)
    }
}

@Suite("ByteKeyedTable")
struct ByteKeyedTableTests {
    private func lookUp(_ table: ByteKeyedTable<Int>, _ key: String) -> Int? {
        Array(key.utf8).withUnsafeBufferPointer { table.value(for: $0) }
    }

    @Test("keys survive many grows; prefixes, the empty key and absent keys are told apart")
    func manyKeys() {
        var table = ByteKeyedTable<Int>()
        let keys = [""] + (0..<20_000).map { "2025\u{1F}1.0\($0 % 7).\($0)\u{1F}IK\($0)" } + ["2025", "2025\u{1F}"]
        for (position, key) in keys.enumerated() {
            let index = Array(key.utf8).withUnsafeBufferPointer { table.insert(position * 10, for: $0) }
            #expect(index == position)
        }
        #expect(table.count == keys.count)
        for (position, key) in keys.enumerated() where lookUp(table, key) != position * 10 {
            Issue.record("key «\(key)» gives \(String(describing: lookUp(table, key))), not \(position * 10)")
        }
        for absent in ["2026", "2025\u{1F}1.00.0\u{1F}IK1", "IK5", "2025\u{1F}1.00.0\u{1F}IK0 "] {
            #expect(lookUp(table, absent) == nil, "«\(absent)»")
        }
        // A second insert replaces the value and keeps the position.
        let again = Array("2025".utf8).withUnsafeBufferPointer { table.insert(-1, for: $0) }
        #expect(again == keys.count - 2)
        #expect(lookUp(table, "2025") == -1)
        #expect(table.count == keys.count)
    }

    @Test("a key a look-up missed goes where the look-up found room, through every grow")
    func insertAtVacancy() {
        var table = ByteKeyedTable<Int>()
        let keys = (0..<20_000).map { "2025\u{1F}1.0\($0 % 7).\($0)\u{1F}IK\($0)" }
        for (position, key) in keys.enumerated() {
            Array(key.utf8).withUnsafeBufferPointer { bytes in
                let (value, vacancy) = table.lookUp(bytes)
                #expect(value == nil && vacancy != nil)
                #expect(table.insert(position, for: bytes, at: vacancy) == position)
            }
        }
        for (position, key) in keys.enumerated() where lookUp(table, key) != position {
            Issue.record("key «\(key)» gives \(String(describing: lookUp(table, key))), not \(position)")
        }
        let found = Array(keys[7].utf8).withUnsafeBufferPointer { table.lookUp($0) }
        #expect(found.value == 7 && found.vacancy == nil)
    }

    @Test("keys of every length up to 40 bytes are kept apart, and each byte moves the slot")
    func everyLengthAndByte() {
        var table = ByteKeyedTable<Int>()
        let long = Array("2025\u{1F}1.01.02.03\u{1F}IK-0123456789-ABCDEFGHIJKLMNOP".utf8)
        for length in 0...40 { _ = Array(long[..<length]).withUnsafeBufferPointer { table.insert(length, for: $0) } }
        for length in 0...40 {
            #expect(Array(long[..<length]).withUnsafeBufferPointer { table.value(for: $0) } == length, "length \(length)")
        }
        // A byte that did not reach the hash would put every variant of it in one slot.
        for length in [1, 7, 8, 9, 15, 16, 23, 40] {
            for position in 0..<length {
                var key = Array(long[..<length])
                let slots = Set((0...255).map { byte -> UInt64 in
                    key[position] = UInt8(byte)
                    return key.withUnsafeBufferPointer { ByteKeyedTable<Int>.hash($0) } & 0xFFF
                })
                // 256 keys in 4,096 places, at random: some 248 different ones.
                #expect(slots.count > 200, "length \(length), byte \(position): \(slots.count)")
            }
        }
    }

    @Test("a vacancy an insert has made stale is not used: the key is looked up again")
    func staleVacancy() {
        var table = ByteKeyedTable<Int>()
        let key = Array("2025\u{1F}A\u{1F}IK1".utf8), other = Array("2025\u{1F}B\u{1F}IK2".utf8)
        let vacancy = key.withUnsafeBufferPointer { table.lookUp($0).vacancy }
        // The same key inserted meanwhile: the stale vacancy would add it a second time.
        key.withUnsafeBufferPointer { _ = table.insert(1, for: $0) }
        other.withUnsafeBufferPointer { _ = table.insert(2, for: $0) }
        let position = key.withUnsafeBufferPointer { table.insert(3, for: $0, at: vacancy) }
        #expect(position == 0)
        #expect(table.count == 2)
        #expect(lookUp(table, "2025\u{1F}A\u{1F}IK1") == 3)
        #expect(lookUp(table, "2025\u{1F}B\u{1F}IK2") == 2)
    }
}
