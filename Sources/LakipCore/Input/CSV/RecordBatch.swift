/// Records parsed by libcsv, back to back, handed from the parsing thread to the reading one.
///
/// The bytes of every field lie in one buffer; each record knows the line it starts on, where
/// its bytes end and where its fields' ends end, and a field's end is counted from its
/// record's first byte, as ``CSVRecord`` wants it. The parser fills the three buffers in place
/// (``RecordBatch/Storage``), so a field is copied once, straight out of libcsv.
final class RecordBatch: @unchecked Sendable {
    // Filled (and prepared) by the parsing thread, then read by the consuming one: never both
    // at once.
    private let storage: Storage

    /// A batch is handed over once it holds this many bytes, or this many records at most
    /// (``Storage/recordLimit``).
    static let byteLimit = 1 << 20
    static let largestRecordLimit = 8192
    /// The first batch of a file is handed over at this many records, and each next one at
    /// twice as many as the one before, up to ``largestRecordLimit``. A read that stops after a few
    /// records (the header, the first decisive number) does not wait for a full batch, and the
    /// parser, which runs ahead of the reader by the pipe's few batches, parses a few thousand
    /// records for nothing instead of tens of thousands.
    static let firstRecordLimit = 64

    /// Takes over `storage`'s buffers; they are freed with the batch.
    init(taking storage: Storage) {
        self.storage = storage
    }

    deinit {
        storage.deallocate()
    }

    /// What the reader's preparation made of the records, set on the parsing thread before the
    /// batch is handed over (``CSVFileReader/read(path:displayName:delimiter:preparing:body:)``).
    var prepared: (any Sendable)?

    /// The number of records.
    var count: Int { storage.records.count }

    /// Calls `body` with each record in order; a record is valid only inside the call.
    func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        try forEachRecord { record, _ in try body(record) }
    }

    /// Calls `body` with each record in order and its position in the batch; a record is valid
    /// only inside the call.
    func forEachRecord(_ body: (CSVRecord, Int) throws -> Void) rethrows {
        for position in storage.records.buffer.indices { try body(record(at: position), position) }
    }

    /// Calls `body` with each record in order, the record after it in the batch, if any, and
    /// its position in the batch: a reader can ask for what it will need of the next record
    /// while it reads this one. Records are valid only inside the call.
    func forEachRecord(_ body: (CSVRecord, CSVRecord?, Int) throws -> Void) rethrows {
        let entries = storage.records.buffer
        guard !entries.isEmpty else { return }
        var record = self.record(at: 0)
        for position in entries.indices {
            let next = position + 1 < entries.count ? self.record(at: position + 1) : nil
            try body(record, next, position)
            if let next { record = next }
        }
    }

    /// The record at `position`: it starts where the one before it ends.
    private func record(at position: Int) -> CSVRecord {
        let entries = storage.records.buffer, entry = entries[position]
        let byteStart = position == 0 ? 0 : entries[position - 1].byteEnd
        let fieldStart = position == 0 ? 0 : entries[position - 1].fieldEnd
        return CSVRecord(line: entry.line,
                         bytes: UnsafeBufferPointer(rebasing: storage.bytes.buffer[byteStart..<entry.byteEnd]),
                         fieldEnds: UnsafeBufferPointer(rebasing: storage.fieldEnds.buffer[fieldStart..<entry.fieldEnd]))
    }

    /// Where one record ends in the batch's buffers.
    struct Entry: BitwiseCopyable {
        var line: Int
        var byteEnd: Int
        var fieldEnd: Int
    }

    /// The buffers a batch is filled in. A value without ownership: whoever holds it last
    /// calls ``deallocate()`` (a ``RecordBatch``, or the parser for a batch never handed over).
    struct Storage {
        var bytes: GrowableBuffer<UInt8>
        var fieldEnds: GrowableBuffer<Int>
        var records: GrowableBuffer<Entry>
        /// Where the record being assembled starts in ``bytes`` and ``fieldEnds``.
        var recordByteStart = 0
        var recordFieldStart = 0
        /// The records at which this batch is full (``RecordBatch/firstRecordLimit``).
        let recordLimit: Int

        /// Small buffers, for the first batch of a file: a small file allocates little, and a
        /// large one grows them once.
        init() {
            self.init(byteCapacity: 1 << 14, fieldCapacity: 1 << 10, recordCapacity: 1 << 8,
                      recordLimit: RecordBatch.firstRecordLimit)
        }

        private init(byteCapacity: Int, fieldCapacity: Int, recordCapacity: Int, recordLimit: Int) {
            bytes = GrowableBuffer(capacity: byteCapacity)
            fieldEnds = GrowableBuffer(capacity: fieldCapacity)
            records = GrowableBuffer(capacity: recordCapacity)
            self.recordLimit = recordLimit
        }

        /// Empty buffers as large as these grew, for the next batch of the same file, which
        /// holds up to twice the records: once the batches have reached their full size, each
        /// fills up without growing again.
        func successor() -> Storage {
            Storage(byteCapacity: bytes.capacity, fieldCapacity: fieldEnds.capacity, recordCapacity: records.capacity,
                    recordLimit: Swift.min(2 * recordLimit, RecordBatch.largestRecordLimit))
        }

        var isFull: Bool { bytes.count >= RecordBatch.byteLimit || records.count >= recordLimit }

        /// Bytes and fields of the record being assembled so far.
        var openRecordLength: Int { bytes.count - recordByteStart }
        var openRecordFieldCount: Int { fieldEnds.count - recordFieldStart }

        @inline(__always)
        mutating func appendField(_ start: UnsafeRawPointer?, count: Int) {
            if let start, count > 0 { bytes.append(contentsOf: start, count: count) }
            fieldEnds.append(bytes.count - recordByteStart)
        }

        /// Closes the record being assembled, said to start on `line`.
        mutating func endRecord(line: Int) {
            records.append(Entry(line: line, byteEnd: bytes.count, fieldEnd: fieldEnds.count))
            recordByteStart = bytes.count
            recordFieldStart = fieldEnds.count
        }

        /// Drops the fields of a record that will not be closed.
        mutating func discardOpenRecord() {
            bytes.removeLast(bytes.count - recordByteStart)
            fieldEnds.removeLast(fieldEnds.count - recordFieldStart)
        }

        func deallocate() {
            bytes.deallocate()
            fieldEnds.deallocate()
            records.deallocate()
        }
    }
}

