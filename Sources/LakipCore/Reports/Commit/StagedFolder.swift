#if canImport(Glibc)
import Glibc
#endif

/// One report folder of a run (`2025` or `2025/TW2`), built complete in a fresh hidden sibling
/// (`.2025.lakip-<pid>-<random>`) and made visible in one step: `renameat2(RENAME_EXCHANGE)`
/// swaps the new folder with the old one, so the name always holds a complete set, the old
/// one until the exchange and the new one after it. The old set then sits under the hidden
/// name until the run ends (or, after a kill, until the next run removes it).
///
/// A year folder also holds the quarter folders (`TW1`–`TW3`) of other runs. Before the
/// exchange they are rebuilt inside the new year folder from hard links to the same files (a
/// report file is never changed in place, only replaced), so at every instant
/// `2025/TW2/…` holds the same complete set, before and after the exchange.
final class StagedFolder {
    let period: ReportPeriod
    /// The folder that holds this one: the output folder, or the year folder of a quarter.
    let parent: FileSystem.Folder
    /// The folder's name in `parent`: `2025` or `TW2`.
    let name: String
    let stagingName: String
    let staging: FileSystem.Folder
    /// The files of the new set in the order they were started, those started to be listed
    /// last after the others: the order of the manifest.
    var files: [AtomicFile] { leadingFiles + trailingFiles }
    private var leadingFiles: [AtomicFile] = []
    private var trailingFiles: [AtomicFile] = []

    private enum State { case staged, exchanged, renamedIntoPlace, retiredByTwoRenames }
    private var state = State.staged

    /// The path shown to users: `<out>/2025/TW2`.
    var path: String { parent.path(of: name) }

    /// Checks the place of `period`'s folder and creates its staging folder.
    ///
    /// - Throws: ``OutputError`` when the folder (or its year folder) is a link or not a folder.
    init(period: ReportPeriod, in output: OutputFolder) throws {
        self.period = period
        var parts = period.folder.split(separator: "/").map(String.init)
        name = parts.removeLast()
        var parent = output.folder
        for part in parts {
            try Self.checkPlace(part, in: parent)
            try FileSystem.makeFolder(part, in: parent, mustBeNew: false)
            parent = try FileSystem.openFolder(part, in: parent)
        }
        self.parent = parent
        try Self.checkPlace(name, in: parent)
        stagingName = AtomicFile.temporaryName(for: name)
        try FileSystem.makeFolder(stagingName, in: parent)
        staging = try FileSystem.openFolder(stagingName, in: parent)
    }

    /// A missing name or a folder is fine; a link is refused, never written through.
    private static func checkPlace(_ name: String, in parent: FileSystem.Folder) throws {
        switch FileSystem.kind(of: name, in: parent) {
        case .missing, .directory: return
        case .symbolicLink: throw OutputError.symbolicLink(parent.path(of: name))
        case .regularFile, .other: throw OutputError(path: parent.path(of: name), reason: "bukan folder")
        }
    }

    /// Subfolders of the new set (`opd`), made by the first file inside them.
    private var subfolders: Set<String> = []

    /// Starts the file `name` of the new set; `opd/1.02.html` is created in the subfolder
    /// `opd` of the new set (one level).
    ///
    /// - Parameter listedLast: whether ``files`` lists it after every file started without,
    ///   also those started later (`validasi.csv`, started first but listed last).
    func file(named name: String, listedLast: Bool = false) throws -> AtomicFile {
        if let slash = name.firstIndex(of: "/") {
            let subfolder = String(name[..<slash])
            if subfolders.insert(subfolder).inserted { try FileSystem.makeFolder(subfolder, in: staging) }
        }
        let file = try AtomicFile(name: name, in: staging, renamedIntoPlace: false, finalPath: path + "/" + name)
        if listedLast { trailingFiles.append(file) } else { leadingFiles.append(file) }
        return file
    }

