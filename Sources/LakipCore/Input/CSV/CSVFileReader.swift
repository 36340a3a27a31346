import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the reader learned about a file's layout.
public struct CSVFileLayout: Sendable, Equatable {
    /// The field separator detected from the header line.
    public var delimiter: UInt8
    /// Whether the file started with a UTF-8 byte order mark.
    public var hadByteOrderMark: Bool
}

/// Streams a CSV file through libcsv, record by record, in constant memory.
///
/// Handles what real exports contain: a UTF-8 byte order mark, `,` `;` or tab delimiters
/// (detected from the header line), CRLF or LF line ends, and quoted fields with embedded
/// delimiters, quotes and line breaks (RFC 4180). Each record carries the line it starts on.
public struct CSVFileReader {
    /// Bytes read from the file per system call.
    public var chunkSize = 1 << 20
    /// The longest field accepted; a longer one (usually an unclosed quote) stops the read.
    public var maximumFieldLength = 1 << 20
    /// Told of every chunk read, for a progress display.
    public var progress: LoadProgress?
    /// Keep the spaces around unquoted fields, which libcsv trims by default: a report sheet
    /// indents a kegiatan under its program with them.
    public var keepsSurroundingSpaces = false
    /// Where to record the SHA-256 of each file read to its end, for the manifest; `nil` to
    /// hash nothing. The chunks read are handed over as they are parsed.
    var digests: InputDigests?

    public init() {}

    /// Reads the file at `path` and calls `body` with each record, header included.
    ///
    /// - Parameters:
    ///   - path: the file to read.
    ///   - displayName: the name used in errors (the path relative to the data directory).
    ///   - delimiter: the separator; detected from the first line when `nil`.
    ///   - body: receives each record; throwing stops the read and rethrows.
    /// - Returns: the layout found.
    /// - Throws: ``CSVError`` for unreadable or malformed files, or what `body` throws.
    /// - Complexity: O(file size) time; memory bounded by the chunk size and the longest record.
    @discardableResult
    public func read(path: String, displayName: String? = nil, delimiter: UInt8? = nil,
                     body: (CSVRecord) throws -> Void) throws -> CSVFileLayout {
        try read(path: path, displayName: displayName, delimiter: delimiter, prepare: nil) { batch in
            try batch.forEachRecord(body)
        }
    }

    /// Reads the file at `path` as ``read(path:displayName:delimiter:body:)`` does, with
    /// `prepare` run on the parsing thread for each batch of records before it is handed over:
    /// work on the records that needs nothing of the records before them, done on the thread
    /// that would otherwise wait while `body` is the slower.
    ///
    /// - Parameters:
    ///   - prepare: receives the batch and whether the reader has batches waiting (so that it is
    ///     the slower thread just then); `nil` leaves the batch to `body` alone.
    ///   - body: receives each record, the record after it in its batch (`nil` for a batch's
    ///     last), what `prepare` made of the batch, if anything, and the record's position in it.
    @discardableResult
    func read<Prepared: Sendable>(path: String, displayName: String? = nil, delimiter: UInt8? = nil,
                                  preparing prepare: @escaping @Sendable (RecordBatch, _ readerIsBehind: Bool) -> Prepared?,
                                  body: (CSVRecord, CSVRecord?, Prepared?, Int) throws -> Void) throws -> CSVFileLayout {
        try read(path: path, displayName: displayName, delimiter: delimiter,
                 prepare: { batch, readerIsBehind in batch.prepared = prepare(batch, readerIsBehind) }) { batch in
            let prepared = batch.prepared as? Prepared
            try batch.forEachRecord { record, next, position in try body(record, next, prepared, position) }
        }
    }

    private func read(path: String, displayName: String?, delimiter: UInt8?, prepare: (@Sendable (RecordBatch, Bool) -> Void)?,
                      consume: (RecordBatch) throws -> Void) throws -> CSVFileLayout {
        let name = displayName ?? path
        let descriptor = try Self.open(path, name: name)
        defer { close(descriptor) }
        var source = ChunkSource(descriptor: descriptor, path: name, chunkSize: chunkSize)
        return try read(from: &source, displayName: name, delimiter: delimiter, prepare: prepare, consume: consume)
    }

