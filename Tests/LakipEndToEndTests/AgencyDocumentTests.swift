import Foundation
import Testing

/// The documents each OPD hands up (SPEC §8): `opd/<kode_opd>.html` and `.md` in each report folder.
@Suite("Per-OPD documents")
struct AgencyDocumentTests {
    private static let data = packageRoot.appendingPathComponent("data")

    /// `lakip run` on the sample data into `<directory>/reports` with `arguments`; must exit 0.
    private static func run(_ arguments: [String], in directory: URL) throws -> (out: URL, run: LakipResult) {
        let out = directory.appendingPathComponent("reports")
        let run = try Lakip.run(["run", "--data", data.path, "--out", out.path] + arguments, in: directory)
        try #require(run.status == 0, "\(run)")
        return (out, run)
    }

    @Test("every OPD gets an HTML and a Markdown document; verify covers them; a changed one is found")
    func everyAgency() throws {
        try withTemporaryDirectory { directory in
            let out = try Self.run(["--format", "csv,xlsx,html,md", "--quiet"], in: directory).out
            let codes = try CSVTable(out, "2025/rekap_opd.csv").rows([:]).compactMap { $0["kode_opd"] }.filter { !$0.isEmpty }
            try #require(codes.count == 4)
            let opd = out.appendingPathComponent("2025/opd")
            #expect(Set(try FileManager.default.contentsOfDirectory(atPath: opd.path))
                == Set(codes.flatMap { ["\($0).html", "\($0).md", "\($0).xlsx"] }))
            for code in codes {
                let workbook = try Data(contentsOf: opd.appendingPathComponent("\(code).xlsx"))
                #expect(workbook.starts(with: [0x50, 0x4B, 0x03, 0x04]), "\(code).xlsx is a zip")
            }
            let manifest = try String(contentsOf: out.appendingPathComponent("2025/manifest.json"), encoding: .utf8)
            for code in codes { #expect(manifest.contains("\"2025/opd/\(code).html\"")) }

            let verify = try Lakip.run(["verify", "--data", Self.data.path, "--out", out.path], in: directory)
            #expect(verify.status == 0, "\(verify)")
            try Data("diubah\n".utf8).write(to: opd.appendingPathComponent("\(codes[0]).md"))
            try Data("x\n".utf8).write(to: opd.appendingPathComponent("catatan.txt"))
            let tampered = try Lakip.run(["verify", "--data", Self.data.path, "--out", out.path], in: directory)
            #expect(tampered.status == 1, "\(tampered)")
            #expect(tampered.stdout.contains("2025/opd/\(codes[0]).md diubah"), "\(tampered)")
            #expect(tampered.stdout.contains("2025/opd/catatan.txt tidak tercatat"), "\(tampered)")
        }
    }

