import Foundation
import Testing

/// What one run of the built `lakip` executable produced.
struct LakipResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Lines of standard error, without the empty line after the last newline.
    var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }

    var description: String {
        "exit \(status)\n--- stdout ---\n\(stdout)--- stderr ---\n\(stderr)"
    }

    /// The per-file counts at the end of a run: "NAME: N baris dibaca, U dipakai, R ditolak".
    var fileSummaries: [FileSummary] {
        stderrLines.compactMap(FileSummary.init(line:))
    }
}

/// One line of the closing count per input file (SPEC §6).
struct FileSummary: Equatable, CustomStringConvertible {
    var file: String
    var read: Int
    var used: Int
    var rejected: Int

    init(file: String, read: Int, used: Int, rejected: Int) {
        self.file = file
        self.read = read
        self.used = used
        self.rejected = rejected
    }

    init?(line: String) {
        guard let match = line.wholeMatch(of: #/(.+): (\d+) baris dibaca, (\d+) dipakai, (\d+) ditolak(?: \(.*\))?/#),
              let read = Int(match.2), let used = Int(match.3), let rejected = Int(match.4) else { return nil }
        self.init(file: String(match.1), read: read, used: used, rejected: rejected)
    }

    var description: String { "\(file): \(read) baris dibaca, \(used) dipakai, \(rejected) ditolak" }
}

/// Runs the `lakip` executable that SwiftPM built beside this test bundle, the way
/// swift-argument-parser's `AssertExecuteCommand` runs its example tools.
enum Lakip {
    struct NotFound: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "the built 'lakip' executable was not found; looked in: \(searched.joined(separator: ", ")). "
                + "Build it with 'swift build' or set LAKIP_EXECUTABLE."
        }
    }

    /// The executable: `LAKIP_EXECUTABLE` when set, else the products directory that holds this
    /// test target's resource bundle (`.build/<triple>/debug/`), which is where SwiftPM puts the
    /// `lakip` product the test target depends on.
    static func executableURL() throws -> URL {
        let fileManager = FileManager.default
        if let override = ProcessInfo.processInfo.environment["LAKIP_EXECUTABLE"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        var directories = [Bundle.module.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL]
        if let first = CommandLine.arguments.first {
            directories.append(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        // macOS: the test bundle is `.build/debug/lakipPackageTests.xctest`.
        directories += directories.filter { $0.pathExtension == "xctest" }.map { $0.deletingLastPathComponent() }
        for directory in directories {
            let candidate = directory.appendingPathComponent("lakip")
            if fileManager.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw NotFound(searched: directories.map(\.path))
    }

    /// Runs `lakip arguments…` in `directory` and waits for it to end.
    ///
    /// Standard output and error go to files rather than pipes, so a chatty run can never block
    /// on a full pipe while the test waits for it.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL) throws -> LakipResult {
        let capture = try makeTemporaryDirectory(prefix: "lakip-capture")
        defer { try? FileManager.default.removeItem(at: capture) }
        let stdoutURL = capture.appendingPathComponent("stdout")
        let stderrURL = capture.appendingPathComponent("stderr")
        // A file that could not be made fails the opening below, with the reason.
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)

        let process = Process()
        process.executableURL = try executableURL()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        try process.run()
        process.waitUntilExit()
        try stdoutHandle.close()
        try stderrHandle.close()

        return LakipResult(status: process.terminationStatus,
                           stdout: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
                           stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self))
    }
}

// MARK: - Files and folders

/// The package root (`/…/main`), found from this file's path: Tests/LakipEndToEndTests/<file>.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh, empty directory under the system temporary directory.
func makeTemporaryDirectory(prefix: String = "lakip-e2e") throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Calls `body` with a fresh temporary directory and removes it afterwards.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// The test fixtures shipped in this target's resource bundle (`Fixtures/<name>/`).
enum Fixture {
    static func url(_ name: String) throws -> URL {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil),
                                    "the Fixtures folder is missing from the test bundle")
        let url = fixtures.appendingPathComponent(name, isDirectory: true)
        #expect(FileManager.default.fileExists(atPath: url.path), "no fixture '\(name)' in \(fixtures.path)")
        return url
    }

    /// Copies fixture `name` to `directory/name` (so a run never touches the bundle) and returns it.
    @discardableResult
    static func copy(_ name: String, into directory: URL) throws -> URL {
        let destination = directory.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.copyItem(at: try url(name), to: destination)
        return destination
    }
}

/// Every file and folder under a directory, hidden ones included, with the files' bytes.
struct DirectorySnapshot: Equatable {
    /// Relative path → bytes.
    var files: [String: Data] = [:]
    /// Relative paths of the folders.
    var directories: Set<String> = []

    init(_ root: URL) throws {
        let fileManager = FileManager.default
        guard let enumerator = fileManager.enumerator(atPath: root.path) else { return }
        while let relative = enumerator.nextObject() as? String {
            let url = root.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            _ = fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                directories.insert(relative)
            } else {
                files[relative] = try Data(contentsOf: url)
            }
        }
    }

    /// Every path, files and folders, sorted.
    var paths: [String] { (Array(files.keys) + Array(directories)).sorted() }

    /// Describes how `actual` differs from `self`: missing and extra files, and for each file
    /// whose bytes differ, the first differing line. Empty when they are the same.
    func differences(to actual: DirectorySnapshot) -> [String] {
        var result: [String] = []
        for path in Set(files.keys).subtracting(actual.files.keys).sorted() {
            result.append("\(path): expected, but not written")
        }
        for path in Set(actual.files.keys).subtracting(files.keys).sorted() {
            result.append("\(path): written, but not expected")
        }
        for path in Set(files.keys).intersection(actual.files.keys).sorted() {
            guard let expected = files[path], let written = actual.files[path], expected != written else { continue }
            result.append("\(path): \(firstDifference(expected: expected, actual: written))")
        }
        for path in directories.symmetricDifference(actual.directories).sorted() {
            result.append("\(path)/: folder \(directories.contains(path) ? "missing" : "unexpected")")
        }
        return result
    }
}

/// "line 7 differs: expected «…», got «…»" for the first line where two files differ.
func firstDifference(expected: Data, actual: Data) -> String {
    let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(expectedLines.count, actualLines.count) {
        let want = index < expectedLines.count ? String(expectedLines[index]) : nil
        let got = index < actualLines.count ? String(actualLines[index]) : nil
        if want != got {
            return "line \(index + 1) differs:\n  expected: \(want.map { "«\($0)»" } ?? "(end of file)")\n"
                + "  actual:   \(got.map { "«\($0)»" } ?? "(end of file)")"
        }
    }
    return "same lines, different bytes (\(expected.count) vs \(actual.count) bytes; BOM or line ends?)"
}