    /// Makes the new set ready to be swapped in: a year folder gets the quarter folders of the
    /// old one; every folder entry is flushed to disk.
    func prepare() throws {
        if period.folder.contains("/") == false, FileSystem.kind(of: name, in: parent) == .directory {
            let old = try FileSystem.openFolder(name, in: parent)
            for quarter in Quarter.allCases.dropLast().map(\.label) {
                switch FileSystem.kind(of: quarter, in: old) {
                case .directory: try Self.replicate(quarter, from: old, to: staging)
                case .symbolicLink: try FileSystem.copyLink(quarter, from: old, to: staging)
                default: continue
                }
            }
        }
        for subfolder in subfolders.sorted() {
            let folder = try FileSystem.openFolder(subfolder, in: staging)
            try FileSystem.sync(folder.descriptor, path: folder.path)
        }
        try FileSystem.sync(staging.descriptor, path: staging.path)
    }

    /// Rebuilds the folder `name` of `source` in `destination`: folders made anew, files hard-linked
    /// (copied where the file system cannot link), links recreated; leftovers of killed runs
    /// and anything else (a FIFO) are left out.
    private static func replicate(_ name: String, from source: FileSystem.Folder, to destination: FileSystem.Folder) throws {
        try FileSystem.makeFolder(name, in: destination)
        let from = try FileSystem.openFolder(name, in: source), to = try FileSystem.openFolder(name, in: destination)
        for entry in FileSystem.entries(of: from) where !AtomicFile.isTemporaryName(entry) {
            switch FileSystem.kind(of: entry, in: from) {
            case .directory:
                try replicate(entry, from: from, to: to)
            case .regularFile:
                do {
                    try FileSystem.link(entry, from: from, to: to)
                } catch {
                    try FileSystem.copyFile(entry, from: from, to: to)
                }
            case .symbolicLink:
                try FileSystem.copyLink(entry, from: from, to: to)
            case .missing, .other:
                continue
            }
        }
        try FileSystem.sync(to.descriptor, path: to.path)
    }

    /// Makes the new set visible in one step: exchanged with the old folder, or renamed into
    /// place when there is none. The parent's entries are then flushed.
    func swapIn() throws {
        if FileSystem.kind(of: name, in: parent) == .missing {
            try FileSystem.rename(stagingName, to: name, in: parent, flags: FileSystem.renameNoReplace)
            state = .renamedIntoPlace
        } else {
            if try FileSystem.exchange(stagingName, name, in: parent) {
                state = .exchanged
            } else {
                // A file system without RENAME_EXCHANGE (NFS): two renames, the old set moved
                // aside first. A kill between them leaves the name empty for that instant.
                try FileSystem.rename(name, to: stagingName + Self.retiredSuffix, in: parent)
                try FileSystem.rename(stagingName, to: name, in: parent, flags: FileSystem.renameNoReplace)
                state = .retiredByTwoRenames
            }
        }
        try FileSystem.sync(parent.descriptor, path: parent.path)
    }

    /// Undoes ``swapIn()``: the old set back under its name, the new one under the hidden name.
    func swapBack() throws {
        switch state {
        case .staged:
            return
        case .exchanged:
            _ = try FileSystem.exchange(stagingName, name, in: parent)
        case .renamedIntoPlace:
            try FileSystem.rename(name, to: stagingName, in: parent, flags: FileSystem.renameNoReplace)
        case .retiredByTwoRenames:
            try FileSystem.rename(name, to: stagingName, in: parent, flags: FileSystem.renameNoReplace)
            try FileSystem.rename(stagingName + Self.retiredSuffix, to: name, in: parent, flags: FileSystem.renameNoReplace)
        }
        state = .staged
        try FileSystem.sync(parent.descriptor, path: parent.path)
    }

    /// Whether the new set is the one visible.
    var isSwappedIn: Bool { state != .staged }

    /// Removes what is left under the hidden names: the old set after a swap, or the unused new
    /// set when the run failed before it.
    func removeHiddenSet() throws {
        try FileSystem.removeTree(stagingName, in: parent)
        if state == .retiredByTwoRenames { try FileSystem.removeTree(stagingName + Self.retiredSuffix, in: parent) }
    }

    /// Ends the hidden name of an old set moved aside by the two-rename fallback.
    static let retiredSuffix = "-lama"
}
