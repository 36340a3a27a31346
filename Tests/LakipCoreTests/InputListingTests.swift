import Foundation
import Testing
@testable import LakipCore

/// Which entries of the data folder are read (SPEC §6): regular files only, never the run's own
/// output.
@Suite("DataLoader: what is read")
struct InputListingTests {
    static let targets = RaggedRowTests.targets

    @Test("a FIFO with a CSV name is skipped with a warning, not waited on")
    func fifoSkipped() throws {
        let directory = try ScratchDataDirectory(["target.csv": Array(Self.targets.utf8)])
        defer { directory.remove() }
        try #require(mkfifo(directory.path + "/realisasi.csv", 0o644) == 0)
        let dataset = try DataLoader().load(directory: directory.path)
        #expect(dataset.files.map(\.name) == ["target.csv"])
        let warning = try #require(dataset.issues.first { $0.code == "bukan-berkas-biasa" })
        #expect(warning.severity == .warning)
        #expect(warning.file == "realisasi.csv")
        #expect(warning.message.contains("FIFO"), "\(warning.message)")
    }

    @Test("the reader refuses a FIFO it is handed without waiting for a writer")
    func readerRefusesFIFO() throws {
        let directory = try ScratchDataDirectory([:])
        defer { directory.remove() }
        let path = directory.path + "/pipa.csv"
        try #require(mkfifo(path, 0o644) == 0)
        #expect(throws: CSVError(.unreadable(reason: "bukan berkas biasa"), path: path)) {
            try CSVFileReader().read(path: path) { _ in }
        }
    }

    @Test("when the output folder is the data folder, its validasi.csv is not read as input")
    func ownOutputExcluded() throws {
        let validation = "tingkat,berkas,baris,kolom,kode,pesan\ninfo,,,,periode-laporan,2025\n"
        let directory = try ScratchDataDirectory(["target.csv": Array(Self.targets.utf8), "validasi.csv": Array(validation.utf8)])
        defer { directory.remove() }
        // Without saying it is the output folder, validasi.csv is an unrecognised input.
        #expect(throws: InputError.self) { try DataLoader().load(directory: directory.path) }
        var options = LoadOptions()
        options.outputDirectory = directory.path + "/."
        let dataset = try DataLoader(options: options).load(directory: directory.path)
        #expect(dataset.files.map(\.name) == ["target.csv"])
        #expect(dataset.issues.contains { $0.code == "berkas-keluaran" && $0.file == "validasi.csv" && $0.severity == .info })
    }
}
