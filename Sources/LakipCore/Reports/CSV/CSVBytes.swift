/// The bytes a ``CSVRowBuilder`` builds: a growable buffer with the value semantics of an array,
/// written a cell at a time.
///
/// A national run writes over a hundred million cells. Through `Array.append(contentsOf:)`
/// each piece of a cell (its delimiter, its quotes, its bytes) paid a call with its own
/// uniqueness and capacity checks before a `memmove`. Here a cell asks once for room for as
/// many bytes as it can need (``append(atMost:_:)``), one uniqueness and one capacity check,
/// and writes them through a pointer.
struct CSVBytes: RandomAccessCollection, @unchecked Sendable {
    /// Owns the memory; freed when no buffer refers to it.
    private final class Storage {
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int

        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 64)
            base = .allocate(capacity: self.capacity)
        }

        deinit {
            base.deallocate()
        }
    }

    // `@unchecked Sendable`: the bytes are written only through a buffer that alone refers to
    // them (``append(atMost:_:)`` copies them first otherwise), as an array's are.
    private var storage: Storage
    private(set) var count = 0

    init(capacity: Int = 64) {
        storage = Storage(capacity: capacity)
    }

    /// The bytes the buffer holds room for before it grows.
    var capacity: Int { storage.capacity }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> UInt8 {
        precondition(position >= 0 && position < count, "index out of range")
        return storage.base[position]
    }

    /// Appends what `write` puts at the pointer it is given, which has room for `maximum` bytes;
    /// `write` returns how many it wrote.
    @inline(__always)
    mutating func append(atMost maximum: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        if count + maximum > storage.capacity || !isKnownUniquelyReferenced(&storage) { makeRoom(for: maximum) }
        let written = write(storage.base + count)
        assert(written >= 0 && written <= maximum, "wrote more than the room asked for")
        count += written
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        append(atMost: 1) { target in
            target.pointee = byte
            return 1
        }
    }

    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        append(atMost: bytes.count) { target in
            target.update(from: source, count: bytes.count)
            return bytes.count
        }
    }

    mutating func append(contentsOf bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append(contentsOf: $0) }
    }

    /// Appends `other`'s bytes from `offset` on.
    mutating func append(contentsOf other: CSVBytes, from offset: Int = 0) {
        other.withUnsafeBufferPointer { append(contentsOf: UnsafeBufferPointer(rebasing: $0[offset...])) }
    }

    /// Empties the buffer, keeping its memory unless a copy shares it.
    mutating func removeAll() {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(capacity: storage.capacity) }
        count = 0
    }

    func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(storage) { try body(UnsafeBufferPointer(start: storage.base, count: count)) }
    }

    /// Moves the bytes to memory of their own with room for `added` more, at least doubling
    /// when it grows.
    private mutating func makeRoom(for added: Int) {
        let needed = count + added
        let fresh = Storage(capacity: needed > storage.capacity ? Swift.max(storage.capacity * 2, needed) : storage.capacity)
        fresh.base.initialize(from: storage.base, count: count)
        storage = fresh
    }
}
