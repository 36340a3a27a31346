import Foundation
import Testing
@testable import LakipCore

/// Target rows mostly repeat the row before's OPD, sasaran and satuan, and the loader takes a
/// repeat from what reading the row before gave (`RecentCells.swift`). These files change one
/// cell at a time, so a repeat that overlooked the cell that changed would show.
@Suite("DataLoader: cells repeated from the row before")
struct RepeatedCellsTests {
    private static let header = "tahun,kode_opd,nama_opd,kode_sasaran,sasaran,kode_indikator,indikator,satuan,polaritas,agregasi,target_tahunan"

    private func text(_ dataset: Dataset, _ ref: TextRef) -> String { dataset.text.string(ref) }

    private func agencyName(_ dataset: Dataset, _ code: String) throws -> String {
        text(dataset, dataset.agencies[try loadedIndicator(dataset, code).agency].name)
    }

    @Test("an OPD name that changes between rows of one code is warned about once, where it first changes")
    func agencyNameChanges() throws {
        let dataset = try loadScratch(text: ["target.csv": csvText([
            Self.header,
            "2025,01,Dinas A,S1,Sasaran satu,IK-01,Satu,%,positif,akhir,90",
            "2025,01,Dinas A,S1,Sasaran satu,IK-02,Dua,%,positif,akhir,90",
            "2025,01,Dinas B,S1,Sasaran satu,IK-03,Tiga,%,positif,akhir,90",
            "2025,01,Dinas B,S1,Sasaran satu,IK-04,Empat,%,positif,akhir,90",
            "2025,01,Dinas A,S1,Sasaran satu,IK-05,Lima,%,positif,akhir,90",
            "2025,02,,S2,Sasaran dua,IK-06,Enam,%,positif,akhir,90",
            "2025,02,Dinas C,S2,Sasaran dua,IK-07,Tujuh,%,positif,akhir,90",
            "2025,02,,S2,Sasaran dua,IK-08,Delapan,%,positif,akhir,90",
        ])])
        #expect(dataset.agencies.count == 2)
        let warnings = issues(dataset, .warning, code: "nama-opd-berbeda")
        #expect(warnings.map(\.line) == [4])
        #expect(warnings.first?.message.contains("'Dinas B'") == true)
        for code in ["IK-01", "IK-03", "IK-05"] {
            #expect(try agencyName(dataset, code) == "Dinas A", "\(code)")
        }
        // An OPD first read without a name takes the first name a later row gives.
        for code in ["IK-06", "IK-08"] {
            #expect(try agencyName(dataset, code) == "Dinas C", "\(code)")
        }
        #expect(issues(dataset, .error).isEmpty)
    }

    @Test("the same OPD code in two Pemda, row after row, is two agencies")
    func agencyCodeInTwoPemda() throws {
        let dataset = try loadScratch(text: ["target.csv": csvText([
            "tahun,kode_pemda,nama_pemda,kode_opd,nama_opd,kode_indikator,indikator,satuan,polaritas,agregasi,target_tahunan",
            "2025,P1,Kabupaten Satu,01,Dinas A,IK-01,Satu,%,positif,akhir,90",
            "2025,P1,Kabupaten Satu,01,Dinas A,IK-02,Dua,%,positif,akhir,90",
            "2025,P2,Kabupaten Dua,01,Dinas A,IK-03,Tiga,%,positif,akhir,90",
            "2025,P2,Kabupaten Dua,01,Dinas A,IK-04,Empat,%,positif,akhir,90",
            "2025,P1,Kabupaten Satu,01,Dinas A,IK-05,Lima,%,positif,akhir,90",
        ])])
        #expect(dataset.agencies.count == 2)
        func pemdaCode(_ code: String) throws -> String? {
            let agency = dataset.agencies[try loadedIndicator(dataset, code).agency]
            return agency.pemda.map { text(dataset, dataset.pemdas[$0].code) }
        }
        #expect(try ["IK-01", "IK-02", "IK-03", "IK-04", "IK-05"].map(pemdaCode) == ["P1", "P1", "P2", "P2", "P1"])
        #expect(try loadedIndicator(dataset, "IK-01").agency == loadedIndicator(dataset, "IK-05").agency)
        #expect(issues(dataset, .error).isEmpty)
    }

