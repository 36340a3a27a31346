import Foundation
import Testing
@testable import LakipCore

@Suite("Issue log", .serialized)
struct IssueLogTests {
    /// Problems of every shape: with and without a line, empty and non-ASCII text, a long message.
    static func sample(_ count: Int) -> [ValidationIssue] {
        (0..<count).map { index in
            ValidationIssue(Severity.allCases[index % 3], file: "realisasi_\(index % 7).csv",
                            line: index % 5 == 0 ? nil : index, column: index % 2 == 0 ? "" : "realisasi",
                            code: "kode-\(index % 11)",
                            message: index % 97 == 0 ? String(repeating: "é", count: 3000) : "Pesan ke-\(index) “kutip”, baris")
        }
    }

    @Test("held in memory or spilled, problems come back in order with their counts",
          arguments: [IssueLog.defaultMemoryLimit, 1, 4096])
    func roundTrip(memoryLimit: Int) {
        var log = IssueLog(memoryLimit: memoryLimit)
        let issues = Self.sample(5000)
        for issue in issues { log.append(issue) }
        #expect(log.hasSpilled == (memoryLimit < IssueLog.defaultMemoryLimit))
        #expect(Array(log) == issues)
        #expect(log.count == issues.count)
        for severity in Severity.allCases {
            #expect(log.count(of: severity) == issues.filter { $0.severity == severity }.count)
        }
        // A second pass reads the same.
        #expect(Array(log) == issues)
    }

    @Test("a message longer than the read buffer comes back whole")
    func longMessage() {
        var log = IssueLog(memoryLimit: 1)
        let long = ValidationIssue(.error, file: "a.csv", line: 2, code: "x", message: String(repeating: "x", count: 3 << 20))
        log.append(long)
        log.append(ValidationIssue(.info, file: "a.csv", code: "y", message: "sesudahnya"))
        #expect(Array(log).map(\.message.count) == [3 << 20, 10])
        // Read back at once while its piece may still be being written on a thread of its own.
        for _ in 0..<20 {
            var alone = IssueLog(memoryLimit: 1)
            alone.append(long)
            #expect(Array(alone).map(\.message.count) == [3 << 20])
        }
    }

    @Test("a copy appended to leaves the original as it was")
    func valueSemantics() {
        var original = IssueLog(memoryLimit: 256)
        let issues = Self.sample(300)
        for issue in issues.prefix(200) { original.append(issue) }
        var copy = original
        for issue in issues.suffix(100) { copy.append(issue) }
        for issue in issues.prefix(50) { original.append(issue) }
        #expect(Array(copy) == issues)
        #expect(Array(original) == Array(issues.prefix(200) + issues.prefix(50)))
    }

    @Test("on a full disk (/dev/full) no problem is lost: written at once or on a thread, they stay in memory",
          arguments: [1, 100_000])
    func fullDisk(memoryLimit: Int) {
        var log = IssueLog(memoryLimit: memoryLimit, spillPath: "/dev/full")
        let issues = Self.sample(5000)
        for issue in issues { log.append(issue) }
        #expect(log.hasSpilled)
        #expect(Array(log) == issues)
        #expect(Array(log) == issues)
        // A copy appended to makes its own file, of what the shared one holds in memory.
        var copy = log
        let more = Self.sample(300)
        for issue in more { copy.append(issue) }
        #expect(Array(copy) == issues + more)
        #expect(Array(log) == issues)
    }

    @Test("large pieces written on a thread come back in order, also from copies made meanwhile")
    func backgroundWrites() {
        var log = IssueLog(memoryLimit: 100_000)
        let issues = Self.sample(20_000)
        var copies: [(IssueLog, Int)] = []
        for (index, issue) in issues.enumerated() {
            log.append(issue)
            if index % 4999 == 0 { copies.append((log, index + 1)) }
        }
        #expect(log.hasSpilled)
        #expect(Array(log) == issues)
        for (copy, count) in copies { #expect(Array(copy) == Array(issues.prefix(count)), "copy of \(count)") }
    }

    @Test("the temporary file is unlinked at once, leaving nothing in the temporary folder")
    func noFileLeft() throws {
        var log = IssueLog(memoryLimit: 1)
        for issue in Self.sample(100) { log.append(issue) }
        #expect(log.hasSpilled)
        let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("lakip-masalah-") }
        #expect(left.isEmpty, "\(left)")
    }
}