    /// The byte order mark and delimiter of the file at `path`, from its first line.
    public func layout(path: String, displayName: String? = nil) throws -> CSVFileLayout {
        let name = displayName ?? path
        let descriptor = try Self.open(path, name: name)
        defer { close(descriptor) }
        var source = ChunkSource(descriptor: descriptor, path: name, chunkSize: 65_536)
        let (_, layout) = try Self.readHead(from: &source, delimiter: nil)
        return layout
    }

    private static func open(_ path: String, name: String) throws -> Int32 {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; what was opened is checked next.
        let descriptor = Glibc.open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw CSVError(.unreadable(reason: SystemErrorText.describe(errno)), path: name)
        }
        var status = stat()
        if fstat(descriptor, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                close(descriptor)
                throw CSVError(.isDirectory, path: name)
            case S_IFREG:
                break
            default:
                close(descriptor)
                throw CSVError(.unreadable(reason: "bukan berkas biasa"), path: name)
            }
        }
        return descriptor
    }

    /// Gathers the first line (up to 64 KiB) to see the byte order mark and the delimiter,
    /// whatever the chunk size; returns the chunks read so they can be fed exactly as read.
    private static func readHead(from source: inout ChunkSource, delimiter: UInt8?) throws
        -> (chunks: [[UInt8]], layout: CSVFileLayout) {
        var chunks: [[UInt8]] = []
        var head: [UInt8] = []
        while head.count < 65_536 && !head.contains(0x0A) {
            let chunk = try source.next()
            if chunk.isEmpty { break }
            chunks.append(chunk)
            head += chunk
        }
        let hadBOM = head.starts(with: [0xEF, 0xBB, 0xBF])
        let layout = CSVFileLayout(
            delimiter: delimiter ?? detectDelimiter(head.dropFirst(hadBOM ? 3 : 0)),
            hadByteOrderMark: hadBOM)
        return (chunks, layout)
    }

    /// Reads CSV held in memory; the same logic as the file reader, for tests and tools.
    @discardableResult
    public func read(bytes: [UInt8], displayName: String = "-", delimiter: UInt8? = nil, chunkSize: Int? = nil,
                     body: (CSVRecord) throws -> Void) throws -> CSVFileLayout {
        var source = ChunkSource(bytes: bytes, chunkSize: chunkSize ?? self.chunkSize)
        // Bytes in memory are no input file: nothing to record for the manifest.
        var reader = self
        reader.digests = nil
        return try reader.read(from: &source, displayName: displayName, delimiter: delimiter, prepare: nil) { batch in
            try batch.forEachRecord(body)
        }
    }

    /// Records the digest of the bytes read in ``digests``, under `displayName`, once the source
    /// is read to its end.
    ///
    /// - Parameters:
    ///   - prepare: run on the parsing thread for each batch before it is handed over, told
    ///     whether the reader has batches waiting.
    ///   - consume: receives each batch, in order.
    private func read(from source: inout ChunkSource, displayName: String, delimiter: UInt8?,
                      prepare: (@Sendable (RecordBatch, Bool) -> Void)?, consume: (RecordBatch) throws -> Void) throws -> CSVFileLayout {
        let (pending, layout) = try Self.readHead(from: &source, delimiter: delimiter)
        // libcsv parses on a thread of its own and hands records over in batches, so that
        // parsing and what `consume` does with the rows run on two cores.
        let pipe = RecordPipe()
        let producer = BackgroundParse(source: source, pending: pending, reader: self, layout: layout,
                                       displayName: displayName, prepare: prepare, pipe: pipe)
        producer.start()
        defer { producer.join() }
        do {
            while let batch = try pipe.take() {
                try consume(batch)
            }
        } catch {
            pipe.cancel()
            throw error
        }
        return layout
    }

    /// Parses the whole input, handing the records over in batches; runs on the parsing thread.
    /// When parsing fails, the records before the failure are handed over before it is thrown.
    fileprivate func parse(_ source: inout ChunkSource, pending: [[UInt8]], layout: CSVFileLayout, displayName: String,
                           deliver: @escaping (RecordBatch) throws -> Void) throws {
        var pending = pending
        let parser = try LibCSVParser(delimiter: layout.delimiter, path: displayName, maximumFieldLength: maximumFieldLength,
                                      keepsSpaces: keepsSurroundingSpaces, deliver: deliver)
        var markBytesToSkip = layout.hadByteOrderMark ? 3 : 0
        // Every byte read, the byte order mark and the first line's chunks included.
        let reading = digests?.startReading(named: displayName)
        do {
            while true {
                let chunk = pending.isEmpty ? try source.next() : pending.removeFirst()
                if chunk.isEmpty {
                    if let reading { digests?.finish(reading) }
                    break
                }
                if let reading { digests?.add(chunk, to: reading) }
                progress?.addBytes(chunk.count)
                let skip = min(markBytesToSkip, chunk.count)
                markBytesToSkip -= skip
                try chunk.withUnsafeBytes { raw in
                    try feedLines(UnsafeRawBufferPointer(rebasing: raw[skip...]), to: parser, delimiter: layout.delimiter)
                }
                if parser.bufferedFieldLength > maximumFieldLength {
                    throw CSVError(.fieldTooLong(limit: maximumFieldLength), path: displayName,
                                   line: parser.recordStartLine ?? parser.currentLine)
                }
            }
            try parser.finish()
        } catch {
            // A reader that has stopped refuses this too; the first error is the one to tell.
            if let parsed = parser.takeRemainingRecords() { try? deliver(parsed) }
            throw error
        }
        if let rest = parser.takeRemainingRecords() { try deliver(rest) }
    }

    /// Feeds `bytes` to libcsv one physical line at a time, so every record knows its line.
    private func feedLines(_ bytes: UnsafeRawBufferPointer, to parser: LibCSVParser, delimiter: UInt8) throws {
        guard let base = bytes.baseAddress else { return }
        var position = 0
        while position < bytes.count {
            // Segments end at every CR or LF: libcsv ends records only there, so each record
            // starts at the beginning of a segment and its start line does not depend on how
            // the file was cut into chunks. Only LF advances the line (CRLF counts once).
            let remaining = bytes.count - position
            let newline = memchr(base + position, 0x0A, remaining)
            var end = newline.map { base.distance(to: UnsafeRawPointer($0)) + 1 } ?? bytes.count
            var endsLine = newline != nil
            if let carriageReturn = memchr(base + position, 0x0D, end - position) {
                let index = base.distance(to: UnsafeRawPointer(carriageReturn)) + 1
                if index < end {
                    end = index
                    endsLine = false
                }
            }
            let segment = UnsafeRawBufferPointer(rebasing: bytes[position..<end])
            if parser.recordStartLine == nil && Self.hasContent(segment, delimiter: delimiter) {
                parser.recordStartLine = parser.currentLine
            }
            try parser.parse(segment)
            if endsLine { parser.currentLine += 1 }
            position = end
        }
    }

    /// Whether a segment holds anything besides what libcsv skips between records: spaces, tabs
    /// (unless the tab is the delimiter) and line ends. Blank lines start no record.
    private static func hasContent(_ segment: UnsafeRawBufferPointer, delimiter: UInt8) -> Bool {
        segment.contains { $0 != 0x20 && $0 != 0x0D && $0 != 0x0A && ($0 != 0x09 || delimiter == 0x09) }
    }

    /// The delimiter of a file: whichever of `,` `;` and tab occurs most often outside quotes
    /// on the first line; `,` on a tie or when there is none. Only the bytes before the first
    /// line break count, even inside an (unclosed) quote, so the answer never depends on how
    /// much of the file was read.
    static func detectDelimiter(_ bytes: ArraySlice<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [0x2C: 0, 0x3B: 0, 0x09: 0]
        var quoted = false
        for byte in bytes {
            if byte == 0x0A || byte == 0x0D { break }
            if byte == 0x22 { quoted.toggle(); continue }
            if quoted { continue }
            if counts[byte] != nil { counts[byte]! += 1 }
        }
        let best = [UInt8(0x2C), 0x3B, 0x09].max { counts[$0]! < counts[$1]! }!
        return counts[best]! > 0 ? best : 0x2C
    }
}

