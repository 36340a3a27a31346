import Foundation
import Testing
@testable import LakipCore

/// Regression tests for what the libFuzzer harnesses in `Fuzz/` found. Each input the fuzzer
/// saved is kept in `Fixtures/fuzz-findings/` and replayed here with the harness's own check.
@Suite("Fuzz findings")
struct FuzzFindingTests {
    /// What one read of some bytes produced, copied out of the reader.
    enum Outcome: Equatable {
        case records([[String]], lines: [Int])
        case failed(CSVError)
    }

    static func read(_ bytes: [UInt8], delimiter: UInt8?, chunkSize: Int?) -> Outcome {
        var records: [[String]] = []
        var lines: [Int] = []
        do {
            try CSVFileReader().read(bytes: bytes, delimiter: delimiter, chunkSize: chunkSize) { record in
                records.append(record.strings)
                lines.append(record.line)
            }
            return .records(records, lines: lines)
        } catch let error as CSVError {
            return .failed(error)
        } catch {
            Issue.record("unexpected error \(error)")
            return .failed(CSVError(.unreadable(reason: "\(error)"), path: "-"))
        }
    }

    /// The delimiter the csv-reader harness uses for an input (see FuzzCSVReader.swift).
    static func harnessDelimiter(control: UInt8, bytes: [UInt8]) -> UInt8? {
        var delimiter: UInt8? = [nil, 0x2C, 0x3B, 0x09][Int(control & 0x03)]
        if delimiter == nil && bytes.count >= 60_000 { delimiter = 0x2C }
        return delimiter
    }

    static var findings: [String] {
        let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("fuzz-findings")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test("every saved fuzz input reads the same in one piece and in small chunks", arguments: findings)
    func replay(_ name: String) throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            .appendingPathComponent("fuzz-findings").appendingPathComponent(name)
        let input = try [UInt8](Data(contentsOf: url))
        let control = try #require(input.first)
        let bytes = Array(input.dropFirst())
        let delimiter = Self.harnessDelimiter(control: control, bytes: bytes)
        let whole = Self.read(bytes, delimiter: delimiter, chunkSize: nil)
        for chunk in [1, 2, 3, 5, Int(control >> 2) + 1, 64, 4096] {
            #expect(Self.read(bytes, delimiter: delimiter, chunkSize: chunk) == whole, "chunk size \(chunk)")
        }
    }

    /// Finding 1 (csv-reader harness): a record that begins after a lone CR in the middle of a
    /// line got the number of the *next* line when the whole line arrived in one piece, and
    /// the right one when a chunk boundary happened to fall after the CR. An unterminated
    /// quote there was reported on the wrong line.
    @Test("a record begun after a lone CR starts on that line, whatever the chunking")
    func recordAfterLoneCarriageReturn() throws {
        let bytes = Array("tahun,kode\r2025,\"tidak ditutup\nbaris berikut\n".utf8)
        for chunk in [nil, 1, 4, 11, 12, 13] as [Int?] {
            guard case .failed(let error) = Self.read(bytes, delimiter: nil, chunkSize: chunk) else {
                Issue.record("chunk \(String(describing: chunk)): an unterminated quote must fail the read")
                continue
            }
            #expect(error.code == .unterminatedQuote)
            #expect(error.line == 1, "chunk \(String(describing: chunk)): the quote opens on line 1")
        }
    }

    @Test("the saved input of finding 1 reports its open quote on line 1")
    func savedFindingOne() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            .appendingPathComponent("fuzz-findings/csv-reader-cr-record-start-line")
        let bytes = Array(try [UInt8](Data(contentsOf: url)).dropFirst())
        guard case .failed(let error) = Self.read(bytes, delimiter: nil, chunkSize: nil) else {
            Issue.record("the saved input has an unterminated quote")
            return
        }
        #expect(error.code == .unterminatedQuote)
        #expect(error.line == 1)
    }
}
