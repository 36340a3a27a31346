import Foundation
import Testing

/// `lakip verify` and `reports/<tahun>/manifest.json`.
@Suite("Manifest and lakip verify")
struct VerifyCommandTests {
    /// Runs the clean fixture into `reports/` and returns (data, reports).
    static func freshReports(in directory: URL) throws -> (data: URL, out: URL) {
        let data = try Fixture.copy("clean", into: directory)
        let out = directory.appendingPathComponent("reports")
        let run = try Lakip.run(["run", "--quiet", "--data", data.path, "--out", out.path], in: directory)
        try #require(run.status == 0, "\(run)")
        return (data, out)
    }

    static func verify(_ data: URL, _ out: URL, in directory: URL) throws -> LakipResult {
        try Lakip.run(["verify", "--data", data.path, "--out", out.path], in: directory)
    }

    @Test("each year gets a manifest listing inputs with rows and SHA-256, and every output")
    func manifestContents() throws {
        try withTemporaryDirectory { directory in
            let (data, out) = try Self.freshReports(in: directory)
            for year in ["2024", "2025"] {
                let bytes = try Data(contentsOf: out.appendingPathComponent("\(year)/manifest.json"))
                let manifest = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
                #expect(manifest["format"] as? String == "lakip-manifest/1")
                #expect((manifest["versi_lakip"] as? String)?.isEmpty == false)
                #expect((manifest["tahun"] as? Int).map(String.init) == year)
                let options = try #require(manifest["opsi"] as? [String: Any])
                #expect(options["rumus_negatif"] as? String == "selisih")
                #expect(options["dialek"] as? String == "standar")
                #expect((manifest["kebijakan"] as? [String: String])?["kebijakan-rumus-negatif"] != nil)

                let inputs = try #require(manifest["masukan"] as? [[String: Any]])
                #expect(Set(inputs.compactMap { $0["nama"] as? String }) == ["target_2024.csv", "target_2025.csv", "realisasi.csv"])
                for input in inputs {
                    let name = try #require(input["nama"] as? String)
                    let content = try Data(contentsOf: data.appendingPathComponent(name))
                    #expect(input["ukuran"] as? Int == content.count, "\(name)")
                    #expect(input["sha256"] as? String == Self.sha256(content), "\(name)")
                    let read = try #require(input["baris_dibaca"] as? Int)
                    #expect(read == (input["baris_dipakai"] as? Int ?? -1) + (input["baris_ditolak"] as? Int ?? -1))
                }
                #expect(inputs.first { $0["nama"] as? String == "realisasi.csv" }?["baris_dibaca"] as? Int == 24)

                let outputs = try #require(manifest["keluaran"] as? [[String: Any]])
                let paths = Set(outputs.compactMap { $0["path"] as? String })
                // Each folder keeps its own copy of the run's validasi.csv (SPEC §5: folders are replaced whole).
                #expect(paths.contains("\(year)/pengukuran_kinerja.csv") && paths.contains("\(year)/validasi.csv"))
                #expect(manifest["periode"] as? String == "TAHUNAN")
                #expect(!paths.contains { $0.hasPrefix(year == "2024" ? "2025/" : "2024/") })
                // The tables in the order written, then validasi.csv, whenever its bytes were written.
                #expect(outputs.last?["path"] as? String == "\(year)/validasi.csv", "\(outputs)")
                #expect(outputs.first?["path"] as? String == "\(year)/pengukuran_kinerja.csv", "\(outputs)")
                for output in outputs {
                    let path = try #require(output["path"] as? String)
                    let content = try Data(contentsOf: out.appendingPathComponent(path))
                    #expect(output["sha256"] as? String == Self.sha256(content), "\(path)")
                    #expect(output["ukuran"] as? Int == content.count, "\(path)")
                }
                // Nothing machine-specific.
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(!text.contains(directory.path) && !text.contains(FileManager.default.temporaryDirectory.path))
            }
        }
    }

