import Foundation
import Testing
@testable import LakipCore

@Suite("Input digests taken from the bytes the load parsed")
struct InputDigestsTests {
    /// A target file with a byte order mark, CRLF lines, a quoted cell with a line break and a
    /// first line longer than the smaller chunk sizes.
    static let targetBytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array((
        "tahun;kode_opd;nama_opd;kode_indikator;indikator;satuan;polaritas;agregasi;target_tahunan\r\n"
            + "2025;01;Dinas A;IK-01;\"Indikator\r\nsatu\";%;positif;akhir;90,5\r\n"
            + "2025;01;Dinas A;IK-02;Indikator dua;%;positif;akhir;75\r\n").utf8)

    @Test("the reader records the digest and size of every byte it read, in any chunk size", arguments: [1, 3, 7, 64, 1 << 20])
    func readerRecordsTheWholeFile(chunkSize: Int) throws {
        let directory = try ScratchDataDirectory(["target.csv": Self.targetBytes])
        defer { directory.remove() }
        let digests = InputDigests()
        var reader = CSVFileReader()
        reader.chunkSize = chunkSize
        reader.digests = digests
        var records = 0
        try reader.read(path: directory.path + "/target.csv", displayName: "target.csv") { _ in records += 1 }
        #expect(records == 3)
        let digest = try #require(digests.digest(named: "target.csv"))
        #expect(digest.sha256 == SHA256.hexDigest(of: Self.targetBytes))
        #expect(digest.size == UInt64(Self.targetBytes.count))
        #expect(digests.digest(named: "realisasi.csv") == nil)
    }

    @Test("bytes read from memory are no input file: the same reader records them under no name")
    func bytesInMemoryRecordNothing() throws {
        let digests = InputDigests()
        var reader = CSVFileReader()
        reader.digests = digests
        var records = 0
        try reader.read(bytes: Self.targetBytes, displayName: "target.csv") { _ in records += 1 }
        #expect(records == 3)
        #expect(digests.recordingCount == 0)
        #expect(digests.digest(named: "target.csv") == nil)
        // The reader still hashes the files it reads afterwards.
        let directory = try ScratchDataDirectory(["target.csv": Self.targetBytes])
        defer { directory.remove() }
        try reader.read(path: directory.path + "/target.csv", displayName: "target.csv") { _ in }
        #expect(digests.recordingCount == 1)
    }

    @Test("a read that stops before the end of the file records nothing")
    func stoppedReadRecordsNothing() throws {
        let rows = (1...200).map { "2025;01;Dinas A;IK-\($0);Indikator;%;positif;akhir;\($0)\n" }.joined()
        let bytes = Array(("tahun;kode_opd;nama_opd;kode_indikator;indikator;satuan;polaritas;agregasi;target_tahunan\n"
            + "2025;01;Dinas A;IK-00;\"" + String(repeating: "x", count: 500) + "\";%;positif;akhir;1\n" + rows).utf8)
        let directory = try ScratchDataDirectory(["target.csv": bytes])
        defer { directory.remove() }
        let digests = InputDigests()
        var reader = CSVFileReader()
        reader.chunkSize = 64
        reader.maximumFieldLength = 100
        reader.digests = digests
        #expect(throws: CSVError.self) {
            try reader.read(path: directory.path + "/target.csv", displayName: "target.csv") { _ in }
        }
        #expect(digests.digest(named: "target.csv") == nil)
    }

    @Test("the load hashes each input once, and the manifest keeps those digests though the files change before the commit")
    func manifestDigestIsOfTheParsedBytes() throws {
        // Whole numbers only: the decimal separator is looked for through the whole file, and
        // the header is looked at before, both readings that must not hash it again.
        let actualBytes = Array(("tahun,kode_opd,kode_indikator,triwulan,realisasi\n"
            + "2025,01,IK-01,1,20\n2025,01,IK-02,1,15\n").utf8)
        let directory = try ScratchDataDirectory(["target.csv": Self.targetBytes, "realisasi.csv": actualBytes])
        defer { directory.remove() }
        let digests = InputDigests()
        var loader = DataLoader()
        loader.digests = digests
        let dataset = try loader.load(directory: directory.path)
        #expect(dataset.indicators.count == 2)
        #expect(dataset.rowsRejected == 0)
        #expect(digests.recordingCount == 2)
        // Changed on disk after the load, before the commit hashes anything.
        try writeFile(directory.path + "/target.csv", "tahun,kode_opd\n")
        try writeFile(directory.path + "/realisasi.csv", "")
        var provenance = RunProvenance(dataDirectory: directory.path, policyFile: nil, options: [])
        provenance.inputDigests = digests
        let inputs = try provenance.inputs(of: dataset)
        #expect(inputs.map(\.name) == ["target.csv", "realisasi.csv"])
        #expect(inputs.map(\.sha256) == [SHA256.hexDigest(of: Self.targetBytes), SHA256.hexDigest(of: actualBytes)])
        #expect(inputs.map(\.size) == [UInt64(Self.targetBytes.count), UInt64(actualBytes.count)])
    }

    @Test("the manifest hashes at the commit an input the load did not read whole, and says when it cannot either")
    func provenanceFallsBack() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeFile(folder + "/target.csv", "abc")
        var dataset = Dataset()
        dataset.files = [FileSummary(name: "target.csv", kind: .targets)]
        var provenance = RunProvenance(dataDirectory: folder, policyFile: nil, options: [])
        // Nothing recorded for it: the commit reads it.
        provenance.inputDigests = InputDigests()
        let inputs = try provenance.inputs(of: dataset)
        #expect(inputs.map(\.sha256) == ["ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"])
        try FileManager.default.removeItem(atPath: folder + "/target.csv")
        #expect(throws: OutputError.self) { try provenance.inputs(of: dataset) }
    }
}
