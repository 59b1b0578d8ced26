// Server-side waits: "tell me when N matching requests have arrived, or when the timeout passes".
import Synchronization

extension Journal {
    /// Calls `completion` once with the matching count: as soon as `atLeast` retained entries match `matcher`
    /// (checked on every record, update and complete), or with the current count when `timeout` passes.
    /// Nothing blocks meanwhile. `completion` runs on the thread that made the change, or the scheduler's.
    /// - Returns: a handle for `cancelWait(_:)`, or nil when `completion` already ran (count reached, or no time).
    @discardableResult
    public func waitForCount(matching matcher: RequestMatcher, atLeast target: Int, timeout: Duration,
                             completion: @escaping @Sendable (Int) -> Void) -> JournalWaitID? {
        let (waiterID, satisfied) = state.withLock { $0.addWaiter(matcher: matcher, target: target, completion: completion) }
        if let satisfied {
            satisfied.fire()
            return nil
        }
        guard let waiterID else { return nil }
        guard timeout > .zero else {
            state.withLock { $0.endWaiter(waiterID) }?.fire()
            return nil
        }
        let cancel = scheduler(timeout) { [weak self] in
            self?.state.withLock { $0.endWaiter(waiterID) }?.fire()
        }
        // The count may have been reached while the timer was being set up; then nobody else will cancel it.
        if !state.withLock({ $0.attachTimer(cancel, toWaiter: waiterID) }) { cancel() }
        return JournalWaitID(rawValue: waiterID)
    }

    /// Ends a wait now: its completion runs with the current count. Does nothing when it already completed.
    public func cancelWait(_ wait: JournalWaitID) {
        state.withLock { $0.endWaiter(wait.rawValue) }?.fire()
    }

    /// Waits until `atLeast` retained entries match `matcher` or `timeout` passes, and returns the count.
    /// Cancelling the task ends the wait early with the current count.
    public func waitForCount(matching matcher: RequestMatcher, atLeast target: Int, timeout: Duration) async -> Int {
        let handle = WaitHandle()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let wait = waitForCount(matching: matcher, atLeast: target, timeout: timeout) { count in
                    continuation.resume(returning: count)
                }
                if let wait, handle.register(wait) { cancelWait(wait) }
            }
        } onCancel: {
            if let wait = handle.cancel() { cancelWait(wait) }
        }
    }

    /// The number of waits not yet completed (for tests and stats: completed waits hold nothing).
    public var pendingWaitCount: Int { state.withLock { $0.waiters.count } }
}

/// Identifies a pending wait, for `Journal.cancelWait(_:)`.
public struct JournalWaitID: Sendable, Hashable {
    let rawValue: Int
}

/// Meets a task's cancellation with its wait, whichever comes first.
private final class WaitHandle: Sendable {
    private let state = Mutex<(wait: JournalWaitID?, cancelled: Bool)>((nil, false))

    /// Stores the wait; true when the task was cancelled already, so the caller ends the wait itself.
    func register(_ wait: JournalWaitID) -> Bool {
        state.withLock { state in
            state.wait = wait
            return state.cancelled
        }
    }

    /// Marks the task cancelled and returns the wait to end, if registered.
    func cancel() -> JournalWaitID? {
        state.withLock { state in
            state.cancelled = true
            return state.wait
        }
    }
}
