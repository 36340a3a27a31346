import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A problem writing reports (exit status 2: the previous reports stay as they were).
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String {
        "Tidak dapat menulis \(path): \(reason). Laporan sebelumnya tidak diubah."
    }

    static func errno(_ path: String) -> OutputError {
        OutputError(path: path, reason: SystemErrorText.describe(Glibc.errno))
    }
}

/// A report file written beside its final name and renamed into place only when complete, so
/// a failed or killed run leaves the previous file intact.
final class AtomicFile {
    /// Temporary files end with this; a later run removes any left behind.
    static let temporarySuffix = ".lakip-tmp"

    let path: String
    let temporaryPath: String
    private var descriptor: Int32
    /// The SHA-256 of everything written, for the manifest.
    private(set) var digest = SHA256()

    /// Creates the temporary file for `path`.
    init(path: String) throws {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        temporaryPath = directory + "/." + name + Self.temporarySuffix
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError.errno(temporaryPath) }
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    /// Appends `bytes` to the temporary file.
    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard var base = bytes.baseAddress else { return }
        digest.update(UnsafeRawBufferPointer(bytes))
        var remaining = bytes.count
        while remaining > 0 {
            let written = Glibc.write(descriptor, base, remaining)
            if written < 0 {
                if Glibc.errno == EINTR { continue }
                throw OutputError.errno(temporaryPath)
            }
            remaining -= written
            base += written
        }
    }

    /// Set once the file's bytes are on disk.
    private var flushed = false

    /// Flushes what was written to disk; ``commit()`` does so itself when this was not called.
    func flush() throws {
        guard !flushed else { return }
        guard fsync(descriptor) == 0 else { throw OutputError.errno(temporaryPath) }
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
                results.withValue { $0[index] = error as? OutputError ?? OutputError.errno(shared.value[index].temporaryPath) }
            }
        }
        if let failure = results.withValue({ $0.lazy.compactMap { $0 }.first }) { throw failure }
    }

    /// Flushes the file to disk (unless ``flush()`` did) and renames it over `path`.
    func commit() throws {
        try flush()
        guard close(descriptor) == 0 else {
            descriptor = -1
            unlink(temporaryPath)
            throw OutputError.errno(temporaryPath)
        }
        descriptor = -1
        guard rename(temporaryPath, path) == 0 else {
            let error = OutputError.errno(path)
            unlink(temporaryPath)
            throw error
        }
    }

    /// Creates `path` and its parents as directories when missing.
    static func makeDirectories(_ path: String) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o755) != 0 && Glibc.errno != EEXIST {
                throw OutputError.errno(current)
            }
        }
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
            throw OutputError(path: path, reason: "bukan folder")
        }
    }

    /// Removes temporary files a killed run left in `directory`.
    static func removeLeftovers(in directory: String) {
        guard let handle = opendir(directory) else { return }
        defer { closedir(handle) }
        var leftovers: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasPrefix(".") && name.hasSuffix(temporarySuffix) { leftovers.append(name) }
        }
        for name in leftovers { unlink(directory + "/" + name) }
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
