// How a live view follows the journal: one observer told of every arrival, completion and reset, and the newest entries.

/// What changed in a journal: entry `id` recorded (on arrival), entry `id` completed (answered, or ended without an
/// answer), or every entry dropped by a reset. Only the id travels: an observer reads the entry when it needs it,
/// so the request's thread copies nothing.
public enum JournalChange: Sendable, Equatable {
    case recorded(id: Int)
    case completed(id: Int)
    case reset
}

/// Called after the journal's lock is released, on the thread that made the change (a request's event loop): it
/// must do O(1) work and never block, or it slows the mock down.
public typealias JournalObserver = @Sendable (JournalChange) -> Void

extension Journal {
    /// Installs `observer` (replacing any earlier one), or removes it with nil. Changes made before it was
    /// installed are not replayed: read `entries(filter:)` for those.
    public func observe(_ observer: JournalObserver?) {
        state.withLock { $0.observer = observer }
    }

    /// The newest `limit` retained entries, oldest of them first: O(limit) under the lock, for a live view's first page.
    public func newest(_ limit: Int) -> [JournalEntry] {
        state.withLock { state in
            let count = min(max(0, limit), state.ring.count)
            return (state.ring.count - count..<state.ring.count).map { state.ring[$0] }
        }
    }
}