/// A bounded hand-over of record batches from the parsing thread to the reading one, ending
/// with the end of input or the parser's error.
private final class RecordPipe: @unchecked Sendable {
    // Every field is guarded by `condition`.
    private let condition = NSCondition()
    private var batches: [RecordBatch] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private static let capacity = 3

    /// Hands a batch over, waiting while the reader is behind. Returns false once the reader
    /// has stopped, so the parser can stop too.
    func put(_ batch: RecordBatch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= Self.capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    func finish(failure: (any Error)?) {
        condition.lock()
        finished = true
        self.failure = failure
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch; `nil` at the end of input; throws the parser's error once the batches
    /// before it have been taken.
    func take() throws -> RecordBatch? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        if !batches.isEmpty {
            condition.broadcast()
            return batches.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Whether batches handed over wait to be taken: the reader is behind the parser.
    var hasWaitingBatches: Bool {
        condition.lock()
        defer { condition.unlock() }
        return !batches.isEmpty
    }

    /// The reader stops early: the parser is released and stops at its next batch.
    func cancel() {
        condition.lock()
        cancelled = true
        batches.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

/// Runs libcsv over one input on a worker thread, feeding a ``RecordPipe``.
private final class BackgroundParse: @unchecked Sendable {
    // Set before the work starts and used only by it, until `join` returns.
    private var source: ChunkSource?
    private var pending: [[UInt8]]
    private let reader: CSVFileReader
    private let layout: CSVFileLayout
    private let displayName: String
    private let prepare: (@Sendable (RecordBatch, Bool) -> Void)?
    private let pipe: RecordPipe
    private let done = DispatchSemaphore(value: 0)

    /// Thrown inside the parser to stop it once the reader has given up.
    private struct Stopped: Error {}

    init(source: ChunkSource, pending: [[UInt8]], reader: CSVFileReader, layout: CSVFileLayout, displayName: String,
         prepare: (@Sendable (RecordBatch, Bool) -> Void)?, pipe: RecordPipe) {
        self.source = source
        self.pending = pending
        self.reader = reader
        self.layout = layout
        self.displayName = displayName
        self.prepare = prepare
        self.pipe = pipe
    }

    func start() {
        DispatchQueue.global().async { [self] in
            var failure: (any Error)?
            do {
                var source = self.source.take()!
                let pending = self.pending
                self.pending = []
                try reader.parse(&source, pending: pending, layout: layout, displayName: displayName) { [pipe, prepare] batch in
                    prepare?(batch, pipe.hasWaitingBatches)
                    guard pipe.put(batch) else { throw Stopped() }
                }
            } catch is Stopped {
            } catch {
                failure = error
            }
            // The input is released before the reader is told, so nothing outlives the read.
            pipe.finish(failure: failure)
            done.signal()
        }
    }

    func join() {
        done.wait()
    }
}

/// Where the reader's bytes come from: a file descriptor or a buffer, in chunks.
private struct ChunkSource {
    private enum Origin { case file(Int32), memory([UInt8]) }
    private let origin: Origin
    private let path: String
    private let chunkSize: Int
    private var offset = 0

    init(descriptor: Int32, path: String, chunkSize: Int) {
        origin = .file(descriptor)
        self.path = path
        self.chunkSize = chunkSize
    }

    init(bytes: [UInt8], chunkSize: Int) {
        origin = .memory(bytes)
        path = "-"
        self.chunkSize = max(1, chunkSize)
    }

    /// The next chunk; empty at the end.
    mutating func next() throws -> [UInt8] {
        switch origin {
        case .memory(let bytes):
            let end = min(bytes.count, offset + chunkSize)
            defer { offset = end }
            return Array(bytes[offset..<end])
        case .file(let descriptor):
            var buffer = [UInt8](repeating: 0, count: chunkSize)
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunkSize) }
            if count < 0 {
                if errno == EISDIR { throw CSVError(.isDirectory, path: path) }
                throw CSVError(.unreadable(reason: SystemErrorText.describe(errno)), path: path)
            }
            buffer.removeLast(chunkSize - count)
            return buffer
        }
    }
}
