// Registering, timing out and cancelling waiters in the journal's state.

extension JournalState {
    /// Registers a waiter, or returns it satisfied at once when `target` matching entries are already retained.
    mutating func addWaiter(matcher: RequestMatcher, target: Int,
                            completion: @escaping @Sendable (Int) -> Void) -> (waiterID: Int?, satisfied: SatisfiedWaiter?) {
        let matching = Set(ring.elements.lazy.filter { matcher.matches($0) }.map(\.id))
        if matching.count >= target {
            return (nil, SatisfiedWaiter(completion: completion, count: matching.count, cancelTimer: nil))
        }
        let id = nextWaiterID
        nextWaiterID += 1
        waiters[id] = JournalWaiter(matcher: matcher, target: target, matchingIDs: matching, completion: completion)
        return (id, nil)
    }

    /// Attaches the timeout's cancel closure; false when the waiter is already gone (so the caller cancels it).
    mutating func attachTimer(_ cancel: @escaping @Sendable () -> Void, toWaiter id: Int) -> Bool {
        guard waiters[id] != nil else { return false }
        waiters[id]?.cancelTimer = cancel
        return true
    }

    /// Removes waiter `id`, returning it with its current count; nil when it already completed.
    mutating func endWaiter(_ id: Int) -> SatisfiedWaiter? {
        guard let waiter = waiters.removeValue(forKey: id) else { return nil }
        return SatisfiedWaiter(completion: waiter.completion, count: waiter.matchingIDs.count, cancelTimer: waiter.cancelTimer)
    }
}
