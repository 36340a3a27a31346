import Foundation
import Testing
import ZIPFoundation
@testable import LakipCore

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A data folder written to a temporary directory and loaded, for the formats to render.
private func loadDataset(targets: String, actuals: String) throws -> Dataset {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lakip-formats-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try targets.write(to: directory.appendingPathComponent("target.csv"), atomically: true, encoding: .utf8)
    try actuals.write(to: directory.appendingPathComponent("realisasi.csv"), atomically: true, encoding: .utf8)
    return try DataLoader().load(directory: directory.path)
}

/// The worked example of SPEC §4, plus an indicator whose texts look like formulas and markup.
private let targets = #"""
tahun,kode_opd,nama_opd,kode_sasaran,sasaran,kode_indikator,indikator,satuan,polaritas,agregasi,target_tahunan,target_tw1,target_tw2,target_tw3,target_tw4
2025,1.02,Dinas Kesehatan,S1,Kesehatan ibu,DINKES-01,Angka Kematian Ibu per 100.000 KH,per 100.000 KH,negatif,akhir,75,80,78,76,75
2025,2.09,"Dinas Pangan <b>&</b> ""Pertanian""",S2,Produksi,DKP3-04,Produksi padi,ton,positif,jumlah,12000,2000,4000,3500,2500
2025,2.09,"Dinas Pangan <b>&</b> ""Pertanian""",S2,Produksi,DKP3-05,"=HYPERLINK(""x"")",|pipa|,positif,rata-rata,10,10,10,10,10

"""#
private let actuals = """
tahun,kode_opd,kode_indikator,triwulan,realisasi
2025,1.02,DINKES-01,1,82
2025,1.02,DINKES-01,2,79
2025,1.02,DINKES-01,4,104.7
2025,2.09,DKP3-04,1,2100
2025,2.09,DKP3-04,2,3900
2025,2.09,DKP3-04,3,3600
2025,2.09,DKP3-04,4,2600
2025,2.09,DKP3-05,1,10
2025,2.09,DKP3-05,2,10
2025,2.09,DKP3-05,3,11