    @Test("sasaran and satuan that change and come back are each read as written, and stored once")
    func objectivesAndUnits() throws {
        let dataset = try loadScratch(text: ["target.csv": csvText([
            Self.header,
            "2025,01,Dinas A,S1,Sasaran satu,IK-01,Satu,%,positif,akhir,90",
            "2025,01,Dinas A,S1,Sasaran satu,IK-02,Dua,%,positif,akhir,90",
            "2025,01,Dinas A,S2,Sasaran dua,IK-03,Tiga,orang,positif,jumlah,5",
            "2025,01,Dinas A,S1,Sasaran satu,IK-04,Empat,%,positif,akhir,90",
            "2025,01,Dinas A,S1,Sasaran satu,IK-05,Lima,orang,positif,jumlah,5",
            "2025,01,Dinas A,S1,Sasaran satu,IK-06,Enam,%,positif,akhir,90",
        ])])
        let read = try (1...6).map { try loadedIndicator(dataset, "IK-0\($0)") }
        #expect(read.map { text(dataset, $0.objectiveCode) } == ["S1", "S1", "S2", "S1", "S1", "S1"])
        #expect(read.map { text(dataset, $0.objective) }
            == ["Sasaran satu", "Sasaran satu", "Sasaran dua", "Sasaran satu", "Sasaran satu", "Sasaran satu"])
        #expect(read.map { text(dataset, $0.unit) } == ["%", "%", "orang", "%", "orang", "%"])
        // Interned: equal text has one reference, whichever row read it.
        #expect(Set(read.map(\.objective)).count == 2)
        #expect(Set(read.map(\.unit)).count == 2)
    }

    @Test("a Windows-1252 sasaran in two files is warned about in each")
    func windows1252InTwoFiles() throws {
        let header = Array((Self.header + "\n").utf8)
        func row(_ indicator: String) -> [UInt8] {
            Array("2025,01,Dinas A,S1,Sasaran budaya caf".utf8) + [0xE9]
                + Array(",\(indicator),Satu,%,positif,akhir,90\n".utf8)
        }
        let dataset = try loadScratch([
            "target_a.csv": header + row("IK-01") + row("IK-02"),
            "target_b.csv": header + row("IK-03"),
        ])
        let warned = issues(dataset, .warning, code: "bukan-utf8").map { "\($0.file) \($0.line ?? 0)" }
        #expect(warned.sorted() == ["target_a.csv 2", "target_b.csv 2"])
        for code in ["IK-01", "IK-02", "IK-03"] {
            #expect(text(dataset, try loadedIndicator(dataset, code).objective) == "Sasaran budaya café", "\(code)")
        }
    }

    @Test("every year target rows name is listed when --year names none of them")
    func yearsListed() throws {
        let directory = try ScratchDataDirectory(["target.csv": Array(csvText([
            Self.header,
            "2024,01,Dinas A,S1,Sasaran satu,IK-01,Satu,%,positif,akhir,90",
            "2024,01,Dinas A,S1,Sasaran satu,IK-02,Dua,%,positif,akhir,90",
            "2025,01,Dinas A,S1,Sasaran satu,IK-01,Satu,%,positif,akhir,90",
            "2024,01,Dinas A,S1,Sasaran satu,IK-03,Tiga,%,positif,akhir,90",
            "2023,01,Dinas A,S1,Sasaran satu,IK-01,Satu,%,positif,akhir,90",
        ]).utf8)])
        defer { directory.remove() }
        let error = #expect(throws: InputError.self) {
            try DataLoader(options: LoadOptions(year: 2030)).load(directory: directory.path)
        }
        #expect(error?.code == .noDataForYear)
        #expect(error?.message.contains("Tahun yang ada: 2023, 2024, 2025") == true, "\(error?.message ?? "")")
    }
}
