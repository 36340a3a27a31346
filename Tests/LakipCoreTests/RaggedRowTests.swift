import Testing
@testable import LakipCore

/// Rows with fewer cells than their header (SPEC §6): never read silently as "not reported".
@Suite("DataLoader: short rows")
struct RaggedRowTests {
    static let targetHeader = "tahun,kode_opd,nama_opd,kode_indikator,indikator,satuan,polaritas,agregasi,"
        + "target_tahunan,target_tw1,target_tw2,target_tw3,target_tw4"
    static let targetRow = "2025,01,Dinas A,IK-01,Indikator satu,ton,positif,jumlah,100,10,20,30,40"
    static let targets = csvText([targetHeader, targetRow])

    struct RaggedCase: CustomTestStringConvertible, Sendable {
        var name: String
        /// File name → text; the short row is at `line` of `file`.
        var files: [String: String]
        var file: String
        var line: Int
        /// The missing column a galat names; `nil` when the row is used with a peringatan.
        var rejectedFor: String?
        /// The columns the peringatan names.
        var warnedColumns: [String] = []
        /// What a used short row must have contributed.
        var contributed: @Sendable (Dataset) throws -> Void = { _ in }
        var testDescription: String { name }
    }

    static let cases: [RaggedCase] = [
        RaggedCase(
            name: "long realisation without its value (the issue's example)",
            files: ["target.csv": targets, "realisasi.csv": csvText([longActualHeader, "2025,01,IK-01,3"])],
            file: "realisasi.csv", line: 2, rejectedFor: "realisasi"),
        RaggedCase(
            name: "long realisation without quarter and value",
            files: ["target.csv": targets, "realisasi.csv": csvText([longActualHeader, "2025,01,IK-01"])],
            file: "realisasi.csv", line: 2, rejectedFor: "triwulan"),
        RaggedCase(
            name: "long realisation without its codes",
            files: ["target.csv": targets, "realisasi.csv": csvText(["tahun,triwulan,realisasi,kode_opd,kode_indikator", "2025,3,85,01"])],
            file: "realisasi.csv", line: 2, rejectedFor: "kode_indikator"),
        RaggedCase(
            name: "long realisation without the optional budget and keterangan",
            files: ["target.csv": targets,
                    "realisasi.csv": csvText([longActualHeader + ",realisasi_anggaran,keterangan", "2025,01,IK-01,3,85"])],
            file: "realisasi.csv", line: 2, warnedColumns: ["realisasi_anggaran", "keterangan"],
            contributed: { dataset in
                let indicator = try loadedIndicator(dataset, "IK-01")
                #expect(indicator.actuals[2] == .reported(exact(85), line: 2))
            }),
        RaggedCase(
            name: "wide realisation without TW3 and TW4",
            files: ["target.csv": targets,
                    "realisasi.csv": csvText(["tahun,kode_opd,kode_indikator,realisasi_tw1,realisasi_tw2,realisasi_tw3,realisasi_tw4",
                                              "2025,01,IK-01,11,21"])],
            file: "realisasi.csv", line: 2, rejectedFor: "realisasi_tw3"),
        RaggedCase(
            name: "wide realisation without the optional keterangan",
            files: ["target.csv": targets,
                    "realisasi.csv": csvText(["tahun,kode_opd,kode_indikator,realisasi_tw1,realisasi_tw2,realisasi_tw3,realisasi_tw4,keterangan",
                                              "2025,01,IK-01,11,21,,41"])],
            file: "realisasi.csv", line: 2, warnedColumns: ["keterangan"],
            contributed: { dataset in
                let indicator = try loadedIndicator(dataset, "IK-01")
                #expect(indicator.actuals == [.reported(exact(11), line: 2), .reported(exact(21), line: 2), .unreported, .reported(exact(41), line: 2)])
            }),
        RaggedCase(
            name: "target row without TW3 and TW4 targets, with others",
            files: ["target.csv": csvText([targetHeader, "2025,01,Dinas A,IK-01,Indikator satu,ton,positif,jumlah,100,10,20"])],
            file: "target.csv", line: 2, warnedColumns: ["target_tw3", "target_tw4"],
            contributed: { dataset in
                let indicator = try loadedIndicator(dataset, "IK-01")
                #expect(indicator.annualTarget == TargetValue(exact(100)))
                #expect(indicator.quarterTargets == [TargetValue(exact(10)), TargetValue(exact(20)), nil, nil])
            }),
        RaggedCase(
            name: "target row cut before every target",
            files: ["target.csv": csvText([targetHeader, "2025,01,Dinas A,IK-01,Indikator satu,ton,positif,jumlah"])],
            file: "target.csv", line: 2, rejectedFor: "target_tahunan"),
        RaggedCase(
            name: "target row whose only target cell is empty and the rest missing",
            files: ["target.csv": csvText([targetHeader, "2025,01,Dinas A,IK-01,Indikator satu,ton,positif,jumlah,"])],
            file: "target.csv", line: 2, rejectedFor: "target_tw1"),
        RaggedCase(
            name: "combined row without its TW4 realisation",
            files: ["kinerja.csv": csvText([targetHeader + ",realisasi_tw1,realisasi_tw2,realisasi_tw3,realisasi_tw4",
                                            targetRow + ",11,21,31"])],
            file: "kinerja.csv", line: 2, rejectedFor: "realisasi_tw4"),
        RaggedCase(
            name: "agency list row without the name",
            files: ["target.csv": targets, "opd.csv": csvText(["kode_opd,nama_opd", "01"])],
            file: "opd.csv", line: 2, rejectedFor: "nama_opd"),
    ] + ["polaritas", "indikator", "tahun"].map(targetRowWithout)

