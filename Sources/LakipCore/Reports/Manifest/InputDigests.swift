import Foundation

/// The SHA-256 and size of a run's input files, taken from the bytes the load parsed.
///
/// The manifest lists every input with its digest. The reader hashes each chunk on the parsing
/// thread as it reads it (``CSVFileReader/digests``), so a national-scale input (300 MB and
/// more) is neither read a second time nor hashed at the commit, and the digest is of the very
/// bytes the reports were computed from, even if the file changes on disk during the run. A
/// file the load did not read to its end here (a report-shaped sheet, a read that failed) is
/// hashed at the commit instead.
final class InputDigests: @unchecked Sendable {
    typealias Digest = (sha256: String, size: UInt64)

    private let lock = NSLock()
    /// By file name (relative to the data folder). Guarded by `lock`.
    private var digests: [String: Digest] = [:]
    /// How many times a digest was recorded: once per file read whole. Guarded by `lock`.
    private var recordings = 0

    /// Records the digest of the whole file `name`, as read; a later reading replaces an
    /// earlier one.
    func record(_ digest: Digest, named name: String) {
        lock.lock()
        defer { lock.unlock() }
        digests[name] = digest
        recordings += 1
    }

    /// How many times a digest was recorded, so that a test can tell that each input is hashed
    /// once.
    var recordingCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return recordings
    }

    /// The digest of the file `name` as the load read it; `nil` when it was not read whole.
    func digest(named name: String) -> Digest? {
        lock.lock()
        defer { lock.unlock() }
        return digests[name]
    }
}
