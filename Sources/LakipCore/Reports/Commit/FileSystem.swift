#if canImport(Glibc)
import Glibc
#endif

/// The system calls of the commit, relative to open folder descriptors and never following a
/// symbolic link below them: one small layer that retries EINTR, names its constants and turns
/// failures into ``OutputError``s that name the path a user sees.
enum FileSystem {
    /// `renameat2` flags (linux/fs.h); the Swift Glibc module does not declare them.
    static let renameNoReplace: UInt32 = 1
    static let renameExchange: UInt32 = 2

    /// What sits at a name, without following a link.
    enum Kind: Equatable {
        case missing, directory, regularFile, symbolicLink, other
    }

    /// An open folder: its descriptor, closed with the last reference, and the path shown in
    /// messages. A class that owns C state, so not `Sendable`.
    final class Folder {
        let descriptor: Int32
        let path: String

        init(descriptor: Int32, path: String) {
            self.descriptor = descriptor
            self.path = path
        }

        deinit { close(descriptor) }

        func path(of name: String) -> String { path.hasSuffix("/") ? path + name : path + "/" + name }
    }

    /// Creates `path` and its missing parents as folders.
    ///
    /// - Returns: the folders created, outermost first (so a run that writes nothing can remove them).
    @discardableResult
    static func makeFolders(_ path: String) throws -> [String] {
        var current = path.hasPrefix("/") ? "" : "."
        var created: [String] = []
        for component in path.split(separator: "/") {
            current += "/" + component
            if retrying({ mkdir(current, 0o755) }) == 0 {
                created.append(current)
            } else if errno != EEXIST {
                throw OutputError.errno(current)
            }
        }
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
            throw OutputError(path: path, reason: "bukan folder")
        }
        return created
    }

    /// Opens the folder at `path`, following links in `path` itself (the user named it).
    static func openFolder(_ path: String) throws -> Folder {
        let descriptor = retrying { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard descriptor >= 0 else {
            throw errno == ENOTDIR ? OutputError(path: path, reason: "bukan folder") : OutputError.errno(path)
        }
        return Folder(descriptor: descriptor, path: path)
    }

    /// Opens the folder `name` inside `parent`, refusing a symbolic link.
    static func openFolder(_ name: String, in parent: Folder) throws -> Folder {
        let path = parent.path(of: name)
        let descriptor = retrying { openat(parent.descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
        guard descriptor >= 0 else {
            if errno == ELOOP { throw OutputError.symbolicLink(path) }
            if errno == ENOTDIR {
                throw kind(of: name, in: parent) == .symbolicLink ? OutputError.symbolicLink(path)
                    : OutputError(path: path, reason: "bukan folder")
            }
            throw OutputError.errno(path)
        }
        return Folder(descriptor: descriptor, path: path)
    }

    /// Creates the folder `name` inside `parent`; `mustBeNew` refuses an existing one.
    static func makeFolder(_ name: String, in parent: Folder, mustBeNew: Bool = true) throws {
        if retrying({ mkdirat(parent.descriptor, name, 0o755) }) != 0 && (mustBeNew || errno != EEXIST) {
            throw OutputError.errno(parent.path(of: name))
        }
    }

    /// Creates the new file `name` in `parent` for writing; an existing name or a link is refused.
    static func createFile(_ name: String, in parent: Folder) throws -> Int32 {
        let descriptor = retrying {
            openat(parent.descriptor, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { throw OutputError.errno(parent.path(of: name)) }
        return descriptor
    }

    static func kind(of name: String, in parent: Folder) -> Kind {
        var status = stat()
        guard fstatat(parent.descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return .missing }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regularFile
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    /// Renames `from` to `to`, both in `folder`, with `renameat2` flags (0: replace `to`).
    static func rename(_ from: String, to: String, in folder: Folder, flags: UInt32 = 0) throws {
        try rename(from, in: folder, to: to, in: folder, flags: flags)
    }

    static func rename(_ from: String, in source: Folder, to: String, in destination: Folder, flags: UInt32 = 0) throws {
        guard retrying({ renameat2(source.descriptor, from, destination.descriptor, to, flags) }) == 0 else {
            throw OutputError.errno(destination.path(of: to))
        }
    }

    /// Exchanges the names `first` and `second` of `folder` in one step.
    ///
    /// - Returns: `false` when the file system cannot exchange (EINVAL, ENOSYS); nothing changed then.
    static func exchange(_ first: String, _ second: String, in folder: Folder) throws -> Bool {
        guard retrying({ renameat2(folder.descriptor, first, folder.descriptor, second, renameExchange) }) == 0 else {
            if errno == EINVAL || errno == ENOSYS { return false }
            throw OutputError.errno(folder.path(of: second))
        }
        return true
    }

    /// Hard-links `name` of `source` as `name` in `destination` (a link is linked, not followed).
    static func link(_ name: String, from source: Folder, to destination: Folder) throws {
        guard retrying({ linkat(source.descriptor, name, destination.descriptor, name, 0) }) == 0 else {
            throw OutputError.errno(destination.path(of: name))
        }
    }

    /// Recreates the symbolic link `name` of `source` in `destination`, pointing where it points.
    static func copyLink(_ name: String, from source: Folder, to destination: Folder) throws {
        var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlinkat(source.descriptor, name, &target, target.count - 1)
        guard length >= 0 else { throw OutputError.errno(source.path(of: name)) }
        target[length] = 0
        guard symlinkat(target, destination.descriptor, name) == 0 else { throw OutputError.errno(destination.path(of: name)) }
    }

    /// Copies the bytes of the regular file `name` (where a hard link is not possible).
    static func copyFile(_ name: String, from source: Folder, to destination: Folder) throws {
        let input = retrying { openat(source.descriptor, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) }
        guard input >= 0 else { throw OutputError.errno(source.path(of: name)) }
        defer { close(input) }
        let output = try createFile(name, in: destination)
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = retrying { buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) } }
            guard count >= 0 else { throw OutputError.errno(source.path(of: name)) }
            if count == 0 { break }
            try writeAll(output, buffer[..<count], path: destination.path(of: name))
        }
        try sync(output, path: destination.path(of: name))
    }

    /// Writes every byte of `bytes` to `descriptor`.
    static func writeAll(_ descriptor: Int32, _ bytes: ArraySlice<UInt8>, path: String) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = retrying { write(descriptor, buffer.baseAddress! + offset, buffer.count - offset) }
                guard written >= 0 else { throw OutputError.errno(path) }
                offset += written
            }
        }
    }

    /// Flushes a file or a folder's entries to disk.
    static func sync(_ descriptor: Int32, path: String) throws {
        guard retrying({ fsync(descriptor) }) == 0 else { throw OutputError.errno(path) }
    }

    /// The names in `folder`, without `.` and `..`.
    static func entries(of folder: Folder) -> [String] {
        let copy = dup(folder.descriptor)
        guard copy >= 0, let handle = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            return []
        }
        defer { closedir(handle) }
        rewinddir(handle)
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Removes `name` from `parent`, with everything inside when it is a folder; links are
    /// removed, never followed.
    static func removeTree(_ name: String, in parent: Folder) throws {
        if kind(of: name, in: parent) == .directory {
            let folder = try openFolder(name, in: parent)
            for entry in entries(of: folder) { try removeTree(entry, in: folder) }
            guard retrying({ unlinkat(parent.descriptor, name, AT_REMOVEDIR) }) == 0 || errno == ENOENT else {
                throw OutputError.errno(parent.path(of: name))
            }
        } else if retrying({ unlinkat(parent.descriptor, name, 0) }) != 0 && errno != ENOENT {
            throw OutputError.errno(parent.path(of: name))
        }
    }

    /// Calls `body` again while it fails with EINTR.
    static func retrying<Result: BinaryInteger>(_ body: () -> Result) -> Result {
        while true {
            let result = body()
            if result >= 0 || errno != EINTR { return result }
        }
    }

    /// glibc's `renameat2`, which the Swift Glibc module does not declare (it needs _GNU_SOURCE):
    /// looked up once in the C library.
    private static func renameat2(_ fromFolder: Int32, _ from: String, _ toFolder: Int32, _ to: String, _ flags: UInt32) -> Int32 {
        guard let function = renameat2Function else {
            if flags == 0 { return renameat(fromFolder, from, toFolder, to) }
            errno = ENOSYS
            return -1
        }
        return function(fromFolder, from, toFolder, to, flags)
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
    /// RTLD_DEFAULT is the null handle: search the libraries the process already loaded.
    private static let renameat2Function: RenameAt2? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2")
        .map { unsafeBitCast($0, to: RenameAt2.self) }
}

extension OutputError {
    /// A symbolic link where lakip would write: refused, so nothing is written through it.
    static func symbolicLink(_ path: String) -> OutputError {
        OutputError(path: path, reason: "itu tautan simbolik (symlink); lakip tidak menulis melalui tautan. "
                        + "Hapus tautan itu, atau pakai --out ke folder tujuannya langsung")
    }
}
