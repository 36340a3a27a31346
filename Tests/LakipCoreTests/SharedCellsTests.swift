import Foundation
import Testing
@testable import LakipCore

/// A batch renders the cells several tables print alike once per indicator and copies them
/// (``SharedCells``). Whatever a table copies must be what it would have written itself: each
/// table is also written on its own, cell by cell with nothing shared, and the bytes, the typed
/// cells and the rewrite counts compared.
@Suite("Cells shared among the tables of a batch")
struct SharedCellsTests {
    /// Grades, range targets, Renstra, formula-like and number-like text, empty quarters,
    /// negative and zero values, and an earlier year for perbandingan_tahun.csv.
    private static let targets = """
        tahun,kode_opd,nama_opd,kode_sasaran,sasaran,kode_indikator,indikator,satuan,polaritas,agregasi,target_tahunan,target_tw1,target_tw2,target_tw3,target_tw4,target_renstra,tahun_akhir_renstra
        2024,007,"Dinas ""Satu"", Kota",S1,Sasaran satu,IK-1,=SUM(A1),ton,positif,jumlah,100,25,25,25,25,150,2026
        2024,007,"Dinas ""Satu"", Kota",S2,Sasaran dua,IK-3,Opini BPK,predikat,positif,akhir,WTP,,,,,,
        2025,007,"Dinas ""Satu"", Kota",S1,Sasaran satu,IK-1,=SUM(A1),ton,positif,jumlah,120,30,30,30,30,150,2026
        2025,007,"Dinas ""Satu"", Kota",S1,Sasaran satu,IK-2,Angka kasus,-kasus,negatif,akhir,8,9,9,8,8,5,2026
        2025,007,"Dinas ""Satu"", Kota",S2,Sasaran dua,IK-3,Opini BPK,predikat,positif,akhir,WTP,,,,WTP,WTP,2026
        2025,007,"Dinas ""Satu"", Kota",S2,Sasaran dua,IK-4,Rasio belanja,%,negatif,akhir,30-33.5,30-33,30-33,30-33,30-33.5,,
        2025,B,Dinas B,S9,Sasaran B,0102,Layanan,orang,positif,rata-rata,0,0,-2.5,3,1.25,,

        """
    private static let actuals = """
        tahun,kode_opd,kode_indikator,triwulan,realisasi
        2024,007,IK-1,4,90
        2024,007,IK-3,4,WDP
        2025,007,IK-1,1,28.5
        2025,007,IK-1,2,31
        2025,007,IK-1,3,-4
        2025,007,IK-2,2,10
        2025,007,IK-3,4,WTP
        2025,007,IK-4,1,35
        2025,007,IK-4,2,29
        2025,B,0102,1,7
        2025,B,0102,3,-1.125

        """

    private static func load(targets: String, actuals: String) throws -> Dataset {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lakip-shared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try targets.write(to: directory.appendingPathComponent("target.csv"), atomically: true, encoding: .utf8)
        try actuals.write(to: directory.appendingPathComponent("realisasi.csv"), atomically: true, encoding: .utf8)
        return try DataLoader().load(directory: directory.path)
    }

