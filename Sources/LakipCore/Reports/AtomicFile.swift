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

    /// Flushes the file to disk and renames it over `path`.
    func commit() throws {
        guard fsync(descriptor) == 0 else { throw OutputError.errno(temporaryPath) }
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
