import Foundation
import Testing

/// Memory is bounded by indicators, not rows, also when millions of rows repeat or are rejected
/// (SPEC §6): the problems stream to validasi.csv instead of being held. Each case compares the
/// peak of a large run with that of a run of 100,000 such rows; the bound (twice as much) is
/// generous, a memory test and not a timing.
@Suite("Memory with millions of problems", .serialized)
struct ProblemMemoryTests {
    static let indicators = 10
    static let baseRows = 100_000
    static let largeRows = 2_000_000

    enum Kind: String, CaseIterable, Sendable {
        /// The same value again for a quarter already reported: a peringatan per row, exit 0.
        case repeated
        /// A different value each time: a galat per row, exit 1.
        case conflicting
    }

    @Test("peak memory of millions of repeated or conflicting rows stays within 2× that of 100,000",
          arguments: Kind.allCases)
    func boundedByIndicators(_ kind: Kind) throws {
        let base = try measure(kind, rows: Self.baseRows)
        let large = try measure(kind, rows: Self.largeRows)
        #expect(large.maxResidentKiB <= 2 * base.maxResidentKiB,
                "\(Self.largeRows) rows: \(large.maxResidentKiB) KiB; \(Self.baseRows) rows: \(base.maxResidentKiB) KiB")
        print("\(kind): \(Self.baseRows) rows peak \(base.maxResidentKiB) KiB in \(base.seconds) s; "
              + "\(Self.largeRows) rows peak \(large.maxResidentKiB) KiB in \(large.seconds) s")
    }

    /// Runs the tool on `rows` realisation rows of `kind`; checks its exit status and that
    /// validasi.csv lists a problem for every row past the first report of each quarter.
    private func measure(_ kind: Kind, rows: Int) throws -> MeasuredRun {
        try withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("data")
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            try Self.writeTargets(to: data.appendingPathComponent("target.csv"))
            try Self.writeActuals(kind, rows: rows, to: data.appendingPathComponent("realisasi.csv"))
            let out = directory.appendingPathComponent("out")
            let run = try MeasuredRun.run(["run", "--quiet", "--data", data.path, "--out", out.path], in: directory)
            #expect(run.status == (kind == .repeated ? 0 : 1), "\(run)")
            let slots = Self.indicators * 4
            let listed = try Self.lineCount(out.appendingPathComponent("validasi.csv"), containing: kind == .repeated
                                            ? "realisasi-ganda" : "realisasi-bertentangan")
            #expect(listed == rows - slots, "validasi.csv lists \(listed) problems for \(rows) rows")
            return run
        }
    }

    static func writeTargets(to url: URL) throws {
        var text = "tahun,kode_opd,kode_indikator,indikator,satuan,polaritas,agregasi,target_tahunan\n"
        for index in 0..<indicators {
            text += "2025,01,IK-\(index),Indikator \(index),ton,positif,jumlah,1000\n"
        }
        try Data(text.utf8).write(to: url)
    }

    /// Row `i` reports quarter `(i / 10) % 4 + 1` of indicator `i % 10`: each quarter once in the
    /// first 40 rows, then again and again, with the same value or always another one.
    static func writeActuals(_ kind: Kind, rows: Int, to url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var buffer = Data("tahun,kode_opd,kode_indikator,triwulan,realisasi\n".utf8)
        for row in 0..<rows {
            let value = kind == .repeated ? 50 : row
            buffer.append(contentsOf: "2025,01,IK-\(row % indicators),\((row / indicators) % 4 + 1),\(value)\n".utf8)
            if buffer.count > 1 << 20 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: buffer)
    }

    /// The lines of a file that contain `text`, read in chunks.
    static func lineCount(_ url: URL, containing text: String) throws -> Int {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let needle = Array(text.utf8)
        var count = 0
        var pending: [UInt8] = []
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            pending += chunk
            guard let lastNewline = pending.lastIndex(of: 0x0A) else { continue }
            for line in pending[...lastNewline].split(separator: 0x0A) where line.firstRange(of: needle) != nil {
                count += 1
            }
            pending.removeFirst(lastNewline + 1)
        }
        return count
    }
}
