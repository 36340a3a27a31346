#if canImport(Glibc)
import Glibc
#endif

/// A hash map from byte strings to values that looks keys up without allocating.
///
/// The loader resolves millions of (year, agency, indicator) keys straight from the bytes the
/// CSV parser hands over; hashing a borrowed buffer and comparing it with keys kept in one
/// arena avoids a `String` or `Array` per row. Open addressing with linear probing.
public struct ByteKeyedTable<Value>: Sendable where Value: Sendable {
    private struct Slot: Sendable {
        var hash: UInt64
        var keyOffset: Int
        var keyLength: Int
        var valueIndex: Int  // -1: empty
    }

    private var slots: [Slot]
    private var keys: [UInt8] = []
    private(set) var values: [Value] = []

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(hash: 0, keyOffset: 0, keyLength: 0, valueIndex: -1), count: size)
    }

    public var count: Int { values.count }

    /// FNV-1a over the bytes: stable across runs, so nothing depends on a random seed.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key {
            h = (h ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return h
    }

    private func keyEquals(_ slot: Slot, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard slot.keyLength == key.count else { return false }
        return keys.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress, let other = key.baseAddress else { return key.isEmpty }
            return memcmp(base + slot.keyOffset, other, key.count) == 0
        }
    }

    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (index: Int, found: Bool) {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.valueIndex < 0 { return (index, false) }
            if slot.hash == hash && keyEquals(slot, key) { return (index, true) }
            index = (index + 1) & mask
        }
    }

    /// The value stored for `key`, if any.
    public func value(for key: UnsafeBufferPointer<UInt8>) -> Value? {
        let (index, found) = find(key, hash: Self.hash(key))
        return found ? values[slots[index].valueIndex] : nil
    }

    /// The position of `key`'s value in insertion order, if any.
    public func index(for key: UnsafeBufferPointer<UInt8>) -> Int? {
        let (index, found) = find(key, hash: Self.hash(key))
        return found ? slots[index].valueIndex : nil
    }

    /// Stores `value` for `key`, replacing an earlier value.
    ///
    /// - Returns: the position of the value in insertion order.
    @discardableResult
    public mutating func insert(_ value: Value, for key: UnsafeBufferPointer<UInt8>) -> Int {
        let hash = Self.hash(key)
        let (index, found) = find(key, hash: hash)
        if found {
            values[slots[index].valueIndex] = value
            return slots[index].valueIndex
        }
        let offset = keys.count
        keys.append(contentsOf: key)
        slots[index] = Slot(hash: hash, keyOffset: offset, keyLength: key.count, valueIndex: values.count)
        values.append(value)
        if values.count * 2 > slots.count { grow() }
        return values.count - 1
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(hash: 0, keyOffset: 0, keyLength: 0, valueIndex: -1), count: old.count * 2)
        let mask = slots.count - 1
        for slot in old where slot.valueIndex >= 0 {
            var index = Int(truncatingIfNeeded: slot.hash) & mask
            while slots[index].valueIndex >= 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
    }
}
