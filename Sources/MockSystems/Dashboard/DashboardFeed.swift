// The cluster's live event feed: journal changes in, numbered events out, long polls woken without holding a thread.
import HTTPWire
import Synchronization

/// A thread-safe, bounded feed of `DashboardEvent`s for the dashboard's long polls.
///
/// Journals report changes through their observer (`append`): the request's thread only numbers and stores a
/// summary and takes the waiting polls, whose wake closures hop to their own loop — O(1) per request, and a
/// browser that is slow or gone costs nothing (its poll times out, or is displaced by a newer one).
public final class DashboardFeed: Sendable {
    /// Events held when no capacity is given.
    public static let defaultCapacity = 2_000
    /// Long polls held when no limit is given.
    public static let defaultMaxWaiters = 64

    /// How long after the last API call the feed keeps recording: longer than a long poll waits, so an open page
    /// never loses events; once nobody has looked for this long, the mocks' requests cost the feed nothing.
    public static let watchWindow = Duration.seconds(60)

    let state: Mutex<DashboardFeedState>
    private let scheduler: JournalTimerScheduler
    /// Monotonic nanoseconds of the last API call; 0 before the first.
    private let lastWatched = Atomic<UInt64>(0)

    /// A feed holding the newest `capacity` events and at most `maxWaiters` waiting polls (registering one more
    /// wakes the oldest, which answers with nothing new). `scheduler` runs wait timeouts.
    public init(capacity: Int = DashboardFeed.defaultCapacity, maxWaiters: Int = DashboardFeed.defaultMaxWaiters,
                scheduler: @escaping JournalTimerScheduler = Journal.dispatchTimer) {
        state = Mutex(DashboardFeedState(capacity: capacity, maxWaiters: maxWaiters))
        self.scheduler = scheduler
    }

    /// Notes that a page is looking (every API call does): the feed records from now until `watchWindow` passes
    /// without another call. A page reads what happened before from the journals (`/api/requests`).
    public func markWatched(now: UInt64 = MonotonicClock.now()) { lastWatched.store(max(now, 1), ordering: .relaxed) }

    /// Whether a page looked within `watchWindow`: one atomic load and a clock read, all an unwatched request pays.
    public func isWatched(now: UInt64 = MonotonicClock.now()) -> Bool {
        let last = lastWatched.load(ordering: .relaxed)
        return last != 0 && now &- last < Self.watchWindow.nanoseconds
    }

    /// Adds the event for `change` in `system`'s journal and wakes every waiting poll.
    public func append(_ change: JournalChange, system: String) {
        let event = DashboardEvent(change, system: system)
        let woken = state.withLock { $0.append(event) }
        woken.forEach { $0.fire() }
    }

    /// Wakes every waiting poll now (they answer with what there is), e.g. before the server stops.
    public func wakeAll() {
        state.withLock { $0.removeAllWaiters() }.forEach { $0.fire() }
    }

    /// The events after `cursor`, oldest first, at most `limit`.
    public func page(after cursor: Int, limit: Int) -> DashboardPage {
        state.withLock { $0.page(after: cursor, limit: limit) }
    }

    /// The newest event's sequence (0 before the first).
    public var latestSequence: Int { state.withLock { $0.latestSequence } }

    /// Polls waiting now (for tests and limits).
    public var pendingWaitCount: Int { state.withLock { $0.waiters.count } }

    /// Calls `wake` once: at once when there are events after `cursor` (or the cursor is stale), else on the next
    /// event, when `timeout` passes, or when more than the limit of polls wait and this one is the oldest.
    /// `wake` runs on the thread that appended an event or on the scheduler's: it must hop to its own loop.
    public func wait(after cursor: Int, timeout: Duration, wake: @escaping @Sendable () -> Void) {
        let registered: (id: Int, displaced: DashboardWaiter?)? = state.withLock { state in
            state.isReady(after: cursor) ? nil : state.addWaiter(wake)
        }
        guard let (id, displaced) = registered else {
            wake()
            return
        }
        displaced?.fire()
        guard timeout > .zero else {
            state.withLock { $0.endWaiter(id) }?.fire()
            return
        }
        let cancel = scheduler(timeout) { [weak self] in
            self?.state.withLock { $0.endWaiter(id) }?.fire()
        }
        // Woken while the timer was being set up: nobody else will cancel it.
        if !state.withLock({ $0.attachTimer(cancel, toWaiter: id) }) { cancel() }
    }
}
