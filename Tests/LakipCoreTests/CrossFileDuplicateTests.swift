import Testing
@testable import LakipCore

/// Duplicates whose first report is in another file name both files and lines.
@Suite("DataLoader: duplicates across files")
struct CrossFileDuplicateTests {
    static let targets = RaggedRowTests.targets

    @Test("a repeated realisation in another file names that file and line")
    func repeatedAcrossFiles() throws {
        let dataset = try loadScratch(text: [
            "target.csv": Self.targets,
            "realisasi_a.csv": csvText([longActualHeader, "2025,01,IK-01,1,85"]),
            "realisasi_b.csv": csvText([longActualHeader, "2025,01,IK-01,1,85"]),
        ])
        let warning = try #require(dataset.issues.first { $0.code == "realisasi-ganda" })
        #expect(warning.file == "realisasi_b.csv")
        #expect(warning.line == 2)
        #expect(warning.message.contains("realisasi_a.csv baris 2"), "\(warning.message)")
    }

    @Test("a conflicting realisation in another file names both files and lines")
    func conflictingAcrossFiles() throws {
        let dataset = try loadScratch(text: [
            "target.csv": Self.targets,
            "realisasi_a.csv": csvText([longActualHeader, "2025,01,IK-01,1,85"]),
            "realisasi_b.csv": csvText([longActualHeader, "2025,01,IK-01,1,86", "2025,01,IK-01,1,87"]),
        ])
        let errors = dataset.issues.filter { $0.code == "realisasi-bertentangan" }
        try #require(errors.count == 2)
        #expect(errors[0].message.contains("realisasi_a.csv baris 2 berisi 85, realisasi_b.csv baris 2 berisi 86"),
                "\(errors[0].message)")
        #expect(errors[1].message.contains("lihat realisasi_a.csv baris 2"), "\(errors[1].message)")
    }

    @Test("within one file the message keeps to line numbers")
    func conflictingWithinFile() throws {
        let dataset = try loadScratch(text: [
            "target.csv": Self.targets,
            "realisasi.csv": csvText([longActualHeader, "2025,01,IK-01,1,85", "2025,01,IK-01,1,86"]),
        ])
        let error = try #require(dataset.issues.first { $0.code == "realisasi-bertentangan" })
        #expect(error.message.contains("baris 2 berisi 85, baris ini 86"), "\(error.message)")
    }

    @Test("a conflicting target in another file is noted with both files in keterangan")
    func conflictingTargetAcrossFiles() throws {
        let dataset = try loadScratch(text: [
            "target_a.csv": Self.targets,
            "target_b.csv": csvText([RaggedRowTests.targetHeader, "2025,01,Dinas A,IK-01,Indikator satu,ton,positif,jumlah,101,10,20,30,40"]),
        ])
        let indicator = try loadedIndicator(dataset, "IK-01")
        var evaluator = Evaluator()
        evaluator.sourceFileNames = dataset.files.map(\.name)
        #expect(evaluator.evaluate(indicator).indicatorNotes
                    .contains("target ganda bertentangan (target_a.csv baris 2 dan target_b.csv baris 2)"))
        // Without the names, the lines alone.
        #expect(Evaluator().evaluate(indicator).indicatorNotes.contains("target ganda bertentangan (baris 2 dan 2)"))
    }
}
