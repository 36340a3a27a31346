import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run of the built tool with its own peak memory, measured by GNU time (`apt-get install
/// time`), so the figure is that process's alone, whatever else the test process runs.
struct MeasuredRun: CustomStringConvertible {
    var status: Int32
    var stderr: String
    /// Peak resident set size, in KiB (`ru_maxrss`).
    var maxResidentKiB: Int
    var seconds: Double

    var description: String {
        "exit \(status), peak \(maxResidentKiB / 1024) MiB, \(String(format: "%.2f", seconds)) s\n--- stderr ---\n\(stderr)"
    }

    /// Runs `lakip arguments…` in `directory`. With `fileSizeLimitKiB`, the tool runs under
    /// `ulimit -f` with SIGXFSZ ignored, so a write past the limit fails with EFBIG the way a
    /// full disk fails a write: a small, file-backed "full disk".
    static func run(_ arguments: [String], in directory: URL, fileSizeLimitKiB: Int? = nil) throws -> MeasuredRun {
        let executable = try Lakip.executableURL().path
        func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        // The shell changes directory and sets the limit, then becomes the tool (exec keeps the
        // pid, so wait4 reports the tool's own usage).
        var script = "cd \(quoted(directory.path)) && "
        // dash's `ulimit -f` counts 512-byte blocks.
        if let limit = fileSizeLimitKiB { script += "trap '' XFSZ; ulimit -f \(limit * 2); " }
        // GNU time forks the tool from its own small process and reports that child's peak
        // (wait4 on a child spawned from this large test process would count this process's
        // high-water mark: Linux carries it across exec).
        guard access(timeCommand, X_OK) == 0 else { throw TimeCommandMissing() }
        let usageFile = directory.appendingPathComponent(".usage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: usageFile) }
        script += "exec " + ([timeCommand, "-f", "%M", "-o", usageFile.path, executable] + arguments).map(quoted)
            .joined(separator: " ")
        let argv = ["/bin/sh", "-c", script]
        let errorFile = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: errorFile) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errorFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let start = Date()
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let usageText = (try? String(contentsOf: usageFile, encoding: .utf8)) ?? ""
        // GNU time writes "Command exited with non-zero status N" before the figure.
        let peak = usageText.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? Int.max
        return MeasuredRun(status: exitStatus, stderr: (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "",
                           maxResidentKiB: peak, seconds: Date().timeIntervalSince(start))
    }
}

/// GNU time, which measures a child's peak memory.
let timeCommand = "/usr/bin/time"

struct TimeCommandMissing: Error, CustomStringConvertible {
    var description: String { "\(timeCommand) (GNU time) is needed to measure peak memory: apt-get install -y time" }
}
