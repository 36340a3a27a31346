import Foundation

/// Work run on a thread of its own, whose end (and error) is waited for.
final class BackgroundWork: @unchecked Sendable {
    // @unchecked: `error` is written by the thread before `done` is signalled and read after it.
    private let done = DispatchSemaphore(value: 0)
    private var error: (any Error)?

    init(_ work: @escaping @Sendable () throws -> Void) {
        let thread = Thread { [self] in
            do { try work() } catch { self.error = error }
            done.signal()
        }
        // As much stack as the main thread has, where the work of the report writer ran before.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the work to end; rethrows its error.
    func wait() throws {
        done.wait()
        done.signal()
        if let error { throw error }
    }
}
