import Foundation
import Testing
@testable import LakipCore

/// The OPD's own words (keterangan, penanggung_jawab), its own problems, and its workbook in the
/// per-OPD documents (SPEC §8).
@Suite("Per-OPD words, problems and workbook")
struct AgencyWordsTests {
    private static let targets = """
    tahun,kode_opd,nama_opd,kode_sasaran,sasaran,kode_indikator,indikator,satuan,polaritas,agregasi,target_tahunan,target_tw1,target_tw2,target_tw3,target_tw4,penanggung_jawab
    2025,1.02,Dinas Kesehatan,S1,Kesehatan ibu,AKI,Angka Kematian Ibu,per 100.000 KH,negatif,akhir,75,80,78,76,75,Bidang Kesmas
    2025,1.02,Dinas Kesehatan,S1,Kesehatan ibu,GIZI,Kasus gizi buruk,kasus,negatif,jumlah,20,5,5,5,5,
    2025,2.09,Dinas Pangan,P1,Produksi,PADI,Produksi padi,ton,positif,jumlah,12000,2000,4000,3500,2500,Bidang Tanaman Pangan

    """

    /// Long rows with keterangan per quarter; a duplicate TW2 row whose keterangan differs (the
    /// first is kept), a row with a bad number in each OPD (each OPD's document lists its own).
    private static let actuals = """
    tahun,kode_opd,kode_indikator,triwulan,realisasi,keterangan,penanggung_jawab
    2025,1.02,AKI,1,82,Data Puskesmas belum lengkap,
    2025,1.02,AKI,2,79,Rujukan terlambat di Halong,
    2025,1.02,AKI,2,79,Teks kedua yang tidak dipakai,
    2025,1.02,AKI,3,78,,
    2025,1.02,AKI,4,104.7,Hambatan: akses jalan rusak,
    2025,1.02,GIZI,1,8,,Seksi Gizi
    2025,1.02,GIZI,2,abc,,
    2025,2.09,PADI,1,2100,,
    2025,2.09,PADI,2,x,,
    2025,2.09,PADI,3,3600,Panen mundur,

    """

    private static func write(formats: Set<ReportFormat>, asOf: Quarter? = nil,
                              _ body: (String, Dataset) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lakip-words-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try targets.write(to: directory.appendingPathComponent("target.csv"), atomically: true, encoding: .utf8)
        try actuals.write(to: directory.appendingPathComponent("realisasi.csv"), atomically: true, encoding: .utf8)
        let dataset = try DataLoader(options: LoadOptions(asOf: asOf)).load(directory: directory.path)
        let out = directory.appendingPathComponent("out").path
        let period = ReportPeriod(year: 2025, through: asOf ?? .tw4)
        try ReportWriter(policy: Policy(), formats: formats).write(dataset, periods: [period], to: out)
        try body(out + (asOf.map { "/2025/TW\($0.rawValue)" } ?? "/2025"), dataset)
    }

    private static func indicator(_ code: String, in dataset: Dataset) throws -> Indicator {
        try #require(dataset.indicators.first { dataset.text.string($0.code) == code })
    }