    @Test("the same input gives byte-identical reports and manifests, wherever it lies")
    func deterministic() throws {
        try withTemporaryDirectory { directory in
            let (_, first) = try Self.freshReports(in: directory.appendingPathComponent("satu"))
            let (_, second) = try Self.freshReports(in: directory.appendingPathComponent("dua-di-tempat-lain"))
            let a = try DirectorySnapshot(first), b = try DirectorySnapshot(second)
            #expect(a.differences(to: b).isEmpty, "\(a.differences(to: b))")
        }
    }

    @Test("verify after a run: exit 0, COCOK")
    func matches() throws {
        try withTemporaryDirectory { directory in
            let (data, out) = try Self.freshReports(in: directory)
            let result = try Self.verify(data, out, in: directory)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("COCOK"), "\(result)")
            #expect(!result.stdout.contains("TIDAK COCOK"), "\(result)")
        }
    }

    struct Tampering: CustomTestStringConvertible, Sendable {
        var name: String
        var change: @Sendable (_ data: URL, _ out: URL) throws -> Void
        var mentions: [String]
        var testDescription: String { name }
    }

    static let tamperings: [Tampering] = [
        Tampering(name: "a report edited by hand", change: { _, out in
            let file = out.appendingPathComponent("2025/pengukuran_kinerja.csv")
            var text = try String(contentsOf: file, encoding: .utf8)
            text = text.replacingOccurrences(of: "Sangat Rendah", with: "Sangat Tinggi")
            try Data((text + "\n").utf8).write(to: file)
        }, mentions: ["2025/pengukuran_kinerja.csv", "diubah"]),
        Tampering(name: "validasi.csv deleted", change: { _, out in
            try FileManager.default.removeItem(at: out.appendingPathComponent("validasi.csv"))
        }, mentions: ["validasi.csv", "tidak ada lagi"]),
        Tampering(name: "an input changed after the run", change: { data, _ in
            let handle = try FileHandle(forWritingTo: data.appendingPathComponent("realisasi.csv"))
            try handle.seekToEnd()
            handle.write(Data("2025,1.02.0.00.0.00.01.0000,DINKES-02,TW4,8.1\n".utf8))
            try handle.close()
        }, mentions: ["realisasi.csv", "berubah"]),
        Tampering(name: "an input removed", change: { data, _ in
            try FileManager.default.removeItem(at: data.appendingPathComponent("target_2024.csv"))
        }, mentions: ["target_2024.csv", "tidak ada"]),
        Tampering(name: "a new input file added", change: { data, _ in
            try Data("tahun,kode_opd,kode_indikator,triwulan,realisasi\n".utf8).write(to: data.appendingPathComponent("realisasi_tambahan.csv"))
        }, mentions: ["realisasi_tambahan.csv", "masukan baru"]),
        Tampering(name: "a file slipped into a year folder", change: { _, out in
            try Data("x\n".utf8).write(to: out.appendingPathComponent("2024/catatan.csv"))
        }, mentions: ["2024/catatan.csv", "tidak tercatat"]),
        Tampering(name: "a manifest pointing outside its folder", change: { _, out in
            let file = out.appendingPathComponent("2025/manifest.json")
            let text = try String(contentsOf: file, encoding: .utf8)
                .replacingOccurrences(of: "\"path\": \"2025/validasi.csv\"", with: "\"path\": \"../../../etc/passwd\"")
            try Data(text.utf8).write(to: file)
        }, mentions: ["../../../etc/passwd", "path-tidak-aman"]),
    ]

    @Test("verify finds what changed: exit 1, TIDAK COCOK, names the file", arguments: tamperings)
    func mismatches(_ tampering: Tampering) throws {
        try withTemporaryDirectory { directory in
            let (data, out) = try Self.freshReports(in: directory)
            try tampering.change(data, out)
            let result = try Self.verify(data, out, in: directory)
            #expect(result.status == 1, "\(result)")
            #expect(result.stdout.contains("TIDAK COCOK"), "\(result)")
            for text in tampering.mentions { #expect(result.stdout.contains(text), "«\(text)» in \(result)") }
        }
    }

    @Test("verify without reports, or with a broken manifest: exit 2 with a message")
    func nothingToVerify() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory)
            let missing = try Self.verify(data, directory.appendingPathComponent("belum-ada"), in: directory)
            #expect(missing.status == 2, "\(missing)")
            #expect(missing.stderr.contains("tidak ada manifest.json"), "\(missing)")

            let (_, out) = try Self.freshReports(in: directory.appendingPathComponent("lagi"))
            try Data("{ rusak".utf8).write(to: out.appendingPathComponent("2024/manifest.json"))
            let broken = try Self.verify(data, out, in: directory)
            #expect(broken.status == 2, "\(broken)")
            #expect(broken.stderr.contains("2024/manifest.json") && broken.stderr.contains("bukan JSON"), "\(broken)")
        }
    }

    /// SHA-256 by the system's sha256sum, independent of the tool's own implementation.
    static func sha256(_ data: Data) -> String? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        guard (try? data.write(to: file)) != nil else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).split(separator: " ").first.map(String.init)
    }
}

