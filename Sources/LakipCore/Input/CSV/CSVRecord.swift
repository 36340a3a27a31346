/// One record of a CSV file, as libcsv parsed it.
///
/// The record borrows the parser's buffers: it is valid only inside the closure that receives
/// it, and nothing in it is copied unless the caller copies it.
public struct CSVRecord {
    /// The line the record starts on, as a text editor numbers it (first line = 1).
    public let line: Int
    private let bytes: UnsafeBufferPointer<UInt8>
    private let fieldEnds: UnsafeBufferPointer<Int>

    init(line: Int, bytes: UnsafeBufferPointer<UInt8>, fieldEnds: UnsafeBufferPointer<Int>) {
        self.line = line
        self.bytes = bytes
        self.fieldEnds = fieldEnds
    }

    /// The same fields, said to start on `line`: a canonical row made from a line of another
    /// file reports that file's line.
    func relined(_ line: Int) -> CSVRecord {
        CSVRecord(line: line, bytes: bytes, fieldEnds: fieldEnds)
    }

    /// The number of fields in the record.
    public var count: Int { fieldEnds.count }

    /// The bytes of field `index`; an empty buffer past the last field, so short rows read as
    /// rows with trailing empty cells.
    public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        guard index >= 0, index < fieldEnds.count else { return UnsafeBufferPointer(start: nil, count: 0) }
        let start = index == 0 ? 0 : fieldEnds[index - 1]
        return UnsafeBufferPointer(rebasing: bytes[start..<fieldEnds[index]])
    }

    /// Field `index` decoded as text (UTF-8, or Windows-1252 when it is not valid UTF-8).
    public func string(_ index: Int) -> String {
        TextDecoding.string(from: self[index])
    }

    /// All fields as strings; for headers and tests, not for the per-row path.
    public var strings: [String] { (0..<count).map(string) }
}
