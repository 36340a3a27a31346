import CWriteback
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A problem writing reports (exit status 2: the previous reports stay as they were).
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    /// Report folders already replaced by the new set when the failure could not be undone
    /// (each holds the complete new set); empty in every other case.
    public var replacedFolders: [String] = []

    public init(path: String, reason: String, replacedFolders: [String] = []) {
        self.path = path
        self.reason = reason
        self.replacedFolders = replacedFolders
    }

    public var description: String {
        guard replacedFolders.isEmpty else {
            return "Tidak dapat menulis \(path): \(reason). Folder \(replacedFolders.joined(separator: ", ")) sudah berisi "
                + "laporan baru yang utuh; folder lain masih berisi laporan sebelumnya yang utuh."
        }
        return "Tidak dapat menulis \(path): \(reason). Laporan sebelumnya tidak diubah."
    }

    static func errno(_ path: String) -> OutputError {
        OutputError(path: path, reason: SystemErrorText.describe(Glibc.errno))
    }
}

/// A report file being written: its bytes, their SHA-256 for the manifest, and the flush.
///
/// A file of a report folder is written under its own name inside the run's fresh staging
/// folder (see ``StagedFolder``), which becomes visible as a whole. A file outside any report
/// folder (`validasi.csv` at the top, the templates of `lakip init`) is written under a
/// temporary name beside its final one and renamed into place by ``commit()``.
final class AtomicFile {
    /// What every temporary name of this run ends with: `.lakip-<pid>-<random>`, so that no
    /// two runs share a temporary name, and a later run knows the leftovers of a killed one.
    static let runSuffix: String = {
        var random = SystemRandomNumberGenerator()
        let token = String(random.next() & 0xFFFF_FFFF, radix: 16)
        return ".lakip-\(getpid())-" + String(repeating: "0", count: 8 - token.count) + token
    }()

    /// The temporary name of `name` in this run: `.<name>.lakip-<pid>-<random>`.
    static func temporaryName(for name: String) -> String { "." + name + runSuffix }

    /// Whether `name` is a temporary name of some run (this one's, a killed one's, or the
    /// `.<name>.lakip-tmp` of versions before runs had names of their own).
    static func isTemporaryName(_ name: String) -> Bool { name.hasPrefix(".") && name.contains(".lakip-") }

    /// The final path, as messages name the file: where it will be once committed (for a file
    /// of a staging folder, once the folder is swapped in), never its hidden temporary place.
    let path: String
    let name: String
    /// Where the bytes are written until ``commit()``: the temporary name, or `name` itself.
    let writtenName: String
    /// Kept so that the descriptor stays valid as long as the file needs it.
    private let folder: FileSystem.Folder
    private var descriptor: Int32
    /// The SHA-256 of everything written, for the manifest.
    fileprivate(set) var digest = SHA256()