    /// The sample exports the main job runs on.
    private static var sampleData: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data").path
    }

    /// Renders every indicator of `period` with all the per-indicator tables in one batch, and
    /// each table on its own with nothing shared; records every difference.
    private static func compare(_ dataset: Dataset, period: ReportPeriod, _ label: String) {
        let policy = Policy(asOf: period.reason == .asOf ? period.through : nil)
        let context = TableContext(period: period, policy: policy, dataset: dataset)
        let tables = ReportTables.all(context).compactMap { table -> (any IndicatorTable.Type)? in
            if case .perIndicator(let type) = table { return type }
            return nil
        }
        let results = PeriodComputation.results(of: dataset, policy: policy, period: period).indicators
        #expect(!results.isEmpty, "\(label): no indicators")
        for dialect in [CSVDialect.standard, .excelIndonesian] {
            var batch = IndicatorTableBatch(context: context, tables: tables, dialect: dialect, writesCSV: true,
                                            writesCells: true, capacity: results.count)
            var alone = tables.map { _ in RowSink(dialect: dialect) }
            var aloneTyped = tables.map { _ in RowSink() }
            for result in results {
                batch.add(result)
                for (index, table) in tables.enumerated() {
                    table.addRows(for: result, context, into: &alone[index])
                    table.addRows(for: result, context, into: &aloneTyped[index])
                }
            }
            for (index, table) in tables.enumerated() {
                let shared = bytes(of: batch.csv[index]), own = bytes(of: alone[index])
                #expect(shared == own, "\(label) \(table.fileName) \(dialect.delimiter):\n\(shared)\n---\n\(own)")
                #expect(batch.csv[index].rewritten == alone[index].rewritten, "\(label) \(table.fileName)")
                var sharedTyped = batch.cells[index]
                #expect(sharedTyped.takeRows() == aloneTyped[index].takeRows(), "\(label) \(table.fileName) cells")
            }
        }
    }

    private static func bytes(of sink: RowSink) -> String {
        var text = ""
        sink.write { text += String(decoding: $0, as: UTF8.self) }
        return text
    }

    @Test("every table copies what it would write itself: grades, ranges, Renstra, earlier years, s.d. TWn")
    func fixture() throws {
        let dataset = try Self.load(targets: Self.targets, actuals: Self.actuals)
        for through in Quarter.allCases {
            Self.compare(dataset, period: ReportPeriod(year: 2025, through: through, reason: .asOf), "s.d. \(through.label)")
        }
        Self.compare(dataset, period: ReportPeriod(year: 2025, through: .tw4), "tahunan")
    }

    @Test("the sample data and generated data: shared cells are the cells each table writes")
    func sampleAndGenerated() throws {
        let sample = try DataLoader().load(directory: Self.sampleData)
        for period in ReportPeriod.periods(of: sample.years, in: sample, asOf: nil) {
            Self.compare(sample, period: period, "data/ \(period.folder)")
        }
        for seed in PropertyTests.seeds.prefix(5) {
            var random = SplitMix64(seed: seed)
            let generated = GeneratedData(&random)
            let dataset = try Self.load(targets: ([GeneratedData.targetHeader] + generated.targets).joined(separator: "\n") + "\n",
                                        actuals: ([GeneratedData.realisationHeader] + generated.realisations)
                                            .joined(separator: "\n") + "\n")
            Self.compare(dataset, period: ReportPeriod(year: 2025, through: .tw4), "seed \(seed)")
        }
    }

    /// A sink writes a fixed word's text the first time and copies its bytes after
    /// (``RowSink/word(_:_:)``). The copies must be what writing the text again would give, in
    /// every dialect and wherever the word falls in a row, rewrites counted each time: here
    /// kategori labels that a spreadsheet would run as a formula, read as a number, or that
    /// need quotes, beside period labels and an empty word.
    @Test("a fixed word copied is the word written again: bytes and rewrite counts, in each dialect")
    func wordsAreCopiedAsWritten() {
        let scale = CategoryScale(name: "uji", bands: [
            CategoryScale.Band(lowerBound: Achievement(hundredths: 9_000), label: "=Baik"),
            CategoryScale.Band(lowerBound: Achievement(hundredths: 5_000), label: "100"),
            CategoryScale.Band(lowerBound: Achievement(hundredths: 1_000), label: "Cukup; \"sekali\", ya"),
        ], lowestLabel: "-kurang")
        let hundredths: [Int64?] = [9_500, nil, 6_000, 2_000, 500, 9_000, nil, 4_999, 6_000, 9_500, 100, 5_000]
        let achievements = hundredths.map { $0.map(Achievement.init(hundredths:)) }
        let directions: [Direction?] = [.better, nil, .worse, .unchanged]
        for dialect in CSVDialect.choices {
            var words = RowSink(dialect: dialect), written = RowSink(dialect: dialect)
            for (row, achievement) in achievements.enumerated() {
                let period = Period.reported[row % Period.reported.count], direction = directions[row % directions.count]
                let category = achievement.map(scale.category(of:)) ?? ""
                if row % 2 == 0 {
                    words.word(.category(achievement, in: scale), category)
                    written.text(category)
                }
                words.word(.period(period), period.label)
                written.text(period.label)
                words.word(.category(achievement, in: scale), category)
                written.text(category)
                words.word(.direction(direction), direction?.rawValue ?? "")
                written.text(direction?.rawValue ?? "")
                words.endRow()
                written.endRow()
            }
            #expect(Self.bytes(of: words) == Self.bytes(of: written), "\(dialect.delimiter)")
            #expect(words.rewritten == written.rewritten, "\(dialect.delimiter)")
            if dialect.neutralisesFormulas { #expect(words.rewritten.neutralised > 4 && words.rewritten.keptAsText > 1) }
        }
    }
}
