import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The output folder of a run, open and locked: one run at a time writes into it (SPEC §6).
///
/// The lock is an advisory `flock` on `<out>/.lakip.lock`, held from before the data is read
/// until the run ends; the kernel releases it when the process dies, so a killed run never
/// leaves the folder locked. The file holds the holder's PID and start time for the message
/// a second run prints. Because only the holder writes into the folder, the leftovers of a
/// killed run that the holder finds (``removeLeftovers()``) belong to a run that is gone.
final class OutputFolder {
    static let lockFileName = ".lakip.lock"
    /// How often a waiting run tries the lock again.
    static let pollInterval: useconds_t = 50_000

    let folder: FileSystem.Folder
    var path: String { folder.path }
    private let lockDescriptor: Int32
    /// The folders this run created for `--out` (outermost first), removed again when the run
    /// writes nothing, so a failed first run leaves no empty folder behind.
    private let createdFolders: [String]
    private var released = false

    private init(folder: FileSystem.Folder, lockDescriptor: Int32, createdFolders: [String]) {
        self.folder = folder
        self.lockDescriptor = lockDescriptor
        self.createdFolders = createdFolders
    }

    deinit { release(wroteReports: true) }

    /// Creates the output folder when missing and takes its lock.
    ///
    /// - Parameters:
    ///   - waitSeconds: how long to wait for another run that holds the lock; 0 refuses at once.
    ///   - onWait: told once, with a message naming the holder, when the run starts to wait.
    /// - Throws: ``OutputError`` when the folder cannot be created or opened, when the lock
    ///   file is a link, or when another run still holds the lock after `waitSeconds`.
    static func open(_ path: String, waitSeconds: Double, onWait: (String) -> Void = { _ in }) throws -> OutputFolder {
        let deadline = Date().addingTimeInterval(max(0, waitSeconds))
        var created: [String] = []
        var toldWaiting = false
        while true {
            created += try FileSystem.makeFolders(path)
            let folder = try FileSystem.openFolder(path)
            let descriptor = FileSystem.retrying {
                openat(folder.descriptor, lockFileName, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
            }
            guard descriptor >= 0 else {
                if errno == ELOOP { throw OutputError.symbolicLink(folder.path(of: lockFileName)) }
                throw OutputError.errno(folder.path(of: lockFileName))
            }
            if FileSystem.retrying({ flock(descriptor, LOCK_EX | LOCK_NB) }) == 0 {
                // The holder before us may have removed the file (or the folder) as it ended:
                // a lock on a name that is gone locks nothing; take the lock again.
                if isStillInPlace(descriptor, folder: folder, path: path) {
                    writeHolder(descriptor)
                    return OutputFolder(folder: folder, lockDescriptor: descriptor, createdFolders: created)
                }
                close(descriptor)
                continue
            }
            let busy = errno == EWOULDBLOCK
            let holder = busy ? readHolder(descriptor) : ""
            close(descriptor)
            guard busy else { throw OutputError.errno(folder.path(of: lockFileName)) }
            if Date() >= deadline {
                throw OutputError(path: path, reason: "folder laporan ini sedang dipakai proses lakip lain (\(holder)); "
                                      + "tidak ada laporan yang ditulis. Tunggu proses itu selesai lalu jalankan ulang, "
                                      + "atau beri waktu tunggu dengan --wait")
            }
            if !toldWaiting {
                onWait("Menunggu proses lakip lain (\(holder)) selesai memakai folder '\(path)' "
                       + "(paling lama \(Int(waitSeconds.rounded(.up))) detik)…")
                toldWaiting = true
            }
            usleep(pollInterval)
        }
    }

    /// Releases the lock. The lock file is removed while still held, so the folder is left as
    /// the run found it; when the run wrote nothing, the folders it created go too.
    func release(wroteReports: Bool) {
        guard !released else { return }
        released = true
        unlinkat(folder.descriptor, Self.lockFileName, 0)
        close(lockDescriptor)
        if !wroteReports {
            for created in createdFolders.reversed() { rmdir(created) }
        }
    }

    /// Removes what killed runs left: temporary files and staging or retired folders
    /// (`.<name>.lakip-<pid>-<random>`) at the top and in each year folder. An old set moved
    /// aside by the two-rename fallback (``StagedFolder/retiredSuffix``) whose name is still
    /// empty is put back instead: it is the only copy of that folder.
    func removeLeftovers() {
        Self.removeLeftovers(in: folder)
        for name in FileSystem.entries(of: folder) where !name.hasPrefix(".") {
            guard FileSystem.kind(of: name, in: folder) == .directory, let year = try? FileSystem.openFolder(name, in: folder) else {
                continue
            }
            Self.removeLeftovers(in: year)
        }
    }

    private static func removeLeftovers(in folder: FileSystem.Folder) {
        for name in FileSystem.entries(of: folder) where AtomicFile.isTemporaryName(name) {
            if name.hasSuffix(StagedFolder.retiredSuffix), let range = name.range(of: ".lakip-") {
                let original = String(name[name.index(after: name.startIndex)..<range.lowerBound])
                if FileSystem.kind(of: original, in: folder) == .missing,
                   (try? FileSystem.rename(name, to: original, in: folder, flags: FileSystem.renameNoReplace)) != nil {
                    continue
                }
            }
            try? FileSystem.removeTree(name, in: folder)
        }
    }

    /// Whether `descriptor` is still the lock file of the folder at `path`.
    private static func isStillInPlace(_ descriptor: Int32, folder: FileSystem.Folder, path: String) -> Bool {
        var locked = stat(), named = stat(), opened = stat(), current = stat()
        return fstat(descriptor, &locked) == 0
            && fstatat(folder.descriptor, lockFileName, &named, AT_SYMLINK_NOFOLLOW) == 0
            && locked.st_dev == named.st_dev && locked.st_ino == named.st_ino
            && fstat(folder.descriptor, &opened) == 0 && stat(path, &current) == 0
            && opened.st_dev == current.st_dev && opened.st_ino == current.st_ino
    }

    /// Records this process in the lock file, for the message a second run prints.
    private static func writeHolder(_ descriptor: Int32) {
        var now = time(nil), parts = tm()
        gmtime_r(&now, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let length = strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M:%S UTC", &parts)
        let started = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let text = "pid=\(getpid())\nmulai=\(started)\n"
        _ = ftruncate(descriptor, 0)
        try? FileSystem.writeAll(descriptor, ArraySlice(Array(text.utf8)), path: lockFileName)
    }

    /// "PID 1234, mulai 2026-12-01 20:45:01 UTC", from the holder's lock file.
    private static func readHolder(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        var fields: [String: String] = [:]
        for line in String(decoding: buffer.prefix(max(0, count)), as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        guard let pid = fields["pid"] else { return "PID belum tercatat" }
        return "PID \(pid)" + (fields["mulai"].map { ", mulai \($0)" } ?? "")
    }
}
