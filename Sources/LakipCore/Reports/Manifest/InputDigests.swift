import Foundation

/// The SHA-256 and size of a run's input files, worked out on a thread of its own while the
/// load reads them.
///
/// The manifest lists every input with its digest. Hashed at the commit, a national-scale
/// input (300 MB and more) held the commit up on one core; during the load, the core that
/// parses has room to spare. A file that could not be read here is hashed again at the
/// commit, which then says what is wrong.
final class InputDigests: @unchecked Sendable {
    typealias Digest = (sha256: String, size: UInt64)

    private let expected: Set<String>
    private let condition = NSCondition()
    /// By file name (relative to the data folder), as each is done; `nil` for a file that could
    /// not be read. Guarded by `condition`.
    private var digests: [String: Digest?] = [:]

    /// Starts hashing `files`, in order, on a thread of its own.
    init(files: [(path: String, name: String)]) {
        expected = Set(files.map(\.name))
        Thread.detachNewThread { [self] in
            for file in files {
                let digest = SHA256.file(at: file.path)
                condition.lock()
                digests[file.name] = .some(digest)
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    /// The digest of the file `name`, waiting for it if need be; `nil` for a file that was not
    /// given or could not be read.
    func digest(named name: String) -> Digest? {
        guard expected.contains(name) else { return nil }
        condition.lock()
        defer { condition.unlock() }
        while digests.index(forKey: name) == nil { condition.wait() }
        return digests[name] ?? nil
    }
}
