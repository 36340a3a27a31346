import Foundation
import Testing
@testable import LakipCore

/// The numbers and terms of target rows are read on the parsing thread when they read without
/// a problem (``TargetRowPreparation``). A load must come out the same either way: the same
/// problems in the same order (a number that reads two ways still counted once), the same
/// counts per file, the same reports.
@Suite("Target rows read on the parsing thread")
struct TargetRowPreparationTests {
    @Test("messy target files load the same with and without the preparation", arguments: 0..<60)
    func sameLoad(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        let files = MessyTargets.files(&random)
        let unprepared = try Self.load(files, use: .never)
        // Every batch prepared, and as the run does: some batches, as the threads' pace falls.
        for use in [TargetRowPreparation.Use.always, .whileTheLoaderIsBehind] {
            let prepared = try Self.load(files, use: use)
            #expect(prepared.issues == unprepared.issues,
                    "seed \(seed), \(use): \(Self.firstDifference(prepared.issues, unprepared.issues))")
            #expect(prepared.summaries == unprepared.summaries, "seed \(seed), \(use)")
            #expect(prepared.reports == unprepared.reports, "seed \(seed), \(use): reports differ")
        }
        #expect(!unprepared.reports.isEmpty)
    }

    @Test("a batch is prepared always, never, or only while the loader has batches waiting")
    func whenPrepared() throws {
        let header = "tahun,kode_opd,kode_indikator,indikator,satuan,polaritas,agregasi,target_tahunan"
        let preparation = TargetRowPreparation(header: try Self.header(header), convention: .comma,
                                               gradeScales: GradeScale.builtIn)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lakip-when-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data((header + "\n2025,1.01,IK-1,A,%,positif,jumlah,10\n").utf8).write(to: file)
        let outcomes = LockedValue<[String]>([])
        try CSVFileReader().read(path: file.path, preparing: { batch, _ in
            for (use, behind) in [(TargetRowPreparation.Use.never, true), (.whileTheLoaderIsBehind, false),
                                  (.whileTheLoaderIsBehind, true), (.always, false)] {
                let rows = preparation.prepare(batch, use: use, loaderIsBehind: behind)
                outcomes.withValue { $0.append("\(use) \(behind): \(rows == nil ? "no" : "yes")") }
            }
            return 0
        }) { _, _, _, _ in }
        #expect(outcomes.value == ["never true: no", "whileTheLoaderIsBehind false: no", "whileTheLoaderIsBehind true: yes",
                                   "always false: yes"])
    }

    @Test("a row is prepared only when every cell reads cleanly, and then as the loader reads it")
    func preparedRows() throws {
        let header = "tahun,kode_opd,kode_indikator,indikator,satuan,polaritas,agregasi,target_tahunan,target_tw1,target_tw2,"
            + "target_tw3,target_tw4,bobot,pagu_anggaran,tahun_akhir_renstra"
        let map = try Self.header(header)
        let preparation = TargetRowPreparation(header: map, convention: .comma, gradeScales: GradeScale.builtIn)
        func prepared(_ row: String) throws -> PreparedTargetRow? {
            var result: PreparedTargetRow??
            try CSVFileReader().read(bytes: Array((header + "\n" + row + "\n").utf8)) { record in
                if record.line == 2 { result = preparation.prepare(record) }
            }
            return try #require(result)
        }
        let clean = try #require(try prepared("2025,1.01,IK-1,Cakupan,%,negatif,,80-90,20,\"40,5\",60,80,2,1.500.000,2029"))
        #expect(clean.year == 2025 && clean.polarity == .negative && clean.aggregation == .last && clean.aggregationInferred)
        #expect(clean.targets.annual == TargetValue(lower: ExactDecimal(80), upper: ExactDecimal(90)))
        #expect(clean.targets.quarters[1] == TargetValue(ExactDecimal(significand: 405, scale: 1)))
        #expect(clean.weight == ExactDecimal(2) && clean.budgetCeiling == ExactDecimal(1_500_000) && clean.renstraEndYear == 2029)
        let grades = try #require(try prepared("2025,1.01,IK-2,Opini,opini,positif,akhir,WTP,,,,WTP,,,"))
        #expect(grades.targets.gradeScale != nil && grades.weight == nil && grades.renstraEndYear == nil)
        // Left to the loader, which tells or counts what is wrong with them.
        for row in ["2025,1.01,IK-3,A,%,positif,jumlah,1.234,,,,,,,",  // reads two ways in a comma file
                    "20x5,1.01,IK-3,A,%,positif,jumlah,10,,,,,,,",
                    "2025,1.01,IK-3,A,%,tengah,jumlah,10,,,,,,,",
                    "2025,1.01,IK-3,A,%,positif,median,10,,,,,,,",
                    "2025,1.01,IK-3,A,%,positif,jumlah,sepuluh,,,,,,,",
                    "2025,1.01,IK-3,A,%,positif,jumlah,10,,,,,x,,",
                    "2025,1.01,IK-3,A,%,positif,jumlah,10,,,,,,,20"] {
            #expect(try prepared(row) == nil, "\(row)")
        }
    }

    struct Load: Equatable {
        var issues: [ValidationIssue]
        var summaries: [FileSummary]
        var reports: [String: Data]
    }

    static func load(_ files: [String: String], use: TargetRowPreparation.Use) throws -> Load {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lakip-prep-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("data"), out = root.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: data.appendingPathComponent(name)) }
        var loader = DataLoader()
        loader.options.targetRowPreparation = use
        let dataset = try loader.load(directory: data.path)
        try ReportWriter(policy: Policy()).write(dataset, years: dataset.years, to: out.path)
        var reports: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: out.path)
        while let path = enumerator?.nextObject() as? String {
            let url = out.appendingPathComponent(path)
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                reports[path] = try Data(contentsOf: url)
            }
        }
        return Load(issues: Array(dataset.issues), summaries: dataset.files, reports: reports)
    }

    static func header(_ line: String) throws -> HeaderMap {
        HeaderMap(header: line.split(separator: ",").map(String.init))
    }

    static func firstDifference(_ a: [ValidationIssue], _ b: [ValidationIssue]) -> String {
        guard let index = a.indices.first(where: { $0 < b.count && a[$0] != b[$0] }) else { return "counts \(a.count) and \(b.count)" }
        return "\(a[index]) ≠ \(b[index])"
    }
}