"""

@Suite("Report formats")
struct ReportFormatTests {
    /// The complete year 2025 of the worked example.
    static let year = ReportPeriod(year: 2025, through: .tw4)
    let results: PeriodResults
    /// The workbook the writer made of them, and the CSV pengukuran table beside it.
    let workbook: Data
    let rankingCSV: String
    let validationCSV: String

    init() throws {
        let dataset = try loadDataset(targets: targets, actuals: actuals)
        results = PeriodComputation.results(of: dataset, policy: Policy(), period: Self.year)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("lakip-tables-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        try ReportWriter(policy: Policy(), formats: [.csv, .xlsx]).write(dataset, periods: [Self.year], to: out)
        workbook = try Data(contentsOf: URL(fileURLWithPath: out + "/2025/lakip_2025.xlsx"))
        rankingCSV = try String(contentsOfFile: out + "/2025/rekap_opd.csv", encoding: .utf8)
        validationCSV = try String(contentsOfFile: out + "/2025/validasi.csv", encoding: .utf8)
    }

    private func indicator(_ code: String) throws -> IndicatorResult {
        try #require(results.indicators.first { results.text($0.indicator.code) == code })
    }

    @Test("the results carry the worked example's values, ranked as rekap_opd.csv")
    func resultsModel() throws {
        #expect(results.agencies.map(\.rank) == [1, 2])
        let maternal = try indicator("DINKES-01")
        #expect(ReportCell.actual(maternal.evaluation.year.actual, grades: nil) == .value(Fraction(numerator: 1047, denominator: 10)))
        #expect(maternal.evaluation.headline.achievement == Achievement(hundredths: 6040))
        #expect(maternal.evaluation.headline.category(in: results.policy.scale) == "Rendah")
        #expect(try indicator("DKP3-04").evaluation.headline.achievement == Achievement(hundredths: 10167))
        // 31/3 has no finite decimal form: the cell keeps the exact value.
        let mean = try indicator("DKP3-05")
        #expect(ReportCell.actual(mean.evaluation.year.actual, grades: nil) == .value(Fraction(numerator: 31, denominator: 3)))
        #expect(ReportCell.value(Fraction(numerator: 31, denominator: 3)).plainText == "10.3333")
        #expect(results.total.indicatorCount == 3)
        // The total is the last row of rekap_opd.csv.
        let total = try #require(rankingCSV.split(separator: "\n").last?.split(separator: ",", omittingEmptySubsequences: false))
        #expect(total[2] == "TOTAL PEMDA" && String(total[5]) == results.total.meanAchievement?.description)
    }

    @Test("id-ID numbers: decimal comma, a dot between thousands", arguments: [
        ("12000", "12.000"), ("-1234.56", "-1.234,56"), ("999", "999"), ("0.5", "0,5"), ("1234567.891", "1.234.567,891"),
        ("", ""), ("100.00", "100,00"),
    ])
    func indonesianNumbers(_ plain: String, _ expected: String) {
        #expect(ReportCell.indonesian(plain) == expected)
    }

    @Test("grade and range targets print as the CSV tables print them")
    func gradeAndRangeCells() {
        #expect(ReportCell.actual(Fraction(4), grades: .opiniBPK) == .text("WTP"))
        var outcome = PeriodOutcome(period: .year, target: Fraction(30))
        outcome.targetUpper = Fraction(numerator: 335, denominator: 10)
        #expect(ReportCell.target(of: outcome, grades: nil).plainText == "30-33.5")
        #expect(ReportCell.target(of: outcome, grades: nil).indonesianText == "30-33,5")
    }

    @Test("the workbook: well-formed parts, a ringkasan sheet with two charts, the tables, validasi")
    func workbookParts() throws {
        let parts = try WorkbookParts(workbook)
        let sheetNames = ["ringkasan"] + ReportWriter.tableFiles.map { String($0.dropLast(".csv".count)) } + ["validasi"]
        for required in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                         "xl/styles.xml", "docProps/core.xml", "xl/charts/chart1.xml", "xl/charts/chart2.xml"]
            + (1...sheetNames.count).map({ "xl/worksheets/sheet\($0).xml" }) {
            #expect(parts.data[required] != nil, "missing \(required)")
        }
        for (path, bytes) in parts.data where path.hasSuffix(".xml") || path.hasSuffix(".rels") {
            let parser = XMLParser(data: bytes)
            #expect(parser.parse(), "\(path) is not well-formed XML: \(String(describing: parser.parserError))")
        }
        #expect(parts.sheetNames == sheetNames)
        // The period is named in the document title and on every printed page.
        #expect(parts.text("docProps/core.xml").contains("<dc:title>Laporan Kinerja Tahun 2025</dc:title>"))

        // Sheet 2 is pengukuran_kinerja: header frozen, filtered, repeated on each A4 landscape
        // page one page wide; kategori coloured by rule.
        let sheet = parts.text("xl/worksheets/sheet2.xml")
        #expect(sheet.contains("state=\"frozen\"") && sheet.contains("ySplit=\"1\""))
        #expect(sheet.contains("<autoFilter ref=\"A1:T4\"/>"))
        #expect(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>") && sheet.contains("paperSize=\"9\"")
            && sheet.contains("fitToHeight=\"0\"") && sheet.contains("orientation=\"landscape\""))
        #expect(parts.text("xl/workbook.xml").contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">"
            + "pengukuran_kinerja!$1:$1</definedName>"))
        #expect(sheet.contains("<oddHeader>&amp;C&amp;\"-,Bold\"Laporan Kinerja Tahun 2025</oddHeader>"))
        #expect(sheet.contains("<conditionalFormatting sqref=\"N2:N4\">"))
        for label in Policy().scale.labels { #expect(sheet.contains("<formula>\"\(label)\"</formula>")) }
        #expect(!sheet.contains("<f>"), "no cell may hold a formula")
        #expect(sheet.contains("<t>=HYPERLINK(\"x\")</t>") || sheet.contains("<t>=HYPERLINK(&quot;x&quot;)</t>"),
                "formula-like text is a plain string")
        #expect(sheet.contains("Dinas Pangan &lt;b&gt;&amp;&lt;/b&gt;"))
        // Row 2 is DINKES-01: realisasi 104.7 with one decimal, capaian 60.40 in 0.00, the
        // Renstra target 75 grouped with no decimals.
        #expect(parts.cell("L2", in: sheet) == Cell(value: "104.7", format: "#,##0.0"))
        #expect(parts.cell("M2", in: sheet) == Cell(value: "60.4", format: "0.00"))
        #expect(parts.cell("K3", in: sheet) == Cell(value: "12000", format: "#,##0"))
        #expect(parts.cell("A2", in: sheet) == Cell(value: "1", format: "#,##0"))

        // The charts read rekap_opd (sheet 6): names in C, mean capaian in F, one stacked series
        // per kategori column after it.
        let means = parts.text("xl/charts/chart1.xml"), counts = parts.text("xl/charts/chart2.xml")
        #expect(means.contains("<c:f>rekap_opd!$C$2:$C$3</c:f>") && means.contains("<c:f>rekap_opd!$F$2:$F$3</c:f>"))
        #expect(means.contains("Rata-rata capaian tahunan per OPD (%)"))
        #expect(counts.contains("<c:grouping val=\"stacked\"/>"))
        #expect(counts.components(separatedBy: "<c:ser>").count - 1 == Policy().scale.labels.count)
        #expect(counts.contains("<c:f>rekap_opd!$G$2:$G$3</c:f>") && counts.contains("<c:f>rekap_opd!$K$2:$K$3</c:f>"))
    }

    @Test("a quarter's workbook is titled and charted for its period")
    func quarterlyWorkbook() throws {
        let dataset = try loadDataset(targets: targets, actuals: actuals)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("lakip-tw2-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        try ReportWriter(policy: Policy(), formats: [.xlsx]).write(dataset, periods: [ReportPeriod(year: 2025, through: .tw2)],
                                                                   to: out)
        let parts = try WorkbookParts(Data(contentsOf: URL(fileURLWithPath: out + "/2025/TW2/lakip_2025.xlsx")))
        #expect(parts.text("docProps/core.xml").contains("<dc:title>Laporan Kinerja Triwulan II Tahun 2025 (s.d. TW II)</dc:title>"))
        #expect(parts.text("xl/charts/chart1.xml").contains("<a:t>Rata-rata capaian s.d. TW II per OPD (%)</a:t>"))
        #expect(parts.text("xl/worksheets/sheet1.xml").contains("<t>TW1–TW2 (s.d. TW II)</t>"))
    }

    @Test("per-OPD document names: the code made safe, never hidden, distinct")
    func agencyDocumentNames() {
        #expect(AgencyDocument.fileName(code: "1.02.0.00.0.00.01.0000", extension: "html") == "opd/1.02.0.00.0.00.01.0000.html")
        #expect(AgencyDocument.fileName(code: "../Dinas Kesehatan/ÄB", extension: "md") == "opd/_.._Dinas_Kesehatan__B.md")
        #expect(AgencyDocument.fileName(code: "", extension: "md") == "opd/_.md")
        #expect(AgencyDocument.fileNames(for: ["a/b", "a b", "a_b", "c"], extension: "html")
            == ["opd/a_b.html", "opd/a_b-2.html", "opd/a_b-3.html", "opd/c.html"])
    }

    @Test("the validasi sheet lists the run's info rows and every problem, as validasi.csv does")
    func workbookValidationSheet() throws {
        let parts = try WorkbookParts(workbook)
        let sheet = parts.text("xl/worksheets/sheet\(parts.sheetNames.count).xml")
        let rows = sheet.components(separatedBy: "<row ").count - 1
        #expect(rows == validationCSV.split(separator: "\n").count, "one row per validasi.csv line")
        #expect(sheet.contains("<t>periode-laporan</t>"))
        #expect(sheet.contains("<autoFilter ref=\"A1:F\(rows)\"/>"))
    }

    @Test("a table longer than a sheet goes on in numbered sheets, each with the header")
    func workbookContinuation() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lakip-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("t.xlsx").path
        let workbook = try XLSXWorkbook(path: path, temporaryFolder: folder.path, title: nil, large: false)
        let sheet = try XLSXTableSheet(workbook, name: "tabel_yang_namanya_panjang_sekali", header: ["a", "b"],
                                       title: nil, rowLimit: 3)
        for value in 1...4 { try sheet.append([.integer(value), .text("baris \(value)")]) }
        // Past Excel's 32,767 characters (here two bytes each): cut, not refused.
        try sheet.append([.integer(5), .text(String(repeating: "é", count: 40_000))])
        sheet.finish()
        try workbook.close()
        #expect(sheet.parts.map(\.name) == ["tabel_yang_namanya_panjang_seka", "tabel_yang_namanya_panjang_ (2)",
                                            "tabel_yang_namanya_panjang_ (3)"])
        #expect(sheet.parts.map(\.rows) == [2, 2, 1])
        let parts = try WorkbookParts(Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(parts.sheetNames == sheet.parts.map(\.name))
        for (index, expected) in [["1", "2"], ["3", "4"], ["5"]].enumerated() {
            let xml = parts.text("xl/worksheets/sheet\(index + 1).xml")
            #expect(xml.contains("<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>a</t></is></c>"), "header on every part")
            #expect(expected.enumerated().allSatisfy { row, value in parts.cell("A\(row + 2)", in: xml)?.value == value })
            #expect(!xml.contains("<c r=\"A\(expected.count + 2)\""))
        }
    }

    @Test("text a cell cannot hold is made safe; names fit the sheet-name rules")
    func workbookText() {
        #expect(XLSXWorkbook.cellText("a\u{1}b\u{FFFE}c\td\ne") == "a\u{FFFD}b\u{FFFD}c\td\ne")
        let long = XLSXWorkbook.cellText(String(repeating: "é", count: 40_000))
        #expect(long.unicodeScalars.count == XLSXWorkbook.textLimit && long.hasSuffix("…"))
        #expect(XLSXWorkbook.cellText("Dinas & Co") == "Dinas & Co")
        #expect(XLSXWorkbook.sheetName("a/b[c]:d*e?f\\g" + String(repeating: "x", count: 40)) == "a_b_c__d_e_f_gxxxxxxxxxxxxxxxxx")
        #expect(XLSXWorkbook.headerText("&C", "A & B") == "&CA && B")
        #expect(XLSXWorkbook.headerText("&C", String(repeating: "x", count: 300)).count == 255)
    }

    @Test("the HTML page is self-contained, escapes text and has the tables and charts")
    func htmlPage() {
        let html = HTMLReport(results: results).html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=") && !html.contains("href=") && !html.contains("@import"), "nothing fetched")
        #expect(html.contains("@page { size: A4 landscape"))
        #expect(html.components(separatedBy: "<table").count - 1 == 1 + results.agencies.count)
        #expect(html.components(separatedBy: "<svg").count - 1 == 2 + 3)
        #expect(html.contains("Dinas Pangan &lt;b&gt;&amp;&lt;/b&gt; &quot;Pertanian&quot;"))
        #expect(!html.contains("<b>&</b>"))
        // Indonesian notation in the table: 104,7 and 60,40, and the thousands grouped: 12.000.
        #expect(html.contains(">104,7<") && html.contains(">60,40<"))
        #expect(html.contains(">12.000<") && !html.contains(">12000<"))
        // Quarter targets are on paper, not only in tooltips; a legend says what the marks are.
        #expect(html.contains("Target TW1–TW4: 2.000 · 4.000 · 3.500 · 2.500 · PK: 12.000"))
        #expect(html.contains("class=\"legenda\""))
    }

    @Test("grade indicators show their grades in the HTML table and chart, not ranks")
    func htmlGrades() throws {
        let dataset = try loadDataset(
            targets: "tahun,kode_opd,nama_opd,kode_indikator,indikator,satuan,polaritas,agregasi,target_tahunan,target_tw4\n"
                + "2025,4.01,Setda,SETDA-13,Opini BPK,predikat,positif,akhir,WTP,WTP\n",
            actuals: "tahun,kode_opd,kode_indikator,triwulan,realisasi\n2025,4.01,SETDA-13,4,WDP\n")
        let html = HTMLReport(results: PeriodComputation.results(of: dataset, policy: Policy(), period: Self.year)).html()
        #expect(html.contains(">WTP</td>") && html.contains(">WDP</td>"))
        #expect(html.contains("class=\"mini nilai-batang\">WDP</text>"))
        #expect(html.contains("TW4: target WTP</title>"))
        #expect(!html.contains("class=\"mini nilai-batang\">3</text>"))
        // The grade axis names the grades, lowest first.
        #expect(html.contains("text-anchor=\"end\" class=\"mini\">TMP</text>") && html.contains("text-anchor=\"end\" class=\"mini\">WTP</text>"))
    }

    @Test("Markdown tables have one row per indicator and escape pipes")
    func markdownTables() {
        let markdown = MarkdownReport(results: results).markdown()
        #expect(markdown.contains("| 1 | Kesehatan ibu | Angka Kematian Ibu per 100.000 KH | per 100.000 KH | 75 | 104,7 | 60,40 | Rendah |"))
        #expect(markdown.contains("\\|pipa\\|"))
        let tableLines = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") }
        // Each table: header, separator, one line per row. Ranking: 2 agencies and the total; then per agency
        // a measurement and a semester table (2 and 1 indicators).
        #expect(tableLines.count == (2 + 3) + 2 * (2 + 2) + 2 * (2 + 1))
    }

    @Test("--format lists", arguments: [("csv", [ReportFormat.csv]), ("xlsx, html,md,xlsx", [.xlsx, .html, .md]),
                                        ("CSV,Xlsx", [.csv, .xlsx])])
    func formatList(text: String, expected: [ReportFormat]) throws {
        #expect(try ReportFormat.list(text) == Set(expected))
    }

    @Test("an unknown format or an empty list is refused")
    func badFormatList() {
        #expect(throws: FormatListError.self) { try ReportFormat.list("csv,pdf") }
        #expect(throws: FormatListError.self) { try ReportFormat.list(" , ") }
    }
}

@Suite("Progress and init")
struct ProgressAndTemplateTests {
    @Test("the progress line shows the share read, the sizes and the row rate within the width")
    func progressLine() {
        let line = ProgressLine(bytesRead: 52_428_800, totalBytes: 209_715_200, rows: 1_000_000, elapsedSeconds: 2)
        let text = line.rendered(width: 80)
        #expect(text.contains(" 25%"))
        #expect(text.contains("50,0 / 200,0 MB"))
        #expect(text.contains("500.000 baris/detik"))
        #expect(text.count <= 80)
        #expect(ProgressLine(bytesRead: 10, totalBytes: 10, rows: 1, elapsedSeconds: 0).rendered().contains("100%"))
        #expect(ProgressLine.grouped(1_234_567) == "1.234.567")
    }

    @Test("the loader counts the bytes and rows the progress bar shows")
    func loaderReportsProgress() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lakip-progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let header = "tahun,kode_opd,kode_indikator,indikator,polaritas,target_tahunan\n"
        let rows = (1...5_000).map { "2025,A,IK-\($0),Indikator \($0),positif,100\n" }.joined()
        try (header + rows).write(toFile: directory.appendingPathComponent("target.csv").path, atomically: true, encoding: .utf8)
        let progress = LoadProgress()
        let monitor = ReadProgressMonitor(directory: directory.path, progress: progress)
        #expect(monitor.sample(elapsed: 1).bytesRead == 0)
        var loader = DataLoader()
        loader.progress = progress
        _ = try loader.load(directory: directory.path)
        let sample = monitor.sample(elapsed: 2)
        #expect(sample.rows == 5_000)
        #expect(sample.totalBytes == Int64((header + rows).utf8.count))
        #expect(sample.bytesRead == sample.totalBytes)
        #expect(sample.rendered().contains("2.500 baris/detik"))
    }

    @Test("init writes templates that load without a rejected row, and never overwrites")
    func initTemplates() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lakip-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let written = try ProjectTemplate.write(to: directory.path + "/baru")
        #expect(written.map { URL(fileURLWithPath: $0).lastPathComponent } == ["target.csv", "realisasi.csv", "README.md"])
        let dataset = try DataLoader().load(directory: directory.path + "/baru")
        #expect(dataset.rowsRejected == 0)
        #expect(dataset.indicators.count == 2)
        #expect(dataset.files.allSatisfy { $0.rowsRead == 2 && $0.rowsUsed == 2 })
        let readme = try String(contentsOfFile: directory.path + "/baru/README.md", encoding: .utf8)
        for column in ["tahun", "kode_opd", "kode_indikator", "polaritas", "agregasi", "target_tahunan", "triwulan", "realisasi",
                       "bulan", "realisasi_jan", "realisasi_bulan_1"] {
            #expect(readme.contains("`\(column)`"), "README does not explain \(column)")
        }
        #expect(throws: ProjectTemplate.Refusal.self) { try ProjectTemplate.write(to: directory.path + "/baru") }
    }
}
