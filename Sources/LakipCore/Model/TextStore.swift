/// A reference to UTF-8 text kept in a ``TextStore``.
public struct TextRef: Sendable, Hashable {
    // offset in the upper 40 bits, length in the lower 24: one word per text field.
    fileprivate let packed: UInt64

    /// The most bytes one text field may hold.
    public static let maximumLength = (1 << 24) - 1

    fileprivate init(offset: Int, length: Int) {
        packed = UInt64(offset) << 24 | UInt64(length)
    }

    fileprivate var offset: Int { Int(packed >> 24) }
    public var length: Int { Int(packed & 0xFF_FFFF) }

    /// The empty text.
    public static let empty = TextRef(offset: 0, length: 0)
    public var isEmpty: Bool { length == 0 }
}

/// Append-only storage for the text of every indicator (names, codes, units), in one buffer.
///
/// Keeping text as bytes in one place, rather than as a `String` per field, keeps memory
/// proportional to the text itself and lets reports copy names byte for byte. Values that
/// repeat across rows (agency names, objectives, units) are interned and stored once.
public struct TextStore: Sendable {
    private var bytes: [UInt8] = []
    private var interned = ByteKeyedTable<TextRef>()

    public init() {}

    /// Stores `text` and returns its reference.
    public mutating func append(_ text: UnsafeBufferPointer<UInt8>) -> TextRef {
        guard !text.isEmpty else { return .empty }
        let ref = TextRef(offset: bytes.count, length: text.count)
        bytes.append(contentsOf: text)
        return ref
    }

    /// Stores `text` once, returning the reference of an equal text stored before.
    public mutating func intern(_ text: UnsafeBufferPointer<UInt8>) -> TextRef {
        guard !text.isEmpty else { return .empty }
        if let existing = interned.value(for: text) { return existing }
        let ref = append(text)
        interned.insert(ref, for: text)
        return ref
    }

    public mutating func append(_ text: String) -> TextRef {
        var text = text
        return text.withUTF8 { append($0) }
    }

    public mutating func intern(_ text: String) -> TextRef {
        var text = text
        return text.withUTF8 { intern($0) }
    }

    /// Calls `body` with the bytes of `ref`.
    public func withBytes<R>(_ ref: TextRef, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[ref.offset..<ref.offset + ref.length]))
        }
    }

    /// The text of `ref` as a `String`.
    public func string(_ ref: TextRef) -> String {
        withBytes(ref) { String(decoding: $0, as: UTF8.self) }
    }
}
