// How long a case has spent waiting on the target's answers, so its deadline counts only the suite's own time. Pure.

/// The time during which at least one request of a case to the target was outstanding, and how many were made.
///
/// A correct but slow or far target needs many round trips; the case deadline must not count them (each has its own
/// request timeout), only the time the case spends on its own waits and checks.
struct TargetTime: Equatable {
    /// Requests sent so far.
    private(set) var requests = 0
    /// Requests sent and not yet answered (or failed).
    private(set) var outstanding = 0
    private var busySince: UInt64 = 0
    private var busyBefore: UInt64 = 0

    /// A request to the target starts at `now` (monotonic nanoseconds).
    mutating func begin(now: UInt64) {
        if outstanding == 0 { busySince = now }
        outstanding += 1
        requests += 1
    }

    /// A request that began ended at `now`.
    mutating func end(now: UInt64) {
        guard outstanding > 0 else { return }
        outstanding -= 1
        if outstanding == 0 { busyBefore += now >= busySince ? now - busySince : 0 }
    }

    /// Nanoseconds up to `now` during which some request was outstanding (overlapping requests count once).
    func busy(now: UInt64) -> UInt64 {
        busyBefore + (outstanding > 0 && now >= busySince ? now - busySince : 0)
    }
}