    @Test("the document groups indicators by sasaran in input order, each with its rekap_sasaran roll-up")
    func objectiveGroups() throws {
        try withTemporaryDirectory { directory in
            let out = try Self.run(["--format", "csv,html,md", "--quiet"], in: directory).out
            let code = "1.02.0.00.0.00.01.0000"
            let html = try String(contentsOf: out.appendingPathComponent("2025/opd/\(code).html"), encoding: .utf8)
            let markdown = try String(contentsOf: out.appendingPathComponent("2025/opd/\(code).md"), encoding: .utf8)
            #expect(html.contains("<h1>Dinas Kesehatan Kabupaten Balangan</h1>"))
            #expect(html.contains("Kode OPD \(code) · Tahun 2025"))

            // Sasaran in the order of the target file, each followed by its own indicators.
            let targets = try CSVTable(Self.data, "target_2025.csv").rows(["kode_opd": code])
            var objectives: [String] = []
            for row in targets where !objectives.contains(row["kode_sasaran"]!) { objectives.append(row["kode_sasaran"]!) }
            try #require(objectives.count > 1)
            let positions = objectives.map { html.range(of: "Sasaran \($0): ")?.lowerBound }
            try #require(positions.allSatisfy { $0 != nil }, "\(objectives)")
            #expect(positions.map { $0! } == positions.map { $0! }.sorted(), "sasaran out of input order")
            for (index, objective) in objectives.enumerated() {
                let end = index + 1 < positions.count ? positions[index + 1]! : html.endIndex
                let section = html[positions[index]!..<end]
                for row in targets where row["kode_sasaran"] == objective {
                    #expect(section.contains(">\(Self.escaped(row["indikator"]!))<"), "\(row["indikator"]!) not under \(objective)")
                }
                // The roll-up is the rekap_sasaran.csv row, printed the id-ID way.
                let rollup = try CSVTable(out, "2025/rekap_sasaran.csv").row(["kode_opd": code, "kode_sasaran": objective])
                let mean = rollup["rata_rata_capaian"]!.replacingOccurrences(of: ".", with: ",")
                #expect(section.contains("<td class=\"angka capaian\">\(mean)</td>"), "\(objective) roll-up \(mean)")
                #expect(markdown.contains("— \(rollup["jumlah_indikator"]!) indikator, rata-rata capaian \(mean) %"),
                        "\(objective) in the Markdown")
            }
            // The OPD's words: DINKES-06's TW4 keterangan of realisasi_2025.csv, and its bidang.
            let words = try CSVTable(Self.data, "realisasi_2025.csv").row(["kode_indikator": "DINKES-06", "triwulan": "4"])
            let note = try #require(words["keterangan"].flatMap { $0.isEmpty ? nil : $0 })
            #expect(html.contains("Analisis / kendala (TW4): \(Self.escaped(note))"))
            #expect(html.contains("Penanggung jawab: Bidang Kesehatan Masyarakat (Seksi Gizi)"))
            // The year's document has every quarter and both semesters.
            #expect(html.contains("<th>Capaian TW4 (%)</th>") && html.contains("<th>Kategori S2</th>"))
        }
    }

    @Test("the year's document has the Bab III analysis: earlier years, Renstra and budget, as the tables have them")
    func analysis() throws {
        try withTemporaryDirectory { directory in
            let out = try Self.run(["--format", "csv,md", "--quiet"], in: directory).out
            let code = "1.02.0.00.0.00.01.0000"
            let markdown = try String(contentsOf: out.appendingPathComponent("2025/opd/\(code).md"), encoding: .utf8)
            func id(_ text: String?) -> String { ReportCellText.indonesian(text ?? "") }
            // Earlier years: the perbandingan_tahun.csv row of each indicator, id-ID.
            for row in try CSVTable(out, "2025/perbandingan_tahun.csv").rows(["kode_opd": code]) {
                let cells = ["target_2023", "realisasi_2023", "capaian_2023", "target_2024", "realisasi_2024", "capaian_2024",
                             "target_2025", "realisasi_2025", "capaian_2025"].map { id(row[$0]) } + [row["arah_perubahan"]!]
                #expect(markdown.contains("| \(row["no"]!) | \(row["indikator"]!) | " + cells.joined(separator: " | ") + " |"),
                        "perbandingan \(row["kode_indikator"]!)")
            }
            // Renstra: capaian_renstra of pengukuran_kinerja.csv.
            for row in try CSVTable(out, "2025/pengukuran_kinerja.csv").rows(["kode_opd": code]) where row["target_renstra"] != "" {
                #expect(markdown.contains("| \(id(row["target_renstra"])) | \(id(row["realisasi"])) | \(id(row["capaian_renstra"])) |"),
                        "renstra \(row["kode_indikator"]!)")
            }
            // Budget: the OPD's anggaran.csv row.
            let budget = try CSVTable(out, "2025/anggaran.csv").row(["tingkat": "opd", "kode_opd": code])
            let cells = ["jumlah_indikator", "pagu_anggaran", "realisasi_anggaran", "serapan", "rata_rata_capaian", "efisiensi"]
                .map { id(budget[$0]) }
            #expect(markdown.contains("| Jumlah OPD | " + cells.joined(separator: " | ") + " |"), "\(budget)")

            // A quarter's document has no Bab III analysis.
            let quarter = try Lakip.run(["run", "--data", Self.data.path, "--out", out.path, "--format", "md", "--as-of", "TW2",
                                         "--quiet"], in: directory)
            try #require(quarter.status == 0, "\(quarter)")
            let quarterly = try String(contentsOf: out.appendingPathComponent("2025/TW2/opd/\(code).md"), encoding: .utf8)
            #expect(!quarterly.contains("Analisis Capaian Kinerja") && markdown.contains("## D. Analisis Capaian Kinerja"))
        }
    }

    @Test("the signature block: head from opd.csv and --tanggal; without them dotted lines, never today's date")
    func signature() throws {
        try withTemporaryDirectory { directory in
            let out = directory.appendingPathComponent("reports")
            let run = try Lakip.run(["run", "--data", Self.data.path, "--out", out.path, "--format", "html,md",
                                     "--tanggal", "Paringin, 15 Januari 2026", "--quiet"], in: directory)
            try #require(run.status == 0, "\(run)")
            let heads = try CSVTable(Self.data, "opd.csv").rows([:])
            try #require(heads.count == 4)
            for head in heads {
                let code = head["kode_opd"]!
                let html = try String(contentsOf: out.appendingPathComponent("2025/opd/\(code).html"), encoding: .utf8)
                #expect(html.contains("<div class=\"tanda-tangan\"><p>Paringin, 15 Januari 2026</p>"
                    + "<p>\(Self.escaped(head["jabatan_kepala"]!))</p><div class=\"ruang\"></div>"
                    + "<p class=\"nama\">\(Self.escaped(head["nama_kepala"]!))</p><p>NIP. \(head["nip_kepala"]!)</p></div>"), "\(code)")
                let markdown = try String(contentsOf: out.appendingPathComponent("2025/opd/\(code).md"), encoding: .utf8)
                #expect(markdown.contains("**\(head["nama_kepala"]!)**  \nNIP. \(head["nip_kepala"]!)\n"), "\(code)")
            }

            // No opd.csv and no --tanggal: lines to fill in by hand, and no date of any kind.
            let data = try Fixture.copy("worked-example", into: directory)
            let bare = directory.appendingPathComponent("bare")
            try #require(try Lakip.run(["run", "--data", data.path, "--out", bare.path, "--format", "html", "--quiet"],
                                       in: directory).status == 0)
            let html = try String(contentsOf: bare.appendingPathComponent("2025/opd/1.02.0.00.0.00.01.0000.html"), encoding: .utf8)
            let dots = String(repeating: ".", count: 36)
            #expect(html.contains("<div class=\"tanda-tangan\"><p>\(dots), \(String(repeating: ".", count: 24))</p>"
                + "<p>Kepala Dinas Kesehatan Kabupaten Balangan</p><div class=\"ruang\"></div><p class=\"isian\">(\(dots))</p>"
                + "<p>NIP. \(String(repeating: ".", count: 30))</p></div>"))
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            let signatureBlock = html.components(separatedBy: "<div class=\"tanda-tangan\">").last ?? ""
            #expect(!signatureBlock.contains(String(year)), "a date in the unsigned block")
        }
    }

    @Test("a quarter's documents cover the quarters so far; --opd writes only the named OPDs and warns of unknown ones")
    func quarterAndSelection() throws {
        try withTemporaryDirectory { directory in
            let out = directory.appendingPathComponent("reports")
            let code = "2.09.3.27.3.25.01.0000"
            let run = try Lakip.run(["run", "--data", Self.data.path, "--out", out.path, "--format", "html", "--as-of", "TW2",
                                     "--opd", "\(code),9.99", "--quiet"], in: directory)
            try #require(run.status == 0, "\(run)")
            #expect(run.stderr.contains("peringatan: --opd: kode OPD 9.99 tidak ada di data"), "\(run)")
            let opd = out.appendingPathComponent("2025/TW2/opd")
            #expect(try FileManager.default.contentsOfDirectory(atPath: opd.path) == ["\(code).html"])
            let html = try String(contentsOf: opd.appendingPathComponent("\(code).html"), encoding: .utf8)
            #expect(html.contains("Triwulan II Tahun 2025 (s.d. TW II)"))
            #expect(html.contains("<th>Target s.d. TW II</th>") && html.contains("<th>Progres (%)</th>"))
            #expect(html.contains("<th>Capaian TW2 (%)</th>") && !html.contains("<th>Capaian TW3 (%)</th>"))
            #expect(html.contains("<th>Kategori S1</th>") && !html.contains("<th>Kategori S2</th>"))
            let verify = try Lakip.run(["verify", "--data", Self.data.path, "--out", out.path], in: directory)
            #expect(verify.status == 0, "\(verify)")
        }
    }

    /// A number of the standard CSV the way the documents print it: `1234.5` → `1.234,5`.
    private enum ReportCellText {
        static func indonesian(_ plain: String) -> String {
            if plain.hasPrefix("-") { return "-" + indonesian(String(plain.dropFirst())) }
            let parts = plain.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isNumber) else { return plain }
            var grouped = ""
            for (offset, digit) in whole.enumerated() {
                if offset > 0 && (whole.count - offset) % 3 == 0 { grouped.append(".") }
                grouped.append(digit)
            }
            return grouped + (parts.count > 1 ? "," + parts[1] : "")
        }
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
