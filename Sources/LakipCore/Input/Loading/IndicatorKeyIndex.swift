/// Finds an indicator by what names it in every input file: its year, kode_opd and
/// kode_indikator.
///
/// The loader resolves a key for each of millions of rows straight from the cells' bytes, so a
/// ``Key`` is rebuilt in one reused buffer rather than made a `String` or a new array per row.
/// The key's layout is written only here, so that the loader and ``Dataset`` cannot disagree.
struct IndicatorKeyIndex: Sendable {
    /// The bytes of one indicator's key: the year in two bytes, big-endian, then the agency
    /// code, a separator and the indicator code.
    struct Key: Equatable {
        /// Between the two codes, so that agency `A1` with indicator `B` and agency `A` with
        /// indicator `1B` get different keys. The unit separator, a control character, is not
        /// part of a code a spreadsheet exports.
        private static let separator: UInt8 = 0x1F

        /// The key is the first `length` bytes; the rest is room, so that setting a key is a
        /// few copies into memory already there rather than appends that each check for room.
        private var storage: [UInt8]
        private var length = 0

        /// An empty key with room for `capacity` bytes, so that setting it allocates nothing.
        init(capacity: Int = 128) {
            storage = [UInt8](repeating: 0, count: max(capacity, 1))
        }

        /// Between the Pemda's code and the agency's, when the data name Pemda.
        static let pemdaSeparator: UInt8 = 0x1E

        /// Makes this the key of `indicatorCode` of `agencyCode` (of `pemdaCode`, when the data
        /// name Pemda) in `year`, in place. Without a Pemda the key is as it always was.
        mutating func set(year: Int, pemdaCode: UnsafeBufferPointer<UInt8>? = nil, agencyCode: UnsafeBufferPointer<UInt8>,
                          indicatorCode: UnsafeBufferPointer<UInt8>) {
            let needed = 2 + (pemdaCode.map { $0.count + 1 } ?? 0) + agencyCode.count + 1 + indicatorCode.count
            if needed > storage.count { storage = [UInt8](repeating: 0, count: needed * 2) }
            length = storage.withUnsafeMutableBufferPointer { buffer in
                var position = 0
                func put(_ byte: UInt8) {
                    buffer[position] = byte
                    position += 1
                }
                func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                    guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
                    (buffer.baseAddress! + position).update(from: source, count: bytes.count)
                    position += bytes.count
                }
                put(UInt8(truncatingIfNeeded: year >> 8))
                put(UInt8(truncatingIfNeeded: year))
                if let pemdaCode {
                    put(pemdaCode)
                    put(Self.pemdaSeparator)
                }
                put(agencyCode)
                put(Self.separator)
                put(indicatorCode)
                return position
            }
        }

        /// Makes this key equal to `other` by copying its bytes into this key's own buffer:
        /// assigning would share one buffer, which the next `set` of either key would copy.
        mutating func copy(_ other: Key) {
            if other.length > storage.count { storage = [UInt8](repeating: 0, count: other.storage.count) }
            other.withBytes { source in
                storage.withUnsafeMutableBufferPointer { target in
                    if let from = source.baseAddress, !source.isEmpty { target.baseAddress!.update(from: from, count: source.count) }
                }
            }
            length = other.length
        }

        /// Calls `body` with the key's bytes.
        func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
            try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[..<length])) }
        }

        /// The hash the index files the key under.
        var hash: UInt64 {
            withBytes { ByteKeyedTable<Int>.hash($0) }
        }

        /// The key's bytes alone, not the room after them, compared with `memcmp`: the loader
        /// compares the key of every realisation row with the row before's.
        static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.withBytes { left in rhs.withBytes { left.hasSameBytes(as: $0) } }
        }
    }

    /// Key → index in ``Dataset/indicators``; entries are numbered in the order inserted.
    private var table = ByteKeyedTable<Int>()

    var count: Int { table.count }

    /// Makes room for `capacity` indicators in all.
    mutating func reserveCapacity(_ capacity: Int) {
        table.reserveCapacity(capacity)
    }

    /// Records that `key` names the indicator at `index`, replacing an earlier index; in the
    /// slot `vacancy` names when it is still free (``lookUp(_:)``).
    mutating func insert(_ index: Int, for key: Key, at vacancy: ByteKeyedTable<Int>.Vacancy? = nil) {
        key.withBytes { _ = table.insert(index, for: $0, at: vacancy) }
    }

    /// The index of the indicator `key` names, if one is loaded.
    func indicator(for key: Key) -> Int? {
        key.withBytes { table.value(for: $0) }
    }

    /// The index of the indicator `key` names, or where an indicator of that key would go.
    ///
    /// - Parameter hash: the key's ``Key/hash``, when it was computed already.
    func lookUp(_ key: Key, hash: UInt64? = nil) -> (indicator: Int?, vacancy: ByteKeyedTable<Int>.Vacancy?) {
        key.withBytes { bytes in
            let (value, vacancy) = table.lookUp(bytes, hash: hash ?? ByteKeyedTable<Int>.hash(bytes))
            return (value, vacancy)
        }
    }

    /// Asks the CPU for the first place a look-up of a key of hash `hash` reads (see
    /// ``ByteKeyedTable/prefetchSlot(hash:)``).
    @inline(__always)
    func prefetch(hash: UInt64) {
        table.prefetchSlot(hash: hash)
    }

    /// The entry and indicator index of `key`, trying entry `guess` before hashing.
    ///
    /// Comparing the key with one guessed entry in place spares the scattered reads of a hash
    /// look-up; a caller that walks rows in the order the indicators were inserted guesses
    /// right most of the time.
    func find(_ key: Key, guessingEntry guess: Int) -> (entry: Int, indicator: Int)? {
        key.withBytes { bytes in
            guard let entry = table.entry(guess, hasKey: bytes) ? guess : table.index(for: bytes) else { return nil }
            return (entry, table.value(ofEntry: entry))
        }
    }
}
