// The dashboard's event feed as a value: a bounded ring of numbered events and the long polls waiting for more.
// Every change returns the waiters to wake, so that `DashboardFeed` calls them after releasing its lock.

/// A long poll waiting for an event after its cursor: `wake()` answers it (the closure hops to its own loop).
struct DashboardWaiter {
    let wake: @Sendable () -> Void
    var cancelTimer: (@Sendable () -> Void)?

    func fire() {
        cancelTimer?()
        wake()
    }
}

struct DashboardFeedState {
    private(set) var ring: RingBuffer<DashboardEvent>
    /// Long polls waiting at most; registering one more wakes the oldest (it answers with nothing new).
    let maxWaiters: Int
    private(set) var latestSequence = 0
    private(set) var waiters: [Int: DashboardWaiter] = [:]
    private var nextWaiterID = 1

    init(capacity: Int, maxWaiters: Int) {
        ring = RingBuffer(capacity: capacity)
        self.maxWaiters = max(1, maxWaiters)
    }

    /// Numbers and stores `event` (evicting the oldest when full) and returns every waiter, removed: O(1) apart
    /// from the waiters, who are at most `maxWaiters` and are woken once per poll, not once per event.
    mutating func append(_ event: DashboardEvent) -> [DashboardWaiter] {
        latestSequence += 1
        var numbered = event
        numbered.sequence = latestSequence
        _ = ring.append(numbered)
        guard !waiters.isEmpty else { return [] }
        defer { waiters.removeAll(keepingCapacity: true) }
        return Array(waiters.values)
    }

    /// The events after `cursor`, oldest first: the newest `limit` of them when there are more (a page that fell
    /// behind shows the present, not the past), with `missed` counting those left out or already dropped from the
    /// ring. A cursor beyond the newest event (a browser that saw an earlier run of the process) gets nothing and the
    /// newest sequence as its next cursor.
    func page(after cursor: Int, limit: Int) -> DashboardPage {
        guard cursor < latestSequence else { return DashboardPage(events: [], next: latestSequence, missed: 0) }
        let after = latestSequence - cursor
        let held = min(after, ring.count)
        let shown = min(held, max(0, limit))
        let events = (ring.count - shown..<ring.count).map { ring[$0] }
        return DashboardPage(events: events, next: latestSequence, missed: after - shown)
    }

    /// Whether a poll with `cursor` has something to answer at once (new events, or a stale cursor).
    func isReady(after cursor: Int) -> Bool { cursor != latestSequence }

    /// Registers a waiter and returns its id, plus the oldest waiter when the limit was reached (to fire now).
    mutating func addWaiter(_ wake: @escaping @Sendable () -> Void) -> (id: Int, displaced: DashboardWaiter?) {
        var displaced: DashboardWaiter?
        if waiters.count >= maxWaiters, let oldest = waiters.keys.min() {
            displaced = waiters.removeValue(forKey: oldest)
        }
        let id = nextWaiterID
        nextWaiterID += 1
        waiters[id] = DashboardWaiter(wake: wake, cancelTimer: nil)
        return (id, displaced)
    }

    /// Attaches the timeout's cancel closure; false when the waiter is already gone (so the caller cancels it).
    mutating func attachTimer(_ cancel: @escaping @Sendable () -> Void, toWaiter id: Int) -> Bool {
        guard waiters[id] != nil else { return false }
        waiters[id]?.cancelTimer = cancel
        return true
    }

    /// Removes and returns every waiter.
    mutating func removeAllWaiters() -> [DashboardWaiter] {
        defer { waiters.removeAll() }
        return Array(waiters.values)
    }

    /// Removes waiter `id` and returns it; nil when it was already woken.
    mutating func endWaiter(_ id: Int) -> DashboardWaiter? { waiters.removeValue(forKey: id) }
}
