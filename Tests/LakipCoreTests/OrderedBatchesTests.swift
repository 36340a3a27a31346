import Foundation
import Testing
@testable import LakipCore

/// The pieces of work the reports are made of run on all cores and come back in order, with a
/// bounded number in flight (Results/OrderedBatches.swift).
@Suite("Ordered batches")
struct OrderedBatchesTests {
    /// Counts shared by the workers and the consumer.
    private final class Counts: @unchecked Sendable {
        // Guarded by `lock`.
        private let lock = NSLock()
        private var started = 0, consumed = 0, finished = 0
        private(set) var mostInFlight = 0

        func start() {
            lock.withLock {
                started += 1
                mostInFlight = max(mostInFlight, started - consumed)
            }
        }

        func finish() { lock.withLock { finished += 1 } }
        func consume() { lock.withLock { consumed += 1 } }
        var startedAndFinished: (Int, Int) { lock.withLock { (started, finished) } }
    }

    private static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    @Test("every range once, in order, however the pieces finish", arguments: [1, 2, 4])
    func inOrder(windowPerCore: Int) throws {
        var consumed: [Range<Int>] = []
        try OrderedBatches.run(count: 1000, batchSize: 7, windowPerCore: windowPerCore, work: { range in
            // Every third piece takes 2 ms, so the pieces after it finish first.
            if (range.lowerBound / 7) % 3 == 0 { usleep(2_000) }
            return range
        }, consume: { output, range in
            #expect(output == range)
            consumed.append(range)
        })
        #expect(consumed == stride(from: 0, to: 1000, by: 7).map { $0..<min($0 + 7, 1000) })
    }

    @Test("at most the window per core is started and not consumed, and a slow consumer lets it fill",
          arguments: [1, 2, 4])
    func window(windowPerCore: Int) throws {
        let counts = Counts(), window = windowPerCore * Self.cores
        var first = true
        try OrderedBatches.run(count: 3 * window + 1, batchSize: 1, windowPerCore: windowPerCore, work: { range in
            counts.start()
            counts.finish()
            return range.lowerBound
        }, consume: { _, _ in
            // The first output waits until the whole window has started (or 10 s have passed).
            let deadline = Date().addingTimeInterval(10)
            while first && counts.startedAndFinished.0 < window && Date() < deadline { usleep(1_000) }
            first = false
            counts.consume()
        })
        #expect(counts.mostInFlight == window)
    }

    private struct Stop: Error {}

    @Test("a failing consumer stops the run: nothing after is consumed, and no piece runs on after it returns")
    func consumerFails() throws {
        let counts = Counts()
        var consumed: [Int] = []
        #expect(throws: Stop.self) {
            try OrderedBatches.run(count: 100, batchSize: 1, windowPerCore: 4, work: { range in
                counts.start()
                usleep(200)
                counts.finish()
                return range.lowerBound
            }, consume: { output, _ in
                if output == 3 { throw Stop() }
                consumed.append(output)
            })
        }
        #expect(consumed == [0, 1, 2])
        let (started, finished) = counts.startedAndFinished
        #expect(started == finished && started < 100)
    }
}
