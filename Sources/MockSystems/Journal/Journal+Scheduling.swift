// How wait timeouts are scheduled: a closure, so that the engine can use its event loop and tests their own.
import Dispatch
import HTTPWire

/// Runs `task` once `delay` has passed, holding no thread meanwhile, and returns a closure that cancels it
/// (cancelling after it ran, or twice, does nothing).
///
/// For an event loop without cancellation: `{ delay, task in loop.schedule(after: delay, task); return {} }`.
public typealias JournalTimerScheduler = @Sendable (Duration, @escaping @Sendable () -> Void) -> @Sendable () -> Void

extension Journal {
    /// The default scheduler: a one-shot `DispatchSourceTimer` on a global queue.
    public static let dispatchTimer: JournalTimerScheduler = { delay, task in
        let timer = OneShotTimer(after: delay, task)
        return { timer.cancel() }
    }
}

/// A one-shot `DispatchSourceTimer`. Dispatch sources are thread-safe, but Dispatch does not mark them Sendable.
private final class OneShotTimer: @unchecked Sendable {
    private let source: any DispatchSourceTimer

    init(after delay: Duration, _ task: @escaping @Sendable () -> Void) {
        source = DispatchSource.makeTimerSource(queue: .global())
        source.schedule(deadline: .now() + .nanoseconds(Int(clamping: delay.nanoseconds)), repeating: .never)
        // The handler holds the timer until it has run; cancelling releases it.
        source.setEventHandler { [self] in
            cancel()
            task()
        }
        source.resume()
    }

    func cancel() { source.cancel() }
}
