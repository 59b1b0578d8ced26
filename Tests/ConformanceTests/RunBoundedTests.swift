// Case deadlines: work that finishes, throws, or outlives its deadline.
@testable import Conformance
import Dispatch
import HTTPWire
import Synchronization
import Testing

@Suite struct RunBoundedTests {
    struct Boom: Error {}

    @Test func finishedWork_ReportsItsResult() async {
        guard case .finished(.success) = await runBounded(seconds: 5, {}) else { Issue.record("expected success"); return }
        guard case .finished(.failure(is Boom)) = await runBounded(seconds: 5, { throw Boom() }) else {
            Issue.record("expected the thrown error"); return
        }
    }

    @Test func workPastTheDeadline_IsAbandonedAtTheDeadline() async {
        let clock = ContinuousClock()
        let start = clock.now
        // The work ignores cancellation for 5 s; the deadline is 0.1 s.
        let outcome = await runBounded(seconds: 0.1) {
            await ignoringCancellation(seconds: 5)
        }
        let elapsed = clock.now - start
        guard case .deadlinePassed = outcome else { Issue.record("expected the deadline"); return }
        #expect(elapsed >= .milliseconds(100) && elapsed < .seconds(4))
    }

    @Test func aDeadlineThatMovesLater_IsReadAgain_BeforeAbandoning() async {
        let first = MonotonicClock.now() + 100_000_000  // 0.1 s
        let moved = Mutex(false)
        // The first deadline passes while the work runs; by then the deadline has moved 0.4 s later, and the work
        // (0.3 s) finishes inside it.
        let outcome = await runBounded(deadline: { moved.withLock { $0 } ? first + 400_000_000 : first }) {
            moved.withLock { $0 = true }
            await ignoringCancellation(seconds: 0.3)
        }
        guard case .finished(.success) = outcome else { Issue.record("expected the work to finish, got \(outcome)"); return }
    }
}

/// Waits `seconds` without a thread and without noticing cancellation, like a request stuck on a hung target.
func ignoringCancellation(seconds: Double) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { continuation.resume() }
    }
}
