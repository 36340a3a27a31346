import Foundation
import Testing
@testable import LakipCore

@Suite("Manifest")
struct ManifestTests {
    static let hostileName = "realisasi \"x\"\\\n\t\u{01}../é.csv"

    static func sample() -> Manifest {
        Manifest(year: 2025,
                 options: [("tahun", .null), ("as_of", .string("TW2")), ("format", .array([.string("csv"), .string("xlsx")]))],
                 policy: [("kebijakan-rumus-negatif", "Rumus polaritas negatif: selisih, (2T − R) / T × 100.")],
                 inputs: [Manifest.Input(name: hostileName, kind: "realisasi", size: 12, sha256: String(repeating: "a", count: 64),
                                         rowsRead: 5, rowsUsed: 3, rowsRejected: 2),
                          Manifest.Input(name: "lakip.toml", kind: "kebijakan", size: 7, sha256: String(repeating: "b", count: 64))],
                 outputs: [Manifest.Output(path: "2025/capaian.csv", size: 99, sha256: String(repeating: "c", count: 64))])
    }

    @Test("JSON is valid, and names with quotes, line breaks and control characters come back intact")
    func roundTrip() throws {
        let text = Self.sample().json()
        #expect(text.hasSuffix("}\n"))
        let parsed = try Manifest(json: Array(text.utf8), name: "manifest.json")
        #expect(parsed.year == 2025)
        #expect(parsed.toolVersion == ToolVersion.current)
        #expect(parsed.inputs == Self.sample().inputs)
        #expect(parsed.outputs == Self.sample().outputs)
        // Foundation's own parser agrees on the escaped name.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let inputs = try #require(object["masukan"] as? [[String: Any]])
        #expect(inputs.first?["nama"] as? String == Self.hostileName)
        #expect(inputs.last?["baris_dibaca"] == nil, "the policy file has no row counts")
    }

    @Test("the same manifest is the same bytes; the keys keep their order")
    func deterministic() {
        let text = Self.sample().json()
        #expect(text == Self.sample().json())
        let keys = ["\"format\"", "\"versi_lakip\"", "\"tahun\"", "\"opsi\"", "\"kebijakan\"", "\"masukan\"", "\"keluaran\""]
        let positions = keys.map { text.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
        #expect(!text.contains("/tmp") && !text.contains("/work"))
    }

    struct Rejected: CustomTestStringConvertible, Sendable {
        var name: String
        var json: String
        var testDescription: String { name }
    }

    @Test("what is not a manifest is refused with a message", arguments: [
        Rejected(name: "not JSON", json: "tahun,kode\n"),
        Rejected(name: "another JSON file", json: "{\"name\": \"x\"}"),
        Rejected(name: "a newer format", json: "{\"format\": \"lakip-manifest/99\"}"),
        Rejected(name: "an output without hash", json: "{\"format\": \"lakip-manifest/1\", \"versi_lakip\": \"1\", \"tahun\": 2025, "
                     + "\"masukan\": [], \"keluaran\": [{\"path\": \"2025/a.csv\", \"ukuran\": 1}]}"),
    ])
    func refused(_ testCase: Rejected) {
        #expect(throws: ManifestError.self) { try Manifest(json: Array(testCase.json.utf8), name: "m.json") }
    }

    @Test("paths from a manifest are followed only inside their folder", arguments: [
        ("2025/capaian.csv", true), ("validasi.csv", true), ("target_2025.csv", true),
        ("../x", false), ("2025/../../etc/passwd", false), ("/etc/passwd", false), ("", false), ("a//b", false), ("a\0b", false),
    ])
    func safePaths(_ path: String, _ safe: Bool) {
        #expect(Verifier.isSafeRelativePath(path) == safe)
    }
}
