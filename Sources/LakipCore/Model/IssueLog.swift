#if canImport(Glibc)
import Glibc
#endif

/// Every problem found in the input, in the order found: the rows of `validasi.csv`.
///
/// Millions of repeated or rejected rows give millions of problems, and holding them would make
/// memory grow with rows (SPEC §6). So only the counts per severity and the latest problems,
/// up to ``memoryLimit`` bytes, stay in memory; the earlier ones are written to a temporary
/// file in the system's temporary folder and read back, in order, by whoever iterates the log.
/// The file is unlinked as soon as it is made, so it disappears when the run ends, however it
/// ends. Should it fail to be made or written, the problems stay in memory.
///
/// A log is a value: a copy that is appended to does not change the original.
public struct IssueLog: Sequence, Sendable {
    /// Problems per severity, in ``Severity/allCases`` order.
    private var counts = [Int](repeating: 0, count: Severity.allCases.count)
    /// The problems not yet written to ``spill``, after those that were.
    private var pending: [ValidationIssue] = []
    private var pendingBytes = 0
    private var spill: SpillFile?
    /// How many bytes of ``spill`` belong to this value.
    private var spilledBytes = 0
    private var spillFailed = false
    /// Roughly how many bytes of problems are held in memory before they are written out.
    let memoryLimit: Int

    /// The default bound of the problems held in memory: 4 MiB.
    public static let defaultMemoryLimit = 4 << 20

    public init() {
        self.init(memoryLimit: Self.defaultMemoryLimit)
    }

    /// Where the problems are written instead of a new temporary file (tests: `/dev/full`).
    private let spillPath: String?

    /// - Parameters:
    ///   - memoryLimit: roughly how many bytes of problems are held before they are written to
    ///     the temporary file (small in tests, to exercise the file).
    ///   - spillPath: a file to write them to instead, for tests of a full disk.
    init(memoryLimit: Int, spillPath: String? = nil) {
        self.memoryLimit = memoryLimit
        self.spillPath = spillPath
    }

    /// The number of problems.
    public var count: Int { counts.reduce(0, +) }

    public var isEmpty: Bool { count == 0 }

    /// The number of problems of `severity`.
    public func count(of severity: Severity) -> Int {
        counts[Severity.allCases.firstIndex(of: severity)!]
    }

    /// Whether some problems were written to the temporary file.
    var hasSpilled: Bool { spilledBytes > 0 }

    /// Adds a problem at the end.
    ///
    /// - Complexity: amortised O(size of the problem's text).
    public mutating func append(_ issue: ValidationIssue) {
        counts[Severity.allCases.firstIndex(of: issue.severity)!] += 1
        pending.append(issue)
        pendingBytes += MemoryLayout<ValidationIssue>.stride + issue.file.utf8.count + issue.column.utf8.count
            + issue.code.utf8.count + issue.message.utf8.count + issue.agencyCode.utf8.count
        if pendingBytes > memoryLimit && !spillFailed { spillPending() }
    }

    /// Writes the problems held in memory to the end of this value's part of the file.
    private mutating func spillPending() {
        if spill == nil {
            spill = if let spillPath { SpillFile.over(spillPath) } else { SpillFile.make() }
        } else if !isKnownUniquelyReferenced(&spill) {
            // Another copy of this log shares the file and may add to it past `spilledBytes`;
            // should no copy of it be made, the shared file still holds what was spilled.
            guard let copy = spill?.copy(prefix: spilledBytes) else {
                spillFailed = true
                return
            }
            spill = copy
        }
        guard let spill else {
            spillFailed = true
            return
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pendingBytes)
        for issue in pending { IssueCoding.encode(issue, into: &bytes) }
        spill.append(bytes, at: spilledBytes)
        spilledBytes += bytes.count
        pending.removeAll(keepingCapacity: true)
        pendingBytes = 0
    }

    public func makeIterator() -> Iterator {
        Iterator(spill: spill, spilledBytes: spilledBytes, pending: pending)
    }

