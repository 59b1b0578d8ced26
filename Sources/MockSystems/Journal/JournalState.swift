// The journal's state as a value: entries, counters and waiters. Every change returns the waiters it satisfied,
// so that `Journal` can call them after releasing its lock.

/// A waiter whose count was reached (or whose time ran out): call `completion(count)` and `cancelTimer()`.
struct SatisfiedWaiter {
    let completion: @Sendable (Int) -> Void
    let count: Int
    let cancelTimer: (@Sendable () -> Void)?

    func fire() {
        cancelTimer?()
        completion(count)
    }
}

/// Someone waiting for `target` retained entries that match `matcher`.
struct JournalWaiter {
    let matcher: RequestMatcher
    let target: Int
    /// Ids of retained entries that match; kept up to date on every change, so no change rescans the journal.
    var matchingIDs: Set<Int>
    let completion: @Sendable (Int) -> Void
    var cancelTimer: (@Sendable () -> Void)?
}

struct JournalState {
    var ring: RingBuffer<JournalEntry>
    /// Entries dropped from the ring (overflow or reset) before they completed, kept until they do so that
    /// completing them still persists them. Bounded by the requests in flight.
    var detached: [Int: JournalEntry] = [:]
    var nextID = 1
    var recorded = 0
    var overflow = 0
    var waiters: [Int: JournalWaiter] = [:]
    var nextWaiterID = 1
    /// Told of arrivals, completions and resets after the lock is released (`Journal+Observing.swift`).
    var observer: JournalObserver?

    init(capacity: Int) { ring = RingBuffer(capacity: capacity) }

    /// Stores `draft` under the next id.
    mutating func record(_ draft: JournalEntry) -> (id: Int, satisfied: [SatisfiedWaiter]) {
        var entry = draft
        entry.id = nextID
        nextID += 1
        recorded += 1
        if let evicted = ring.append(entry) {
            overflow += 1
            forget(evicted)
        }
        return (entry.id, changed(entry))
    }

    /// Applies `change` to entry `id`; nil when no such entry is held. The id cannot be changed.
    mutating func modify(id: Int, _ change: @Sendable (inout JournalEntry) -> Void) -> (entry: JournalEntry, satisfied: [SatisfiedWaiter])? {
        if let offset = ringOffset(of: id) {
            var entry = ring[offset]
            change(&entry)
            entry.id = id
            ring[offset] = entry
            return (entry, changed(entry))
        }
        guard var entry = detached[id] else { return nil }
        change(&entry)
        entry.id = id
        detached[id] = entry.completed ? nil : entry
        return (entry, [])
    }

    /// Marks entry `id` completed as `completion` says at monotonic time `now`; nil when it is unknown or already
    /// completed.
    mutating func complete(id: Int, _ completion: JournalCompletion, at now: UInt64 = 0) -> (entry: JournalEntry, satisfied: [SatisfiedWaiter])? {
        guard let current = entry(id: id), !current.completed else { return nil }
        return modify(id: id) { entry in
            entry.status = completion.status
            entry.answeredBy = completion.answeredBy
            if let auth = completion.auth { entry.auth = auth }
            if let validation = completion.validation { entry.validation = validation }
            entry.completed = true
            entry.completedMonotonicNanoseconds = now
        }
    }

    func entry(id: Int) -> JournalEntry? {
        ringOffset(of: id).map { ring[$0] } ?? detached[id]
    }

    /// Drops every retained entry and resets `recorded` and `overflow`; ids keep increasing.
    mutating func reset() {
        for entry in ring.removeAll() where !entry.completed { detached[entry.id] = entry }
        recorded = 0
        overflow = 0
        for id in waiters.keys { waiters[id]?.matchingIDs.removeAll() }
    }

    /// Retained entries are contiguous in id, so an id's place is its distance from the oldest.
    private func ringOffset(of id: Int) -> Int? {
        guard let oldest = ring.first?.id else { return nil }
        let offset = id - oldest
        guard offset >= 0, offset < ring.count else { return nil }
        return offset
    }

    private mutating func forget(_ evicted: JournalEntry) {
        if !evicted.completed { detached[evicted.id] = evicted }
        for id in waiters.keys { waiters[id]?.matchingIDs.remove(evicted.id) }
    }

    /// Re-evaluates every waiter against `entry` and removes those now satisfied.
    private mutating func changed(_ entry: JournalEntry) -> [SatisfiedWaiter] {
        var satisfied: [SatisfiedWaiter] = []
        for (id, var waiter) in waiters {
            if waiter.matcher.matches(entry) {
                waiter.matchingIDs.insert(entry.id)
            } else {
                waiter.matchingIDs.remove(entry.id)
            }
            if waiter.matchingIDs.count >= waiter.target {
                waiters[id] = nil
                satisfied.append(SatisfiedWaiter(completion: waiter.completion, count: waiter.matchingIDs.count, cancelTimer: waiter.cancelTimer))
            } else {
                waiters[id] = waiter
            }
        }
        return satisfied
    }
}
