import FuzzSupport
import LakipCore

/// libFuzzer entry: the CSV reader (libcsv underneath) on arbitrary bytes.
///
/// Input layout: byte 0 chooses the delimiter and the chunk size, the rest is the file. The
/// same bytes are read twice, once in one piece and once in small chunks, and both reads must
/// deliver the same records with the same line numbers, or fail with the same error: chunk
/// boundaries are invisible to the user. A third read with a tiny field limit must fail
/// cleanly or succeed, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let control = data[0]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let delimiters: [UInt8?] = [nil, 0x2C, 0x3B, 0x09]
    var delimiter = delimiters[Int(control & 0x03)]
    // Detection only looks at the first 64 KiB of the first line; past that the whole-file read
    // and the chunked read could legitimately see different heads.
    if delimiter == nil && bytes.count >= 60_000 { delimiter = 0x2C }
    let smallChunk = Int(control >> 2) + 1

    let whole = CSVOutcome(reader: CSVFileReader(), bytes: bytes, delimiter: delimiter, chunkSize: nil)
    let chunked = CSVOutcome(reader: CSVFileReader(), bytes: bytes, delimiter: delimiter, chunkSize: smallChunk)
    if whole != chunked {
        fuzzFailure("chunk size \(smallChunk) changed the result:\n\(whole)\nvs\n\(chunked)")
    }

    var tight = CSVFileReader()
    tight.maximumFieldLength = 16
    let limited = CSVOutcome(reader: tight, bytes: bytes, delimiter: delimiter, chunkSize: smallChunk)
    if case .records(let records) = limited {
        for record in records where record.fields.contains(where: { $0.count > 16 }) {
            fuzzFailure("a field longer than the limit was delivered at line \(record.line)")
        }
    }
    return 0
}

struct ReadRecord: Equatable {
    var line: Int
    var fields: [[UInt8]]
}

enum CSVOutcome: Equatable {
    case records([ReadRecord])
    case failed(CSVError)

    init(reader: CSVFileReader, bytes: [UInt8], delimiter: UInt8?, chunkSize: Int?) {
        var records: [ReadRecord] = []
        do {
            try reader.read(bytes: bytes, delimiter: delimiter, chunkSize: chunkSize) { record in
                if record.line < 1 { fuzzFailure("line \(record.line) < 1") }
                // Non-decreasing, not increasing: a lone CR ends a record without starting a line.
                if let last = records.last, record.line < last.line {
                    fuzzFailure("line numbers go back: \(last.line) then \(record.line)")
                }
                // Decoding every field exercises the UTF-8 / Windows-1252 fallback.
                for index in 0..<record.count { _ = record.string(index) }
                records.append(ReadRecord(line: record.line, fields: (0..<record.count).map { Array(record[$0]) }))
            }
            self = .records(records)
        } catch let error as CSVError {
            if error.description.isEmpty { fuzzFailure("empty error message") }
            self = .failed(error)
        } catch {
            fuzzFailure("unexpected error type \(error)")
        }
    }
}
