import CLibCSV

/// The one place that calls libcsv: owns a `csv_parser`, collects the fields of the current
/// record in a reusable buffer, and turns libcsv's status codes into ``CSVError``s.
///
/// A class because it owns C state; not `Sendable`, since a parser is used by one reader.
final class LibCSVParser {
    /// Receives each complete record; a thrown error stops parsing and is rethrown by
    /// ``parse(_:)`` or ``finish()``.
    typealias RecordHandler = (CSVRecord) throws -> Void

    private let parser: UnsafeMutablePointer<csv_parser>
    private let path: String
    private let maximumFieldLength: Int

    /// What the callbacks change for every field. It lives behind a pointer rather than in
    /// stored properties of this class, so the per-field path pays no dynamic exclusivity check.
    private struct State {
        // The record being assembled: its field bytes back to back, and where each field ends.
        var recordBytes: [UInt8] = []
        var fieldEnds: [Int] = []
        var handler: RecordHandler?
        /// The first error raised inside a callback; callbacks after it are ignored.
        var pendingError: Error?
        var recordStartLine: Int?
        var currentLine = 1
    }

    private let state: UnsafeMutablePointer<State>

    /// The line the record being assembled starts on; set by the reader before it feeds bytes.
    var recordStartLine: Int? {
        get { state.pointee.recordStartLine }
        set { state.pointee.recordStartLine = newValue }
    }

    /// The line currently being fed.
    var currentLine: Int {
        get { state.pointee.currentLine }
        set { state.pointee.currentLine = newValue }
    }

    /// libcsv's parser state while inside a field (csv.h, `pstate`).
    private static let fieldBegun: Int32 = 2

    /// The most bytes one record may hold, all its cells together.
    private var maximumRecordLength: Int { 4 * maximumFieldLength }

    /// The most fields one record may have; more means the delimiter or the quoting is wrong.
    static let maximumFieldCount = 10_000


    /// Creates a parser for one file.
    ///
    /// - Parameters:
    ///   - delimiter: the field separator (`,`, `;` or tab).
    ///   - path: the file's name, for error messages.
    ///   - maximumFieldLength: longer fields stop parsing with ``CSVError/Code/fieldTooLong(limit:)``.
    init(delimiter: UInt8, path: String, maximumFieldLength: Int) throws {
        self.path = path
        self.maximumFieldLength = maximumFieldLength
        parser = .allocate(capacity: 1)
        // STRICT_FINI: an unterminated quote at the end of input is an error, not a field.
        guard csv_init(parser, UInt8(CSV_STRICT_FINI)) == 0 else {
            parser.deallocate()
            throw CSVError(.outOfMemory, path: path)
        }
        csv_set_delim(parser, delimiter)
        // libcsv trims spaces and tabs around unquoted fields; with tab as the delimiter only the
        // space may trim. (A custom function costs a call per byte, so only then.)
        if delimiter == 0x09 { csv_set_space_func(parser) { $0 == 0x20 ? 1 : 0 } }
        state = .allocate(capacity: 1)
        state.initialize(to: State())
        state.pointee.recordBytes.reserveCapacity(4096)
        state.pointee.fieldEnds.reserveCapacity(32)
    }

    deinit {
        csv_free(parser)
        parser.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    private var pendingError: Error? {
        get { state.pointee.pendingError }
        set { state.pointee.pendingError = newValue }
    }

    private var fieldCount: Int { state.pointee.fieldEnds.count }

    private var context: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// Parses a piece of the file; complete records go to `handler` as they end.
    func parse(_ bytes: UnsafeRawBufferPointer, handler: RecordHandler) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        try withoutActuallyEscaping(handler) { handler in
            state.pointee.handler = handler
            defer { state.pointee.handler = nil }
            let consumed = csv_parse(parser, base, bytes.count, fieldCallback, recordCallback, context)
            try throwPendingError()
            if consumed != bytes.count { try throwParserError() }
        }
    }

