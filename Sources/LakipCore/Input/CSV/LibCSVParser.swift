import CLibCSV

/// The one place that calls libcsv: owns a `csv_parser`, copies each field straight into a
/// ``RecordBatch`` being filled, hands each full batch on, and turns libcsv's status codes into
/// ``CSVError``s.
///
/// A class because it owns C state; not `Sendable`, since a parser is used by one reader.
final class LibCSVParser {
    /// Receives each full batch of records; a thrown error stops parsing and is rethrown by
    /// ``parse(_:)`` or ``finish()``.
    typealias BatchHandler = (RecordBatch) throws -> Void

    private let parser: UnsafeMutablePointer<csv_parser>

    /// What the callbacks change for every field. It lives behind a pointer rather than in
    /// stored properties of this class, so the per-field path pays no dynamic exclusivity check
    /// and touches no reference-counted object.
    fileprivate struct State {
        let path: String
        let maximumFieldLength: Int
        /// The most bytes one record may hold, all its cells together.
        var maximumRecordLength: Int { 4 * maximumFieldLength }
        /// The batch being filled: the records parsed since the last hand-over, and the fields
        /// of the record being assembled.
        var batch = RecordBatch.Storage()
        let deliver: BatchHandler
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

    /// The most fields one record may have; more means the delimiter or the quoting is wrong.
    static let maximumFieldCount = 10_000


    /// Creates a parser for one file.
    ///
    /// - Parameters:
    ///   - delimiter: the field separator (`,`, `;` or tab).
    ///   - path: the file's name, for error messages.
    ///   - maximumFieldLength: longer fields stop parsing with ``CSVError/Code/fieldTooLong(limit:)``.
    ///   - keepsSpaces: keep spaces and tabs around unquoted fields.
    ///   - deliver: receives each batch once it is full (``RecordBatch/byteLimit``,
    ///     ``RecordBatch/firstRecordLimit``); the last, partial one is ``takeRemainingRecords()``.
    init(delimiter: UInt8, path: String, maximumFieldLength: Int, keepsSpaces: Bool = false,
         deliver: @escaping BatchHandler) throws {
        parser = .allocate(capacity: 1)
        // STRICT_FINI: an unterminated quote at the end of input is an error, not a field.
        guard csv_init(parser, UInt8(CSV_STRICT_FINI)) == 0 else {
            parser.deallocate()
            throw CSVError(.outOfMemory, path: path)
        }
        csv_set_delim(parser, delimiter)
        // libcsv trims spaces and tabs around unquoted fields; with tab as the delimiter only the
        // space may trim. (A custom function costs a call per byte, so only then.)
        if keepsSpaces {
            csv_set_space_func(parser) { _ in 0 }
        } else if delimiter == 0x09 {
            csv_set_space_func(parser) { $0 == 0x20 ? 1 : 0 }
        }
        state = .allocate(capacity: 1)
        state.initialize(to: State(path: path, maximumFieldLength: maximumFieldLength, deliver: deliver))
    }

    deinit {
        csv_free(parser)
        parser.deallocate()
        state.pointee.batch.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    private var pendingError: Error? {
        get { state.pointee.pendingError }
        set { state.pointee.pendingError = newValue }
    }

    private var fieldCount: Int { state.pointee.batch.openRecordFieldCount }

    /// The file's name, for error messages.
    private var path: String { state.pointee.path }

    /// What libcsv hands back to the callbacks: the state alone, so that a callback, run for
    /// every field, touches no reference-counted object.
    private var context: UnsafeMutableRawPointer { UnsafeMutableRawPointer(state) }

    /// Parses a piece of the file; complete records are added to the batch being filled.
    func parse(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let consumed = csv_parse(parser, base, bytes.count, fieldCallback, recordCallback, context)
        try throwPendingError()
        if consumed != bytes.count { try throwParserError() }
    }

    /// Ends the input: adds a last record without a line break, or reports an open quote.
    func finish() throws {
        // libcsv reports an open quote at the end only in strict mode, which would also reject
        // the stray quotes real exports contain ("Dinas "X""); read its state instead: a quoted
        // field still being read (FIELD_BEGUN) means the quote was never closed.
        if parser.pointee.quoted != 0 && parser.pointee.pstate == Self.fieldBegun {
            throw CSVError(.unterminatedQuote, path: path, line: recordStartLine ?? currentLine, field: fieldCount + 1)
        }
        let status = csv_fini(parser, fieldCallback, recordCallback, context)
        try throwPendingError()
        if status != 0 { try throwParserError() }
    }

    /// The complete records not yet handed over, as a batch of their own (`nil` when there are
    /// none): the rest after ``finish()``, or the records before an error. The fields of a
    /// record left open are dropped.
    func takeRemainingRecords() -> RecordBatch? {
        state.pointee.batch.discardOpenRecord()
        guard state.pointee.batch.records.count > 0 else { return nil }
        return Self.handOver(state)
    }

    /// Moves the batch's buffers into a ``RecordBatch`` and starts a new one of their size.
    private static func handOver(_ state: UnsafeMutablePointer<State>) -> RecordBatch {
        let next = state.pointee.batch.successor()
        let full = RecordBatch(taking: state.pointee.batch)
        state.pointee.batch = next
        return full
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

    @inline(__always)
    fileprivate static func appendField(_ bytes: UnsafeRawPointer?, _ count: Int, to state: UnsafeMutablePointer<State>) {
        guard state.pointee.pendingError == nil else { return }
        if count > state.pointee.maximumFieldLength || state.pointee.batch.openRecordFieldCount >= Self.maximumFieldCount
            || state.pointee.batch.openRecordLength + count > state.pointee.maximumRecordLength {
            return refuseField(count, state)
        }
        state.pointee.batch.appendField(bytes, count: count)
    }

    /// Records the limit a field of `count` bytes breaks as the pending error. Out of line, so
    /// that the path every field takes keeps no room for an error.
    @inline(never)
    private static func refuseField(_ count: Int, _ state: UnsafeMutablePointer<State>) {
        state.pointee.pendingError = limitError(count, state.pointee)
    }

    /// The limit a field of `count` bytes breaks: its own length, the number of fields, or the
    /// length of the record.
    private static func limitError(_ count: Int, _ state: State) -> CSVError {
        let line = state.recordStartLine ?? state.currentLine
        let fieldCount = state.batch.openRecordFieldCount
        if count > state.maximumFieldLength {
            return CSVError(.fieldTooLong(limit: state.maximumFieldLength), path: state.path, line: line,
                            field: fieldCount + 1)
        }
        if fieldCount >= Self.maximumFieldCount {
            return CSVError(.tooManyFields(limit: Self.maximumFieldCount), path: state.path, line: line)
        }
        // A line of many cells, each under the cell limit, is refused before it fills memory.
        return CSVError(.recordTooLong(limit: state.maximumRecordLength), path: state.path, line: line)
    }

    fileprivate static func endRecord(_ state: UnsafeMutablePointer<State>) {
        defer { state.pointee.recordStartLine = nil }
        guard state.pointee.pendingError == nil else {
            state.pointee.batch.discardOpenRecord()
            return
        }
        state.pointee.batch.endRecord(line: state.pointee.recordStartLine ?? state.pointee.currentLine)
        guard state.pointee.batch.isFull else { return }
        do {
            try state.pointee.deliver(handOver(state))
        } catch {
            state.pointee.pendingError = error
        }
    }
}

private func fieldCallback(_ bytes: UnsafeMutableRawPointer?, _ count: Int, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    LibCSVParser.appendField(bytes, count, to: context.assumingMemoryBound(to: LibCSVParser.State.self))
}

private func recordCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    LibCSVParser.endRecord(context.assumingMemoryBound(to: LibCSVParser.State.self))
}
