import Foundation
import Testing
@testable import LakipCore

@Suite("Input digests hashed while the load runs")
struct InputDigestsTests {
    @Test("each file's digest and size, whether asked for before or after it is hashed")
    func digestsOfFiles() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A large first file, so that the small ones are asked for before they are hashed.
        let large = [UInt8](repeating: 0x61, count: 1_000_000)
        try Data(large).write(to: URL(fileURLWithPath: folder + "/a.csv"))
        try writeFile(folder + "/b.csv", "abc")
        try writeFile(folder + "/c.csv", "")
        let digests = InputDigests(files: ["a.csv", "b.csv", "c.csv"].map { (folder + "/" + $0, $0) })
        let c = try #require(digests.digest(named: "c.csv"))
        #expect(c.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(c.size == 0)
        let a = try #require(digests.digest(named: "a.csv"))
        #expect(a.sha256 == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(a.size == 1_000_000)
        let b = try #require(digests.digest(named: "b.csv"))
        #expect(b.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(b.size == 3)
    }

    @Test("a file not given, or not readable, has no digest")
    func noDigest() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/folder.csv", withIntermediateDirectories: false)
        let digests = InputDigests(files: [(folder + "/missing.csv", "missing.csv"), (folder + "/folder.csv", "folder.csv")])
        #expect(digests.digest(named: "missing.csv") == nil)
        #expect(digests.digest(named: "folder.csv") == nil)
        #expect(digests.digest(named: "other.csv") == nil)
    }

    @Test("the manifest hashes at the commit an input the load-time hashing could not read, and says when it cannot either")
    func provenanceFallsBack() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeFile(folder + "/target.csv", "abc")
        var dataset = Dataset()
        dataset.files = [FileSummary(name: "target.csv", kind: .targets)]
        var provenance = RunProvenance(dataDirectory: folder, policyFile: nil, options: [])
        // Hashed while it was still missing: the commit reads it.
        provenance.inputDigests = InputDigests(files: [(folder + "/target.csv.old", "target.csv")])
        let inputs = try provenance.inputs(of: dataset)
        #expect(inputs.map(\.sha256) == ["ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"])
        try FileManager.default.removeItem(atPath: folder + "/target.csv")
        #expect(throws: OutputError.self) { try provenance.inputs(of: dataset) }
    }
}