    /// Reads the problems back in order: those in the file, then those in memory.
    public struct Iterator: IteratorProtocol {
        private let spill: SpillFile?
        private let spilledBytes: Int
        private let pending: [ValidationIssue]
        private var pendingIndex = 0
        /// Bytes of the file read but not yet decoded start at `bufferStart` in `buffer`.
        private var buffer: [UInt8] = []
        private var bufferStart = 0
        /// The file offset just after `buffer`.
        private var fileOffset = 0

        fileprivate init(spill: SpillFile?, spilledBytes: Int, pending: [ValidationIssue]) {
            self.spill = spill
            self.spilledBytes = spilledBytes
            self.pending = pending
        }

        public mutating func next() -> ValidationIssue? {
            if let spill, bufferStart < buffer.count || fileOffset < spilledBytes {
                let length = Int(IssueCoding.readLength(fill(4, from: spill)))
                let record = fill(4 + length, from: spill)
                defer { bufferStart += 4 + length }
                return IssueCoding.decode(record[(record.startIndex + 4)...])
            }
            guard pendingIndex < pending.count else { return nil }
            defer { pendingIndex += 1 }
            return pending[pendingIndex]
        }

        /// The next `count` undecoded bytes, reading more of the file as needed.
        private mutating func fill(_ count: Int, from spill: SpillFile) -> ArraySlice<UInt8> {
            if buffer.count - bufferStart < count {
                buffer.removeFirst(bufferStart)
                bufferStart = 0
                let wanted = Swift.min(Swift.max(count - buffer.count, 1 << 20), spilledBytes - fileOffset)
                guard wanted > 0, let chunk = spill.read(wanted, at: fileOffset), buffer.count + chunk.count >= count else {
                    preconditionFailure("the temporary list of problems could not be read back")
                }
                buffer += chunk
                fileOffset += chunk.count
            }
            return buffer[bufferStart..<(bufferStart + count)]
        }
    }
}

/// The unnamed temporary file an ``IssueLog`` writes to. It owns a file descriptor, and every
/// read names its offset, so sharing it between copies needs no state.
///
/// Bytes are only added at its end (``append(_:at:)``), by the one log that owns it: a log
/// that shares it copies it first. A large piece is written on a thread of its own, so that
/// the loader, which finds the problems, does not wait for the disk; the next piece and every
/// read wait for it. Should a write fail (a full disk), that piece and every later one are held
/// in memory instead, and reads take them from there: no problem is lost.
private final class SpillFile: @unchecked Sendable {
    // @unchecked: the variables below are changed by `append` and by the write it started,
    // which `append` and every read wait for first; a read never runs beside an `append`, since
    // a log whose file is shared (with an iterator too) copies the file before adding to it.
    private let descriptor: Int32
    /// How many bytes were added.
    private var end = 0
    /// Where the first write that failed started; the bytes from there on are in `held`.
    private var failedAt: Int?
    private var held: [UInt8] = []
    /// The write under way on a thread of its own, if any.
    private var inFlight: BackgroundWork?

