import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The report folders of an output folder, each as the set of files inside it (those of its
/// `opd/` subfolder included, as `opd/<name>`), for the tests of the all-or-nothing commit: a
/// folder must equal, as a whole, one run's set.
struct ReportFolderSets: Equatable {
    /// Folder (`2025`, `2025/TW1`; `""` for the top) → file name → bytes. Hidden names (the
    /// leftovers of a killed run, the lock) are not part of any set.
    var folders: [String: [String: Data]] = [:]

    init(_ snapshot: DirectorySnapshot) {
        for (path, bytes) in snapshot.files where !RunProvenanceName.isTemporary(path) {
            var parts = path.split(separator: "/").map(String.init)
            var name = parts.removeLast()
            if parts.last == "opd" { name = parts.removeLast() + "/" + name }
            folders[parts.joined(separator: "/"), default: [:]][name] = bytes
        }
    }

    init(_ root: URL) throws {
        self.init(try DirectorySnapshot(root))
    }

    /// How `self` is neither `old` nor `new`, folder by folder; empty when every folder (and
    /// the top `validasi.csv`) is the complete old or the complete new set.
    func mismatches(old: ReportFolderSets, new: ReportFolderSets) -> [String] {
        var result: [String] = []
        for folder in Set(folders.keys).union(old.folders.keys).union(new.folders.keys).sorted() {
            let files = folders[folder] ?? [:]
            if files == (old.folders[folder] ?? [:]) || files == (new.folders[folder] ?? [:]) { continue }
            let names = files.keys.sorted().joined(separator: ", ")
            result.append("\(folder.isEmpty ? "(top)" : folder)/ is neither the old nor the new set: [\(names)]")
        }
        return result
    }
}

/// A run of the built tool started in the background, its output captured in files.
final class BackgroundRun {
    let process = Process()
    let label: String
    private let stderrURL: URL

    init(_ arguments: [String], in directory: URL, label: String, executable: URL? = nil) throws {
        self.label = label
        stderrURL = directory.appendingPathComponent(".stderr-\(label)-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.executableURL = try executable ?? Lakip.executableURL()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
    }

    /// Waits for the end: the exit status (128 + signal when killed) and standard error.
    func finish() -> (status: Int32, stderr: String) {
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: stderrURL)
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return (status, stderr)
    }
}

/// Copies a folder tree as `cp -a` does (hard links, links and modes kept).
func copyTree(_ source: URL, to destination: URL) throws {
    let copy = Process()
    copy.executableURL = URL(fileURLWithPath: "/bin/cp")
    copy.arguments = ["-a", source.path, destination.path]
    try copy.run()
    copy.waitUntilExit()
    try #require(copy.terminationStatus == 0, "cp -a \(source.path) \(destination.path) failed")
}

/// The fixture `clean` with every realisation of 2025 raised by `offset`: another data set of
/// the same shape, so runs on it write the same files with other numbers.
func shiftedCleanData(_ offset: Int, into directory: URL, named name: String) throws -> URL {
    let data = directory.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    for file in ["target_2024.csv", "target_2025.csv"] {
        try FileManager.default.copyItem(at: try Fixture.url("clean").appendingPathComponent(file),
                                         to: data.appendingPathComponent(file))
    }
    let text = try String(contentsOf: try Fixture.url("clean").appendingPathComponent("realisasi.csv"), encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
        let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard cells.count == 5, cells[0] == "2025", let value = Double(cells[4]) else { return String(line) }
        return cells.dropLast().joined(separator: ",") + "," + String(value + Double(offset))
    }
    try Data(lines.joined(separator: "\n").utf8).write(to: data.appendingPathComponent("realisasi.csv"))
    return data
}
