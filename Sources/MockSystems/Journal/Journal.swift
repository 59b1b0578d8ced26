// Every request the mock systems received, in a bounded ring, shared by request handlers and the admin API.
import Foundation
import HTTPWire
import Synchronization

/// A thread-safe, bounded record of requests.
///
/// Handlers `record(_:)` a request on arrival, `update(id:_:)` it as they learn its route, auth and validation,
/// and `complete(id:_:)` it once answered (or once the connection ended without an answer). When full,
/// the oldest entry is dropped and counted in `stats.overflow`. Ids start at 1 and keep increasing, across
/// `reset()` too, so an id seen by a client never names another request.
///
/// With a persistence file, each entry is appended as one JSON line, secrets masked, when it completes.
public final class Journal: Sendable {
    /// Entries held when no capacity is given.
    public static let defaultCapacity = 10_000

    /// The most entries held; recording another drops the oldest.
    public let capacity: Int
    let state: Mutex<JournalState>
    private let file: JournalFile?
    let scheduler: JournalTimerScheduler

    /// A journal holding up to `capacity` entries.
    /// - Parameters:
    ///   - persistTo: a JSON Lines file to append completed entries to; created when missing, never truncated.
    ///   - scheduler: runs wait timeouts; defaults to a dispatch timer.
    /// - Throws: `JournalError` when `capacity` is below 1 or the file cannot be opened for appending.
    public init(capacity: Int = Journal.defaultCapacity, persistTo: URL? = nil,
                scheduler: @escaping JournalTimerScheduler = Journal.dispatchTimer) throws(JournalError) {
        guard capacity >= 1 else { throw .invalidCapacity(capacity) }
        self.capacity = capacity
        state = Mutex(JournalState(capacity: capacity))
        file = try persistTo.map { url throws(JournalError) in try JournalFile(url: url) }
        self.scheduler = scheduler
    }

    /// Records `draft` (its `id` is ignored) and returns the id it was given.
    @discardableResult
    public func record(_ draft: JournalEntry) -> Int {
        let (id, satisfied, observer) = state.withLock { state in
            let (id, satisfied) = state.record(draft)
            return (id, satisfied, state.observer)
        }
        satisfied.forEach { $0.fire() }
        if let observer { observer(.recorded(id: id)) }
        return id
    }

    /// Changes entry `id` in place, e.g. `journal.update(id: id) { $0.route = "create_contact" }`; its id stays.
    /// Changes after completion are not persisted. - Returns: false when no such entry is held.
    @discardableResult
    public func update(id: Int, _ change: @Sendable (inout JournalEntry) -> Void) -> Bool {
        guard let (_, satisfied) = state.withLock({ $0.modify(id: id, change) }) else { return false }
        satisfied.forEach { $0.fire() }
        return true
    }

    /// Fills in what was learned about entry `id`; nil arguments leave fields as they are.
    /// - Returns: false when no such entry is held.
    @discardableResult
    public func update(id: Int, route: String? = nil, auth: AuthOutcome? = nil, validation: BodyValidationOutcome? = nil,
                       fault: String? = nil, status: Int? = nil) -> Bool {
        update(id: id) { entry in
            if let route { entry.route = route }
            if let auth { entry.auth = auth }
            if let validation { entry.validation = validation }
            if let fault { entry.fault = fault }
            if let status { entry.status = status }
        }
    }

    /// Marks entry `id` finished as `completion` says, in one step: what was sent (nil when the connection was
    /// reset or closed without an answer), what decided it, and what processing learned. Persists the entry when
    /// the journal has a file.
    /// - Returns: false when the entry is unknown or was already completed (it is then not persisted again).
    @discardableResult
    public func complete(id: Int, _ completion: JournalCompletion) -> Bool {
        let now = MonotonicClock.now()
        guard let (entry, satisfied, observer) = state.withLock({ state in
            state.complete(id: id, completion, at: now).map { ($0.entry, $0.satisfied, state.observer) }
        }) else { return false }
        if let file { file.append(entry.json(revealSecrets: false).encoded() + [0x0A]) }
        satisfied.forEach { $0.fire() }
        observer?(.completed(id: entry.id))
        return true
    }

    /// Marks entry `id` finished as a route's answer with `status`, or as unanswered when `status` is nil.
    @discardableResult
    public func complete(id: Int, status: Int?) -> Bool {
        complete(id: id, JournalCompletion(status: status, answeredBy: status == nil ? .nothing : .route))
    }

    /// Entry `id`, if held (or dropped but not yet completed).
    public func entry(id: Int) -> JournalEntry? { state.withLock { $0.entry(id: id) } }

    /// Retained entries admitted by `filter`, oldest first, at most `filter.limit`.
    public func entries(filter: JournalFilter = JournalFilter()) -> [JournalEntry] {
        let all = state.withLock { $0.ring.elements }
        return Array(all.lazy.filter { filter.admits($0) }.prefix(max(0, filter.limit)))
    }

    /// How many retained entries `matcher` matches.
    public func count(matching matcher: RequestMatcher) -> Int { find(matching: matcher).count }

    /// Retained entries `matcher` matches, oldest first.
    public func find(matching matcher: RequestMatcher) -> [JournalEntry] {
        state.withLock { $0.ring.elements }.filter { matcher.matches($0) }
    }

    /// Drops every retained entry and zeroes `recorded` and `overflow`. Ids keep increasing. Entries still in
    /// flight are persisted when they complete; waiters keep waiting, counting from zero.
    public func reset() {
        let observer = state.withLock { state in
            state.reset()
            return state.observer
        }
        observer?(.reset)
    }

    /// Counters: recorded, retained, overflow, persistence.
    public var stats: JournalStats {
        let (recorded, retained, overflow) = state.withLock { ($0.recorded, $0.ring.count, $0.overflow) }
        let persistence = file?.counts ?? (written: 0, failures: 0, lastError: nil)
        return JournalStats(recorded: recorded, retained: retained, overflow: overflow, capacity: capacity,
                            persisted: persistence.written, persistFailures: persistence.failures,
                            lastPersistError: persistence.lastError)
    }

    /// Flushes and closes the persistence file; entries completed later are kept in memory only.
    public func close() { file?.close() }
}