    /// Ends the input: delivers a last record without a line break, or reports an open quote.
    func finish(handler: RecordHandler) throws {
        // libcsv reports an open quote at the end only in strict mode, which would also reject
        // the stray quotes real exports contain ("Dinas "X""); read its state instead: a quoted
        // field still being read (FIELD_BEGUN) means the quote was never closed.
        if parser.pointee.quoted != 0 && parser.pointee.pstate == Self.fieldBegun {
            throw CSVError(.unterminatedQuote, path: path, line: recordStartLine ?? currentLine, field: fieldCount + 1)
        }
        try withoutActuallyEscaping(handler) { handler in
            state.pointee.handler = handler
            defer { state.pointee.handler = nil }
            let status = csv_fini(parser, fieldCallback, recordCallback, context)
            try throwPendingError()
            if status != 0 { try throwParserError() }
        }
    }

    private func throwPendingError() throws {
        if let error = pendingError {
            pendingError = nil
            throw error
        }
    }

    private func throwParserError() throws {
        let line = recordStartLine ?? currentLine
        switch csv_error(parser) {
        case CSV_EPARSE:
            throw CSVError(.unterminatedQuote, path: path, line: line, field: fieldCount + 1)
        case CSV_ENOMEM, CSV_ETOOBIG:
            throw CSVError(.outOfMemory, path: path, line: line, field: fieldCount + 1)
        default:
            throw CSVError(.unreadable(reason: "libcsv: galat \(csv_error(parser))"), path: path, line: line)
        }
    }

    /// Bytes libcsv has buffered for the field being read.
    var bufferedFieldLength: Int { parser.pointee.entry_pos }

    fileprivate func appendField(_ bytes: UnsafeRawPointer?, _ count: Int) {
        let state = self.state
        guard state.pointee.pendingError == nil else { return }
        if count > maximumFieldLength {
            state.pointee.pendingError = CSVError(.fieldTooLong(limit: maximumFieldLength), path: path,
                                                  line: recordStartLine ?? currentLine, field: fieldCount + 1)
            return
        }
        if state.pointee.fieldEnds.count >= Self.maximumFieldCount {
            state.pointee.pendingError = CSVError(.tooManyFields(limit: Self.maximumFieldCount), path: path,
                                                  line: recordStartLine ?? currentLine)
            return
        }
        if state.pointee.recordBytes.count + count > maximumRecordLength {
            // A line of many cells, each under the cell limit, is refused before it fills memory.
            state.pointee.pendingError = CSVError(.recordTooLong(limit: maximumRecordLength), path: path,
                                                  line: recordStartLine ?? currentLine)
            return
        }
        if let bytes, count > 0 {
            state.pointee.recordBytes.append(contentsOf: UnsafeRawBufferPointer(start: bytes, count: count))
        }
        state.pointee.fieldEnds.append(state.pointee.recordBytes.count)
    }

    fileprivate func endRecord() {
        let state = self.state
        defer {
            state.pointee.recordBytes.removeAll(keepingCapacity: true)
            state.pointee.fieldEnds.removeAll(keepingCapacity: true)
            state.pointee.recordStartLine = nil
        }
        guard state.pointee.pendingError == nil, let handler = state.pointee.handler else { return }
        let line = state.pointee.recordStartLine ?? state.pointee.currentLine
        do {
            try state.pointee.recordBytes.withUnsafeBufferPointer { bytes in
                try state.pointee.fieldEnds.withUnsafeBufferPointer { ends in
                    try handler(CSVRecord(line: line, bytes: bytes, fieldEnds: ends))
                }
            }
        } catch {
            state.pointee.pendingError = error
        }
    }
}

private func fieldCallback(_ bytes: UnsafeMutableRawPointer?, _ count: Int, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    Unmanaged<LibCSVParser>.fromOpaque(context).takeUnretainedValue().appendField(bytes, count)
}

private func recordCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    Unmanaged<LibCSVParser>.fromOpaque(context).takeUnretainedValue().endRecord()
}
