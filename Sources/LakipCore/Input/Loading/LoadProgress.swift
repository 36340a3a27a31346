import Synchronization

/// How far a load has got: bytes and rows read so far, readable from another thread (the
/// progress bar) while the loader runs.
public final class LoadProgress: Sendable {
    private let bytes = Atomic<Int>(0)
    private let rows = Atomic<Int>(0)

    public init() {}

    /// Bytes of the data files read by the main pass so far.
    public var bytesRead: Int { bytes.load(ordering: .relaxed) }
    /// Data rows read so far.
    public var rowsRead: Int { rows.load(ordering: .relaxed) }

    func addBytes(_ count: Int) { bytes.wrappingAdd(count, ordering: .relaxed) }
    func addRows(_ count: Int) { rows.wrappingAdd(count, ordering: .relaxed) }
}