@Suite("Manifest: the policy file")
struct ManifestPolicyFileTests {
    @Test("lakip.toml is an input of the manifest; changing it is a mismatch")
    func policyFileIsAnInput() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory)
            try Data("rumus_negatif = \"rasio\"\n".utf8).write(to: data.appendingPathComponent("lakip.toml"))
            let out = directory.appendingPathComponent("reports")
            let run = try Lakip.run(["run", "--quiet", "--data", data.path, "--out", out.path], in: directory)
            try #require(run.status == 0, "\(run)")

            let bytes = try Data(contentsOf: out.appendingPathComponent("2025/manifest.json"))
            let manifest = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
            #expect((manifest["opsi"] as? [String: Any])?["rumus_negatif"] as? String == "rasio")
            #expect((manifest["opsi"] as? [String: Any])?["berkas_kebijakan"] as? String == "lakip.toml")
            let inputs = try #require(manifest["masukan"] as? [[String: Any]])
            let policy = try #require(inputs.first { $0["jenis"] as? String == "kebijakan" })
            #expect(policy["nama"] as? String == "lakip.toml")
            #expect(policy["baris_dibaca"] == nil)

            let same = try Lakip.run(["verify", "--data", data.path, "--out", out.path], in: directory)
            #expect(same.status == 0, "\(same)")
            try Data("rumus_negatif = \"selisih\"\n".utf8).write(to: data.appendingPathComponent("lakip.toml"))
            let changed = try Lakip.run(["verify", "--data", data.path, "--out", out.path], in: directory)
            #expect(changed.status == 1, "\(changed)")
            #expect(changed.stdout.contains("lakip.toml"), "\(changed)")
        }
    }

    @Test("a policy file given with --config is recorded by name only and verified with --config")
    func configElsewhere() throws {
        try withTemporaryDirectory { directory in
            let data = try Fixture.copy("clean", into: directory)
            let config = directory.appendingPathComponent("kebijakan-pemda.toml")
            try Data("batas_capaian = 120\n".utf8).write(to: config)
            let out = directory.appendingPathComponent("reports")
            let run = try Lakip.run(["run", "--quiet", "--data", data.path, "--out", out.path, "--config", config.path], in: directory)
            try #require(run.status == 0, "\(run)")
            let text = try String(contentsOf: out.appendingPathComponent("2025/manifest.json"), encoding: .utf8)
            #expect(text.contains("\"nama\": \"kebijakan-pemda.toml\""))
            let verify = try Lakip.run(["verify", "--data", data.path, "--out", out.path, "--config", config.path], in: directory)
            #expect(verify.status == 0, "\(verify)")
        }
    }
}