    @Test("the loader keeps each quarter's first keterangan and the first penanggung_jawab")
    func loaderKeepsWords() throws {
        try Self.write(formats: [.csv]) { _, dataset in
            let aki = try Self.indicator("AKI", in: dataset)
            #expect(aki.notes.map { dataset.text.string($0) }
                == ["Data Puskesmas belum lengkap", "Rujukan terlambat di Halong", "", "Hambatan: akses jalan rusak"])
            #expect(dataset.text.string(aki.responsible) == "Bidang Kesmas")
            // No penanggung jawab in the target row: the realisation row's.
            #expect(dataset.text.string(try Self.indicator("GIZI", in: dataset).responsible) == "Seksi Gizi")
            // A rejected row's keterangan is not kept.
            #expect(try Self.indicator("PADI", in: dataset).notes.map { dataset.text.string($0) } == ["", "", "Panen mundur", ""])
            // Each problem knows the OPD and year of its row.
            let galat = dataset.issues.filter { $0.code == "angka-tidak-valid" }
            #expect(galat.map(\.agencyCode) == ["1.02", "2.09"] && galat.allSatisfy { $0.year == 2025 }, "\(galat)")
        }
    }

    @Test("a wide row's keterangan speaks of its latest quarter up to --as-of")
    func wideWords() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lakip-wide-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.targets.write(to: directory.appendingPathComponent("target.csv"), atomically: true, encoding: .utf8)
        try """
        tahun,kode_opd,kode_indikator,realisasi_tw1,realisasi_tw2,realisasi_tw3,realisasi_tw4,keterangan
        2025,1.02,AKI,82,79,,104.7,Catatan tahunan

        """.write(to: directory.appendingPathComponent("realisasi.csv"), atomically: true, encoding: .utf8)
        let year = try DataLoader().load(directory: directory.path)
        #expect(try Self.indicator("AKI", in: year).notes.map { year.text.string($0) } == ["", "", "", "Catatan tahunan"])
        let quarter = try DataLoader(options: LoadOptions(asOf: .tw3)).load(directory: directory.path)
        #expect(try Self.indicator("AKI", in: quarter).notes.map { quarter.text.string($0) } == ["", "Catatan tahunan", "", ""])
    }

    @Test("month rows carry every month's keterangan into their quarter, each named by its month")
    func monthWords() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lakip-monthwords-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.targets.write(to: directory.appendingPathComponent("target.csv"), atomically: true, encoding: .utf8)
        try """
        tahun,kode_opd,kode_indikator,bulan,realisasi,keterangan
        2025,1.02,GIZI,Januari,2,
        2025,1.02,GIZI,Februari,3,Posyandu baru aktif
        2025,1.02,GIZI,Maret,1,Stok PMT habis
        2025,1.02,GIZI,April,2,

        """.write(to: directory.appendingPathComponent("realisasi.csv"), atomically: true, encoding: .utf8)
        let dataset = try DataLoader().load(directory: directory.path)
        let gizi = try Self.indicator("GIZI", in: dataset)
        #expect(gizi.notes.map { dataset.text.string($0) } == ["Februari: Posyandu baru aktif; Maret: Stok PMT habis", "", "", ""])
        // jumlah: 2 + 3 + 1 in TW1, April alone in TW2.
        #expect(gizi.actuals[0] == .reported(ExactDecimal(6), line: 2) && gizi.actuals[1] == .reported(ExactDecimal(2), line: 5))
    }

    @Test("the OPD's HTML and Markdown carry its words and only its own problems; laporan.html links to them")
    func documents() throws {
        try Self.write(formats: [.html, .md]) { folder, _ in
            let html = try String(contentsOfFile: folder + "/opd/1.02.html", encoding: .utf8)
            // The headline's words are the latest quarter's; the sasaran line names the shared
            // penanggung jawab only when all its indicators share one (here they do not).
            #expect(html.contains("Analisis / kendala (TW4): Hambatan: akses jalan rusak · Penanggung jawab: Bidang Kesmas"))
            #expect(html.contains("Penanggung jawab: Seksi Gizi"))
            #expect(!html.contains("Teks kedua yang tidak dipakai"))
            // Every quarter's words in the quarterly table.
            #expect(html.contains("<th>Analisis / kendala TW1</th>") && html.contains("<td>Rujukan terlambat di Halong</td>"))
            // Its own galat (line 8), not the other OPD's (line 10).
            let line8 = "<td>realisasi.csv</td><td class=\"angka\">8</td>", line10 = "<td>realisasi.csv</td><td class=\"angka\">10</td>"
            #expect(html.contains("Catatan Validasi Data") && html.contains(line8) && !html.contains(line10))
            let other = try String(contentsOfFile: folder + "/opd/2.09.html", encoding: .utf8)
            #expect(other.contains(line10) && !other.contains(line8))
            #expect(other.contains("Penanggung jawab: Bidang Tanaman Pangan"), "a sasaran whose indicators share one")

            let markdown = try String(contentsOfFile: folder + "/opd/1.02.md", encoding: .utf8)
            #expect(markdown.contains("- 1. Angka Kematian Ibu: Analisis / kendala (TW4): Hambatan: akses jalan rusak"))
            #expect(markdown.contains("| galat | realisasi.csv | 8 | realisasi | angka-tidak-valid |"))

            let laporan = try String(contentsOfFile: folder + "/laporan.html", encoding: .utf8)
            #expect(laporan.contains("<a href=\"opd/1.02.html\">Dinas Kesehatan</a>"))
            #expect(laporan.contains("<a href=\"opd/2.09.html\">dokumen OPD</a>"))
        }
    }

    @Test("a quarter's document takes the latest words of the quarters so far")
    func quarterWords() throws {
        try Self.write(formats: [.html], asOf: .tw2) { folder, _ in
            let html = try String(contentsOfFile: folder + "/opd/1.02.html", encoding: .utf8)
            #expect(html.contains("Analisis / kendala (TW2): Rujukan terlambat di Halong"))
            #expect(!html.contains("akses jalan rusak") && !html.contains("<th>Analisis / kendala TW3</th>"))
        }
    }

    @Test("the OPD's workbook: cover with signature, the tables as sheets, its words and its own problems")
    func workbook() throws {
        try Self.write(formats: [.xlsx]) { folder, _ in
            let parts = try WorkbookParts(Data(contentsOf: URL(fileURLWithPath: folder + "/opd/1.02.xlsx")))
            #expect(parts.sheetNames == ["sampul", "pengukuran", "triwulan", "analisis_kendala", "semester", "validasi"])
            let cover = parts.text("xl/worksheets/sheet1.xml")
            #expect(cover.contains("<t>Dinas Kesehatan</t>") && cover.contains("<t>Kepala Dinas Kesehatan</t>"))
            let measurement = parts.text("xl/worksheets/sheet2.xml")
            #expect(measurement.contains("<t>TW4: Hambatan: akses jalan rusak</t>") && measurement.contains("<t>Bidang Kesmas</t>"))
            #expect(measurement.contains("<t>Sasaran S1: Kesehatan ibu — 2 indikator</t>"))
            // AKI: 104,7 against 75 with the selisih formula → 60.40, in the 0.00 format.
            #expect(parts.cell("F3", in: measurement) == Cell(value: "60.4", format: "0.00"))
            let problems = parts.text("xl/worksheets/sheet6.xml")
            #expect(problems.contains("<t>angka-tidak-valid</t>"))
            // The duplicate TW2 (peringatan, line 4) and the bad number (galat, line 8) of this OPD only.
            #expect([2, 3, 4].map { parts.cell("C\($0)", in: problems)?.value } == ["4", "8", nil])
            // Only the csv-less formats asked for: no Pemda-wide HTML, and a workbook per OPD.
            #expect(FileManager.default.fileExists(atPath: folder + "/opd/2.09.xlsx"))
            #expect(!FileManager.default.fileExists(atPath: folder + "/opd/1.02.html"))
        }
    }
}
