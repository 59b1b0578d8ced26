// Time as the executor sees it: the wall clock for Retry-After dates, and waiting between attempts.
import Foundation

/// The executor's only access to time between attempts. Production waits for real; tests record the delays and
/// return at once, so retry timing is checked without sleeping.
public protocol ExecutionClock: Sendable {
    /// The current wall-clock time (a `Retry-After` date is measured against it).
    func wallNow() -> Date
    /// Waits `duration` without holding a thread. Returns early, without error, when the task is cancelled.
    func sleep(for duration: Duration) async
}

/// The real clock: `Date()` and `Task.sleep`, which suspends the task and holds no thread.
public struct SystemExecutionClock: ExecutionClock {
    /// The real clock.
    public init() {}

    /// `Date()`.
    public func wallNow() -> Date { Date() }

    /// `Task.sleep(for:)`; a cancellation ends the wait early.
    public func sleep(for duration: Duration) async {
        try? await Task.sleep(for: duration)
    }
}