    /// Creates `name` in `folder`: under a temporary name when `renamedIntoPlace`, else under
    /// `name` itself (a file of a staging folder). Never through a link, never over a file.
    ///
    /// - Parameter finalPath: where the file will be once committed, when that is not `name`
    ///   in `folder` (a staging folder's file); what its errors name.
    init(name: String, in folder: FileSystem.Folder, renamedIntoPlace: Bool, finalPath: String? = nil) throws {
        self.name = name
        self.folder = folder
        path = finalPath ?? folder.path(of: name)
        writtenName = renamedIntoPlace ? Self.temporaryName(for: name) : name
        do {
            descriptor = try FileSystem.createFile(writtenName, in: folder)
        } catch var error as OutputError {
            error.path = path
            throw error
        }
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            if writtenName != name { unlinkat(folder.descriptor, writtenName, 0) }
        }
    }

    /// Bytes written so far, and how many of them the disk has been asked to take
    /// (``startWriteback()``).
    private var byteCount: Int64 = 0
    private var writebackStarted: Int64 = 0
    /// How many written bytes wait before their write-back is started.
    static let writebackChunk: Int64 = 8 << 20

    /// Appends `bytes` to the temporary file.
    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        digest.update(UnsafeRawBufferPointer(bytes))
        try writeUnhashed(bytes)
    }

    /// Appends `bytes` without adding them to ``digest``: for a file of ``MirroredFiles``,
    /// whose bytes are hashed once for all of its files.
    fileprivate func writeUnhashed(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = Glibc.write(descriptor, base, remaining)
            if written < 0 {
                if Glibc.errno == EINTR { continue }
                throw OutputError.errno(path)
            }
            remaining -= written
            base += written
        }
        byteCount += Int64(bytes.count)
        if byteCount - writebackStarted >= Self.writebackChunk { startWriteback() }
    }

    /// Has the kernel start writing the bytes written since the last call to disk, and goes on
    /// without waiting. Left to itself the kernel would hold a run's gigabyte in memory until
    /// the commit's `fsync`, which would then wait for all of it with nothing else to do; this
    /// way the disk writes while the rest is being computed. Only a hint: ``flush()`` still
    /// makes the file durable, and reports any error the write-back met.
    private func startWriteback() {
        _ = lakip_start_writeback(descriptor, writebackStarted, byteCount - writebackStarted)
        writebackStarted = byteCount
    }

    /// The file's path for a library that opens it by name (libxlsxwriter): through the
    /// folder's descriptor, so it names this file even if the folder was moved or replaced.
    var pathForOtherWriter: String { "/proc/self/fd/\(folder.descriptor)/\(writtenName)" }
    /// The folder's path for such a library's temporary files.
    var folderPathForOtherWriter: String { "/proc/self/fd/\(folder.descriptor)" }

    /// Hashes what another writer put in the file (see ``pathForOtherWriter``), for the
    /// manifest; nothing may have been written through ``write(_:)``.
    func hashContentsWrittenByOtherWriter() throws {
        let reader = FileSystem.retrying { openat(folder.descriptor, writtenName, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) }
        guard reader >= 0 else { throw OutputError.errno(path) }
        defer { close(reader) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        digest = SHA256()
        while true {
            let count = read(reader, buffer.baseAddress, buffer.count)
            if count < 0 {
                if Glibc.errno == EINTR { continue }
                throw OutputError.errno(path)
            }
            if count == 0 { return }
            digest.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// Set once the file's bytes are on disk.
    private var flushed = false

    /// Flushes what was written to disk; ``commit()`` does so itself when this was not called.
    func flush() throws {
        guard !flushed else { return }
        try FileSystem.sync(descriptor, path: path)
        flushed = true
    }

    /// Flushes `files` to disk concurrently, one worker each, so that waiting for the disk
    /// overlaps; throws the first file's error.
    static func flush(_ files: [AtomicFile]) throws {
        let results = LockedValue(Array(repeating: OutputError?.none, count: files.count))
        let shared = LockedValue(files)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            do {
                try shared.value[index].flush()
            } catch {
                // Each worker writes its own element only.
                results.withValue { $0[index] = error as? OutputError ?? OutputError.errno(shared.value[index].path) }
            }
        }
        if let failure = results.withValue({ $0.lazy.compactMap { $0 }.first }) { throw failure }
    }

    /// Flushes the file to disk (unless ``flush()`` did), closes it and, when it was written
    /// under a temporary name, renames it over its final name (a link there is replaced, never
    /// followed).
    func commit() throws {
        try flush()
        guard close(descriptor) == 0 else {
            descriptor = -1
            if writtenName != name { unlinkat(folder.descriptor, writtenName, 0) }
            throw OutputError.errno(path)
        }
        descriptor = -1
        guard writtenName != name else { return }
        do {
            try FileSystem.rename(writtenName, to: name, in: folder)
        } catch {
            unlinkat(folder.descriptor, writtenName, 0)
            throw error
        }
    }

    /// Closes the file without committing it, and removes it when it has a temporary name.
    func discard() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        if writtenName != name { unlinkat(folder.descriptor, writtenName, 0) }
    }
}

/// Files that receive the same bytes (`validasi.csv` at the top and in every folder): the
/// bytes are hashed once, and every file takes that digest for its manifest.
final class MirroredFiles {
    let files: [AtomicFile]
    private var digest = SHA256()

    init(_ files: [AtomicFile]) {
        self.files = files
    }

    /// Appends `bytes` to every file.
    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        digest.update(UnsafeRawBufferPointer(bytes))
        for file in files { try file.writeUnhashed(bytes) }
    }

    /// Gives every file the digest of all that was written; called once the last bytes are.
    func finish() {
        for file in files { file.digest = digest }
    }
}

/// A value behind a lock, for sharing with concurrent workers.
final class LockedValue<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()

    init(_ value: Value) {
        stored = value
    }

    var value: Value { lock.withLock { stored } }

    func withValue<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        try lock.withLock { try body(&stored) }
    }
}
