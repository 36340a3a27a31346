import Foundation

/// The SHA-256 and size of a run's input files, taken from the bytes the load parsed.
///
/// The manifest lists every input with its digest. The reader hands each chunk it reads for a
/// file's rows over to be hashed (``CSVFileReader/digests``), on a queue of its own, so that
/// neither the parser nor the loader waits for the hashing, the file is not read a second
/// time, and the digest is of the very bytes the reports were computed from, even if the file
/// changes on disk during the run. A file the load did not read to its end here (a
/// report-shaped sheet, a read that failed) is hashed at the commit instead.
final class InputDigests: @unchecked Sendable {
    typealias Digest = (sha256: String, size: UInt64)

    /// One file's reading, hashed chunk by chunk.
    final class Reading: @unchecked Sendable {
        fileprivate let name: String
        /// Used only on the queue.
        fileprivate var hasher = SHA256()

        fileprivate init(name: String) {
            self.name = name
        }
    }

    /// Serial: the chunks of a reading are hashed in the order they were read.
    private let queue = DispatchQueue(label: "lakip.input-digests")
    /// Chunks handed over and not yet hashed are bounded, so that a slow hash cannot make the
    /// parser hold the whole file. Waited on by the parser, signalled on the queue.
    private let chunksInFlight = DispatchSemaphore(value: 16)
    /// By file name (relative to the data folder). This and `recordings` are used only on
    /// the queue.
    private var digests: [String: Digest] = [:]
    /// How many times a digest was recorded: once per file read whole.
    private var recordings = 0

    /// Starts hashing a reading of the file `name`.
    func startReading(named name: String) -> Reading {
        Reading(name: name)
    }

    /// Hashes `chunk`, the next bytes read, after those handed over before; waits while too
    /// many chunks are still to be hashed.
    func add(_ chunk: [UInt8], to reading: Reading) {
        chunksInFlight.wait()
        queue.async { [self] in
            chunk.withUnsafeBytes { reading.hasher.update($0) }
            chunksInFlight.signal()
        }
    }

    /// The reading reached the end of the file: its digest is recorded, replacing an earlier
    /// one of the same file. A reading that stops before the end is never finished.
    func finish(_ reading: Reading) {
        queue.async { [self] in
            digests[reading.name] = (reading.hasher.hexDigest(), reading.hasher.byteCount)
            recordings += 1
        }
    }

    /// The digest of the file `name` as the load read it, once every chunk handed over is
    /// hashed; `nil` when it was not read whole.
    func digest(named name: String) -> Digest? {
        queue.sync { digests[name] }
    }

    /// How many times a digest was recorded, so that a test can tell that each input is hashed
    /// once.
    var recordingCount: Int {
        queue.sync { recordings }
    }
}
