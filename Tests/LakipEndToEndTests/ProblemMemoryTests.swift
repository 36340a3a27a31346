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
        #expect(large.run.maxResidentKiB <= 2 * base.run.maxResidentKiB,
                "\(Self.largeRows) rows: \(large.run.maxResidentKiB) KiB; \(Self.baseRows) rows: \(base.run.maxResidentKiB) KiB")
        // Every row past the first report of each quarter is listed: validasi.csv grows by one
        // line per extra row (its other lines, the policy and the notes, are the same in both).
        let slots = Self.indicators * 4
        #expect(large.lines - base.lines == Self.largeRows - Self.baseRows, "validasi.csv lines: \(base.lines), \(large.lines)")
        #expect(base.problems == Self.baseRows - slots, "validasi.csv lists \(base.problems) problems for \(Self.baseRows) rows")
        print("\(kind): \(Self.baseRows) rows peak \(base.run.maxResidentKiB) KiB in \(base.run.seconds) s; "
              + "\(Self.largeRows) rows peak \(large.run.maxResidentKiB) KiB in \(large.run.seconds) s")
    }

    @Test("a full disk under the problems' temporary file loses none: those not written are kept in memory",
          .enabled(if: CommitFaultInjectionTests.strace != nil,
                   "strace is not installed (apt-get install -y strace): fault injection skipped"))
    func fullDiskUnderTheProblemFile() throws {
        let strace = try #require(CommitFaultInjectionTests.strace)
        try withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("data")
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            try Self.writeTargets(to: data.appendingPathComponent("target.csv"))
            try Self.writeActuals(.repeated, rows: Self.baseRows, to: data.appendingPathComponent("realisasi.csv"))
            let plain = try Lakip.run(["validate", "--data", data.path], in: directory)
            #expect(plain.status == 0, "\(plain.stderr)")
            #expect(plain.stdout.split(separator: "\n").count >= Self.baseRows - Self.indicators * 4)
            // Some 14 MB of problems go to the temporary file in pieces of some 3 MB, its only
            // pwrite64 calls; under `ulimit -f` (SIGXFSZ ignored) the file cannot pass 8 MiB, so
            // the piece that crosses it is written in part and fails with EFBIG, as on a full
            // disk, and every later one too. The problems go to standard output, a pipe, which no
            // limit holds.
            let trace = directory.appendingPathComponent("trace")
            func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            let script = "trap '' XFSZ; ulimit -f \(8 << 11); exec \(quoted(try Lakip.executableURL().path)) validate --data "
                + quoted(data.path)
            let process = Process(), output = Pipe()
            process.executableURL = URL(fileURLWithPath: strace)
            process.arguments = ["-f", "-o", trace.path, "-e", "trace=pwrite64", "/bin/sh", "-c", script]
            process.currentDirectoryURL = directory
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let listed = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let calls = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n").filter { $0.contains("pwrite64(") }
            #expect(calls.prefix(2).allSatisfy { !$0.contains("= -1") }, "\(calls)")
            #expect(calls.contains { $0.contains("EFBIG") }, "no write failed: \(calls.count) calls")
            #expect(process.terminationStatus == plain.status)
            #expect(String(decoding: listed, as: UTF8.self) == plain.stdout, "the problems listed differ under a full disk")
        }
    }

    /// Runs the tool on `rows` realisation rows of `kind` and checks its exit status.
    ///
    /// - Returns: the run, the lines of validasi.csv, and (for a small run) how many of them
    ///   are the problem `kind` makes.
    private func measure(_ kind: Kind, rows: Int) throws -> (run: MeasuredRun, lines: Int, problems: Int?) {
        try withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("data")
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            try Self.writeTargets(to: data.appendingPathComponent("target.csv"))
            try Self.writeActuals(kind, rows: rows, to: data.appendingPathComponent("realisasi.csv"))
            let out = directory.appendingPathComponent("out")
            let run = try MeasuredRun.run(["run", "--quiet", "--data", data.path, "--out", out.path], in: directory)
            #expect(run.status == (kind == .repeated ? 0 : 1), "\(run)")
            let validation = out.appendingPathComponent("validasi.csv")
            let code = kind == .repeated ? "realisasi-ganda" : "realisasi-bertentangan"
            let problems = rows <= Self.baseRows
                ? CSVTable(text: String(decoding: try Data(contentsOf: validation), as: UTF8.self)).rows(["kode": code]).count
                : nil
            return (run, try Self.lineCount(validation), problems)
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
        let slots = indicators * 4
        let prefixes = (0..<slots).map { Array("2025,01,IK-\($0 % indicators),\(($0 / indicators) % 4 + 1),".utf8) }
        var buffer = Array("tahun,kode_opd,kode_indikator,triwulan,realisasi\n".utf8)
        buffer.reserveCapacity(1 << 21)
        for row in 0..<rows {
            buffer += prefixes[row % slots]
            buffer += kind == .repeated ? Array("50".utf8) : Array(String(row).utf8)
            buffer.append(0x0A)
            if buffer.count > 1 << 20 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: buffer)
    }

    /// The lines of a file, read in chunks.
    static func lineCount(_ url: URL) throws -> Int {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var count = 0
        while let chunk = try handle.read(upToCount: 1 << 22), !chunk.isEmpty {
            count += chunk.withUnsafeBytes { raw in
                var found = 0, offset = 0
                while offset < raw.count, let hit = memchr(raw.baseAddress! + offset, 0x0A, raw.count - offset) {
                    found += 1
                    offset = raw.baseAddress!.distance(to: UnsafeRawPointer(hit)) + 1
                }
                return found
            }
        }
        return count
    }
}
