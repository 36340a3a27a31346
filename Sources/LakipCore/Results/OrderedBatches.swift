import Dispatch
import Foundation

/// Runs independent pieces of work on all cores and hands their outputs to the caller in their
/// original order.
///
/// The caller's thread consumes while the workers compute, so output written in order (a
/// report file) never waits for the whole job. At most a window of outputs, a few per core, is
/// in flight, which bounds memory whatever the job's size. The result does not depend on the
/// core count, the window or the order the pieces finish in.
enum OrderedBatches {
    /// Splits `0..<count` into ranges of `batchSize`, runs `work` on each concurrently and calls
    /// `consume` with each output in range order, on the calling thread.
    ///
    /// - Parameter windowPerCore: how many pieces per core may be started and not yet consumed.
    ///   The piece the caller waits for holds back all after it: past the window, a core that
    ///   is free has nothing to start.
    /// - Throws: the first error `consume` throws; no later output is consumed then, and every
    ///   piece already started is waited for before returning.
    static func run<Output: Sendable>(count: Int, batchSize: Int, windowPerCore: Int = 2,
                                      work: @escaping @Sendable (Range<Int>) -> Output,
                                      consume: (Output, Range<Int>) throws -> Void) throws {
        let size = max(1, batchSize)
        let ranges = stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
        guard !ranges.isEmpty else { return }
        let window = max(1, windowPerCore) * max(1, ProcessInfo.processInfo.activeProcessorCount)
        let finished = Outputs<Output>()
        let group = DispatchGroup()
        var submitted = 0
        defer { group.wait() }
        for next in ranges.indices {
            while submitted < ranges.count && submitted - next < window {
                let number = submitted, range = ranges[number]
                DispatchQueue.global().async(group: group) { finished.put(work(range), number: number) }
                submitted += 1
            }
            try consume(finished.take(number: next), ranges[next])
        }
    }

    /// Outputs that have finished, by number, and a condition to wait for the next one.
    private final class Outputs<Output: Sendable>: @unchecked Sendable {
        // Guarded by `condition`.
        private var ready: [Int: Output] = [:]
        private let condition = NSCondition()

        func put(_ output: Output, number: Int) {
            condition.lock()
            ready[number] = output
            condition.broadcast()
            condition.unlock()
        }

        func take(number: Int) -> Output {
            condition.lock()
            defer { condition.unlock() }
            while true {
                if let output = ready.removeValue(forKey: number) { return output }
                condition.wait()
            }
        }
    }
}