    /// Pieces at least this large are written on a thread of their own: the log's, of some
    /// 3 MB each; the small ones of tests are written at once, without a thread each.
    private static let backgroundWriteSize = 1 << 16

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// A new empty file in `$TMPDIR` (else `/tmp`), already unlinked; `nil` when none can be made.
    static func make() -> SpillFile? {
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(folder)/lakip-masalah-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return nil }
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        return SpillFile(descriptor: descriptor)
    }

    /// A file over `path`, which is not unlinked: for tests, `/dev/full`, on which every write
    /// fails as on a full disk.
    static func over(_ path: String) -> SpillFile? {
        let descriptor = open(path, O_RDWR)
        return descriptor >= 0 ? SpillFile(descriptor: descriptor) : nil
    }

    /// A new file holding the first `prefix` bytes of this one.
    func copy(prefix: Int) -> SpillFile? {
        guard let copy = SpillFile.make() else { return nil }
        var offset = 0
        while offset < prefix {
            guard let chunk = read(min(1 << 20, prefix - offset), at: offset), !chunk.isEmpty else { return nil }
            copy.append(chunk, at: offset)
            offset += chunk.count
        }
        return copy
    }

    /// Adds `bytes` at `offset`, the end of what was added so far.
    func append(_ bytes: [UInt8], at offset: Int) {
        settle()
        precondition(offset == end, "bytes are added at the end")
        end += bytes.count
        if failedAt != nil {
            held += bytes
        } else if bytes.count < Self.backgroundWriteSize {
            write(bytes, at: offset)
        } else {
            inFlight = BackgroundWork { [self] in write(bytes, at: offset) }
        }
    }

    /// Writes `bytes` at `offset`; on a failure holds them in memory, as every later piece.
    private func write(_ bytes: [UInt8], at offset: Int) {
        let written = bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let written = pwrite(descriptor, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return false }
                done += written
            }
            return true
        }
        if !written {
            failedAt = offset
            held = bytes
        }
    }

    /// Waits for the write under way, if any.
    private func settle() {
        // The write throws nothing; a failure is held in `failedAt`.
        try? inFlight?.wait()
    }

    /// Up to `count` bytes from `offset`, from the file or, past a failed write, from memory;
    /// `nil` when the file cannot be read.
    func read(_ count: Int, at offset: Int) -> [UInt8]? {
        settle()
        let onDisk = min(offset + count, failedAt ?? end) - offset
        guard var bytes = onDisk > 0 ? readFile(onDisk, at: offset) : [] else { return nil }
        if let failedAt, bytes.count == max(onDisk, 0) {
            let from = max(offset, failedAt) - failedAt, to = min(offset + count, end) - failedAt
            if from < to { bytes += held[from..<to] }
        }
        return bytes
    }

    /// Up to `count` bytes of the file from `offset`; `nil` on a failure.
    private func readFile(_ count: Int, at offset: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { return nil }
            if got == 0 { break }
            done += got
        }
        bytes.removeLast(count - done)
        return bytes
    }
}

/// The bytes of one problem in the temporary file: its length (4 bytes, little-endian), then the
/// severity (1 byte), the line and the year (8 bytes each, -1 for none) and five texts, each a
/// 4-byte length and UTF-8.
private enum IssueCoding {
    static func encode(_ issue: ValidationIssue, into bytes: inout [UInt8]) {
        var file = issue.file, column = issue.column, code = issue.code, message = issue.message
        var agencyCode = issue.agencyCode
        let length = 1 + 16 + 20 + file.utf8.count + column.utf8.count + code.utf8.count + message.utf8.count
            + agencyCode.utf8.count
        append(UInt32(length), to: &bytes)
        bytes.append(UInt8(Severity.allCases.firstIndex(of: issue.severity)!))
        append(UInt64(bitPattern: Int64(issue.line ?? -1)), to: &bytes)
        append(UInt64(bitPattern: Int64(issue.year ?? -1)), to: &bytes)
        for index in 0..<5 {
            func add(_ text: inout String) {
                append(UInt32(text.utf8.count), to: &bytes)
                text.withUTF8 { bytes.append(contentsOf: $0) }
            }
            switch index {
            case 0: add(&file)
            case 1: add(&column)
            case 2: add(&code)
            case 3: add(&message)
            default: add(&agencyCode)
            }
        }
    }

    private static func append<Integer: FixedWidthInteger>(_ value: Integer, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    static func readLength(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
    }

    static func decode(_ bytes: ArraySlice<UInt8>) -> ValidationIssue {
        bytes.withUnsafeBytes { raw in
            let severity = Severity.allCases[Int(raw[0])]
            let line = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 1, as: Int64.self))
            let year = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 9, as: Int64.self))
            var position = 17
            func text() -> String {
                let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
                defer { position += 4 + length }
                return String(decoding: UnsafeRawBufferPointer(rebasing: raw[(position + 4)..<(position + 4 + length)]),
                              as: UTF8.self)
            }
            let file = text(), column = text(), code = text(), message = text()
            var issue = ValidationIssue(severity, file: file, line: line < 0 ? nil : Int(line), column: column, code: code,
                                        message: message)
            issue.agencyCode = text()
            issue.year = year < 0 ? nil : Int(year)
            return issue
        }
    }
}