/// Target files whose cells are drawn from clean and broken values alike: numbers in both
/// conventions and ambiguous ones, ranges, grades, unknown terms, empty and missing cells,
/// negative weights, duplicate keys, rows too short or too long.
enum MessyTargets {
    static let optional = ["kode_sasaran", "sasaran", "agregasi", "target_renstra", "tahun_akhir_renstra", "bobot", "pagu_anggaran"]

    static func files(_ random: inout SplitMix64) -> [String: String] {
        var columns = ["tahun", "kode_opd", "nama_opd", "kode_indikator", "indikator", "satuan", "polaritas", "target_tahunan",
                       "target_tw1", "target_tw2", "target_tw3", "target_tw4"]
        columns += optional.filter { _ in Bool.random(using: &random) }
        let numbers = ["85", "85,5", "85.5", "1.234", "1.234,5", "1,234.5", "0", "-3", "12,75", "80-90", "80 – 90", "WTP",
                       "BB", "A", "sepuluh", "", "-", " 70 "]
        let choices: [String: [String]] = [
            "tahun": ["2025", "2025", "2025", "2024", " 2025", "20x5", ""],
            "kode_opd": ["1.01", "1.02", "1.02", ""],
            "nama_opd": ["Dinas A", "Dinas B", ""],
            "kode_sasaran": ["S1", "S2", ""],
            "sasaran": ["Meningkatnya layanan", ""],
            "indikator": ["Cakupan layanan", "Opini BPK", ""],
            "satuan": ["%", "orang", "indeks", "predikat", ""],
            "polaritas": ["positif", "positif", "negatif", "Negatif", "naik", "tengah", ""],
            "agregasi": ["jumlah", "akhir", "rata-rata", "", "", "median"],
            "tahun_akhir_renstra": ["2026", "2024", "", "20"],
            "bobot": ["1", "2,5", "-1", "", "x", "1.234"],
            "pagu_anggaran": ["1.000.000", "2500000", "", "1,5", "abc"],
        ]
        var rows: [String] = []
        let count = Int.random(in: 1...(Bool.random(using: &random) ? 40 : 300), using: &random)
        for _ in 0..<count {
            var cells = columns.map { column -> String in
                if column == "kode_indikator" { return Int.random(in: 0..<12, using: &random) == 0 ? "" : "IK-\(Int.random(in: 1...25, using: &random))" }
                let values = choices[column] ?? numbers
                return values.randomElement(using: &random)!
            }
            switch Int.random(in: 0..<20, using: &random) {
            case 0: cells.removeLast(Int.random(in: 1...4, using: &random))
            case 1: cells.append("lebih")
            default: break
            }
            rows.append(cells.map(quoted).joined(separator: ","))
        }
        var files = ["target.csv": ([columns.joined(separator: ",")] + rows).joined(separator: "\n") + "\n"]
        var realisations = ["tahun,kode_opd,kode_indikator,triwulan,realisasi"]
        for _ in 0..<Int.random(in: 1...30, using: &random) {
            realisations.append("2025,\(["1.01", "1.02"].randomElement(using: &random)!),IK-\(Int.random(in: 1...25, using: &random)),"
                + "\(Int.random(in: 1...4, using: &random)),\(quoted(["50", "60,5", "WTP", "75"].randomElement(using: &random)!))")
        }
        files["realisasi.csv"] = realisations.joined(separator: "\n") + "\n"
        return files
    }

    private static func quoted(_ cell: String) -> String {
        cell.contains(",") ? "\"" + cell + "\"" : cell
    }
}