    /// A target file whose header puts `column` last, and a row that stops just before it.
    static func targetRowWithout(_ column: String) -> RaggedCase {
        let values = ["tahun": "2025", "kode_opd": "01", "kode_indikator": "IK-01", "indikator": "Indikator satu",
                      "polaritas": "positif", "target_tahunan": "100"]
        let header = values.keys.filter { $0 != column }.sorted() + [column]
        let row = header.dropLast().map { values[$0]! }
        return RaggedCase(name: "target row without \(column)",
                          files: ["target.csv": csvText([header.joined(separator: ","), row.joined(separator: ",")])],
                          file: "target.csv", line: 2, rejectedFor: column)
    }

    @Test("a short row is rejected for a cell it needs, else used with a warning naming the missing columns",
          arguments: cases)
    func shortRow(_ testCase: RaggedCase) throws {
        let dataset = try loadScratch(text: testCase.files)
        expectRowsAccountedFor(dataset)
        let summary = try loadedSummary(dataset, testCase.file)
        let galat = dataset.issues.filter { $0.severity == .error }
        let warnings = dataset.issues.filter { $0.code == "kolom-kurang" && $0.severity == .warning }
        if let column = testCase.rejectedFor {
            #expect(summary.rowsRejected == 1)
            let error = try #require(galat.first, "no galat for the short row")
            #expect(galat.count == 1)
            #expect(error.file == testCase.file)
            #expect(error.line == testCase.line)
            #expect(error.column == column)
            #expect(error.code == "kolom-kurang")
            #expect(error.message.contains("'\(column)'"), "\(error.message)")
            #expect(warnings.isEmpty)
        } else {
            #expect(summary.rowsRejected == 0)
            #expect(galat.isEmpty, "\(galat)")
            let warning = try #require(warnings.first, "no peringatan for the short row")
            #expect(warnings.count == 1)
            #expect(warning.file == testCase.file)
            #expect(warning.line == testCase.line)
            for column in testCase.warnedColumns {
                #expect(warning.message.contains("'\(column)'"), "\(warning.message)")
            }
            try testCase.contributed(dataset)
        }
    }

    @Test("a realisation of a target rejected as short points at that target row")
    func realisationOfShortTarget() throws {
        let dataset = try loadScratch(text: [
            "target.csv": csvText([Self.targetHeader, "2025,01,Dinas A,IK-01,Indikator satu,ton,positif,jumlah"]),
            "realisasi.csv": csvText([longActualHeader, "2025,01,IK-01,1,5"]),
        ])
        let error = try #require(dataset.issues.first { $0.file == "realisasi.csv" && $0.severity == .error })
        #expect(error.code == "target-ditolak")
        #expect(error.message.contains("target.csv baris 2"), "\(error.message)")
    }

    @Test("missing cells under unknown or blank header cells lose nothing and are not reported")
    func unreadColumns() throws {
        let dataset = try loadScratch(text: [
            "target.csv": Self.targets,
            "realisasi.csv": csvText([longActualHeader + ",catatan_internal,", "2025,01,IK-01,1,5"]),
        ])
        #expect(!dataset.issues.contains { $0.code == "kolom-kurang" })
        #expect(try loadedIndicator(dataset, "IK-01").actuals[0] == .reported(exact(5), line: 2))
    }
}