/// A growable array of plain values behind a raw pointer: appending checks only the capacity,
/// with no uniqueness check and no reference count. The owner frees it with ``deallocate()``.
struct GrowableBuffer<Element: BitwiseCopyable> {
    private var base: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow(toHold: count + 1) }
        (base + count).initialize(to: element)
        count += 1
    }

    @inline(__always)
    mutating func append(contentsOf start: UnsafeRawPointer, count added: Int) where Element == UInt8 {
        if count + added > capacity { grow(toHold: count + added) }
        Self.copy(added, from: start, to: UnsafeMutableRawPointer(base + count))
        count += added
    }

    /// Copies `count` bytes. Most cells are short, and a call to `memmove` costs more than
    /// copying them: up to 16 bytes take two loads and two stores, which overlap when the
    /// count is not a power of two.
    @inline(__always)
    private static func copy(_ count: Int, from source: UnsafeRawPointer, to target: UnsafeMutableRawPointer) {
        switch count {
        case 8...16:
            let head = source.loadUnaligned(as: UInt64.self)
            let tail = source.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            target.storeBytes(of: head, as: UInt64.self)
            target.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
        case 4..<8:
            let head = source.loadUnaligned(as: UInt32.self)
            let tail = source.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            target.storeBytes(of: head, as: UInt32.self)
            target.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
        case 1..<4:
            target.storeBytes(of: source.load(as: UInt8.self), as: UInt8.self)
            target.storeBytes(of: source.load(fromByteOffset: count >> 1, as: UInt8.self), toByteOffset: count >> 1,
                              as: UInt8.self)
            target.storeBytes(of: source.load(fromByteOffset: count - 1, as: UInt8.self), toByteOffset: count - 1,
                              as: UInt8.self)
        case 0:
            break
        default:
            target.copyMemory(from: source, byteCount: count)
        }
    }

    mutating func removeLast(_ removed: Int) {
        precondition(removed >= 0 && removed <= count)
        count -= removed
    }

    func deallocate() {
        base.deallocate()
    }

    @inline(never)
    private mutating func grow(toHold needed: Int) {
        var newCapacity = capacity
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
