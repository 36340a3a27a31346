#if canImport(Glibc)
import Glibc
#endif

extension UnsafeBufferPointer<UInt8> {
    /// Whether these bytes are exactly `other`'s: a length check and one `memcmp`, where
    /// `elementsEqual` steps two iterators a byte at a time. For the per-row comparisons.
    func hasSameBytes(as other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count == other.count else { return false }
        guard count > 0, let base = baseAddress, let otherBase = other.baseAddress else { return true }
        return memcmp(base, otherBase, count) == 0
    }

    /// Whether these bytes are exactly the UTF-8 of `literal`.
    func hasSameBytes(as literal: StaticString) -> Bool {
        hasSameBytes(as: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }
}
