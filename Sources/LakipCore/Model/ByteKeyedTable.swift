import CPrefetch
#if canImport(Glibc)
import Glibc
#endif

/// A hash map from byte strings to values that looks keys up without allocating.
///
/// The loader resolves millions of (year, agency, indicator) keys straight from the bytes the
/// CSV parser hands over; hashing a borrowed buffer and comparing it with keys kept in one
/// arena avoids a `String` or `Array` per row. Open addressing with linear probing.
public struct ByteKeyedTable<Value>: Sendable where Value: Sendable {
    /// Eight bytes a slot, so that the probed part of a table of millions of keys stays small
    /// and cache-friendly; the key's bytes are found through its entry number.
    private struct Slot: Sendable {
        /// The lower half of the key's hash: it places the slot (tables stay under 2³² slots)
        /// and skips most comparisons, and growing needs no key hashed again.
        var tag: UInt32
        /// The entry's position in `values` and `keyEnds`; -1 when the slot is empty.
        var entry: Int32
    }

    private static var emptySlot: Slot { Slot(tag: 0, entry: -1) }

    private var slots: [Slot]
    /// Every key's bytes, back to back, in the order the keys were inserted.
    private var keys: [UInt8] = []
    /// Where each entry's key ends in `keys`; it starts where the previous one ends.
    private var keyEnds: [Int] = []
    private(set) var values: [Value] = []

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Self.emptySlot, count: size)
    }

    public var count: Int { values.count }

    /// Makes room for `capacity` entries in all in the lists beside the slots. The slots
    /// themselves still grow as keys come: an empty slot is written, so it costs memory.
    public mutating func reserveCapacity(_ capacity: Int) {
        values.reserveCapacity(capacity)
        keyEnds.reserveCapacity(capacity)
    }

    /// Eight bytes at a time, each word mixed in by a multiplication, the length too, then the
    /// whole finished as MurmurHash3's 64-bit finaliser does, so that the low half, which places
    /// the slot, depends on every byte. Stable across runs: nothing depends on a random seed. The
    /// loader hashes a key for each row of a million-row file, and a byte at a time cost several
    /// times as much.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let count = key.count
        var h = 0x243F_6A88_85A3_08D3 ^ UInt64(truncatingIfNeeded: count)
        @inline(__always) func mix(_ word: UInt64) {
            h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
            h ^= h &>> 29
        }
        guard let base = key.baseAddress else { return finish(h) }
        let raw = UnsafeRawPointer(base)
        if count >= 8 {
            var offset = 0
            while offset + 8 <= count {
                mix(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset += 8
            }
            // The last bytes as the last eight, some of them mixed in already: equal keys still
            // hash alike, and a look-up compares the bytes anyway.
            if offset < count { mix(raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)) }
        } else {
            var word: UInt64 = 0
            for index in 0..<count { word |= UInt64(base[index]) &<< (UInt64(index) &* 8) }
            mix(word)
        }
        return finish(h)
    }

    @inline(__always)
    private static func finish(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h &>> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h &>> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        return h ^ (h &>> 33)
    }

    private func keyEquals(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = entry == 0 ? 0 : keyEnds[entry - 1]
        guard keyEnds[entry] - start == key.count else { return false }
        return keys.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress, let other = key.baseAddress else { return key.isEmpty }
            return memcmp(base + start, other, key.count) == 0
        }
    }

    /// The slot a look-up of a key of hash `hash` reads first: where its probe starts.
    @inline(__always)
    private func homeSlot(of hash: UInt64) -> Int {
        Int(UInt32(truncatingIfNeeded: hash)) & (slots.count - 1)
    }

    /// The slot holding `key`, or the empty slot where it would go.
    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (index: Int, found: Bool) {
        let mask = slots.count - 1
        let tag = UInt32(truncatingIfNeeded: hash)
        var index = homeSlot(of: hash)
        while true {
            let slot = slots[index]
            if slot.entry < 0 { return (index, false) }
            if slot.tag == tag && keyEquals(Int(slot.entry), key) { return (index, true) }
            index = (index + 1) & mask
        }
    }

    /// Whether entry `entry` (a position in insertion order) has `key`: a look-up without
    /// hashing, for callers that can guess the entry.
    public func entry(_ entry: Int, hasKey key: UnsafeBufferPointer<UInt8>) -> Bool {
        entry >= 0 && entry < values.count && keyEquals(entry, key)
    }

    /// The value of entry `entry`.
    public func value(ofEntry entry: Int) -> Value { values[entry] }

    /// The value stored for `key`, if any.
    public func value(for key: UnsafeBufferPointer<UInt8>) -> Value? {
        let (index, found) = find(key, hash: Self.hash(key))
        return found ? values[Int(slots[index].entry)] : nil
    }

    /// The position of `key`'s value in insertion order, if any.
    public func index(for key: UnsafeBufferPointer<UInt8>) -> Int? {
        let (index, found) = find(key, hash: Self.hash(key))
        return found ? Int(slots[index].entry) : nil
    }

    /// Where a key a look-up did not find would go (``lookUp(_:)``): inserting it there
    /// (``insert(_:for:at:)``) hashes and probes no more, as long as nothing was inserted in
    /// between.
    public struct Vacancy: Sendable {
        fileprivate let slot: Int
        fileprivate let hash: UInt64
        /// The entries when it was found; another insert makes the vacancy stale.
        fileprivate let count: Int
    }

    /// The value stored for `key`, or where `key` would go when there is none.
    public func lookUp(_ key: UnsafeBufferPointer<UInt8>) -> (value: Value?, vacancy: Vacancy?) {
        lookUp(key, hash: Self.hash(key))
    }

    /// ``lookUp(_:)`` of a key whose ``hash(_:)`` is known already.
    public func lookUp(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (value: Value?, vacancy: Vacancy?) {
        assert(hash == Self.hash(key), "the hash is another key's")
        let (index, found) = find(key, hash: hash)
        if found { return (values[Int(slots[index].entry)], nil) }
        return (nil, Vacancy(slot: index, hash: hash, count: values.count))
    }

    /// Asks the CPU to fetch the slot a look-up of a key of hash `hash` reads first, so that the
    /// look-up, made a little later, finds it in the cache: in a table of millions of keys that
    /// slot is a read from memory. A hint; it changes nothing in the table.
    @inline(__always)
    public func prefetchSlot(hash: UInt64) {
        slots.withUnsafeBufferPointer { slots in
            lakip_prefetch(slots.baseAddress! + homeSlot(of: hash))
        }
    }

    /// Stores `value` for `key`, replacing an earlier value.
    ///
    /// - Returns: the position of the value in insertion order.
    @discardableResult
    public mutating func insert(_ value: Value, for key: UnsafeBufferPointer<UInt8>) -> Int {
        let hash = Self.hash(key)
        let (index, found) = find(key, hash: hash)
        if found {
            let entry = Int(slots[index].entry)
            values[entry] = value
            return entry
        }
        return add(value, for: key, hash: hash, at: index)
    }

    /// Stores `value` for `key`, which ``lookUp(_:)`` did not find and placed at `vacancy`: in
    /// that slot when nothing was inserted since, else as ``insert(_:for:)`` does.
    ///
    /// - Returns: the position of the value in insertion order.
    @discardableResult
    public mutating func insert(_ value: Value, for key: UnsafeBufferPointer<UInt8>, at vacancy: Vacancy?) -> Int {
        guard let vacancy, vacancy.count == values.count else { return insert(value, for: key) }
        assert(vacancy.hash == Self.hash(key), "the vacancy was found for another key")
        return add(value, for: key, hash: vacancy.hash, at: vacancy.slot)
    }

    /// Adds an entry for `key`, absent from the table, in the empty slot `index`.
    private mutating func add(_ value: Value, for key: UnsafeBufferPointer<UInt8>, hash: UInt64, at index: Int) -> Int {
        precondition(values.count < Int(Int32.max), "too many keys")
        keys.append(contentsOf: key)
        keyEnds.append(keys.count)
        slots[index] = Slot(tag: UInt32(truncatingIfNeeded: hash), entry: Int32(values.count))
        values.append(value)
        if values.count * 2 > slots.count { grow() }
        return values.count - 1
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Self.emptySlot, count: old.count * 2)
        let mask = slots.count - 1
        for slot in old where slot.entry >= 0 {
            var index = Int(slot.tag) & mask
            while slots[index].entry >= 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
    }
}
