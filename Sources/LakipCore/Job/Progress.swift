import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One line of the progress bar shown while the data is read: bytes read of the total, and
/// rows per second.
public struct ProgressLine: Sendable, Equatable {
    public var bytesRead: Int64
    public var totalBytes: Int64
    /// Data rows read so far.
    public var rows: Int64
    public var elapsedSeconds: Double

    public init(bytesRead: Int64, totalBytes: Int64, rows: Int64, elapsedSeconds: Double) {
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.rows = rows
        self.elapsedSeconds = elapsedSeconds
    }

    /// `Membaca data [██████░░░░░░░░░░░░░░]  31%  37,5 / 120,0 MB  ≈ 412.000 baris/detik`,
    /// at most `width` columns.
    public func rendered(width: Int = 80) -> String {
        let fraction = totalBytes > 0 ? min(max(Double(bytesRead) / Double(totalBytes), 0), 1) : 0
        let percent = Int((fraction * 100).rounded(.down))
        let rate = elapsedSeconds > 0 ? Int64((Double(rows) / elapsedSeconds).rounded()) : 0
        let numbers = " \(String(percent).leftPadded(to: 3))%  \(Self.megabytes(bytesRead)) / \(Self.megabytes(totalBytes)) MB"
            + "  ≈ \(Self.grouped(rate)) baris/detik"
        let prefix = "Membaca data "
        let barWidth = max(10, min(30, width - prefix.count - numbers.count - 2))
        let filled = Int((fraction * Double(barWidth)).rounded(.down))
        let bar = "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled) + "]"
        return String((prefix + bar + numbers).prefix(width))
    }

    /// `37,5`: megabytes with one decimal and a decimal comma.
    static func megabytes(_ bytes: Int64) -> String {
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return "\(tenths / 10),\(tenths % 10)"
    }

    /// `412.000`: thousands grouped with dots, as Indonesian prose writes them.
    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(".") }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

/// Shows a progress bar on standard error while the CSV files of a data directory are read.
///
/// The loader counts the bytes and rows it reads in a ``LoadProgress``; this monitor samples
/// it ten times a second from a background thread. Nothing is drawn for a read that ends within
/// `delay`, and the line is cleared when the monitor stops.
public final class ReadProgressMonitor: @unchecked Sendable {
    private let progress: LoadProgress
    private let totalBytes: Int64
    private let delay: Double
    private let output: Int32
    private let lock = NSLock()
    private var stopped = false
    private var drawn = false
    private var thread: Thread?

    /// Prepares a monitor for the `.csv` files directly inside `directory`.
    ///
    /// - Parameters:
    ///   - progress: what the loader reports as it reads.
    ///   - delay: seconds before the bar first appears.
    ///   - output: the descriptor drawn on (standard error).
    public init(directory: String, progress: LoadProgress, delay: Double = 0.4, output: Int32 = 2) {
        var total: Int64 = 0
        let url = URL(fileURLWithPath: directory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where name.lowercased().hasSuffix(".csv") || name.lowercased().hasSuffix(".tsv") {
            var status = stat()
            guard stat(url.appendingPathComponent(name).path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { continue }
            total += Int64(status.st_size)
        }
        totalBytes = total
        self.progress = progress
        self.delay = delay
        self.output = output
    }

    /// Starts sampling in a background thread.
    public func start() {
        let started = Date()
        let thread = Thread { [self] in
            while !isStopped {
                Thread.sleep(forTimeInterval: 0.1)
                let elapsed = Date().timeIntervalSince(started)
                guard elapsed >= delay, !isStopped else { continue }
                draw(sample(elapsed: elapsed))
            }
        }
        self.thread = thread
        thread.start()
    }

    /// Stops sampling and clears the bar if it was drawn. Safe to call more than once.
    public func stop() {
        lock.lock()
        stopped = true
        let wasDrawn = drawn
        drawn = false
        if wasDrawn { Self.write("\r\u{1B}[K", to: output) }
        lock.unlock()
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    /// Where the reading stands now.
    func sample(elapsed: Double) -> ProgressLine {
        ProgressLine(bytesRead: min(Int64(progress.bytesRead), totalBytes), totalBytes: totalBytes,
                     rows: Int64(progress.rowsRead), elapsedSeconds: elapsed)
    }

    private func draw(_ line: ProgressLine) {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        var size = winsize()
        let columns = ioctl(output, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
        Self.write("\r" + line.rendered(width: columns - 1) + "\u{1B}[K", to: output)
        drawn = true
    }

    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
